"""A project: one database holding any number of designs; the only door to it is `Project`.

Every write is one transaction. Saving a design that was loaded from this project writes only
what its change journal names; the design row's `version` column, read under a row lock,
refuses a save over someone else's newer one. SQLite-only matters (file checks, pragmas,
backups) live in `sqlite_file`, PostgreSQL-only ones (driver, snapshots, locks) in `server`.
"""

from __future__ import annotations

import os
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, func, insert, literal, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from ..i18n import _
from ..model import ClusterError, Design, ValidationError, new_lineage, now_utc
from ..model.entities import check_name
from . import migrate, server, sqlite_file
from .errors import ConflictError, DamagedProjectError, ProjectError, StoppedError
from .interrupt import CANCELLED, TIMED_OUT, Interrupted, Interrupter
from .locations import is_url, mask_password, redact
from .rows import (
    ACTOR_COLUMNS,
    GROUP_COLUMNS,
    ROWS_AT_ONCE,
    TIE_COLUMNS,
    BadRow,
    TieEnds,
    actor_from_row,
    actors_from_columns,
    group_from_row,
    read_batches_in_order,
    read_in_order,
    tie_from_row,
    ties_from_columns,
)
from .schema import (
    ACTORS,
    DESIGNS,
    FORMAT_NAME,
    GROUPS,
    PROJECT_INFO,
    TIES,
    DesignRow,
    ProjectInfoRow,
    StoredValueError,
)
from .writes import (
    Origin,
    delete_design_rows,
    design_id,
    no_gc,
    write_all,
    write_changes,
    write_meta,
)


def app_version() -> str:
    try:
        return metadata.version("cluster-designer")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True, slots=True)
class DesignInfo:
    """What a list of designs shows, without loading any actor."""

    name: str
    region: str
    description: str
    created: datetime
    updated: datetime
    actor_count: int
    tie_count: int
    year: int | None = None


OPEN_PATIENCE = 10.0  # opening may upgrade a repository's schema: ten times the deadline

# Keyed by the Design object itself, so forgetting a design forgets its bookkeeping.
_ORIGINS: weakref.WeakKeyDictionary[Design, Origin] = weakref.WeakKeyDictionary()


