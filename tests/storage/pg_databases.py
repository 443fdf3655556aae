"""A fresh PostgreSQL database per test, on the server named by CLUSTER_DESIGNER_TEST_PG_URL.

`.ci/run` starts a throwaway server with `.ci/postgres.sh` and sets the variable for pytest;
without it the PostgreSQL tests skip and say why. The role in the URL must be allowed to
create databases; each test gets its own, dropped afterwards.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy.engine import make_url

VARIABLE = "CLUSTER_DESIGNER_TEST_PG_URL"
NO_SERVER = f"no PostgreSQL server: set {VARIABLE} (.ci/run starts one)"


def server_url() -> str:
    """The configured server, or a skip with the reason (never a silent pass)."""
    url = os.environ.get(VARIABLE, "").strip()
    if not url:
        pytest.skip(NO_SERVER)
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip('no PostgreSQL driver: install "psycopg[binary]"')
    return url


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def admin_connection(url: str | None = None) -> Any:
    """An autocommit psycopg connection to the configured server's database (or `url`'s)."""
    import psycopg

    target = url or server_url()
    try:
        return psycopg.connect(_libpq(target), autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        pytest.fail(f"{VARIABLE} is set but the server cannot be reached: {exc}")


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database; dropped (with any open sessions) afterwards."""
    base = server_url()
    name = f"cd_t_{uuid.uuid4().hex[:12]}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_sql(url: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Run one statement on the database of `url` as another client would; its rows."""
    with admin_connection(url) as conn:
        cursor = conn.execute(sql, params or None)
        return cursor.fetchall() if cursor.description else []
