"""The project store on a PostgreSQL server: opening, the shared migrations, several planners
at once, and a connection lost in the middle of a save. Skipped, with the reason, without a server.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cluster_designer.model import Design
from cluster_designer.storage import (
    ConflictError,
    Project,
    ProjectError,
    conflict_choice,
    is_url,
    mask_password,
    migrate,
    server,
    writes,
)
from cluster_designer.storage import project as project_module
from tests.storage.pg_databases import fresh_database, run_sql
from tests.storage.storage_samples import full_design

TABLES_SQL = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"


def _reloaded(url: str, name: str) -> Design:
    with Project.open(url) as fresh:
        return fresh.load_design(name)


def test_passwords_are_masked_and_urls_recognized() -> None:
    url = "postgresql+psycopg://planner:s3cret@db.example.org:5432/cluster"
    assert mask_password(url) == "postgresql+psycopg://planner:***@db.example.org:5432/cluster"
    assert (
        mask_password("postgresql+psycopg://cd@127.0.0.1/db")
        == "postgresql+psycopg://cd@127.0.0.1/db"
    )
    assert mask_password("/home/静岡/a.cluster") == "/home/静岡/a.cluster"
    assert is_url(url) and is_url("sqlite:///a.cluster")
    assert not is_url(r"C:\projects\a.cluster") and not is_url("a.cluster")


def test_a_missing_driver_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server.importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(ProjectError) as caught:
        Project.open("postgresql+psycopg://cd:s3cret@127.0.0.1:1/db")
    message = str(caught.value)
    assert message.startswith("postgresql+psycopg://cd:***@127.0.0.1:1/db cannot be opened")
    assert (
        'the PostgreSQL driver is not installed (install it with: pip install "psycopg[binary]")'
        in message
    )
    assert "s3cret" not in message


def test_an_empty_database_gets_our_tables_only_when_asked(pg_url: str) -> None:
    with pytest.raises(ProjectError, match="holds no Cluster Designer project"):
        Project.open(pg_url)
    assert run_sql(pg_url, TABLES_SQL) == []
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
    assert {r[0] for r in run_sql(pg_url, TABLES_SQL)} == {
        "alembic_version", "project_info", "designs", "actors", "ties", "actor_groups",
    }  # fmt: skip
    types = dict(
        run_sql(
            pg_url,
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'actors'",
        )
    )
    assert (types["x"], types["seq"], types["budget"], types["tags"]) == (
        "double precision", "double precision", "double precision", "text",
    )  # fmt: skip
    assert run_sql(pg_url, "SELECT version_num FROM alembic_version") == [
        (migrate.head_revision(),)
    ]
    assert _reloaded(pg_url, "静岡 2030").same_content(full_design())


def test_a_plain_postgresql_url_uses_psycopg(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with Project.open(plain, create=True) as project:
        project.create_design("浜松")
    assert Project.open(pg_url).design_names() == ["浜松"]


def test_a_database_of_another_program_is_refused_untouched(pg_url: str) -> None:
    run_sql(pg_url, "CREATE TABLE designs (id integer PRIMARY KEY, name text)")
    run_sql(pg_url, "INSERT INTO designs VALUES (1, 'not ours')")
    for create in (False, True):
        with pytest.raises(ProjectError, match="holds no Cluster Designer project"):
            Project.open(pg_url, create=create)
    assert run_sql(pg_url, TABLES_SQL) == [("designs",)]
    assert run_sql(pg_url, "SELECT name FROM designs") == [("not ours",)]


def test_a_missing_database_is_never_created_and_no_password_is_shown(pg_url: str) -> None:
    missing = make_url(pg_url).set(password="s3cret", database="cd_no_such_db")
    with pytest.raises(ProjectError) as caught:
        Project.open(missing.render_as_string(hide_password=False), create=True)
    message = str(caught.value)
    assert message.startswith(f"postgresql+psycopg://{missing.username}:***@")
    assert 'database "cd_no_such_db" does not exist' in message
    assert "s3cret" not in message and "\n" not in message
    assert run_sql(pg_url, "SELECT 1 FROM pg_database WHERE datname = 'cd_no_such_db'") == []


FUTURE_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("designs") as batch:
        batch.add_column(sa.Column("colour", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("designs") as batch:
        batch.drop_column("colour")
"""


