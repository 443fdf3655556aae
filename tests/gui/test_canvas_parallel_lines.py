"""Ties drawn on both cores (canvas/parallel_lines.py) give the very pixels of one drawing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from cluster_designer.gui.canvas import parallel_lines, tie_layer

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "scale.py"


def _build_design(n: int):
    spec = importlib.util.spec_from_file_location("scale_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_design(n)


def _frame(view, kept: bool = False) -> bytes:
    """The viewport drawn with its cached static layer dropped, as after a zoom; the tie
    layer's kept drawings dropped too unless `kept`."""
    if not kept:
        view.cluster_scene.tie_layer.kept.clear()
    view.resetCachedContent()
    image = view.viewport().grab().toImage()
    return bytes(np.frombuffer(image.constBits(), dtype=np.uint8))


@pytest.mark.skipif(parallel_lines.native_draw_lines() is None, reason="no native drawLines here")
def test_second_thread_draws_the_same_pixels(qtbot, canvas, monkeypatch) -> None:
    scene, view = canvas
    design = _build_design(4000)
    scene.document.set_design(design)
    # a selection: its ties get a halo drawn before them, in the same order
    scene.select_ids([f"A{i}" for i in range(0, 4000, 37)], list(design.ties)[:3000:11])
    submitted = []
    real_worker = parallel_lines._worker()

    class Counting:
        def submit(self, job):
            submitted.append(job)
            return real_worker.submit(job)

    monkeypatch.setattr(parallel_lines, "_worker", Counting)
    middle = design.actor("A1900")
    for zoom, threaded in ((0.02, True), (0.12, True), (0.35, True), (0.6, True), (1.2, False)):
        view.set_zoom(zoom)
        view.centerOn(QPointF(middle.x, middle.y))
        qtbot.wait(1)
        hairlines = scene.tie_layer.layers(zoom) >= tie_layer.HAIRLINE_LAYERS
        assert hairlines == (zoom == 0.02)  # (1-pixel ties, drawn on both threads too)
        before = len(submitted)
        both = _frame(view)
        assert (len(submitted) > before) == threaded, f"zoom {zoom}: thread {threaded} expected"
        drawn = len(submitted)
        laid = _frame(view, kept=True)  # the same drawing again: laid from the kept picture
        assert len(submitted) == drawn, f"zoom {zoom}: drawn again"
        monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_LINES", 10**9)
        one = _frame(view)
        monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_LINES", 6000)
        assert both == one, f"pixels differ at zoom {zoom}"
        assert laid == one, f"the kept picture differs at zoom {zoom}"


def test_without_the_native_call_everything_is_drawn_directly(qtbot, canvas, monkeypatch) -> None:
    scene, view = canvas
    design = _build_design(3000)
    scene.document.set_design(design)
    view.set_zoom(0.2)
    reference = _frame(view)
    monkeypatch.setattr(parallel_lines, "native_draw_lines", lambda: None)
    monkeypatch.setattr(
        parallel_lines, "_worker", lambda: pytest.fail("no thread without the native call")
    )
    assert _frame(view) == reference


@pytest.mark.skipif(parallel_lines.native_draw_lines() is None, reason="no native drawLines here")
def test_an_undo_lays_the_kept_picture_and_shows_a_fresh_drawing(
    qtbot, canvas, monkeypatch
) -> None:
    from cluster_designer.gui.commands import SetActorFieldsCommand

    scene, view = canvas
    document = scene.document
    design = _build_design(4000)
    document.set_design(design)
    middle = design.actor("A1900")
    view.set_zoom(0.6)
    view.centerOn(QPointF(middle.x, middle.y))
    qtbot.wait(1)
    before = _frame(view)
    drawn = []
    real = parallel_lines._Picture.drawn

    def counted(self, groups, native):
        drawn.append(len(groups))
        return real(self, groups, native)

    monkeypatch.setattr(parallel_lines._Picture, "drawn", counted)
    moved = {f"A{i}": {"x": design.actor(f"A{i}").x + 25.0} for i in range(1700, 2100)}
    document.push(SetActorFieldsCommand(design, moved, "Layout"))
    qtbot.wait(1)
    after = _frame(view, kept=True)
    assert after != before and drawn, "the layout is drawn anew, not laid from before it"
    drawn.clear()
    document.undo_stack.undo()
    qtbot.wait(1)
    undone = _frame(view, kept=True)
    assert not drawn, "the picture from before the layout was drawn again"
    assert undone == before
    assert undone == _frame(view), "the laid picture is not what a fresh drawing shows"
    document.undo_stack.redo()
    qtbot.wait(1)
    assert _frame(view, kept=True) == after == _frame(view)


