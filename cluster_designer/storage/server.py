"""Everything specific to a project kept on a database server (PostgreSQL).

The driver (psycopg 3) is imported only when such a URL is opened. Reads run in a
repeatable-read snapshot so a design never comes back half old, half new; writes lock only
their own design row (`SELECT … FOR UPDATE` in `Project.save_design`), so planners saving
different designs never wait for each other. Schema creation and upgrades are serialized
with a transaction-level advisory lock.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError

from ..i18n import _
from .errors import ProjectError

CONNECT_TIMEOUT_S = 10
# A save waiting this long for another planner's save of the same design gives up cleanly.
LOCK_TIMEOUT_MS = 15_000
# The server stops any one statement after this long, and ends a session left idle inside a
# transaction (a program that froze while holding a lock) so others are not kept waiting.
STATEMENT_TIMEOUT_MS = 45_000
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000
# No transaction waits longer than this, whatever the server does: a server that froze
# (stopped, not crashed) still lets the operating system acknowledge the connection, so only
# the program's own clock notices. See `interrupt.py`.
DEADLINE_S = 60.0
# A network that silently drops the connection is noticed within about half a minute.
KEEPALIVE_OPTIONS = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}
TCP_USER_TIMEOUT_MS = 30_000  # unacknowledged data: libpq 12 and later
# Any fixed number: it only has to be the same for every Cluster Designer.
MIGRATION_LOCK = 0x436C7544
READ_OPTIONS: dict[str, Any] = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}

# SQLSTATE classes and codes that mean "the connection is gone".
_LOST_CLASSES = ("08",)
_LOST_CODES = {"57P01", "57P02", "57P03"}
_BUSY_CODES = {"55P03", "40001", "40P01"}  # lock timeout, serialization failure, deadlock
STATEMENT_TIMEOUT = "57014"  # query_canceled: the statement timeout or a cancel request
UNIQUE_VIOLATION = "23505"


def normalized_url(url: URL) -> URL:
    """`postgresql://` and `postgres://` mean psycopg 3, the driver we ship with."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def make_engine(raw: str, label: str) -> Engine:
    """An engine that checks each pooled connection before use, so a dropped one is replaced."""
    url = normalized_url(make_url(raw))
    if url.get_backend_name() != "postgresql":
        raise ProjectError(
            _(
                "{label} cannot be used: only SQLite files and PostgreSQL servers are supported"
            ).format(label=label)
        )
    if url.get_driver_name() == "psycopg" and importlib.util.find_spec("psycopg") is None:
        raise ProjectError(
            _(
                "{label} cannot be opened: the PostgreSQL driver is not installed (install it "
                "with: "
                'pip install "psycopg[binary]")'
            ).format(label=label)
        )
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "cluster-designer",
        **KEEPALIVE_OPTIONS,
    }
    if _libpq_version() >= 120000:
        connect_args["tcp_user_timeout"] = TCP_USER_TIMEOUT_MS
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except ImportError as exc:
        raise ProjectError(
            _("{label} cannot be opened: the database driver is missing ({exc})").format(
                label=label, exc=exc
            )
        ) from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
            cursor.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            cursor.execute(
                f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_TIMEOUT_MS}"
            )
        dbapi_conn.commit()

    return engine


def _libpq_version() -> int:
    try:
        import psycopg

        return int(psycopg.pq.version())
    except (ImportError, AttributeError):
        return 0


def lock_for_migration(conn: Connection) -> None:
    """Two programs opening an empty or older database at once must not both build it."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def sqlstate(exc: BaseException) -> str:
    return str(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")


def connection_lost(exc: BaseException) -> bool:
    """The server went away or ended our session (restart, network, administrator)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    code = sqlstate(exc)
    return code in _LOST_CODES or code.startswith(_LOST_CLASSES)


def is_busy(exc: BaseException) -> bool:
    return sqlstate(exc) in _BUSY_CODES
