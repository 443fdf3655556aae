"""A wheel zoom shows a scaled copy of the last sharp frame until the wheel rests; the sharp
frame then drawn is exactly a fresh drawing at that zoom, and the map is never stale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from cluster_designer.gui.canvas import CanvasView
from cluster_designer.gui.canvas.view import GESTURE_PAUSE_MS
from cluster_designer.gui.commands import MoveActorsCommand, RemoveItemsCommand
from cluster_designer.model import Sector, make_actor, make_tie
from tests.gui.display.display_check import differing, fresh_image, stale_patches


def _wheel(view: CanvasView, notches: int, at: QPointF | None = None) -> None:
    vp = view.viewport()
    local = at if at is not None else QPointF(vp.rect().center())
    QApplication.sendEvent(
        vp,
        QWheelEvent(
            local,
            vp.mapToGlobal(local),
            QPoint(0, 0),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def _grid(document, n: int = 12) -> None:
    """n×n actors of all sectors, 90 apart, each tied to its right and lower neighbours."""
    sectors = list(Sector)
    actors = [
        make_actor(
            id=f"A{r}_{c}",
            name=f"Actor {r}-{c}",
            sector=sectors[(r + c) % len(sectors)],
            x=c * 90.0,
            y=r * 90.0,
        )
        for r in range(n)
        for c in range(n)
    ]
    ties = [
        make_tie(source=f"A{r}_{c}", target=f"A{r}_{c + 1}", kind="collaboration")
        for r in range(n)
        for c in range(n - 1)
    ] + [
        make_tie(source=f"A{r}_{c}", target=f"A{r + 1}_{c}", kind="funding", weight=1 + c)
        for r in range(n - 1)
        for c in range(n)
    ]
    document.design.load(actors, ties)
    document.set_design(document.design)


def _assert_fresh(view: CanvasView) -> None:
    """What the view shows equals a new canvas drawn at its zoom and scroll, with empty caches."""
    QApplication.processEvents()
    shown = view.viewport().grab().toImage()
    fresh = fresh_image(view)
    mask = differing(shown, fresh)
    assert stale_patches(mask) == [], f"{int(mask.sum())} pixels differ from a fresh drawing"


@pytest.fixture
def grid_view(qtbot, document, canvas):
    scene, view = canvas
    view.resize(900, 640)
    _grid(document)
    view.fit_to_view()
    QApplication.processEvents()
    return scene, view


def test_wheel_steps_scale_the_last_sharp_frame_without_drawing_the_map(grid_view, monkeypatch):
    scene, view = grid_view
    drawn = []
    real = scene.tie_layer.paint_static
    monkeypatch.setattr(scene.tie_layer, "paint_static", lambda *a: (drawn.append(1), real(*a)))
    start_zoom = view.zoom_factor()
    _wheel(view, 1)
    first = len(drawn)  # the sharp frame the gesture scales (a warm repaint: no drawing)
    for _ in range(9):
        _wheel(view, 1)
        view.viewport().repaint()
    assert view.zooming
    assert len(drawn) == first, "a gesture step drew the map instead of scaling the frame"
    assert view.zoom_factor() == pytest.approx(start_zoom * 1.0015 ** (120 * 10))
    # the level of detail waits for the gesture to rest
    assert scene.label_zoom == pytest.approx(start_zoom)
    view.settle_zoom()
    assert not view.zooming and scene.label_zoom == pytest.approx(view.zoom_factor())
    view.viewport().repaint()
    assert len(drawn) > first


def test_the_gesture_settles_by_itself_when_the_wheel_rests(qtbot, grid_view) -> None:
    scene, view = grid_view
    for _ in range(3):
        _wheel(view, 1)
    assert view.zooming
    qtbot.waitUntil(lambda: not view.zooming, timeout=GESTURE_PAUSE_MS * 20)
    assert scene.label_zoom == pytest.approx(view.zoom_factor())


def test_scroll_bars_wait_for_the_gesture_and_then_show_where_the_view_is(qtbot, grid_view):
    """They are not repainted at every wheel step (costlier than the step's frame), but once
    the wheel rests they are live again."""
    _scene, view = grid_view
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    _wheel(view, 3)
    assert view.zooming and not any(bar.updatesEnabled() for bar in bars)
    qtbot.waitUntil(lambda: not view.zooming, timeout=GESTURE_PAUSE_MS * 20)
    assert all(bar.updatesEnabled() for bar in bars)
    _wheel(view, -2)
    view.settle_zoom()  # a click or another zoom path ends the gesture too
    assert all(bar.updatesEnabled() for bar in bars)


@pytest.mark.parametrize("notches", [10, -10, 4])
def test_the_settled_frame_is_a_fresh_drawing_at_that_zoom(grid_view, notches: int) -> None:
    _, view = grid_view
    if notches < 0:
        view.set_zoom(2.0)
        view.centerOn(QPointF(500, 500))
    step = 1 if notches > 0 else -1
    for n in range(abs(notches)):
        _wheel(view, step, QPointF(300 + 20 * n, 200 + 10 * n))  # the pointer wanders
        QApplication.processEvents()
    view.settle_zoom()
    _assert_fresh(view)


def test_zooming_back_out_over_earlier_frames_settles_fresh(grid_view) -> None:
    """Zooming in and out again: the earlier frames fill what the zoom out uncovers, and the
    settled frame is a fresh drawing still."""
    _, view = grid_view
    for direction in (1, -1, 1, -1):
        for _ in range(6):
            _wheel(view, direction)
            QApplication.processEvents()
        view.settle_zoom()
        QApplication.processEvents()
    _assert_fresh(view)


def test_an_edit_during_the_gesture_shows_at_once(grid_view, document) -> None:
    """The map changes under a running wheel zoom (an undo, an evaluation's overlay): the next
    frame is drawn sharp with the change, never the stale scaled copy."""
    _, view = grid_view
    for _ in range(3):
        _wheel(view, 1)
        QApplication.processEvents()
    assert view.zooming
    design = document.design
    document.push(MoveActorsCommand(design, {"A5_5": (5 * 90.0 + 40, 5 * 90.0 + 30)}))
    view.viewport().repaint()  # the next paint, before any timer ran
    assert not view.zooming
    _assert_fresh(view)
    for _ in range(3):
        _wheel(view, -1)
        QApplication.processEvents()
    document.push(RemoveItemsCommand(design, ["A3_3"], []))
    view.viewport().repaint()
    assert not view.zooming
    _assert_fresh(view)


def test_frames_from_before_an_edit_are_never_shown(grid_view, document) -> None:
    """An earlier frame fills a zoom out only while nothing has changed since it was taken."""
    _, view = grid_view
    for _ in range(5):
        _wheel(view, 1)
    view.settle_zoom()
    assert view._underlays  # the fitted frame, still true
    document.push(RemoveItemsCommand(document.design, ["A0_0"], []))
    assert view._underlays == []


def test_other_zoom_paths_draw_sharp_at_once(grid_view) -> None:
    scene, view = grid_view
    _wheel(view, 1)
    assert view.zooming
    view.zoom_in()  # keys, menu, fit: no gesture
    assert not view.zooming and scene.label_zoom == pytest.approx(view.zoom_factor())
    _assert_fresh(view)
