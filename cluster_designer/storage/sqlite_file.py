"""Everything specific to a project kept in one SQLite file.

A file is inspected read-only (raw header first, then a `mode=ro` connection) before anything
opens it for writing, so a foreign or damaged file is refused without being touched. Also here:
the engine with our pragmas and `BEGIN IMMEDIATE` for writes, and the copy made before a
migration.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from ..durable import sync_file, sync_folder
from ..i18n import _
from .errors import DamagedProjectError, ProjectError
from .schema import APPLICATION_ID, FORMAT_NAME

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
THOROUGH_CHECK_MAX_BYTES = 32 * 1024 * 1024
"""Files up to this size get SQLite's full integrity check on open (about 1 s at 32 MB,
a 100,000-actor project); larger ones the quick check, which skips comparing each index
with its table."""
WRITE_OPTION = "cluster_designer_write"
STOPPED_OPTION = "cluster_designer_stopped"  # a callable: True once the work was stopped
BUSY_POLL_MS = 100


def _not_ours(path: Path, why: str) -> ProjectError:
    return ProjectError(
        _("{path} is not a Cluster Designer project ({why})").format(path=path, why=why)
    )


def _damaged(path: Path, why: str) -> DamagedProjectError:
    return DamagedProjectError(path, why)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What opening learnt from a project file, read while no one could change it."""

    revision: str | None
    change_counter: int  # SQLite's count of commits to the file (header bytes 24–27)


def inspect_file(path: Path) -> FileFacts:
    """The schema revision stored in our project file; ProjectError for anything else.

    Never writes, except to let SQLite roll back an interrupted save in a file that is ours.
    A file that fails SQLite's integrity check is refused (`DamagedProjectError`) untouched.
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
        return _read_facts(path, size)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
            raise _damaged(path, str(exc)) from None
    _roll_back_interrupted_save(path)
    return _read_facts(path, size)


def _read_facts(path: Path, size: int) -> FileFacts:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise ProjectError(_("{path} cannot be opened: {exc}").format(path=path, exc=exc)) from None
    try:
        conn.execute("BEGIN")  # one read transaction: no one commits while we look
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "project_info" not in tables or "alembic_version" not in tables:
            raise _damaged(path, _("its tables are missing"))
        check_integrity(conn, path, thorough=size <= THOROUGH_CHECK_MAX_BYTES)
        row = conn.execute("SELECT value FROM project_info WHERE key='format'").fetchone()
        if row is None or row[0] != FORMAT_NAME:
            raise _damaged(path, _("its format mark is missing"))
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None:
            raise _damaged(path, _("its schema version is missing"))
        return FileFacts(str(revision[0]), change_counter(path))
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            raise
        raise _damaged(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, str(exc)) from None
    finally:
        conn.close()


def check_integrity(conn: sqlite3.Connection, path: Path, *, thorough: bool) -> None:
    """SQLite's own check of every page (and, when thorough, of every index against its
    table); the first problem found is the reason given to the user."""
    pragma = "integrity_check" if thorough else "quick_check"
    rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
    if rows != [("ok",)]:
        reason = " ".join(str(rows[0][0]).split()) if rows else pragma
        raise _damaged(path, reason[:200])


def change_counter(path: Path) -> int:
    """How many commits the file has seen; another program's commit changes it."""
    with path.open("rb") as handle:
        handle.seek(24)
        return int.from_bytes(handle.read(4), "big")


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
        if conn.get_execution_options().get(WRITE_OPTION, False):
            _begin_writing(conn)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _begin_writing(conn: Connection) -> None:
    """`BEGIN IMMEDIATE`, waiting up to BUSY_TIMEOUT_MS for another program's save to end.

    SQLite's own wait cannot be interrupted, so it waits in short steps and between them
    asks whether the save was stopped meanwhile (`STOPPED_OPTION`, the Cancel button).
    """
    stopped = conn.get_execution_options().get(STOPPED_OPTION)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw.execute(f"PRAGMA busy_timeout={min(BUSY_POLL_MS, BUSY_TIMEOUT_MS)}")
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                busy = "locked" in str(exc.orig) or "busy" in str(exc.orig)
                if not busy or time.monotonic() >= deadline or (stopped and stopped()):
                    raise
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


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


def copy_file(path: Path, target: Path) -> None:
    """A consistent copy of the project at `target`, replacing what is there in one step.

    SQLite's backup copies a snapshot (a save in progress elsewhere is wholly in it or not);
    the copy is flushed to the disk before it takes the target's name, so a full disk or a
    crash leaves the old target file whole.
    """
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.copying")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        publish(temp, target, replace=True)
    except sqlite3.Error as exc:
        raise ProjectError(
            _("{path} cannot be written: {reason}").format(path=target, reason=exc)
        ) from None
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)


def mark_as_ours(conn: Connection) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy the file before migrating it: next to it, or in the temp folder if that fails.

    An identical copy made earlier (an upgrade that failed and is tried again) is reused,
    so opening the same file repeatedly never piles up backups.
    """
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
        digest = _digest(path)
        for candidate in candidates:
            earlier = _same_copy(candidate, digest)
            if earlier is not None:
                return earlier
        for candidate in candidates:
            target = _free_name(candidate)
            try:
                _copy_whole(path, target)
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


def _copy_whole(path: Path, target: Path) -> None:
    """Copy, flushed to the disk; a copy cut short (a full disk) is removed, never kept."""
    try:
        shutil.copy2(path, target)
        sync_file(target)
    except OSError:
        target.unlink(missing_ok=True)
        raise


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _same_copy(candidate: Path, digest: str) -> Path | None:
    """An existing backup (`name.bak-R`, `name.bak-R-2`, …) with exactly these contents."""
    target, n = candidate, 2
    while target.exists():
        try:
            if _digest(target) == digest:
                return target
        except OSError:
            pass
        target = candidate.with_name(f"{candidate.name}-{n}")
        n += 1
    return None


def _free_name(candidate: Path) -> Path:
    target, n = candidate, 2
    while target.exists():
        target = candidate.with_name(f"{candidate.name}-{n}")
        n += 1
    return target
