"""Qt tests run headless on the offscreen platform, on a document without a project file."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.document import Document
from cluster_designer.gui.threads import collect_on_the_window_thread
from cluster_designer.model import Design
from tests.gui.window_fixtures import answers, make_window, project_path, window

__all__ = ["answers", "make_window", "project_path", "window"]


@pytest.fixture(autouse=True)
def garbage_collected_on_the_window_thread(qapp: QApplication) -> Iterator[None]:
    """As the application does (gui/app.py): a worker thread's allocations must not collect
    the window's garbage there, destroying Qt objects off their thread. Tests without Qt
    (run later in the same process) collect as usual again."""
    collect_on_the_window_thread()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def no_windows_left_behind() -> Iterator[None]:
    """Hide whatever top-level window a test left open (a welcome window beside a closed main
    window, a guide), so the next test starts with none: a leftover took part in the next
    test's quit and made it depend on which tests ran before it."""
    yield
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.hide()
            widget.deleteLater()


@pytest.fixture
def document(qtbot) -> Document:
    doc = Document()
    doc.set_design(Design("Test", region="Hamamatsu"))
    return doc


@pytest.fixture
def canvas(qtbot, document: Document) -> Iterator[tuple[ClusterScene, CanvasView]]:
    """A shown 1000×700 view at zoom 1 centred on the scene origin."""
    scene = ClusterScene(document)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_reset()
    view.centerOn(QPointF(0, 0))
    yield scene, view
    view.close()


class Mouse:
    """Real mouse events on the view's viewport, addressed in scene coordinates."""

    def __init__(self, view: CanvasView) -> None:
        self.view = view

    def at(self, x: float, y: float) -> QPoint:
        return self.view.mapFromScene(QPointF(x, y))

    def click(
        self, x: float, y: float, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, mods, self.at(x, y))

    def double_click(self, x: float, y: float) -> None:
        QTest.mouseDClick(
            self.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            self.at(x, y),
        )

    def drag(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        steps: int = 5,
    ) -> None:
        vp = self.view.viewport()
        p0, p1 = self.at(*start), self.at(*end)
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, mods, p0)
        for n in range(1, steps + 1):
            p = p0 + (p1 - p0) * (n / steps)
            QTest.mouseMove(vp, p)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, mods, p1)


@pytest.fixture
def mouse(canvas: tuple[ClusterScene, CanvasView]) -> Mouse:
    return Mouse(canvas[1])
