"""The window at the edges: damaged projects, full disks, processes that must not outlive it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cluster_designer.gui import salvage_dialog
from cluster_designer.gui.render import export_diagram
from cluster_designer.model import ClusterError
from tests.full_disk import FullDisk, full_disk, full_disk_sqlite
from tests.gui.window_fixtures import Answers
from tests.io.test_full_disk import big_design

__all__ = ["full_disk", "full_disk_sqlite"]


def _spoil_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()


def test_a_damaged_project_offers_recovery_into_a_new_file(
    make_window: Any,
    project_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _spoil_version(project_path)
    before = project_path.read_bytes()
    offered: list[str] = []

    def ask(_parent: Any, error: Any) -> bool:
        offered.append(error.reason)
        return True

    monkeypatch.setattr(salvage_dialog, "ask_recover", ask)
    answers.save_files.append(str(tmp_path / "rescued"))
    window = make_window()
    assert window.open_project(str(project_path))
    assert offered == ["its schema version is missing"]
    assert window.document.project.path == tmp_path / "rescued.cluster"
    assert window.document.project.design_names() == ["Today", "Plan 2030"]
    assert window.document.design is not None and window.document.design.name == "Today"
    assert project_path.read_bytes() == before
    assert answers.warnings == []  # nothing was lost, so nothing to warn about


def test_declining_recovery_leaves_everything_as_it_was(
    make_window: Any, project_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _spoil_version(project_path)
    before = project_path.read_bytes()
    monkeypatch.setattr(salvage_dialog, "ask_recover", lambda *_a: False)
    window = make_window()
    assert not window.open_project(str(project_path))
    assert window.document.project is None
    assert project_path.read_bytes() == before
    assert not list(project_path.parent.glob("*.cluster*"))[1:]


# --- a full disk ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_diagram_export_on_a_full_disk_keeps_the_old_file(
    full_disk: FullDisk, suffix: str, qtbot: Any
) -> None:
    target = full_disk.existing(f"old{suffix}")
    full_disk.fill()
    with pytest.raises((OSError, ClusterError)) as caught:
        export_diagram(big_design(), target)
    message = str(caught.value)
    assert "\n" not in message and target.name in message and "left as it was" in message
    full_disk.check_untouched()


def test_save_as_on_a_full_disk_keeps_the_old_file_and_the_project_open(
    window: Any, full_disk_sqlite: FullDisk, answers: Answers, project_path: Path
) -> None:
    window.document.design.move_actors({"U1": (50.0, 50.0)})
    target = full_disk_sqlite.existing("old.cluster")
    full_disk_sqlite.fill()
    assert not window.ops.save_as(target)
    assert len(answers.warnings) == 1 and "old.cluster" in answers.warnings[0]
    assert window.document.project.path == project_path
    full_disk_sqlite.check_untouched()


# --- stopping a save ------------------------------------------------------------------------


def test_stop_ends_a_save_that_waits_for_another_program(
    window: Any, qtbot: Any, project_path: Path
) -> None:
    """Another program holds the project's write lock: the save waits, the progress dialog
    offers Stop, and Stop ends it at once with nothing written and the changes kept."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from cluster_designer.gui.commands import AddItemsCommand
    from cluster_designer.model import make_actor

    window.document.push(
        AddItemsCommand(
            window.document.design, [make_actor(id="X9", name="Waiting", sector="company")], []
        )
    )
    blocker = sqlite3.connect(project_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    pressed: list[float] = []

    def press_stop() -> None:
        for widget in QApplication.topLevelWidgets():
            button = widget.findChild(QPushButton, "background_stop")
            if button is not None and button.isVisible():
                pressed.append(time.monotonic())
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        QTimer.singleShot(100, press_stop)

    QTimer.singleShot(200, press_stop)
    try:
        before = project_path.read_bytes()
        assert not window.ops.save()
        stopped_at = time.monotonic()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert pressed and stopped_at - pressed[0] < 3
    assert "Save stopped; nothing was saved" in window.statusBar().currentMessage()
    assert window.document.modified and "X9" in window.document.design.actors
    assert project_path.read_bytes() == before
    assert window.ops.save()  # the lock is free again: the same save goes through
