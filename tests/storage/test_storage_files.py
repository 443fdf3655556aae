"""Opening files: new projects are built by the migrations; anything else is refused untouched."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from cluster_designer.model import ClusterError
from cluster_designer.storage import Project, ProjectError, migrate
from cluster_designer.storage.schema import APPLICATION_ID, Base
from tests.storage.storage_samples import full_design


def _facts(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
            "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
            "revision": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
            "info": dict(conn.execute("SELECT key, value FROM project_info").fetchall()),
        }
    finally:
        conn.close()


def test_new_project_is_built_by_the_migrations(project_path: Path) -> None:
    Project.open(project_path, create=True).close()
    facts = _facts(project_path)
    assert facts["application_id"] == APPLICATION_ID
    assert facts["journal_mode"] == "delete"
    assert facts["revision"] == migrate.head_revision() == migrate.SHIPPED_HEAD
    # SHIPPED_HEAD spares Alembic's import on every open; it must name the newest script.
    assert migrate.scripts_head() == migrate.SHIPPED_HEAD
    info = facts["info"]
    assert isinstance(info, dict)
    assert info["format"] == "cluster-designer-project"
    assert {"app_version", "project_id", "created"} <= info.keys()
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


def test_models_match_the_migrations(location: Path | str) -> None:
    """A change to schema.py without a new migration would show up here, on either back-end."""
    Project.open(location, create=True).close()
    engine = create_engine(f"sqlite:///{location}" if isinstance(location, Path) else location)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_missing_file_without_create(tmp_path: Path) -> None:
    path = tmp_path / "nothing.cluster"
    with pytest.raises(ProjectError, match=f"{path}: no such project file"):
        Project.open(path)
    assert not path.exists()
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "no folder" / "x.cluster", create=True)


def _sqlite_of_another_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE designs (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO designs VALUES (1, 'not ours')")
    conn.commit()
    conn.close()


def _text_file(path: Path) -> None:
    path.write_text("id,name,sector\nU1,静岡大学,university\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _short_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00\x10\x00")


def _a_real_project(path: Path) -> None:
    with Project.open(path, create=True) as project:
        project.save_design(full_design())


def _truncated_project(path: Path) -> None:
    _a_real_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scrambled_project(path: Path) -> None:
    _a_real_project(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xab" * (4096 - 100)  # the table of tables on page 1
    path.write_bytes(bytes(data))


def _ours_without_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


REFUSALS: list[tuple[Callable[[Path], None], str]] = [
    (_sqlite_of_another_program, "(it is an SQLite database made by another program)"),
    (_text_file, "is not a Cluster Designer project (it is not an SQLite database)"),
    (_empty_file, "is not a Cluster Designer project (the file is empty)"),
    (_short_header, "is a damaged Cluster Designer project (the file is cut short)"),
    (_truncated_project, "is a damaged Cluster Designer project (the file is cut short)"),
    (_scrambled_project, "is a damaged Cluster Designer project"),
    (_ours_without_tables, "is a damaged Cluster Designer project (its tables are missing)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "message"), REFUSALS, ids=[m.__name__.strip("_") for m, _ in REFUSALS]
)
@pytest.mark.parametrize("create", [False, True])
def test_foreign_and_damaged_files_are_refused_untouched(
    tmp_path: Path, make: Callable[[Path], None], message: str, create: bool
) -> None:
    path = tmp_path / "見本.cluster"
    make(path)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    with pytest.raises(ProjectError) as caught:
        Project.open(path, create=create)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path))) == before


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "looks like.cluster"
    folder.mkdir()
    with pytest.raises(
        ProjectError, match="is not a Cluster Designer project \\(it is a folder\\)"
    ):
        Project.open(folder, create=True)
    assert list(folder.iterdir()) == []


def test_damaged_rows_give_a_message_not_a_traceback(project_path: Path) -> None:
    _a_real_project(project_path)
    conn = sqlite3.connect(project_path)
    conn.execute("UPDATE actors SET sector = 'bakery' WHERE actor_id = 'C1'")
    conn.commit()
    conn.close()
    with Project.open(project_path) as project:
        with pytest.raises(ClusterError, match="design '静岡 2030' is damaged: actor 'C1'"):
            project.load_design("静岡 2030")
        assert project.design_names() == ["静岡 2030"]


def test_newer_schema_is_refused_untouched(project_path: Path) -> None:
    _a_real_project(project_path)
    conn = sqlite3.connect(project_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.commit()
    conn.close()
    before = project_path.read_bytes()
    with pytest.raises(ProjectError, match="made by a newer version of Cluster Designer"):
        Project.open(project_path)
    assert project_path.read_bytes() == before


FUTURE_MIGRATION = '''
"""A later schema, for the upgrade test."""

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
'''


def test_older_file_is_backed_up_then_upgraded(
    project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_real_project(project_path)
    original = project_path.read_bytes()
    newer = tmp_path / "newer migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.SHIPPED_HEAD
    (newer / "versions" / "9001_future.py").write_text(
        FUTURE_MIGRATION.replace("{head}", head), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)

    with Project.open(project_path) as project:
        assert project.backup_path == project_path.with_name(project_path.name + f".bak-{head}")
        assert project.load_design("静岡 2030").same_content(full_design())
        project.create_design("after upgrade")
    assert project_path.with_name(project_path.name + f".bak-{head}").read_bytes() == original
    assert _facts(project_path)["revision"] == "9001"
    with Project.open(project_path) as again:
        assert again.backup_path is None
        assert again.design_names() == ["静岡 2030", "after upgrade"]
