"""Real-display tests: the main window on an X server, its pixels read back from the screen.

The rest of the suite runs on Qt's offscreen platform, and Qt picks its platform once per
process, so these tests run in a process of their own on the xcb platform under Xvfb:
`tests/gui/test_real_display.py` starts the X server and that process. By hand, with an X
server of your own (`Xvfb :21 -screen 0 1600x1000x24 &`):
`DISPLAY=:21 CLUSTER_DESIGNER_REAL_DISPLAY=1 QT_QPA_PLATFORM=xcb uv run pytest tests/gui/display`.
Anywhere else this folder is not collected.

What a test compares is what the X server shows in the canvas's viewport
(`QScreen.grabWindow`, as a person sees it) against a fresh canvas of a copy of the same
design in the same state (zoom, scroll, selection, overlay), drawn with empty caches.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REAL_DISPLAY_ENV = "CLUSTER_DESIGNER_REAL_DISPLAY"
ARTIFACTS_ENV = "CLUSTER_DESIGNER_DISPLAY_ARTIFACTS"

if os.environ.get(REAL_DISPLAY_ENV) != "1":
    collect_ignore_glob = ["test_*.py"]
else:
    from tests.gui.display.display_check import ScreenCheck

SAMPLE = Path(__file__).parents[3] / "resources" / "sample.cluster"
WINDOW_SIZE = (1500, 950)


@pytest.fixture(scope="session", autouse=True)
def _on_a_real_x_server() -> None:
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.platformName() == "xcb", "the real-display tests need Qt's xcb platform"


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    path = tmp_path / "sample.cluster"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    """Where mismatching screens are saved (the parent run's folder when it names one)."""
    folder = os.environ.get(ARTIFACTS_ENV)
    return Path(folder) if folder else tmp_path


@pytest.fixture
def shown(make_window: Any, sample_project: Path, qtbot: Any, artifacts: Path) -> Iterator[Any]:
    """The main window on the sample project, shown on the X server, with a screen checker."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    window = make_window()
    assert window.open_project(str(sample_project))
    window.move(0, 0)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QCursor.setPos(QPoint(1590, 990))  # the pointer off the window: no hover by accident
    window.screen_check = ScreenCheck(window, qtbot, artifacts)
    yield window
