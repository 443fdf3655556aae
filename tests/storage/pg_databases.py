"""A fresh PostgreSQL database per test, on a server the tests find or start themselves.

The server is the one named by CLUSTER_DESIGNER_TEST_PG_URL when it is set. Otherwise, when
PostgreSQL's server programs are installed, the first test that needs a database starts a
throwaway server with `.ci/postgres.sh` — in a new temporary folder, on a free port of
127.0.0.1, so several test runs on one machine never meet — and the session stops it at the
end (`stop_throwaway_server`). Without either, the PostgreSQL tests skip with the reason
(a failure under CI=true, see tests/conftest.py). The role in the URL must be allowed to
create databases; each test gets its own, dropped afterwards.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

VARIABLE = "CLUSTER_DESIGNER_TEST_PG_URL"
SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "postgres.sh"
NO_BINARIES = (
    f"no PostgreSQL server: install its server programs (Debian: apt-get install postgresql) "
    f"or set {VARIABLE}"
)
NO_DRIVER = 'no PostgreSQL driver: install "psycopg[binary]"'


class _Throwaway:
    """The server this test session started, if any (started on first use, at most once)."""

    url: str | None = None
    state: Path | None = None
    port: int | None = None
    failure: str | None = None


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's layout, else wherever PATH has them."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path is not None:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if os.access(Path(folder, "initdb"), os.X_OK) and os.access(
            Path(folder, "pg_ctl"), os.X_OK
        ):
            return Path(folder)
    return None


def _version_key(folder: str) -> tuple[int, ...]:
    version = Path(folder).parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_throwaway() -> str:
    if server_binaries() is None:
        raise _NoServer(NO_BINARIES)
    errors = ""
    for _ in range(3):  # another program may take the free port before the server does
        state = Path(tempfile.gettempdir()) / f"cluster-designer-test-pg-{uuid.uuid4().hex[:10]}"
        port = _free_port()
        env = {
            **os.environ,
            "CLUSTER_DESIGNER_PG_DIR": str(state),
            "CLUSTER_DESIGNER_PG_PORT": str(port),
            "CLUSTER_DESIGNER_PG_INSTALL": "0",
        }
        started = subprocess.run(
            ["bash", str(SCRIPT), "start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        _Throwaway.state, _Throwaway.port = state, port
        if started.returncode == 0:
            return started.stdout.strip().splitlines()[-1]
        stop_throwaway_server()
        errors = started.stderr.strip()
    raise _NoServer(f"a throwaway PostgreSQL server did not start: {errors}")


class _NoServer(Exception):
    pass


def stop_throwaway_server() -> None:
    """Stop the server this session started (and delete its data); nothing otherwise."""
    state, port = _Throwaway.state, _Throwaway.port
    _Throwaway.url = _Throwaway.state = _Throwaway.port = None
    if state is None:
        return
    env = {
        **os.environ,
        "CLUSTER_DESIGNER_PG_DIR": str(state),
        "CLUSTER_DESIGNER_PG_PORT": str(port),
    }
    subprocess.run(
        ["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120, check=False
    )


def server_url() -> str:
    """The configured or throwaway server, or a skip with the reason (never a silent pass)."""
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip(NO_DRIVER)
    url = os.environ.get(VARIABLE, "").strip()
    if url:
        return url
    if _Throwaway.url is None and _Throwaway.failure is None:
        try:
            _Throwaway.url = _start_throwaway()
        except _NoServer as reason:
            _Throwaway.failure = str(reason)
    if _Throwaway.url is None:
        pytest.skip(_Throwaway.failure or NO_BINARIES)
    return _Throwaway.url


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def admin_connection(url: str | None = None) -> Any:
    """An autocommit psycopg connection to the test server's database (or `url`'s)."""
    import psycopg

    target = url or server_url()
    try:
        return psycopg.connect(_libpq(target), autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        pytest.fail(f"the PostgreSQL test server cannot be reached: {exc}")


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
