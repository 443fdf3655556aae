"""Opening a big design on a real X server: the first frame comes before the actor items are
made (lazy_items.py), and the map on screen is a fresh drawing — one made with every item
built at once — while the items are still being made and after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor

from cluster_designer.gui.canvas import scene as scene_module
from cluster_designer.gui.canvas.actor_item import ActorItem
from cluster_designer.storage import Project
from tests.gui.display.conftest import WINDOW_SIZE
from tests.gui.display.display_check import CanvasMouse, ScreenCheck
from tests.gui.display.test_display_edits import undo
from tests.gui.display.test_display_zoom import _build_design, _turn

ACTORS = 3000


def test_the_map_is_fresh_while_items_are_made_and_after(
    make_window: Any, tmp_path: Path, qtbot: Any, artifacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.cluster"
    with Project.open(path, create=True) as project:
        project.save_design(_build_design(ACTORS))
    assert ACTORS >= scene_module.LAZY_ITEMS
    window = make_window()
    assert window.open_project(str(path))
    scene = window.scene
    items = scene.items_by_id
    items._timer.stop()  # held back, so the checks below see items still to be made
    assert items.waiting == ACTORS
    # The fresh drawings to compare with make every item at once.
    monkeypatch.setattr(scene_module, "LAZY_ITEMS", 10**9)
    window.move(0, 0)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QCursor.setPos(QPoint(1590, 990))
    check = ScreenCheck(window, qtbot, artifacts).check
    check("at the fitted view, no item made yet")
    assert scene.tie_layer.points_mode and items.waiting == ACTORS
    _turn(window, "A1500", 10)
    check("zoomed in with items made only for what is shown")
    assert not scene.tie_layer.points_mode
    assert 0 < items.waiting < ACTORS
    window.view.center_on_actor("A2800")  # what search does
    check("after jumping to a far actor, selected")
    mouse = CanvasMouse(window)
    x, y = scene.actor_pos("A2800")
    mouse.drag("A2800", (x + 70, y + 30))
    check("after dragging an actor made a moment ago")
    undo(window)
    check("after undoing the drag")
    still = items.waiting
    assert still > 0
    items._timer.start()
    qtbot.waitUntil(lambda: items.waiting == 0, timeout=60_000)
    assert sum(isinstance(i, ActorItem) for i in scene.items()) == ACTORS
    check("after every item was made in the background")
    _turn(window, "A1500", -10)
    check("zoomed back out to the whole map")