def test_each_thing_a_kept_picture_is_drawn_from_is_in_its_key(qtbot) -> None:
    from PySide6.QtCore import QRect, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    image = QImage(200, 100, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    lines = np.array([[0.0, 0.0, 50.0, 50.0], [10.0, 0.0, 10.0, 90.0]])
    corners = np.array([[[0.0, 0.0], [5.0, 5.0], [0.0, 9.0]]])
    pen = QPen(QColor(10, 20, 30), 2.0)
    area = QRect(0, 0, 200, 100)

    def key(**change) -> bytes:
        values = {
            "pen": pen,
            "lines": lines,
            "dashes": (),
            "piece_pen": None,
            "points": False,
            "colour": QColor(1, 2, 3),
            "corners": corners,
            "area": area,
            "scale": 1.0,
            "clip": QRectF(0, 0, 150, 90),
        } | change
        painter.resetTransform()
        painter.scale(values["scale"], values["scale"])
        painter.setClipRect(values["clip"])
        groups = [
            parallel_lines.LineGroup(
                values["pen"],
                values["lines"],
                dashes=values["dashes"],
                piece_pen=values["piece_pen"],
                points=values["points"],
            ),
            parallel_lines.FillGroup(values["colour"], values["corners"]),
        ]
        kept = parallel_lines.KeptPictures
        return kept.key(kept.outline(painter, values["area"], groups), groups)

    dashed = QPen(pen)
    dashed.setStyle(Qt.PenStyle.DashLine)
    wide, cap = QPen(pen), QPen(pen)
    wide.setWidthF(2.5)
    cap.setCapStyle(Qt.PenCapStyle.RoundCap)
    moved = lines.copy()
    moved[1, 3] += 1e-9
    changes = {
        "pen colour": {"pen": QPen(QColor(10, 20, 31), 2.0)},
        "pen width": {"pen": wide},
        "pen style": {"pen": dashed},
        "pen cap": {"pen": cap},
        "a line's end": {"lines": moved},
        "one line less": {"lines": lines[:1]},
        "dash pattern": {"dashes": (3.0, 2.0)},
        "dash pen": {"piece_pen": pen},
        "points or lines": {"points": True},
        "fill colour": {"colour": QColor(1, 2, 4)},
        "a corner": {"corners": corners + 0.5},
        "area": {"area": QRect(1, 0, 200, 100)},
        "transform": {"scale": 1.01},
        "clip": {"clip": QRectF(0, 0, 150, 91)},
    }
    try:  # (the painter must end before its image goes, whatever the asserts say)
        same = key()
        assert key() == same
        for what, change in changes.items():
            assert key(**change) != same, f"the key does not depend on the {what}"
    finally:
        painter.end()


def test_an_image_used_before_comes_back_blank(qtbot) -> None:
    from PySide6.QtGui import QColor, QPainter

    first = parallel_lines._blank(64, 48)
    painter = QPainter(first)
    painter.fillRect(0, 0, 64, 48, QColor(200, 10, 10))
    painter.end()
    parallel_lines._recycle(first)
    again = parallel_lines._blank(64, 48)
    pixels = np.frombuffer(again.constBits(), dtype=np.uint8, count=again.sizeInBytes())
    assert not pixels.any(), "a spare image was handed out with an old drawing on it"
    other = parallel_lines._blank(32, 48)  # another size: a new image
    assert (other.width(), other.height()) == (32, 48)


@pytest.mark.skipif(parallel_lines.native_draw_lines() is None, reason="no native drawLines here")
def test_an_exported_image_is_not_kept(qtbot, canvas, monkeypatch) -> None:
    """An export is drawn once at its own size (a poster can be tens of megapixels): its
    ties' picture is neither kept nor held as a spare afterwards."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    scene, view = canvas
    scene.document.set_design(_build_design(4000))
    view.set_zoom(0.12)
    _frame(view, kept=True)
    kept_before = len(scene.tie_layer.kept)
    monkeypatch.setattr(parallel_lines, "MAX_SPARE_PIXELS", 1000 * 700)  # (the view's size)
    image = QImage(3000, 2000, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    try:
        scene.render_diagram(painter, QRectF(0, 0, 3000, 2000))
    finally:
        painter.end()
    assert len(scene.tie_layer.kept) == kept_before
    assert all(spare.width() * spare.height() <= 1000 * 700 for spare in parallel_lines._SPARE)
