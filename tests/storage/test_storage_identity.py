"""A stale save never lands in another design, even when the database reuses row ids.

SQLite hands out the id of a deleted last row again; a design loaded before the delete
must not take the new design (another planner's) for its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_designer.model import Design
from cluster_designer.storage import ConflictError, Project
from tests.storage.storage_samples import ProjectFactory, full_design


def _delete_then_create_other(other: Project) -> None:
    other.delete_design("静岡 2030")
    other.import_design(full_design("their plan"))


def _replace(other: Project) -> None:
    other.import_design(full_design("静岡 2030"), replace=True)


def _delete_then_create_same_name(other: Project) -> None:
    other.delete_design("静岡 2030")
    other.create_design("静岡 2030", region="別の地域")


@pytest.mark.parametrize(
    "meanwhile",
    [_delete_then_create_other, _replace, _delete_then_create_same_name],
    ids=["delete-create", "replace", "delete-recreate"],
)
def test_a_stale_save_after_delete_or_replace_is_a_conflict(
    project: Project, project_factory: ProjectFactory, meanwhile: Callable[[Project], None]
) -> None:
    project.save_design(full_design())
    mine = project.load_design("静岡 2030")
    with project_factory() as other:
        meanwhile(other)
        before = {name: other.load_design(name) for name in other.design_names()}
    mine.move_actors({"C1": (99.0, 99.0)})
    mine.set_meta(description="my stale edit")
    with pytest.raises(ConflictError) as caught:
        project.save_design(mine)
    assert caught.value.deleted
    with project_factory() as fresh:
        for name, design in before.items():
            assert fresh.load_design(name).same_content(design), name


def test_saving_as_new_after_a_replace_keeps_both(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    mine: Design = project.load_design("静岡 2030")
    with project_factory() as other:
        _replace(other)
    mine.move_actors({"C1": (7.0, 7.0)})
    with pytest.raises(ConflictError):
        project.save_design(mine)
    project.save_design_as_new(mine, "mine")
    with project_factory() as fresh:
        assert fresh.load_design("mine").actor("C1").x == 7.0
        assert fresh.load_design("静岡 2030").same_content(full_design("静岡 2030"))


def test_designs_of_an_older_file_get_their_identity_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.cluster"
    with Project.open(path, create=True) as project:
        for name in ("a", "b"):
            project.import_design(full_design(name))
    conn = sqlite3.connect(path)  # as the version before design identities left it
    conn.execute("ALTER TABLE designs DROP COLUMN uid")
    for table, column in (("actors", "origin"), ("actors", "arrived"), ("actors", "parent")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # added by 0004
    conn.execute("ALTER TABLE designs DROP COLUMN year")
    conn.execute("DROP TABLE actor_groups")
    conn.execute("UPDATE alembic_version SET version_num = '0002'")  # the revision before uid
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert project.backup_path == path.with_name("old.cluster.bak-0002")
        mine = project.load_design("b")
        with Project.open(path) as other:
            other.import_design(full_design("b"), replace=True)
        mine.move_actors({"C1": (1.0, 1.0)})
        with pytest.raises(ConflictError):
            project.save_design(mine)
    conn = sqlite3.connect(path)
    try:
        uids = [row[0] for row in conn.execute("SELECT uid FROM designs")]
    finally:
        conn.close()
    assert len(uids) == 2 and all(uids) and len(set(uids)) == 2
