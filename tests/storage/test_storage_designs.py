"""Designs go into a project and come back exactly; whole-design operations behave."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluster_designer.model import ClusterError, Design, Tie, make_actor, make_tie
from cluster_designer.storage import DesignInfo, Project, ProjectError
from tests.storage.storage_samples import ProjectFactory, full_design


def test_round_trip_keeps_every_field(project: Project, project_factory: ProjectFactory) -> None:
    design = full_design()
    project.save_design(design)
    loaded = project_factory().load_design("静岡 2030")
    assert loaded.same_content(design)
    assert (loaded.created, loaded.updated) == (design.created, design.updated)
    u1 = loaded.actor("U1")
    assert u1.tags == ("ロボット", "AI")
    assert u1.extra == {"url": "https://www.shizuoka.ac.jp", "色": "青"}
    assert (u1.staff, u1.budget) == (3000.0, 1.5e10)
    c2 = loaded.actor("C2")
    assert (c2.x, c2.y, c2.budget, c2.staff) == (None, None, None, 0.0)
    assert [t.uid for t in loaded.ties.values()] == [t.uid for t in design.ties.values()]
    assert loaded.find_tie("S1", "C2", "funding").extra == {"年": "2024"}


def test_order_of_actors_and_ties_is_kept(project: Project) -> None:
    design = Design("order")
    ids = [f"A{n}" for n in (5, 3, 9, 1, 7, 2)]
    design.add_actors([make_actor(id=i, name=i, sector="company") for i in ids])
    design.add_ties(
        [_tie(a, b) for a, b in [("A9", "A1"), ("A5", "A3"), ("A2", "A7"), ("A1", "A5")]]
    )
    project.save_design(design)
    loaded = project.load_design("order")
    assert list(loaded.actors) == ids
    assert [t.key for t in loaded.ties.values()] == [t.key for t in design.ties.values()]


def test_loaded_design_is_clean_and_knows_its_row(project: Project) -> None:
    project.save_design(full_design())
    loaded = project.load_design("静岡 2030")
    assert loaded.journal.empty
    assert loaded.store_id is not None and loaded.store_version == 1


def test_design_infos_count_actors_and_ties(project: Project) -> None:
    project.save_design(full_design())
    project.create_design("空", region="浜松", description="empty")
    infos = project.design_infos()
    assert [i.name for i in infos] == ["静岡 2030", "空"]
    assert isinstance(infos[0], DesignInfo)
    assert (infos[0].actor_count, infos[0].tie_count, infos[0].region) == (6, 6, "静岡県")
    assert (infos[0].year, infos[1].year) == (2030, None)
    assert (infos[1].actor_count, infos[1].tie_count, infos[1].description) == (0, 0, "empty")
    assert project.design_names() == ["静岡 2030", "空"]
    assert project.has_design("空") and not project.has_design("missing")


def test_rename_duplicate_delete(project: Project, project_factory: ProjectFactory) -> None:
    original = full_design()
    project.save_design(original)
    project.duplicate_design("静岡 2030", "目標")
    project.rename_design("静岡 2030", "現状")
    project.delete_design("目標")
    project.duplicate_design("現状", "copy")
    with project_factory() as again:
        assert again.design_names() == ["現状", "copy"]
        copy = again.load_design("copy")
        assert copy.same_content(original.copy("copy"))
        copy.move_actors({"U1": (1.0, 2.0)})
        again.save_design(copy)
        assert again.load_design("現状").actor("U1").x == 10.5


def test_rename_follows_a_design_loaded_here(project: Project) -> None:
    project.save_design(full_design())
    loaded = project.load_design("静岡 2030")
    project.rename_design("静岡 2030", "現状")
    assert loaded.name == "現状"
    loaded.move_actors({"C1": (3.0, 4.0)})
    project.save_design(loaded)
    assert project.design_names() == ["現状"]
    assert project.load_design("現状").actor("C1").x == 3.0


def test_unique_names_are_enforced(project: Project) -> None:
    project.save_design(full_design())
    project.create_design("other")
    with pytest.raises(ProjectError, match="already has a design named '静岡 2030'"):
        project.save_design(full_design())
    with pytest.raises(ProjectError, match="already has a design named 'other'"):
        project.create_design("other")
    with pytest.raises(ProjectError, match="already has a design named 'other'"):
        project.rename_design("静岡 2030", "other")
    with pytest.raises(ProjectError, match="already has a design named 'other'"):
        project.duplicate_design("静岡 2030", "other")
    loaded = project.load_design("静岡 2030")
    loaded.set_meta(name="other")
    with pytest.raises(ProjectError, match="already has a design named 'other'"):
        project.save_design(loaded)
    assert project.design_names() == ["静岡 2030", "other"]


def test_missing_designs_and_bad_names_are_clear_errors(project: Project) -> None:
    for action in (
        lambda: project.load_design("nope"),
        lambda: project.rename_design("nope", "x"),
        lambda: project.duplicate_design("nope", "x"),
        lambda: project.delete_design("nope"),
    ):
        with pytest.raises(
            ProjectError, match=f"{re.escape(project.label)} has no design named 'nope'"
        ):
            action()
    project.create_design("a")
    with pytest.raises(ClusterError, match="name: must not be empty"):
        project.rename_design("a", "  ")


def test_import_design_refuses_or_replaces(project: Project) -> None:
    project.save_design(full_design())
    incoming = Design("静岡 2030", region="new")
    incoming.add_actors([make_actor(id="X", name="X", sector="company")])
    with pytest.raises(ProjectError, match="already has a design named"):
        project.import_design(incoming)
    assert project.load_design("静岡 2030").same_content(full_design())
    project.import_design(incoming, replace=True)
    assert project.design_names() == ["静岡 2030"]
    assert project.load_design("静岡 2030").same_content(incoming)
    assert incoming.journal.empty and incoming.store_id is not None


def test_design_from_another_project_is_stored_as_new(tmp_path: Path, project: Project) -> None:
    with Project.open(tmp_path / "a.cluster", create=True) as a:
        b = project
        b.create_design("first in b")
        a.create_design("first in a")
        a.save_design(full_design())
        moved = a.load_design("静岡 2030")
        b.save_design(moved)
        assert b.design_names() == ["first in b", "静岡 2030"]
        assert b.load_design("静岡 2030").same_content(full_design())
        assert a.load_design("first in a").same_content(Design("first in a"))


def test_database_url_and_memory_database(project_path: Path) -> None:
    with Project.open(f"sqlite:///{project_path}", create=True) as by_url:
        by_url.save_design(full_design())
        assert by_url.path == project_path
    with Project.open(project_path) as by_path:
        assert by_path.load_design("静岡 2030").same_content(full_design())
    with pytest.raises(ProjectError, match="holds no Cluster Designer project"):
        Project.open("sqlite://")
    with Project.open("sqlite://", create=True) as memory:
        memory.save_design(full_design())
        assert memory.load_design("静岡 2030").same_content(full_design())
        assert memory.path == "sqlite://"


def test_closed_project_says_so(project_factory: ProjectFactory) -> None:
    project = project_factory(create=True)
    project.close()
    with pytest.raises(ProjectError, match="is closed"):
        project.design_names()


def _tie(a: str, b: str) -> Tie:
    return make_tie(source=a, target=b, kind="collaboration")
