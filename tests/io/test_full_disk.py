"""A full disk never destroys a file: every export keeps the old file and says so in one line,
and no temporary file (empty or half-written) is left behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_designer.io import write_csv_pair, write_design_file
from cluster_designer.model import ClusterError, Design, make_actor, make_tie
from cluster_designer.storage import Project, new_project_file
from tests.full_disk import FullDisk, full_disk, full_disk_sqlite
from tests.io.test_xlsx import openpyxl_leftovers

__all__ = ["full_disk", "full_disk_sqlite"]


def big_design() -> Design:
    """Big enough (about 100 KB in any format) not to fit in what is left on the disk."""
    design = Design("大きなマップ", region="浜松")
    design.add_actors(
        [
            make_actor(id=f"A{i}", name=f"組織 {i}", sector="company", x=i, y=-i, notes="メモ" * 30)
            for i in range(300)
        ]
    )
    design.add_ties(
        [make_tie(source=f"A{i}", target=f"A{i + 1}", kind="funding") for i in range(299)]
    )
    return design


def _refused(write: Callable[[], None], target: Path) -> str:
    with pytest.raises((OSError, ClusterError)) as caught:
        write()
    message = str(caught.value)
    assert "\n" not in message and target.name in message, message
    return message


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".xlsx"])
def test_a_single_file_export_keeps_the_old_file(full_disk: FullDisk, suffix: str) -> None:
    if suffix == ".xlsx" and full_disk.mode == "write":
        return  # openpyxl writes the workbook itself: a cut-short write cannot reach it
    target = full_disk.existing(f"old{suffix}")
    full_disk.fill()
    with openpyxl_leftovers() as leftovers:
        message = _refused(lambda: write_design_file(big_design(), target), target)
    assert "was left as it was" in message
    assert leftovers == []  # a failed workbook leaves no stream open, no temporary file
    full_disk.check_untouched()


def test_a_csv_pair_export_keeps_both_old_files(full_disk: FullDisk) -> None:
    actors = full_disk.existing("old actors.csv")
    ties = full_disk.existing("old ties.csv", b"source,target,kind\n")
    full_disk.fill()
    _refused(lambda: write_csv_pair(big_design(), actors, ties), actors)
    full_disk.check_untouched()


def test_a_new_file_that_does_not_fit_leaves_nothing(full_disk: FullDisk) -> None:
    full_disk.fill()
    target = full_disk.folder / "new.json"
    message = _refused(lambda: write_design_file(big_design(), target), target)
    assert "nothing was written" in message
    full_disk.check_untouched()


def test_save_as_keeps_the_old_file(full_disk_sqlite: FullDisk, tmp_path: Path) -> None:
    with Project.open(tmp_path / "source.cluster", create=True) as project:
        project.import_design(big_design())
        target = full_disk_sqlite.existing("old.cluster")
        full_disk_sqlite.fill()
        _refused(lambda: project.copy_file_to(target), target)
    full_disk_sqlite.check_untouched()


def test_creating_a_project_that_does_not_fit_leaves_nothing(full_disk_sqlite: FullDisk) -> None:
    target = full_disk_sqlite.folder / "new.cluster"
    full_disk_sqlite.fill()

    def create() -> None:
        with new_project_file(target) as project:
            project.import_design(big_design())

    with pytest.raises(ClusterError) as caught:
        create()
    assert "\n" not in str(caught.value)
    full_disk_sqlite.check_untouched()


def test_replacing_a_project_that_does_not_fit_keeps_the_old_one(
    full_disk_sqlite: FullDisk,
) -> None:
    target = full_disk_sqlite.existing("old.cluster")
    full_disk_sqlite.fill()

    def create() -> None:
        with new_project_file(target, replace=True) as project:
            project.import_design(big_design())

    with pytest.raises(ClusterError):
        create()
    full_disk_sqlite.check_untouched()
