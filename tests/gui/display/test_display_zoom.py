"""Wheel zooms on a real X server: the scaled frame shown while the wheel turns always gives
way to the sharp map, a fresh drawing at the new zoom, and an edit during a zoom shows at once.
"""

from __future__ import annotations

import importlib.util
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest

from cluster_designer.storage import Project
from tests.gui.display.conftest import WINDOW_SIZE
from tests.gui.display.display_check import CanvasMouse, ScreenCheck
from tests.gui.display.test_display_edits import CTRL, redo, undo

BENCHMARK = Path(__file__).parents[3] / "benchmarks" / "scale.py"
WHEEL_SEED = int(os.environ.get("CLUSTER_DESIGNER_WHEEL_SEED", "20261202"))
WHEEL_STEPS = int(os.environ.get("CLUSTER_DESIGNER_WHEEL_STEPS", "40"))


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("scale_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build_design(n: int) -> Any:
    return _benchmark().build_design(n)


@pytest.fixture
def big_shown(make_window: Any, tmp_path: Path, qtbot: Any, artifacts: Path) -> Iterator[Any]:
    """The main window on a generated 3,000-actor design (shapes become points when zoomed
    out, labels are planned around what is shown), with a screen checker."""
    path = tmp_path / "big.cluster"
    with Project.open(path, create=True) as project:
        project.save_design(_build_design(3000))
    window = make_window()
    assert window.open_project(str(path))
    window.move(0, 0)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QCursor.setPos(QPoint(1590, 990))
    window.screen_check = ScreenCheck(window, qtbot, artifacts)
    yield window


def _idle(window: Any, qtbot: Any) -> None:
    """Wait until no evaluation is due or running: its new numbers (an overlay) change the
    map, which rightly ends a gesture, and a test asserting one runs must not race them."""
    panel = window.evaluation_ui.panel
    qtbot.waitUntil(lambda: not panel.is_busy and not panel.timer.isActive(), timeout=30_000)
    QTest.qWait(50)


def _turn(window: Any, target: Any, notches: int, wait_ms: int = 20) -> None:
    """One notch at a time, as a hand turns a wheel."""
    mouse = CanvasMouse(window)
    step = 1 if notches > 0 else -1
    for _ in range(abs(notches)):
        mouse.wheel(target, step)
        QTest.qWait(wait_ms)


def test_wheel_zooms_settle_to_the_fresh_map(shown: Any) -> None:
    check, view = shown.screen_check.check, shown.view
    start = view.zoom_factor()
    _turn(shown, "C22", 6)
    assert view.zoom_factor() > start * 2
    check("after a wheel zoom in over an actor")
    assert not view.zooming
    _turn(shown, "U01", -10)
    check("after a wheel zoom out")
    _turn(shown, "C29", 3)
    _turn(shown, "C29", -4)
    check("after turning the wheel back and forth")


def test_an_edit_during_a_wheel_zoom_is_on_screen_at_once(shown: Any, qtbot: Any) -> None:
    """Only the edit may end the gesture here (its pause is made very long): the next frame
    must already be the sharp map with the edit, not the scaled copy of the frame before."""
    check, view, mouse = shown.screen_check.check, shown.view, CanvasMouse(shown)
    view._settle_timer.setInterval(600_000)
    mouse.click("C22")
    _idle(shown, qtbot)
    _turn(shown, "C22", 3)
    assert view.zooming
    mouse.key(Qt.Key.Key_Delete)
    assert "C22" not in shown.document.design.actors
    check("after deleting an actor during a wheel zoom", settle_seconds=0)
    assert not view.zooming
    _idle(shown, qtbot)
    _turn(shown, "C29", -4)
    assert view.zooming
    undo(shown)
    check("after undoing during a wheel zoom", settle_seconds=0)
    _turn(shown, "C29", 2)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    check("after redoing during a wheel zoom", settle_seconds=0)


def test_a_drag_right_after_a_wheel_zoom(shown: Any) -> None:
    check, view, mouse = shown.screen_check.check, shown.view, CanvasMouse(shown)
    view._settle_timer.setInterval(600_000)
    _turn(shown, "C29", 4)
    x, y = shown.scene.actor_pos("C29")
    mouse.drag("C29", (x + 60, y + 40))
    assert not view.zooming
    check("after dragging an actor right after a wheel zoom", settle_seconds=0)


def test_wheel_zooms_on_a_big_design(big_shown: Any) -> None:
    """From the fitted view (points) in past the level-of-detail threshold (shapes and
    labels) and back out, then scrolled: the map is fresh after each."""
    check, view, scene = big_shown.screen_check.check, big_shown.view, big_shown.scene
    assert scene.tie_layer.points_mode
    _turn(big_shown, "A1500", 10)
    check("after a wheel zoom in on a big design")
    assert not scene.tie_layer.points_mode
    _turn(big_shown, "A1400", -7)
    check("after a wheel zoom out on a big design")
    _turn(big_shown, "A1400", -3)
    check("after zooming back out to the whole map")
    _turn(big_shown, "A700", 8)
    view.centerOn(*scene.actor_pos("A2600"))
    check("after a wheel zoom and a scroll on a big design")


def test_a_seeded_storm_of_edits_during_wheel_zooms(shown: Any, qtbot: Any) -> None:
    """Wheel zooms over random actors, each followed at once (before the wheel rests, half the
    time) by an edit of the big storm's kinds; the map is checked after each pair."""
    from tests.gui.display.test_display_storm import Storm

    storm = Storm(shown, qtbot, random.Random(WHEEL_SEED))
    rng = random.Random(WHEEL_SEED + 1)
    edits = [
        storm.drag,
        storm.delete_actors,
        storm.add_actor,
        storm.undo,
        storm.redo,
        storm.nudge,
        storm.select,
        storm.overlay,
        storm.draw_tie,
    ]
    history: list[str] = []
    for n in range(WHEEL_STEPS):
        actor = storm.some_actor()
        notches = rng.choice([-4, -2, -1, 1, 2, 3, 5])
        if actor is not None:
            _turn(shown, actor, notches, wait_ms=rng.choice([5, 30]))
        done = f"wheel {notches:+d} over {actor}"
        if rng.random() < 0.5:
            done += f", then at once {rng.choice(edits)()}"
        storm.mouse.away()
        history.append(done)
        shown.screen_check.check(
            f"after wheel step {n} with seed {WHEEL_SEED} ({done}); before: {history[-5:-1]}"
        )


def test_a_layout_undone_and_redone_on_a_big_design(
    big_shown: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo and redo lay the ties' kept drawings (canvas/parallel_lines.py) when they come
    back to a map drawn before: the screen must be a fresh drawing all the same, also when
    the selection changed in between (nothing kept then fits)."""
    from cluster_designer.gui.canvas import parallel_lines
    from cluster_designer.gui.commands import SetActorFieldsCommand

    laid = []
    find = parallel_lines.KeptPictures.find

    def counted(self: Any, *args: Any) -> Any:
        found = find(self, *args)
        laid.append(found is not None)
        return found

    monkeypatch.setattr(parallel_lines.KeptPictures, "find", counted)
    check, view, scene = big_shown.screen_check.check, big_shown.view, big_shown.scene
    document = big_shown.document
    design = document.design
    rng = random.Random(WHEEL_SEED)
    moved = rng.sample(list(design.actors), 1000)
    for notches in (0, 8):  # at the fitted view (points), then zoomed in (shapes, labels)
        if notches:
            _turn(big_shown, "A1500", notches)
        values = _benchmark().jitter(design, moved, rng, 40)
        document.push(SetActorFieldsCommand(design, values, "Layout"))
        check(f"after a layout of 1,000 actors ({notches} notches in)")
        undo(big_shown)
        check(f"after undoing the layout ({notches} notches in)")
        redo(big_shown)
        check(f"after redoing the layout ({notches} notches in)")
        scene.select_ids(moved[:50])
        undo(big_shown)
        check(f"after a selection and an undo ({notches} notches in)")
        redo(big_shown)
        check(f"after redoing it ({notches} notches in)")
        scene.clear_selection_ids()
        undo(big_shown)
        check(f"after clearing the selection and undoing ({notches} notches in)")
    assert any(laid), "no kept drawing was laid: the test did not see what it is for"
    assert view.zoom_factor() > 0


def _bars_on_screen(window: Any) -> list[Any]:
    """The canvas's two scroll bars as the X server shows them."""
    images = []
    for bar in (window.view.horizontalScrollBar(), window.view.verticalScrollBar()):
        at = bar.mapTo(window, QPoint(0, 0))
        images.append(
            window.screen()
            .grabWindow(window.winId(), at.x(), at.y(), bar.width(), bar.height())
            .toImage()
        )
    return images


def test_the_scroll_bars_after_a_wheel_zoom_and_a_pan(shown: Any, qtbot: Any) -> None:
    """Their grooves are laid from kept pictures (`gui/canvas/scroll_bars.py`): on screen,
    after the zoom settles and after a pan, the bars are the pixels Fusion's own paint
    gives for the same positions (the bars made plain again and repainted)."""
    check, view = shown.screen_check.check, shown.view
    _turn(shown, "C22", 6)
    check("after a wheel zoom in, before looking at the scroll bars")
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    assert all(bar.isVisible() for bar in bars)
    zoomed = _bars_on_screen(shown)
    for bar in bars:
        bar.setValue(bar.value() + bar.pageStep() // 3)  # a pan
    shown.screen_check.settle()
    panned = _bars_on_screen(shown)
    assert [a != b for a, b in zip(zoomed, panned, strict=True)] == [True, True]
    for bar in bars:
        bar.setStyle(None)
        bar.setAutoFillBackground(False)
        bar.repaint()
    shown.screen_check.settle()
    assert _bars_on_screen(shown) == panned


def test_pans_on_a_big_design(big_shown: Any) -> None:
    """Panned with the middle button by small steps, as a hand does, sideways, up and down,
    then diagonally (each step exposes an L along two edges, drawn a rectangle at a time):
    the map is fresh, each strip drawn as the whole view is (antialiased or not, with
    arrowheads or not, by what the view shows, not by what the strip holds)."""
    check, view = big_shown.screen_check.check, big_shown.view
    _turn(big_shown, "A1500", 10)
    check("after zooming in before panning")
    viewport = view.viewport()
    start = QPoint(viewport.width() // 2, viewport.height() // 2)
    for direction in (QPoint(-9, 0), QPoint(0, 7), QPoint(-9, 6), QPoint(7, -8)):
        QTest.mousePress(
            viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start
        )
        for step in range(1, 13):
            QTest.mouseMove(viewport, start + direction * step)
            QTest.qWait(10)
        QTest.mouseRelease(
            viewport,
            Qt.MouseButton.MiddleButton,
            Qt.KeyboardModifier.NoModifier,
            start + direction * 12,
        )
        check(f"after a diagonal pan by {direction.x()}, {direction.y()} a step")
