"""Actors and labels blitted from cached stamps look as drawn directly, and never go stale.

Each check grabs the view as the user sees it after an edit (its cached static layer
updated only where the edit invalidated it, stamps reused), then the same state drawn
from scratch without stamps, and compares them pixel by pixel.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from cluster_designer.gui import style
from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.canvas.stamps import Stamps
from cluster_designer.gui.commands import AddItemsCommand, SetActorFieldsCommand, UpdateActorCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import Sector, make_actor, make_tie

MAX_DIFFERENT = (
    40  # pixels allowed to differ (stamps land on whole pixels); one wrong digit is more
)
COLOR_DISTANCE = 80


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[:, :, :3].astype(np.int32)


def _direct(view: CanvasView, monkeypatch: pytest.MonkeyPatch) -> np.ndarray:
    """The view redrawn from scratch with every actor and label drawn directly."""
    with monkeypatch.context() as patch:
        patch.setattr(Stamps, "scale_of", staticmethod(lambda painter: None))
        view.resetCachedContent()
        image = view.grab().toImage()
    view.resetCachedContent()
    return _pixels(image)


def _assert_same_as_direct(view: CanvasView, monkeypatch: pytest.MonkeyPatch) -> np.ndarray:
    seen = _pixels(view.grab().toImage())
    direct = _direct(view, monkeypatch)
    different = int((np.abs(seen - direct).max(axis=2) > COLOR_DISTANCE).sum())
    assert different <= MAX_DIFFERENT, f"{different} pixels differ from a fresh direct drawing"
    return seen


def _color_at(pixels: np.ndarray, view: CanvasView, x: float, y: float) -> QColor:
    p = view.mapFromScene(QPointF(x, y))
    b, g, r = pixels[p.y(), p.x()].tolist()  # RGB32 is stored B, G, R, A in memory
    return QColor(r, g, b)


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 30


@pytest.fixture
def drawn(qtbot, document: Document, canvas) -> tuple[ClusterScene, CanvasView]:
    scene, view = canvas
    actors = [
        make_actor(
            id=f"A{i}",
            name=f"静岡 Actor {i}",
            sector="company",
            x=(i % 4) * 90 - 150,
            y=(i // 4) * 80 - 100,
        )
        for i in range(12)
    ]
    ties = [make_tie(source=f"A{i}", target=f"A{i + 1}", kind="information") for i in range(11)]
    document.push(AddItemsCommand(document.design, actors, ties))
    view.grab()
    assert len(scene.stamps) > 0  # the screen is drawn from stamps
    return scene, view


def test_stamped_canvas_looks_as_drawn_directly(drawn, monkeypatch) -> None:
    scene, view = drawn
    scene.select_ids(["A5"])
    _assert_same_as_direct(view, monkeypatch)


def test_a_sector_change_and_its_undo_are_never_painted_from_a_stale_stamp(
    drawn, document, monkeypatch
) -> None:
    scene, view = drawn
    document.push(UpdateActorCommand(document.design, "A5", "sector", Sector.UNIVERSITY))
    pixels = _assert_same_as_direct(view, monkeypatch)
    x, y = scene.actor_pos("A5")
    assert _close(_color_at(pixels, view, x, y), style.SECTOR_STYLES[Sector.UNIVERSITY].fill)
    document.undo_stack.undo()
    pixels = _assert_same_as_direct(view, monkeypatch)
    assert _close(_color_at(pixels, view, x, y), style.SECTOR_STYLES[Sector.COMPANY].fill)


def test_emphasis_renames_and_layouts_are_never_painted_from_a_stale_stamp(
    drawn, document, monkeypatch
) -> None:
    scene, view = drawn
    red = QColor(220, 20, 20)
    scene.set_overlay(
        sizes={"A2": 1.0, "A3": 0.0},
        colors={"A2": red},
        highlight_actors=["A6"],
        dimmed_actors=["A7"],
    )
    pixels = _assert_same_as_direct(view, monkeypatch)
    assert _close(_color_at(pixels, view, *scene.actor_pos("A2")), red)
    document.push(UpdateActorCommand(document.design, "A4", "name", "浜松 renamed"))
    document.push(
        SetActorFieldsCommand(document.design, {"A1": {"x": 200.0, "y": 150.0}}, "Layout")
    )
    _assert_same_as_direct(view, monkeypatch)
    scene.set_overlay()
    document.undo_stack.undo()
    _assert_same_as_direct(view, monkeypatch)


def test_zooming_draws_stamps_at_the_new_scale(drawn, monkeypatch) -> None:
    scene, view = drawn
    x, y = scene.actor_pos("A5")
    edge = (x + style.ACTOR_SIZE * 0.45, y)  # inside the shape only once zoomed in
    for zoom in (0.6, 2.5, 1.0):
        view.set_zoom(zoom)
        view.centerOn(QPointF(x, y))
        pixels = _assert_same_as_direct(view, monkeypatch)
        assert _close(_color_at(pixels, view, *edge), style.SECTOR_STYLES[Sector.COMPANY].fill) == (
            zoom > 1.5
        )


def test_a_stamp_lands_on_the_same_pixels_after_a_scroll_by_whole_pixels() -> None:
    """Qt scrolls the cached static layer by whole pixels and draws only what is uncovered:
    a stamp must land where a fresh drawing puts it. Python's `round` rounds halves to even
    (0.5 → 0, 1.5 → 2), so a stamp on a half pixel — common at zoom 8 — landed one pixel off
    after an odd scroll (a real-display zoom storm saw a label's glyph edges differ)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPainter, QTransform

    stamps = Stamps()

    def leftmost_column(shift: float) -> int:
        image = QImage(40, 20, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        drawn = stamps.draw(
            painter,
            QTransform.fromTranslate(shift, 0.0),
            "square",
            10.5,
            10.0,
            1.0,
            1.0,
            lambda: QRectF(0, -4, 4, 8),
            lambda p: p.fillRect(QRectF(0, -4, 4, 8), Qt.GlobalColor.black),
        )
        painter.end()
        assert drawn
        dark = np.nonzero((_pixels(image) < 128).all(axis=2).any(axis=0))[0]
        return int(dark[0])

    start = leftmost_column(0.0)
    for shift in range(1, 6):
        assert leftmost_column(float(shift)) == start + shift, shift
