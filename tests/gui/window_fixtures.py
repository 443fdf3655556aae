"""Fixtures for main-window tests: a temporary project and scripted answers to every dialog."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMessageBox

from cluster_designer.model import Design, make_actor, make_tie
from cluster_designer.storage import Project

Button = QMessageBox.StandardButton


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a user: ASCII as key presses, Japanese as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def wheel_down_at(widget: Any) -> Any:
    """One notch of a mouse wheel turned down over the widget's centre (send it yourself)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.rect().center())
    return QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def sample_design(name: str = "Today") -> Design:
    design = Design(name, region="浜松", description="The network as it is")
    design.add_actors(
        [
            make_actor(
                id="U1",
                name="静岡大学",
                sector="university",
                x=0,
                y=0,
                subtype="national university",
            ),
            make_actor(id="C1", name="Hamana Motors", sector="company", x=120, y=40, staff=900),
            make_actor(id="S1", name="浜松市", sector="support", x=-80, y=90),
        ]
    )
    design.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration", weight=3),
            make_tie(source="S1", target="C1", kind="funding", weight=12.5),
        ]
    )
    return design


def make_project(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Project.open(path, create=True) as project:
        project.import_design(sample_design("Today"))
        plan = sample_design("Plan 2030")
        plan.update_actor("C1", name="Hamana EV")
        project.import_design(plan)
    return path


@dataclass
class Answers:
    """What dialogs will answer, and what they were asked (so tests can assert on both)."""

    save_changes: Button = Button.Discard
    question: Button = Button.Yes
    confirm: bool = True
    names: list[str | None] = field(default_factory=list)
    open_files: list[str] = field(default_factory=list)
    save_files: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    from PySide6.QtWidgets import QFileDialog

    from cluster_designer.gui import csv_json_dialogs, window_ops

    script = Answers()

    def save_changes(_parent: Any, design_name: str) -> Button:
        script.asked.append(f"save {design_name}")
        return script.save_changes

    def question(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Button:
        script.asked.append(f"{title}: {text}")
        return script.question

    def warning(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Button:
        script.warnings.append(f"{title}: {text}")
        return Button.Ok

    def confirm(_parent: Any, title: str, text: str, *args: Any) -> bool:
        script.asked.append(f"{title}: {text}")
        return script.confirm

    def ask_name(_parent: Any, title: str, label: str, initial: str, taken: Any) -> str | None:
        script.asked.append(f"{title}: {initial}")
        return script.names.pop(0) if script.names else initial

    monkeypatch.setattr(window_ops, "ask_save_changes", save_changes)
    monkeypatch.setattr(window_ops, "confirm", confirm)
    monkeypatch.setattr(window_ops, "ask_design_name", ask_name)
    monkeypatch.setattr(csv_json_dialogs, "ask_design_name", ask_name)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (script.open_files.pop(0) if script.open_files else "", "")),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (script.save_files.pop(0) if script.save_files else "", "")),
    )
    return script


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "region.cluster")


@pytest.fixture
def make_window(qtbot: Any, tmp_path: Path, answers: Answers) -> Iterator[Any]:
    """Build main windows with settings and recovery under tmp_path; all are closed at the end."""
    from cluster_designer.gui.main_window import MainWindow
    from cluster_designer.gui.recovery import RecoveryStore
    from cluster_designer.gui.settings import Settings

    windows: list[MainWindow] = []

    def build() -> MainWindow:
        window = MainWindow(
            Settings(tmp_path / "config" / "settings.ini"), RecoveryStore(tmp_path / "recovery")
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield build
    answers.save_changes = Button.Discard
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: Any, project_path: Path) -> Any:
    window = make_window()
    assert window.open_project(str(project_path))
    window.show()
    return window