class Project:
    """An open project file (or database URL). Use `Project.open`."""

    def __init__(
        self, engine: Engine, path: Path | str, label: str, deadline_s: float | None = None
    ) -> None:
        self._engine: Engine | None = engine
        # Stops a transaction on request (`cancel`) or when a server takes too long.
        self._interrupter = Interrupter(engine, deadline_s)
        self.path = path
        self._label = label
        self.backup_path: Path | None = None  # set when opening upgraded an older file
        self._project_id = ""
        self._read_options: dict[str, Any] = {}  # per back-end options of reading transactions
        self._file: Path | None = None  # the SQLite file, which is checked before writing
        self._checked_counter = -1  # its commit count when it was last found undamaged

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path_or_url: str | os.PathLike[str], create: bool = False) -> Project:
        """Open a project; with `create`, make a new one where nothing exists yet.

        A path is an SQLite `.cluster` file; a SQLAlchemy URL names a database instead, e.g.
        `postgresql+psycopg://user@host/db`. On a server, `create` builds our tables in an
        empty database; it never creates the database itself.
        """
        text = os.fspath(path_or_url)
        if is_url(text):
            try:
                return cls._open_address(text, create)
            except ProjectError as exc:
                # A driver's message may quote the address: no password ever shows.
                exc.args = (redact(str(exc), text),)
                raise
        return cls._open_file(Path(text).expanduser(), create)

    @classmethod
    def _open_address(cls, text: str, create: bool) -> Project:
        try:
            url = make_url(text)
        except ArgumentError:
            raise ProjectError(
                _("'{text}' is not a valid database address").format(text=mask_password(text))
            ) from None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return cls._open_file(Path(url.database), create)
        return cls._open_url(text, create)

    @classmethod
    def _open_file(cls, path: Path, create: bool) -> Project:
        if not (path.exists() or path.is_symlink()):
            if not create:
                raise ProjectError(_("{path}: no such project file").format(path=path))
            temp = cls._build_file(path)
            try:
                # False: another program created it meanwhile; then that project is opened.
                sqlite_file.publish(temp, path, replace=False)
            except OSError as exc:
                raise ProjectError(
                    _("{path} cannot be created: {reason}").format(
                        path=path, reason=exc.strerror or exc
                    )
                ) from None
            finally:
                temp.unlink(missing_ok=True)
        facts = sqlite_file.inspect_file(path)
        revision = facts.revision
        _refuse_unknown(str(path), revision)
        project = cls(sqlite_file.make_engine(path), path, str(path))
        project._file = path
        project._checked_counter = facts.change_counter
        try:
            if revision != migrate.head_revision():
                project.backup_path = sqlite_file.backup_before_upgrade(path, revision)
                project._upgrade()
            project._read_project_id()
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def _build_file(cls, path: Path) -> Path:
        """A new, empty project under a temporary name next to `path`; the caller publishes it.

        Nothing ever appears at `path` half-made, and a failure leaves nothing behind.
        """
        if not path.parent.is_dir():
            raise ProjectError(
                _("{path}: the folder {parent} does not exist").format(
                    path=path, parent=path.parent
                )
            )
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.creating")
        engine = sqlite_file.make_engine(temp)
        try:
            with _write_connection(engine) as conn:
                sqlite_file.mark_as_ours(conn)
                migrate.upgrade(conn)
                _write_info(conn, new=True)
        except BaseException as exc:
            engine.dispose()
            temp.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                reason: object = exc.strerror or exc
            elif isinstance(exc, SQLAlchemyError):
                reason = getattr(exc, "orig", exc)
            else:
                raise
            raise ProjectError(
                _("{path} cannot be created: {reason}").format(path=path, reason=reason)
            ) from None
        engine.dispose()
        return temp

    @classmethod
    def _on_new_file(cls, temp: Path, path: Path) -> Project:
        """A project built by `_build_file`, not yet published: shown under its final name."""
        project = cls(sqlite_file.make_engine(temp), path, str(path))
        project._file = temp
        project._checked_counter = sqlite_file.change_counter(temp)
        try:
            project._read_project_id()
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def _open_url(cls, url: str, create: bool) -> Project:
        """A database server (or an SQLite memory database): same schema and migrations."""
        label = mask_password(url)  # every form: user:password@ and ?password= alike
        on_server = not url.startswith("sqlite")
        if on_server:
            engine = server.make_engine(url, label)
        else:
            try:
                engine = create_engine(url, poolclass=StaticPool)
            except (ArgumentError, ImportError) as exc:
                raise ProjectError(
                    _("{label} cannot be used: {exc}").format(label=label, exc=exc)
                ) from None
        project = cls(engine, url, label, server.DEADLINE_S if on_server else None)
        try:
            with project._writing("open") as conn:
                if on_server:
                    server.lock_for_migration(conn)
                tables = set(sa_inspect(conn).get_table_names())
                if not tables and create:
                    migrate.upgrade(conn)
                    _write_info(conn, new=True)
                elif "project_info" not in tables:
                    raise ProjectError(
                        _("{label} holds no Cluster Designer project").format(label=label)
                    )
                else:
                    fmt = conn.scalar(
                        select(PROJECT_INFO.c.value).where(PROJECT_INFO.c.key == "format")
                    )
                    if fmt != FORMAT_NAME:
                        raise ProjectError(
                            _("{label} holds no Cluster Designer project").format(label=label)
                        )
                    revision = migrate.current_revision(conn)
                    _refuse_unknown(label, revision)
                    if revision != migrate.head_revision():
                        migrate.upgrade(conn)
                        _write_info(conn, new=False)
            if on_server:
                project._read_options = server.READ_OPTIONS
            project._read_project_id()
        except BaseException:
            project.close()
            raise
        return project

    def _upgrade(self) -> None:
        with self._writing() as conn:
            migrate.upgrade(conn)
            _write_info(conn, new=False)

    def _read_project_id(self) -> None:
        with self._reading() as conn:
            value = conn.scalar(
                select(PROJECT_INFO.c.value).where(PROJECT_INFO.c.key == "project_id")
            )
        self._project_id = value or self._label

    def copy_file_to(self, target: str | os.PathLike[str]) -> None:
        """Write a copy of this project file at `target` (File ▸ Save As): complete or not
        at all, an existing file there replaced in one step."""
        if self._file is None:
            raise ProjectError(_("{project} is not a project file").format(project=self._label))
        try:
            sqlite_file.copy_file(self._file, Path(target))
        except OSError as exc:
            raise ProjectError(
                _("{path} cannot be written: {reason}").format(
                    path=target, reason=exc.strerror or exc
                )
            ) from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Project {self._label}>"

    def same_store(self, other: Project) -> bool:
        """Both objects open the same project (the same file or database)."""
        return self._project_id == other._project_id

    @property
    def label(self) -> str:
        """The project as it may be shown: the file path, or the URL with its password masked."""
        return self._label

    # --- transactions ------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the save (or read) running in another thread now; it commits nothing and
        raises a ProjectError saying so. Safe to call from any thread, at any time."""
        self._interrupter.stop(CANCELLED)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self._guard("read"), self._interrupter.watching(), self._live().connect() as conn:
            if self._read_options:
                conn.execution_options(**self._read_options)
            with conn.begin():
                yield conn

    @contextmanager
    def _writing(self, action: str = "save") -> Iterator[Connection]:
        patience = OPEN_PATIENCE if action == "open" else 1.0
        with self._guard(action), self._interrupter.watching(patience):
            with _write_connection(self._live(), self._interrupter.stopped) as conn:
                counter = self._check_before_writing(conn)
                yield conn
                self._interrupter.check()  # stopped meanwhile: roll back, never commit
            if counter is not None:
                self._checked_counter = counter + 1  # our own commit, checked as we wrote it

    def _check_before_writing(self, conn: Connection) -> int | None:
        """Never write into a damaged file: if another program committed since the file was
        last checked, check it again (under the write lock, so it cannot change meanwhile).
        Returns the file's commit count as found."""
        if self._file is None:
            return None
        counter = sqlite_file.change_counter(self._file)
        if counter != self._checked_counter:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            sqlite_file.check_integrity(raw, self._file, thorough=False)  # type: ignore[arg-type]
        return counter

    def _live(self) -> Engine:
        if self._engine is None:
            raise ProjectError(_("{label} is closed").format(label=self._label))
        return self._engine

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Database errors become one plain sentence naming the file."""
        try:
            yield
        except ClusterError:
            raise
        except StoredValueError as exc:
            if self._file is not None:
                raise DamagedProjectError(Path(self._label), str(exc)) from None
            raise ProjectError(
                _("{project} holds a value it cannot read ({reason})").format(
                    project=self._label, reason=exc
                )
            ) from None
        except (SQLAlchemyError, Interrupted) as exc:
            stopped = self._interrupter.reason
            if stopped is not None:
                raise StoppedError(
                    self._stopped_message(stopped, action), timed_out=stopped == TIMED_OUT
                ) from None
            if isinstance(exc, Interrupted):
                raise
            text = " ".join(str(getattr(exc, "orig", exc)).split())
            if action != "open" and server.connection_lost(exc):
                if action == "save":
                    message = _(
                        "{project}: the connection to the repository was lost; nothing was saved"
                    )
                else:
                    message = _("{project}: the connection to the repository was lost; try again")
            elif server.sqlstate(exc) == server.STATEMENT_TIMEOUT:
                message = _(
                    "{project} took too long over one step (more than {seconds} seconds); "
                    "nothing was saved"
                )
            elif server.sqlstate(exc) == server.UNIQUE_VIOLATION:
                message = _(
                    "{project}: someone else just stored a design under the same name; "
                    "nothing was saved, choose another name"
                )
            elif server.is_busy(exc):
                message = _(
                    "{project} is busy: another planner is saving the same design; try again"
                )
            elif "locked" in text or "busy" in text:
                message = _("{project} is busy: another program is saving it; try again")
            elif "readonly" in text or "read-only" in text:
                message = _("{project} cannot be written: the file or its folder is read-only")
            elif ("malformed" in text or "not a database" in text) and self._file is not None:
                raise DamagedProjectError(Path(self._label), text) from None
            elif "malformed" in text or "not a database" in text:
                message = _("{project} is a damaged Cluster Designer project ({reason})")
            else:
                message = _failure(action)
            message = message.format(
                project=self._label, reason=text, seconds=server.STATEMENT_TIMEOUT_MS // 1000
            )
            raise ProjectError(redact(message, str(self.path))) from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ProjectError(
                _failure(action).format(project=self._label, reason=reason)
            ) from None

    def _stopped_message(self, reason: str, action: str) -> str:
        if reason == TIMED_OUT:
            if action == "save":
                text = _("{project} did not answer within {seconds} seconds; nothing was saved")
            else:
                text = _("{project} did not answer within {seconds} seconds; try again later")
        elif action == "save":
            text = _("{project}: the save was stopped; nothing was saved")
        else:
            text = _("{project}: stopped on request")
        seconds = (self._interrupter.deadline_s or 0) * (OPEN_PATIENCE if action == "open" else 1)
        return text.format(project=self._label, seconds=f"{seconds:g}")

    # --- listing -----------------------------------------------------------------------
    def design_infos(self) -> list[DesignInfo]:
        """All designs in the order they were created."""
        query = _design_infos_query()
        with self._reading() as conn, Session(bind=conn) as session:
            return [
                DesignInfo(
                    d.name, d.region, d.description, d.created, d.updated, int(na), int(nt), d.year
                )
                for d, na, nt in session.execute(query)
            ]

    def design_names(self) -> list[str]:
        with self._reading() as conn:
            return list(conn.scalars(select(DESIGNS.c.name).order_by(DESIGNS.c.id)))

    def actor_ids(self, *, except_design: str | None = None) -> set[str]:
        """Every actor id used by a design of the project (optionally leaving one design out):
        imports that must make ids unique in the project start from these."""
        query = select(ACTORS.c.actor_id).distinct()
        if except_design is not None:
            query = query.where(
                ACTORS.c.design_id.not_in(
                    select(DESIGNS.c.id).where(DESIGNS.c.name == except_design)
                )
            )
        with self._reading() as conn:
            return set(conn.scalars(query))

    def has_design(self, name: str) -> bool:
        with self._reading() as conn:
            return design_id(conn, name) is not None

    # --- loading -----------------------------------------------------------------------
    def load_design(self, name: str) -> Design:
        with no_gc():
            return self._load_design(name)

    def _load_design(self, name: str) -> Design:
        with self._reading() as conn, Session(bind=conn) as session:
            row = session.scalars(select(DesignRow).where(DesignRow.name == name)).one_or_none()
            if row is None:
                raise ProjectError(
                    _("{label} has no design named '{name}'").format(label=self._label, name=name)
                )
            actor_cols = [ACTORS.c[c] for c in ACTOR_COLUMNS]
            tie_cols = [TIES.c[c] for c in TIE_COLUMNS]
            group_cols = [GROUPS.c[c] for c in GROUP_COLUMNS]
            design = Design(
                row.name,
                row.region,
                row.description,
                row.created,
                row.updated,
                lineage=row.lineage or None,
                year=row.year,
            )
            store_id, version, design_uid = row.id, row.version, row.uid
            try:
                # Rows become actors and ties a batch at a time, so they never pile up (they
                # were most of the memory an open took at its peak).
                actors, actor_seq = read_batches_in_order(
                    _row_batches(conn, select(*actor_cols).where(ACTORS.c.design_id == store_id)),
                    actors_from_columns,
                    actor_from_row,
                )
                ends = TieEnds([a.id for a in actors])  # ties share their ends' id texts
                ties, tie_seq = read_batches_in_order(
                    _row_batches(conn, select(*tie_cols).where(TIES.c.design_id == store_id)),
                    partial(ties_from_columns, ends=ends),
                    partial(tie_from_row, ends=ends),
                    (ends.sources, ends.targets),
                )
                groups, _group_seq = read_in_order(
                    conn.execute(select(*group_cols).where(GROUPS.c.design_id == store_id)),
                    group_from_row,
                )
            except BadRow as exc:
                raise self._damaged(name, exc) from None
        try:
            design.load(actors, ties, groups, tie_rows=ends.rows(len(ties)))
        except ValidationError as exc:
            raise self._damaged(name, exc) from None
        origin = Origin(self._project_id, store_id, actor_seq, tie_seq, design_uid)
        self._adopt(design, origin, version)
        return design

    def _damaged(self, name: str, exc: Exception) -> ProjectError:
        return ProjectError(
            _("{label}: design '{name}' is damaged: {exc}").format(
                label=self._label, name=name, exc=exc
            )
        )

    def _adopt(self, design: Design, origin: Origin, version: int) -> None:
        design.store_id = origin.store_id
        design.store_version = version
        design.journal.clear()
        _ORIGINS[design] = origin

    def _origin_of(self, design: Design) -> Origin | None:
        origin = _ORIGINS.get(design)
        if origin is None or design.store_id is None:
            return None
        if origin.project_id != self._project_id or origin.store_id != design.store_id:
            return None
        return origin

    # --- saving ------------------------------------------------------------------------
    def save_design(self, design: Design) -> None:
        """Store the design in one transaction: only its changes if it came from here."""
        origin = self._origin_of(design)
        if origin is None:
            self._insert(design, replace=False)
            return
        if design.journal.empty:
            return  # nothing to write; bumping the version would only make others conflict
        with self._writing() as conn:
            same_uid = (
                DESIGNS.c.uid.is_(None)
                if origin.design_uid is None
                else DESIGNS.c.uid == origin.design_uid
            )
            stored = conn.execute(
                select(DESIGNS.c.version)
                .where(DESIGNS.c.id == origin.store_id, same_uid)
                .with_for_update()
            ).scalar_one_or_none()
            if stored is None:
                raise ConflictError(
                    _(
                        "design '{name}' is no longer in {project} (it was deleted or replaced"
                        " elsewhere); save it under a new name"
                    ).format(name=design.name, project=self._label),
                    design_name=design.name,
                    their_version=None,
                    location=self._label,
                )
            if stored != design.store_version:
                raise ConflictError(
                    _(
"design '{name}' in {label} was changed by someone else after it was opened here; "
"reopen it, or save this one under a new name"
).format(name=design.name, label=self._label),
                    design_name=design.name, their_version=stored, location=self._label,
                )  # fmt: skip
            self._check_name_free(conn, design.name, origin.store_id)
            if design.journal.everything:
                patch = write_all(conn, origin.store_id, design, clear=True)
            else:
                patch = write_changes(conn, origin, design)
            version = stored + 1
            write_meta(conn, origin.store_id, design, version)
        patch.apply(origin)
        design.store_version = version
        design.journal.clear()

    def save_design_as_new(self, design: Design, new_name: str) -> None:
        """Store the design's content as a new design, then keep editing it as that one.

        The answer to a `ConflictError`: nothing of the other planner's design is touched, and
        `design` (with its undo history) is renamed and bound to the new row.
        """
        new_name = clean_design_name(new_name)
        stored = design.copy(new_name)
        self._insert(stored, replace=False)
        origin = _ORIGINS[stored]
        design.set_meta(name=new_name)
        design.updated = stored.updated
        self._adopt(design, origin, 1)

    def import_design(self, design: Design, replace: bool = False) -> None:
        """Store a design that came from elsewhere (a file) as a new design under its name."""
        self._insert(design, replace=replace)

    def create_design(self, name: str, region: str = "", description: str = "") -> Design:
        design = Design(name, region, description)
        self._insert(design, replace=False)
        return design

    def _insert(self, design: Design, replace: bool) -> None:
        with self._writing() as conn:
            existing = design_id(conn, design.name)
            if existing is not None and not replace:
                raise ProjectError(
                    _("{label} already has a design named '{name}'").format(
                        label=self._label, name=design.name
                    )
                )
            if existing is not None:
                if design.lineage is None:  # a re-import of the same design keeps its lineage
                    design.lineage = (
                        conn.scalar(select(DESIGNS.c.lineage).where(DESIGNS.c.id == existing))
                        or None
                    )
                delete_design_rows(conn, existing)
            if design.lineage is None:
                design.lineage = new_lineage()
            with Session(bind=conn) as session:
                row = DesignRow(
                    name=design.name,
                    region=design.region,
                    description=design.description,
                    created=design.created,
                    updated=design.updated,
                    version=1,
                    lineage=design.lineage,
                    year=design.year,
                )
                session.add(row)
                session.flush()
                store_id, design_uid = row.id, row.uid
            patch = write_all(conn, store_id, design, clear=False)
        origin = Origin(self._project_id, store_id, design_uid=design_uid)
        patch.apply(origin)
        self._adopt(design, origin, 1)

    def _check_name_free(self, conn: Connection, name: str, store_id: int) -> None:
        other = design_id(conn, name)
        if other is not None and other != store_id:
            raise ProjectError(
                _("{label} already has a design named '{name}'").format(
                    label=self._label, name=name
                )
            )

    # --- whole designs -----------------------------------------------------------------
    def rename_design(self, old: str, new: str) -> None:
        """Rename a stored design; a copy of it loaded through this project follows along."""
        new = clean_design_name(new)
        with self._writing() as conn:
            store_id = self._require(conn, old)
            if new == old:
                return
            self._check_name_free(conn, new, store_id)
            version = conn.scalar(
                select(DESIGNS.c.version).where(DESIGNS.c.id == store_id).with_for_update()
            )
            conn.execute(
                update(DESIGNS)
                .where(DESIGNS.c.id == store_id)
                .values(name=new, updated=now_utc(), version=DESIGNS.c.version + 1)
            )
        for design, origin in list(_ORIGINS.items()):
            live = origin.project_id == self._project_id and origin.store_id == store_id
            if live and design.store_id == store_id and design.store_version == version:
                design.store_version = version + 1
                if design.name == old:
                    design.set_meta(name=new)

    def duplicate_design(self, name: str, new_name: str) -> None:
        """A stored copy with a new name, made inside the database (no rows pass through Python)."""
        new_name = clean_design_name(new_name)
        with self._writing() as conn:
            source = self._require(conn, name)
            self._check_name_free(conn, new_name, -1)
            original = conn.execute(select(DESIGNS).where(DESIGNS.c.id == source)).one()
            now = now_utc()
            inserted = conn.execute(
                insert(DESIGNS).values(
                    name=new_name,
                    region=original.region,
                    description=original.description,
                    created=now,
                    updated=now,
                    version=1,
                    lineage=original.lineage,
                    year=original.year,
                )
            )
            key = inserted.inserted_primary_key
            if key is None:
                raise RuntimeError("the database did not report the id of the new design")
            new_id = key[0]
            copied = ((ACTORS, ACTOR_COLUMNS), (TIES, TIE_COLUMNS), (GROUPS, GROUP_COLUMNS))
            for table, columns in copied:
                picked = [table.c[c] for c in columns]
                conn.execute(
                    insert(table).from_select(
                        ["design_id", *columns],
                        select(literal(new_id), *picked).where(table.c.design_id == source),
                    )
                )

    def delete_design(self, name: str) -> None:
        with self._writing() as conn:
            delete_design_rows(conn, self._require(conn, name))

    def _require(self, conn: Connection, name: str) -> int:
        store_id = design_id(conn, name)
        if store_id is None:
            raise ProjectError(
                _("{label} has no design named '{name}'").format(label=self._label, name=name)
            )
        return store_id


# --- helpers that run inside a transaction ---------------------------------------------


@contextmanager
def _write_connection(
    engine: Engine, stopped: Callable[[], bool] | None = None
) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.execution_options(
            **{sqlite_file.WRITE_OPTION: True, sqlite_file.STOPPED_OPTION: stopped}
        )
        with conn.begin():
            yield conn


def _refuse_unknown(label: str, revision: str | None) -> None:
    if revision is not None and not migrate.is_known(revision):
        raise ProjectError(
            _(
                "{label} was made by a newer version of Cluster Designer (schema {revision}); "
                "install the newer version to open it"
            ).format(label=label, revision=revision)
        )


def clean_design_name(name: str) -> str:
    """A design name as the model allows it, or a ProjectError saying why not."""
    try:
        return check_name(name)
    except ValidationError as exc:
        raise ProjectError(_("design {exc}").format(exc=exc)) from None


def _write_info(conn: Connection, new: bool) -> None:
    facts = {"format": FORMAT_NAME, "app_version": app_version()}
    if new:
        facts |= {"project_id": uuid.uuid4().hex, "created": now_utc().isoformat()}
    with Session(bind=conn) as session:
        for key, value in facts.items():
            session.merge(ProjectInfoRow(key=key, value=value))
        session.flush()


def _failure(action: str) -> str:
    """'{project}: could not … ({reason})' for the operation that failed."""
    if action == "open":
        return _("{project}: could not open ({reason})")
    if action == "read":
        return _("{project}: could not read ({reason})")
    return _("{project}: could not save ({reason})")


@cache
def _design_infos_query() -> Select[DesignRow, Any, Any]:
    """`Project.design_infos`'s statement, built once: building it makes SQLAlchemy objects
    that refer to each other (about a hundred per call), garbage only a collection frees; the
    window lists the designs as it opens one, just before it freezes what there is."""
    actor_counts = (
        select(ACTORS.c.design_id, func.count().label("n")).group_by(ACTORS.c.design_id).subquery()
    )
    tie_counts = (
        select(TIES.c.design_id, func.count().label("n")).group_by(TIES.c.design_id).subquery()
    )
    return (
        select(DesignRow, func.coalesce(actor_counts.c.n, 0), func.coalesce(tie_counts.c.n, 0))
        .outerjoin(actor_counts, actor_counts.c.design_id == DesignRow.id)
        .outerjoin(tie_counts, tie_counts.c.design_id == DesignRow.id)
        .order_by(DesignRow.id)
    )


def _row_batches(conn: Connection, statement: Select[Any]) -> Iterator[Sequence[Sequence[Any]]]:
    """The statement's rows, ROWS_AT_ONCE at a time. From a file, straight from SQLite's
    cursor as plain tuples: SQLAlchemy's row objects cost about 90 ms for the 150,000 ties
    of a 50,000-actor design. Errors become SQLAlchemy's, as if it had run the statement."""
    dbapi = conn.dialect.loaded_dbapi
    if conn.dialect.name != "sqlite" or dbapi is None:
        yield from conn.execute(statement).partitions(ROWS_AT_ONCE)
        return
    compiled = statement.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    text = str(compiled)
    values = [params[name] for name in compiled.positiontup or ()]
    cursor = conn.connection.cursor()
    try:
        cursor.execute(text, values)
        while batch := cursor.fetchmany(ROWS_AT_ONCE):
            yield batch
    except dbapi.Error as exc:
        raise DBAPIError.instance(text, values, exc, dbapi.Error) from exc
    finally:  # (after a bad row the caller may drop this only once the connection is closed)
        with suppress(dbapi.Error):
            cursor.close()
