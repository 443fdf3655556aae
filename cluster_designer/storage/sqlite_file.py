"""Everything specific to a project kept in one SQLite file.

A file is inspected read-only (raw header first, then a `mode=ro` connection) before anything
opens it for writing, so a foreign or damaged file is refused without being touched. Also here:
the engine with our pragmas and `BEGIN IMMEDIATE` for writes, and the copy made before a
migration.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection

from ..i18n import _
from .errors import ProjectError
from .schema import APPLICATION_ID, FORMAT_NAME

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "cluster_designer_write"


def _not_ours(path: Path, why: str) -> ProjectError:
    return ProjectError(
        _("{path} is not a Cluster Designer project ({why})").format(path=path, why=why)
    )


def _damaged(path: Path, why: str) -> ProjectError:
    return ProjectError(
        _("{path} is a damaged Cluster Designer project ({why})").format(path=path, why=why)
    )


def inspect_file(path: Path) -> str | None:
    """The schema revision stored in our project file; ProjectError for anything else.

    Never writes, except to let SQLite roll back an interrupted save in a file that is ours.
    """
    if path.is_dir():
        raise _not_ours(path, _("it is a folder"))
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise ProjectError(
            _("{path} cannot be read: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    if not header:
        raise _not_ours(path, _("the file is empty"))
    if not header.startswith(SQLITE_MAGIC[: len(header)]) or len(header) < len(SQLITE_MAGIC):
        raise _not_ours(path, _("it is not an SQLite database"))
    if len(header) < 100:
        raise _damaged(path, _("the file is cut short"))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise _not_ours(path, _("it is an SQLite database made by another program"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96] and pages > 0
    if size_is_valid and size < page_size * pages:
        raise _damaged(path, _("the file is cut short"))
    try:
        return _read_revision(path)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
            raise _damaged(path, str(exc)) from None
    _roll_back_interrupted_save(path)
    return _read_revision(path)


def _read_revision(path: Path) -> str | None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(_("{path} cannot be opened: {exc}").format(path=path, exc=exc)) from None
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "project_info" not in tables or "alembic_version" not in tables:
            raise _damaged(path, _("its tables are missing"))
        row = conn.execute("SELECT value FROM project_info WHERE key='format'").fetchone()
        if row is None or row[0] != FORMAT_NAME:
            raise _damaged(path, _("its format mark is missing"))
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if revision is None else str(revision[0])
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            raise
        raise _damaged(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from None
    finally:
        conn.close()


def _roll_back_interrupted_save(path: Path) -> None:
    """A save was cut off (crash, power loss): let SQLite restore the last saved state."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _damaged(
            path, _("an interrupted save could not be undone: {exc}").format(exc=exc)
        ) from None


def make_engine(path: Path) -> Engine:
    """An engine with a rollback journal (one file to copy around), busy waiting and FKs."""
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front, so two writers queue instead of deadlocking.
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# Errors of os.link on file systems that have no hard links (FAT, exFAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def publish(temp: Path, path: Path, *, replace: bool) -> bool:
    """Put the finished file `temp` at `path` in one step, flushed to the disk first.

    Without `replace`, only where nothing is yet: False when another program created `path`
    meanwhile (then `temp` is left for the caller and `path` is not touched). A file that
    appears at `path` is always complete; a file of someone else is never replaced.
    """
    sync_file(temp)
    if replace:
        os.replace(temp, path)
    elif not _link_into_place(temp, path):
        return False
    sync_folder(path.parent)
    return True


def _link_into_place(temp: Path, path: Path) -> bool:
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        return _rename_without_links(temp, path)
    temp.unlink(missing_ok=True)
    return True


def _rename_without_links(temp: Path, path: Path) -> bool:
    """Windows' rename never replaces; elsewhere claim the name first, then move in."""
    if sys.platform == "win32":
        try:
            os.rename(temp, path)
        except FileExistsError:
            return False
        return True
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except FileExistsError:
        return False
    os.replace(temp, path)
    return True


def sync_file(path: Path) -> None:
    """Flush a file's contents to the disk (a rename must never publish a half-written file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename itself is done
    finally:
        os.close(fd)


def mark_as_ours(conn: Connection) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy the file before migrating it: next to it, or in the temp folder if that fails."""
    suffix = f".bak-{revision or 'none'}"
    candidates = [
        path.with_name(path.name + suffix),
        Path(tempfile.gettempdir()) / (path.name + suffix),
    ]
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        # Hold a read lock so no one commits while the copy is made.
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for candidate in candidates:
            target = _free_name(candidate)
            try:
                shutil.copy2(path, target)
                return target
            except OSError:
                continue
    finally:
        conn.close()
    raise ProjectError(
        _(
            "{path} needs an upgrade but no backup copy could be written; nothing was changed"
        ).format(path=path)
    )


def _free_name(candidate: Path) -> Path:
    target, n = candidate, 2
    while target.exists():
        target = candidate.with_name(f"{candidate.name}-{n}")
        n += 1
    return target
