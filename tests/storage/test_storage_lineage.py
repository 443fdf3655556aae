"""Designs remember their lineage, so comparisons match actors by id only where ids are shared."""

from __future__ import annotations

from pathlib import Path

from cluster_designer.io import read_json, write_json
from cluster_designer.model import Design, make_actor, same_lineage
from cluster_designer.storage import Project, copy_design, migrate
from cluster_designer.storage.sqlite_file import make_engine


def _design(name: str, names: dict[str, str]) -> Design:
    design = Design(name)
    design.add_actors([make_actor(id=i, name=n, sector="company") for i, n in names.items()])
    return design


def test_new_designs_start_their_own_lineage_and_duplicates_keep_it(project: Project) -> None:
    project.create_design("one")
    project.create_design("two")
    project.duplicate_design("one", "one (scenario)")
    one, two, scenario = (project.load_design(n) for n in ("one", "two", "one (scenario)"))
    assert one.lineage and two.lineage and one.lineage != two.lineage
    assert same_lineage(one, scenario)
    project.rename_design("one (scenario)", "plan")
    assert same_lineage(one, project.load_design("plan"))


def test_saving_a_copy_keeps_the_lineage(project: Project) -> None:
    project.save_design(_design("today", {"C1": "North Works"}))
    today = project.load_design("today")
    project.import_design(today.copy("plan"))
    assert same_lineage(today, project.load_design("plan"))


def test_copy_to_another_project_and_json_round_trip_keep_it(
    project: Project, tmp_path: Path
) -> None:
    project.save_design(_design("today", {"C1": "North Works"}))
    today = project.load_design("today")
    with Project.open(tmp_path / "other.cluster", create=True) as other:
        copy_design(project, other, "today")
        assert same_lineage(today, other.load_design("today"))
    write_json(today, tmp_path / "today.json")
    again = read_json(tmp_path / "today.json", "again")
    assert same_lineage(today, again)
    project.import_design(again)
    assert same_lineage(today, project.load_design("again"))


def test_importing_over_a_design_keeps_its_lineage(project: Project) -> None:
    project.save_design(_design("today", {"C1": "North Works"}))
    before = project.load_design("today").lineage
    project.import_design(_design("today", {"C1": "North Works", "C2": "South Lab"}), replace=True)
    assert project.load_design("today").lineage == before
    project.import_design(_design("fresh", {"C1": "Somebody else"}))
    assert project.load_design("fresh").lineage != before


def test_project_actor_ids_cover_every_design(project: Project) -> None:
    project.save_design(_design("a", {"C1": "x", "U2": "y"}))
    project.save_design(_design("b", {"C1": "x", "S7": "z"}))
    assert project.actor_ids() == {"C1", "U2", "S7"}


def test_upgrading_an_older_file_groups_duplicates_by_their_names(project_path: Path) -> None:
    """Files from before lineages: a duplicate (same ids, same names) joins its original;
    a design drawn separately whose automatic ids recur with other names does not.
    (A file only: the test takes it back to schema 0001 and checks the backup copy.)"""
    project = Project.open(project_path, create=True)
    project.save_design(_design("today", {"C1": "North Works", "C2": "South Lab", "U1": "Uni"}))
    project.save_design(_design("plan", {"C1": "North Works", "C2": "South Lab", "C3": "New"}))
    project.save_design(_design("mine", {"C1": "East Bank", "C2": "West Port", "U1": "Uni"}))
    project.close()
    engine = make_engine(project_path)
    with engine.begin() as conn:  # as a file of schema 0001 was
        from alembic import command

        command.downgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    with Project.open(project_path) as upgraded:
        assert upgraded.backup_path is not None
        today, plan, mine = (upgraded.load_design(n) for n in ("today", "plan", "mine"))
    assert len(today) == 3  # nothing was lost on the way
    assert same_lineage(today, plan)
    assert not same_lineage(today, mine) and not same_lineage(plan, mine)
