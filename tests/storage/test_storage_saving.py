"""Saving: incremental writes, all-or-nothing transactions, and two programs on one project.

Most tests run on both back-ends; those that look inside the SQLite file stay file-only.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cluster_designer.model import ClusterError, Design, make_actor, make_tie
from cluster_designer.storage import ConflictError, Project, ProjectError, writes
from tests.storage.storage_samples import ProjectFactory, full_design


def _row_ids(path: Path) -> dict[str, int]:
    """SQLite rowid of each stored actor: a rewritten row gets a new one."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT actor_id, rowid FROM actors"))
    finally:
        conn.close()


def _reloaded(where: Path | ProjectFactory, name: str) -> Design:
    """The design as a program opening the project afresh sees it."""
    with where() if callable(where) else Project.open(where) as fresh:
        return fresh.load_design(name)


def test_incremental_saves_match_the_design_in_memory(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    edits = [
        lambda: design.move_actors({"U1": (100.0, 200.0)}),
        lambda: design.update_actor("C1", id="C1-new", notes="改名"),
        lambda: design.remove_ties([design.find_tie("U1", "C2", "technology_transfer").uid]),
        lambda: design.add_actors([make_actor(id="N1", name="新会社", sector="company")], [0]),
        lambda: design.add_ties([make_tie(source="N1", target="C1-new", kind="information")]),
        lambda: design.remove_actors(["S1"]),
        lambda: design.add_actors([make_actor(id="N2", name="middle", sector="support")], [2]),
        lambda: design.update_tie(
            design.find_tie("O1", "U1", "human_resources").uid, weight=9, extra={"a": "b"}
        ),
        lambda: design.set_meta(region="浜松", description="改訂"),
        lambda: design.set_actor_fields({"U1": {"tags": ["x"], "x": None, "y": None}}),
    ]
    for edit in edits:
        edit()
        project.save_design(design)
        assert design.journal.empty
        assert _reloaded(project_factory, "静岡 2030").same_content(design)
    assert list(_reloaded(project_factory, "静岡 2030").actors) == [
        "N1",
        "U1",
        "N2",
        "C1-new",
        "C2",
        "C3",
        "O1",
    ]
    assert project.load_design("静岡 2030").store_version == len(edits) + 1


def test_undo_of_a_removal_restores_order_in_the_file(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    removed = design.remove_actors(["C1", "S1"])
    project.save_design(design)
    design.restore_actors(removed)
    project.save_design(design)
    reloaded = _reloaded(project_factory, "静岡 2030")
    assert list(reloaded.actors) == ["U1", "C1", "C2", "S1", "C3", "O1"]
    assert reloaded.same_content(full_design())


def test_moving_one_actor_rewrites_only_that_actor(
    file_project: Project, project_path: Path
) -> None:
    project = file_project
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    before = _row_ids(project_path)
    design.move_actors({"C2": (5.0, 6.0)})
    project.save_design(design)
    after = _row_ids(project_path)
    assert {a for a in before if before[a] != after[a]} == {"C2"}
    assert _reloaded(project_path, "静岡 2030").actor("C2").x == 5.0


def test_failure_halfway_through_a_save_keeps_the_old_contents(
    project: Project, project_factory: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    design.move_actors({a: (1.0, 1.0) for a in design.actors})
    design.update_tie(next(iter(design.ties)), weight=7)

    def broken(*_args: object) -> dict[str, object]:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(writes, "tie_row", broken)  # actors are written before ties
    with pytest.raises(RuntimeError):
        project.save_design(design)
    assert _reloaded(project_factory, "静岡 2030").same_content(full_design())
    assert not design.journal.empty and design.store_version == 1

    monkeypatch.undo()
    project.save_design(design)
    assert _reloaded(project_factory, "静岡 2030").same_content(design)


CHILD = """
import os, sys
from sqlalchemy import event
from cluster_designer.storage import Project
from cluster_designer.storage import writes

project = Project.open(sys.argv[1])
project._engine.dispose()
# A tiny page cache makes SQLite write changed pages to the file before the commit.
event.listen(project._engine, "connect", lambda conn, _: conn.execute("PRAGMA cache_size=2"))
design = project.load_design("big")
design.move_actors({a: (-1.0, -1.0) for a in design.actors})
design.set_meta(description="never saved")
for uid in list(design.ties):
    design.update_tie(uid, weight=99)
writes.tie_row = lambda *args: os._exit(3)
project.save_design(design)
"""


def test_killed_during_a_save_the_file_reopens_with_the_old_contents(
    file_project: Project, project_path: Path
) -> None:
    project = file_project
    big = Design("big")
    big.add_actors(
        [
            make_actor(id=f"A{n}", name=f"組織{n}" * 10, sector="company", x=n, y=n)
            for n in range(2000)
        ]
    )
    big.add_ties(
        [make_tie(source=f"A{n}", target=f"A{n + 1}", kind="funding") for n in range(1999)]
    )
    project.save_design(big)
    project.close()
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(project_path)],
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == 3, child.stderr.decode()
    journal = project_path.with_name(project_path.name + "-journal")
    assert journal.exists()  # the kill really happened with half a save in the file

    reloaded = _reloaded(project_path, "big")
    assert reloaded.same_content(big)
    assert not journal.exists()


def test_two_projects_saving_the_same_design_conflict(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    with project_factory() as other:
        mine = project.load_design("静岡 2030")
        theirs = other.load_design("静岡 2030")
        theirs.move_actors({"U1": (1.0, 1.0)})
        other.save_design(theirs)
        mine.move_actors({"C1": (2.0, 2.0)})
        with pytest.raises(ConflictError, match="was changed by someone else") as caught:
            project.save_design(mine)
        assert isinstance(caught.value, ClusterError)
        conflict = caught.value
        assert (conflict.design_name, conflict.their_version, conflict.deleted) == (
            "静岡 2030",
            2,
            False,
        )
        assert conflict.location == project.label
        assert not mine.journal.empty
    assert _reloaded(project_factory, "静岡 2030").same_content(theirs)


def test_saving_a_design_deleted_elsewhere_is_a_conflict(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    mine = project.load_design("静岡 2030")
    with project_factory() as other:
        other.delete_design("静岡 2030")
    mine.move_actors({"C1": (2.0, 2.0)})
    with pytest.raises(ConflictError, match="is no longer in") as caught:
        project.save_design(mine)
    assert caught.value.deleted and caught.value.their_version is None


def test_two_projects_editing_different_designs_both_succeed(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design("a"))
    project.save_design(full_design("b"))
    with project_factory() as other:
        a = project.load_design("a")
        b = other.load_design("b")
        a.move_actors({"U1": (1.0, 1.0)})
        b.remove_actors(["C2"])
        project.save_design(a)
        other.save_design(b)
        a.set_meta(description="second save")
        project.save_design(a)
    assert _reloaded(project_factory, "a").same_content(a)
    assert _reloaded(project_factory, "b").same_content(b)


def test_a_save_while_another_program_writes_is_refused_cleanly(
    file_project: Project, project_path: Path
) -> None:
    """With the wait used up, a held write lock gives a plain message and changes nothing."""
    project = file_project
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    design.move_actors({"U1": (3.0, 3.0)})
    blocker = sqlite3.connect(project_path, isolation_level=None, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    monkey = pytest.MonkeyPatch()
    monkey.setattr("cluster_designer.storage.sqlite_file.BUSY_TIMEOUT_MS", 0)
    try:
        with Project.open(project_path) as impatient:
            theirs = impatient.load_design("静岡 2030")
            theirs.move_actors({"C1": (8.0, 8.0)})
            with pytest.raises(ProjectError, match="is busy: another program is saving it"):
                impatient.save_design(theirs)
    finally:
        monkey.undo()
        blocker.execute("ROLLBACK")
        blocker.close()
    project.save_design(design)
    reloaded = _reloaded(project_path, "静岡 2030")
    assert (reloaded.actor("U1").x, reloaded.actor("C1").x) == (3.0, 0.0)


def test_saving_an_unchanged_design_does_not_disturb_others(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    mine = project.load_design("静岡 2030")
    with project_factory() as other:
        theirs = other.load_design("静岡 2030")
        project.save_design(mine)
        theirs.move_actors({"U1": (1.0, 1.0)})
        other.save_design(theirs)
    assert _reloaded(project_factory, "静岡 2030").same_content(theirs)


def test_many_insertions_at_one_place_keep_their_order(
    project: Project, project_factory: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each insertion halves the gap above a stored order number until no float is left."""
    project.save_design(full_design())
    design = project.load_design("静岡 2030")
    renumbered: list[bool] = []
    rewrite = writes._rewrite

    def counting(*args: Any, **kwargs: Any) -> Any:
        renumbered.append(kwargs.get("clear", False))
        return rewrite(*args, **kwargs)

    monkeypatch.setattr(writes, "_rewrite", counting)
    for n in range(70):
        design.add_actors([make_actor(id=f"N{n}", name=f"新{n}", sector="company")], [2])
        project.save_design(design)
    assert any(renumbered)  # the fallback really ran
    reloaded = _reloaded(project_factory, "静岡 2030")
    assert list(reloaded.actors) == [
        "U1",
        "C1",
        *(f"N{n}" for n in reversed(range(70))),
        "C2",
        "S1",
        "C3",
        "O1",
    ]
    assert reloaded.same_content(design)