def test_the_same_migrations_upgrade_a_server_database(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
    newer = tmp_path / "newer migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9001_future.py").write_text(
        FUTURE_MIGRATION.replace("{head}", migrate.SHIPPED_HEAD), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    with Project.open(pg_url) as project:
        assert project.backup_path is None
        assert project.load_design("静岡 2030").same_content(full_design())
    assert run_sql(pg_url, "SELECT version_num FROM alembic_version") == [("9001",)]
    assert run_sql(
        pg_url, "SELECT 1 FROM information_schema.columns WHERE column_name = 'colour'"
    ) == [(1,)]


def test_a_newer_schema_on_the_server_is_refused_untouched(pg_url: str) -> None:
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
    run_sql(pg_url, "UPDATE alembic_version SET version_num = '0099_future'")
    with pytest.raises(ProjectError, match="made by a newer version of Cluster Designer"):
        Project.open(pg_url)
    assert run_sql(pg_url, "SELECT version_num FROM alembic_version") == [("0099_future",)]


# --- several planners at once -------------------------------------------------------------


class PausedSave:
    """Holds one design's save open inside its transaction (after its rows are written)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, design: Design) -> None:
        self.inside, self.release = threading.Event(), threading.Event()
        real = project_module.write_meta

        def paused(conn: object, store_id: int, saving: Design, version: int) -> None:
            real(conn, store_id, saving, version)
            if saving is design:
                self.inside.set()
                assert self.release.wait(60)

        monkeypatch.setattr(project_module, "write_meta", paused)


def _in_thread(action: Callable[[], None]) -> tuple[threading.Thread, list[BaseException | None]]:
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread to re-raise
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_saves_of_different_designs_never_wait_for_each_other(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 3000)  # a wait would fail, not hang
    with Project.open(pg_url, create=True) as alice, Project.open(pg_url) as bob:
        alice.save_design(full_design("a"))
        alice.save_design(full_design("b"))
        a, b = alice.load_design("a"), bob.load_design("b")
        a.move_actors({"U1": (1.0, 1.0)})
        b.remove_actors(["C2"])
        pause = PausedSave(monkeypatch, a)
        thread, outcome = _in_thread(lambda: alice.save_design(a))
        assert pause.inside.wait(60)
        bob.save_design(b)  # while alice's save of 'a' is still open
        assert _reloaded(pg_url, "b").same_content(b)
        assert _reloaded(pg_url, "a").same_content(full_design("a"))  # hers is not committed yet
        pause.release.set()
        thread.join(60)
        assert outcome == [None]
    assert _reloaded(pg_url, "a").same_content(a)
    assert _reloaded(pg_url, "b").same_content(b)


def _wait_for_lock_waiter(url: str) -> None:
    """Until another session of this database waits for a row lock (polling, no sleeps)."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    deadline = time.monotonic() + 30
    while run_sql(url, query) == [(0,)]:
        assert time.monotonic() < deadline, "the second save never waited for the first"


def test_the_same_design_saved_twice_waits_then_is_a_conflict(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(pg_url, create=True) as alice, Project.open(pg_url) as bob:
        alice.save_design(full_design())
        hers, his = alice.load_design("静岡 2030"), bob.load_design("静岡 2030")
        hers.move_actors({"U1": (1.0, 1.0)})
        his.move_actors({"C1": (2.0, 2.0)})
        pause = PausedSave(monkeypatch, hers)
        alice_thread, alice_outcome = _in_thread(lambda: alice.save_design(hers))
        assert pause.inside.wait(60)
        bob_thread, bob_outcome = _in_thread(lambda: bob.save_design(his))
        _wait_for_lock_waiter(pg_url)
        pause.release.set()
        alice_thread.join(60)
        bob_thread.join(60)
        assert alice_outcome == [None]
        conflict = bob_outcome[0]
        assert isinstance(conflict, ConflictError)
        assert (conflict.design_name, conflict.their_version) == ("静岡 2030", 2)
        assert _reloaded(pg_url, "静岡 2030").same_content(hers)  # never a silent overwrite

        choice = conflict_choice(conflict, bob.design_names())
        bob.save_design_as_new(his, choice.suggested_name)
        assert bob.design_names() == ["静岡 2030", "静岡 2030 (2)"]
        his.move_actors({"S1": (3.0, 3.0)})
        bob.save_design(his)
    assert _reloaded(pg_url, "静岡 2030 (2)").same_content(his)
    assert _reloaded(pg_url, "静岡 2030").same_content(hers)


# --- a connection lost in the middle of a save --------------------------------------------


def test_a_connection_dropped_mid_save_leaves_the_repository_consistent(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(pg_url, create=True) as project:
        project.save_design(full_design())
        design = project.load_design("静岡 2030")
        design.move_actors({a: (1.0, 1.0) for a in design.actors})
        design.update_tie(next(iter(design.ties)), weight=7)
        dropped: list[bool] = []
        real = writes.tie_row

        def drop_then_continue(*args: object) -> object:
            if not dropped:  # actors are written by now; the ties are next
                dropped.extend(r[0] for r in run_sql(
                    pg_url,
                    "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()",
                ))  # fmt: skip
            return real(*args)

        monkeypatch.setattr(writes, "tie_row", drop_then_continue)
        with pytest.raises(ProjectError) as caught:
            project.save_design(design)
        assert True in dropped
        assert not isinstance(caught.value, ConflictError)
        assert str(caught.value) == (
            f"{project.label}: the connection to the repository was lost; nothing was saved"
        )
        assert _reloaded(pg_url, "静岡 2030").same_content(full_design())
        assert not design.journal.empty and design.store_version == 1

        monkeypatch.undo()
        project.save_design(design)  # the same Project reconnects
        assert _reloaded(pg_url, "静岡 2030").same_content(design)
        assert project.load_design("静岡 2030").store_version == 2


def test_each_test_database_is_fresh() -> None:
    with fresh_database() as first, fresh_database() as second:
        assert first != second
        assert run_sql(first, TABLES_SQL) == run_sql(second, TABLES_SQL) == []
