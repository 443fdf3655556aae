"""Recovering a project keeps origins, groups and years, and still reads files written
before those fields existed."""

from __future__ import annotations

import shutil
from pathlib import Path

from cluster_designer.storage import Project, salvage

from .storage_samples import full_design

OLD = Path(__file__).parents[1] / "data" / "old_projects" / "project-0.1.0-schema-0003.cluster"


def test_salvage_of_a_file_from_before_origins_and_groups(tmp_path: Path) -> None:
    damaged = tmp_path / "old.cluster"
    shutil.copyfile(OLD, damaged)
    report = salvage(damaged, tmp_path / "saved.cluster")
    assert report.unreadable_rows == 0
    assert {(d.actors, d.ties) for d in report.designs} == {(55, 236), (40, 79)}
    assert all(d.complete for d in report.designs)


def test_salvage_keeps_groups_origins_and_year(tmp_path: Path) -> None:
    path = tmp_path / "p.cluster"
    with Project.open(path, create=True) as project:
        project.import_design(full_design())
    salvage(path, tmp_path / "saved.cluster")
    with Project.open(tmp_path / "saved.cluster") as saved:
        assert saved.load_design("静岡 2030").same_content(full_design())
