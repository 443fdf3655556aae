"""First run: the sample opens with a welcome; later runs reopen the last project instead."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QDialog, QFileDialog, QListWidget

from cluster_designer.gui import app as app_module
from cluster_designer.gui.welcome import WelcomeDialog
from cluster_designer.storage import Project
from tests.gui.window_fixtures import Answers, make_project


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty settings, data and state folders, and a bundled sample of our own."""
    for name, env in (("config", "CONFIG"), ("data", "DATA"), ("state", "STATE")):
        monkeypatch.setenv(f"CLUSTER_DESIGNER_{env}_DIR", str(tmp_path / "home" / name))
    sample = make_project(tmp_path / "bundle" / "sample.cluster")
    monkeypatch.setattr(app_module, "bundled_sample", lambda: sample)
    return tmp_path / "home"


@pytest.fixture
def start(qtbot: Any, answers: Answers) -> Iterator[Any]:
    """Start the application as `run_gui` does (without its event loop); windows closed at the end."""
    windows: list[Any] = []

    def run(path: str | None = None) -> Any:
        window = app_module.start_window(path)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield run
    for window in windows:
        window.close()


def welcome_of(window: Any) -> WelcomeDialog | None:
    found = window.findChild(QDialog, "welcomeDialog")
    return found if isinstance(found, WelcomeDialog) and found.isVisible() else None


def test_first_run_opens_the_sample_and_shows_the_welcome(home: Path, start: Any) -> None:
    window = start()
    sample = home / "data" / "sample.cluster"
    assert window.document.project.path == sample
    # the sample's first design, whole, and on the map
    with Project.open(sample) as copy:
        first = copy.load_design(copy.design_names()[0])
    shown = window.document.design
    assert shown.name == first.name and shown.same_content(first)
    assert len(first) > 0
    assert sorted(window.scene.items_by_id) == sorted(first.actors)
    welcome = welcome_of(window)
    assert welcome is not None and welcome.isVisible()
    assert welcome.windowTitle() == "Welcome to Cluster Designer"
    assert welcome.recent.isHidden()  # nothing recent on a first run
    welcome.findChild(QCommandLinkButton, "welcome_explore").click()
    assert welcome_of(window) is None
    assert window.document.project.path == home / "data" / "sample.cluster"


def test_no_welcome_after_a_project_was_opened_and_the_last_one_comes_back(
    home: Path, start: Any, tmp_path: Path
) -> None:
    first = start()
    own = make_project(tmp_path / "mine" / "浜松.cluster")
    assert first.open_project(str(own))
    first.close()
    again = start()
    assert welcome_of(again) is None
    assert again.document.project.path == own.resolve()
    assert not (Path(app_module.__file__).parent / "settings.ini").exists()
    assert (home / "config" / "settings.ini").exists()


def test_sample_without_welcome_when_the_last_project_is_gone(
    home: Path, start: Any, tmp_path: Path
) -> None:
    first = start()
    own = make_project(tmp_path / "gone.cluster")
    assert first.open_project(str(own))
    first.close()
    own.unlink()
    again = start()
    assert welcome_of(again) is None
    assert again.document.project.path == home / "data" / "sample.cluster"


def test_create_a_new_project_from_the_welcome(
    home: Path, start: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start()
    welcome = welcome_of(window)
    assert welcome is not None
    target = tmp_path / "projects" / "Region 2030"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    welcome.findChild(QCommandLinkButton, "welcome_create").click()
    assert window.document.project.path == target.with_name("Region 2030.cluster")
    assert window.document.design.name == "Design 1"
    assert welcome_of(window) is None


def test_cancelling_a_file_dialog_keeps_the_welcome(
    home: Path, start: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    welcome_of(window).findChild(QCommandLinkButton, "welcome_open").click()
    assert welcome_of(window) is not None


def test_recent_projects_are_listed_and_open(home: Path, start: Any, tmp_path: Path) -> None:
    window = start()
    own = make_project(tmp_path / "recent.cluster")
    assert window.open_project(str(own))
    assert window.open_project(str(home / "data" / "sample.cluster"))
    welcome = WelcomeDialog(window)
    welcome.show()
    recent = welcome.findChild(QListWidget, "welcome_recent")
    texts = [recent.item(i).text() for i in range(recent.count())]
    assert str(own.resolve()) in texts
    recent.itemActivated.emit(recent.item(texts.index(str(own.resolve()))))
    assert window.document.project.path == own.resolve()
    assert not welcome.isVisible()


def test_finder_open_event_opens_the_project(
    home: Path, start: Any, tmp_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "FILE_OPEN_EVENTS", True)  # as on macOS
    window = start()
    own = make_project(tmp_path / "from finder.cluster")
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(own)))
    assert window.document.project.path == own


def test_no_filter_sees_every_event_where_no_file_open_event_comes(
    home: Path, start: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter on the application runs Python for every event of every widget; while a
    worker thread holds Python's lock (sending a design to be evaluated, Compare loading its
    copy) each one waits its turn, and the window stalled 30–39 ms instead of 25 at 10,000
    actors while evaluating, 58–78 instead of 31–48 while Compare opened (measured). Qt
    sends QFileOpenEvent on macOS only, so elsewhere the Finder hook is not installed."""
    monkeypatch.setattr(app_module, "FILE_OPEN_EVENTS", False)
    start()
    assert app_module._FINDERS == []


_EXIT_SCRIPT = """
import sys
from cluster_designer.gui import app as app_module
shown = []
original = app_module.start_window
def spy(path=None):
    window = original(path)
    shown.append(window)
    return window
app_module.start_window = spy
status = app_module.run_gui()
print(status, len(shown), shown[0].isVisible())
"""


def test_exit_after_start_quits_with_status_zero(tmp_path: Path) -> None:
    """Run in a process of its own: once an application has quit, Qt ends every later event
    loop at once, which would break the waits of the tests that follow in this process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env[app_module.EXIT_AFTER_START_ENV] = "1"
    for name, key in (("config", "CONFIG"), ("data", "DATA"), ("state", "STATE")):
        env[f"CLUSTER_DESIGNER_{key}_DIR"] = str(tmp_path / "home" / name)
    # Generous: on a loaded machine opening and closing the window can take many seconds;
    # without the flag it never quits.
    done = subprocess.run(
        [sys.executable, "-c", _EXIT_SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # status 0, one window shown, closed the normal way by quitting
    assert done.stdout.split()[-3:] == ["0", "1", "False"]
