"""A server that stops answering never hangs a save, and a save can be stopped at any moment.

The frozen server is real: the test's own PostgreSQL server processes are stopped with
SIGSTOP (as the probe did), so the operating system still accepts and acknowledges the
connection while nothing answers. Skipped for a server on another machine.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cluster_designer.storage import Project, ProjectError, server
from tests.storage.pg_databases import admin_connection, run_sql
from tests.storage.storage_samples import full_design


def _server_processes(url: str) -> list[int]:
    """The postmaster and every session of the test's database, if they run on this machine."""
    sessions = [
        int(pid)
        for (pid,) in run_sql(
            url,
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()",
        )
    ]
    stat = Path(f"/proc/{sessions[0]}/stat") if sessions else None
    if stat is None or not stat.exists():
        pytest.skip("the PostgreSQL server does not run on this machine")
    postmaster = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    return [postmaster, *sessions]


@contextmanager
def frozen(pids: list[int]) -> Iterator[None]:
    try:
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
    except PermissionError:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
        pytest.skip("no permission to stop the PostgreSQL server's processes")
    try:
        yield
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


def test_a_frozen_server_never_hangs_a_save(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "DEADLINE_S", 2.0)
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 2)
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
        design = project.load_design("静岡 2030")
        design.move_actors({"U1": (77.0, 77.0)})
        with frozen(_server_processes(pg_url)):
            started = time.monotonic()
            with pytest.raises(ProjectError) as caught:
                project.save_design(design)
            took = time.monotonic() - started
    message = str(caught.value)
    assert "did not answer within 2 seconds; nothing was saved" in message
    assert "\n" not in message
    assert took < 15, took
    assert not design.journal.empty  # the changes are kept for the next try
    monkeypatch.setattr(server, "DEADLINE_S", 60.0)
    with Project.open(pg_url) as again:
        assert again.load_design("静岡 2030").same_content(full_design())  # nothing saved
        again.save_design(design)  # the server is back: the same save now goes through
    with Project.open(pg_url) as fresh:
        assert fresh.load_design("静岡 2030").actor("U1").x == 77.0


def _in_thread(action: Callable[[], None]) -> tuple[threading.Thread, list[BaseException | None]]:
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_cancel_stops_a_save_waiting_for_another_planner(pg_url: str) -> None:
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
        design = project.load_design("静岡 2030")
        design.move_actors({"U1": (5.0, 5.0)})
        with admin_connection(pg_url) as holder:
            holder.autocommit = False
            holder.execute("SELECT 1 FROM designs FOR UPDATE")  # another planner's save
            thread, outcome = _in_thread(lambda: project.save_design(design))
            deadline = time.monotonic() + 30
            query = (
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            while run_sql(pg_url, query) == [(0,)]:
                assert time.monotonic() < deadline
            started = time.monotonic()
            project.cancel()
            thread.join(30)
            took = time.monotonic() - started
            holder.rollback()
        assert took < 5, took
        assert isinstance(outcome[0], ProjectError)
        assert "the save was stopped; nothing was saved" in str(outcome[0])
        project.save_design(design)  # nothing is left stopped: the next save works
    with Project.open(pg_url) as fresh:
        assert fresh.load_design("静岡 2030").actor("U1").x == 5.0


def test_cancel_stops_a_save_waiting_for_another_program_on_a_file(tmp_path: Path) -> None:
    path = tmp_path / "p.cluster"
    with Project.open(path, create=True) as project:
        project.save_design(full_design())
        design = project.load_design("静岡 2030")
        design.move_actors({"U1": (5.0, 5.0)})
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            thread, outcome = _in_thread(lambda: project.save_design(design))
            time.sleep(0.5)  # let the save start waiting for the lock
            started = time.monotonic()
            project.cancel()
            thread.join(30)
            took = time.monotonic() - started
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert took < 5, took
        assert isinstance(outcome[0], ProjectError)
        assert "the save was stopped; nothing was saved" in str(outcome[0])
        project.save_design(design)
    with Project.open(path) as fresh:
        assert fresh.load_design("静岡 2030").actor("U1").x == 5.0


def test_a_cancel_between_saves_changes_nothing(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.cluster", create=True) as project:
        project.cancel()
        project.save_design(full_design())
        assert project.design_names() == ["静岡 2030"]
