"""Copying designs between a `.cluster` file and a repository, and answering a conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.storage import (
    ConflictError,
    Project,
    ProjectError,
    conflict_choice,
    copy_design,
    free_design_name,
)
from tests.storage.storage_samples import ProjectFactory, full_design


def _identical(a: Project, b: Project, name_a: str, name_b: str) -> None:
    one, two = a.load_design(name_a), b.load_design(name_b)
    assert two.same_content(one.copy(name_b))
    assert (two.created, two.updated) == (one.created, one.updated)
    assert [t.uid for t in two.ties.values()] == [t.uid for t in one.ties.values()]


def test_copy_round_trip_between_a_file_and_the_repository(
    tmp_path: Path, project: Project
) -> None:
    with Project.open(tmp_path / "手元.cluster", create=True) as laptop:
        laptop.save_design(full_design())
        copy_design(laptop, project, "静岡 2030")
        _identical(laptop, project, "静岡 2030", "静岡 2030")
        edited = project.load_design("静岡 2030")
        edited.move_actors({"U1": (7.0, 8.0)})
        project.save_design(edited)
        copy_design(project, laptop, "静岡 2030", new_name="共有版")
        _identical(project, laptop, "静岡 2030", "共有版")
        assert laptop.design_names() == ["静岡 2030", "共有版"]
        assert laptop.load_design("共有版").actor("U1").x == 7.0


def test_copy_refuses_an_existing_name_unless_replacing(tmp_path: Path, project: Project) -> None:
    with Project.open(tmp_path / "手元.cluster", create=True) as laptop:
        laptop.save_design(full_design())
        project.create_design("静岡 2030", region="old")
        with pytest.raises(ProjectError, match="already has a design named '静岡 2030'"):
            copy_design(laptop, project, "静岡 2030")
        assert project.load_design("静岡 2030").region == "old"
        copy_design(laptop, project, "静岡 2030", replace=True)
        assert project.design_names() == ["静岡 2030"]
        _identical(laptop, project, "静岡 2030", "静岡 2030")
        with pytest.raises(ProjectError, match="has no design named 'nope'"):
            copy_design(laptop, project, "nope")


def test_copy_within_one_project_needs_a_new_name(project: Project) -> None:
    project.save_design(full_design())
    with pytest.raises(ProjectError, match="into the same project needs a new name"):
        copy_design(project, project, "静岡 2030", replace=True)
    copy_design(project, project, "静岡 2030", new_name="目標")
    assert project.design_names() == ["静岡 2030", "目標"]


def test_a_conflict_offers_reload_or_save_as_new(
    project: Project, project_factory: ProjectFactory
) -> None:
    project.save_design(full_design())
    with project_factory() as other:
        mine, theirs = project.load_design("静岡 2030"), other.load_design("静岡 2030")
        theirs.set_meta(description="theirs")
        other.save_design(theirs)
    mine.move_actors({"C1": (5.0, 5.0)})
    with pytest.raises(ConflictError) as caught:
        project.save_design(mine)
    choice = conflict_choice(caught.value, project.design_names())
    assert choice.reload_label == "Reload their version"
    assert "'静岡 2030'" in choice.question and "version 2" in choice.question
    assert choice.suggested_name == "静岡 2030 (2)"
    project.save_design_as_new(mine, choice.suggested_name)
    assert mine.name == "静岡 2030 (2)" and mine.journal.empty
    assert project.load_design("静岡 2030").description == "theirs"
    assert project.load_design("静岡 2030 (2)").same_content(mine)
    with pytest.raises(ProjectError, match="already has a design named '静岡 2030'"):
        project.save_design_as_new(mine, "静岡 2030")


def test_a_deleted_design_offers_only_save_as_new(project: Project) -> None:
    project.save_design(full_design())
    mine = project.load_design("静岡 2030")
    project.delete_design("静岡 2030")
    mine.move_actors({"C1": (5.0, 5.0)})
    with pytest.raises(ConflictError) as caught:
        project.save_design(mine)
    choice = conflict_choice(caught.value, project.design_names())
    assert choice.reload_label is None and "deleted" in choice.question
    assert choice.suggested_name == "静岡 2030 (2)"


def test_free_design_names_stay_within_the_limit() -> None:
    assert free_design_name("a", []) == "a"
    assert free_design_name("a", ["a", "a (2)"]) == "a (3)"
    long = "長" * 200
    assert free_design_name(long, [long]) == "長" * 196 + " (2)"
