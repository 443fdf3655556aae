"""The optimized canvas shows what a plain one-item-per-element scene shows, and never goes stale.

The reference draws each actor with its own item and each tie with its own QGraphicsLineItem
(no batching, culling, caching or level of detail). Labels and the legend are off in both;
the reference has no arrowheads and starts its dashes elsewhere, so images are compared as
8×8 block averages and a small share of blocks may differ.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene, QGraphicsView

from cluster_designer.gui import style
from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.canvas.actor_item import ActorItem
from cluster_designer.gui.canvas.region import paint_region
from cluster_designer.gui.commands import MoveActorsCommand, RemoveItemsCommand, UpdateTieCommand
from cluster_designer.gui.document import Document
from cluster_designer.io import read_json
from cluster_designer.model import Design

SAMPLES = sorted((Path(__file__).parents[2] / "resources" / "sample").glob("*.json"))
SIZE = (900, 640)
MIN_SAME = 0.97  # share of pixels that must match within the colour distance
COLOR_DISTANCE = 60


class ReferenceScene(QGraphicsScene):
    """One item per actor and one line item per tie, over the same region background."""

    def __init__(self, design: Design, region: QRectF, zoom: float) -> None:
        super().__init__()
        self.region = region
        self.label = design.region or design.name
        max_w: dict[object, float] = {}
        for tie in design.ties.values():
            max_w[tie.kind] = max(max_w.get(tie.kind, 0.0), tie.weight)
        for actor in design.actors.values():
            item = ActorItem(actor)
            item.setOpacity(1.0)
            item.label.setVisible(False)
            item.setPos(actor.x, actor.y)
            self.addItem(item)
        order = {actor_id: n for n, actor_id in enumerate(design.actors)}
        pairs: dict[tuple[str, str], list[int]] = {}
        for tie in design.ties.values():
            pairs.setdefault(tuple(sorted((tie.source, tie.target))), []).append(tie.uid)
        thin = round(min(1.0, max(0.4, zoom)), 1)  # ties are drawn thinner when zoomed out
        for tie in design.ties.values():
            a, b = design.actor(tie.source), design.actor(tie.target)
            line = QLineF(a.x, a.y, b.x, b.y)
            group = pairs[tuple(sorted((tie.source, tie.target)))]
            if len(group) > 1 and zoom >= 0.45:  # parallel ties side by side, 5 px apart
                slot = group.index(tie.uid) - (len(group) - 1) / 2
                sign = 1.0 if order[tie.source] < order[tie.target] else -1.0
                normal = QPointF(-line.dy(), line.dx()) * (
                    sign * slot * 5.0 / zoom / max(line.length(), 1e-9)
                )
                line.translate(normal)
            item = QGraphicsLineItem(line)
            width = style.tie_width(tie.weight, max_w[tie.kind])
            width = 1.0 + round((width - 1.0) * 2) / 2  # widths come in half-pixel steps
            item.setPen(style.tie_pen(tie.kind, width * thin, cosmetic=True))
            line = item
            line.setZValue(-10)
            self.addItem(line)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, style.CANVAS_BACKGROUND)
        paint_region(painter, self.region, self.label)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[:, :, :3].astype(np.int32)


def same_share(a: QImage, b: QImage, block: int = 1) -> float:
    """Share of pixels (or of `block`×`block` averages) within the colour distance."""
    pa, pb = _pixels(a), _pixels(b)
    assert pa.shape == pb.shape
    if block > 1:
        h, w = pa.shape[0] // block * block, pa.shape[1] // block * block
        pa, pb = (
            p[:h, :w].reshape(h // block, block, w // block, block, 3).mean(axis=(1, 3))
            for p in (pa, pb)
        )
    return float(np.mean(np.abs(pa - pb).sum(axis=2) <= COLOR_DISTANCE))


def _show(
    qtbot, design: Design, zoom: float, centre: QPointF
) -> tuple[Document, ClusterScene, CanvasView]:
    document = Document()
    document.set_design(design)
    scene = ClusterScene(document)
    scene.set_labels_visible(False)
    scene.set_legend_visible(False)
    scene.set_groups_visible(False)  # the reference draws actors and ties only
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(zoom)
    view.centerOn(centre)
    return document, scene, view


def _frame(view: QGraphicsView) -> QImage:
    return view.viewport().grab().toImage()


def _reference_frame(qtbot, design: Design, canvas: CanvasView) -> QImage:
    ref = ReferenceScene(design, canvas.cluster_scene.region_rect(), canvas.zoom_factor())
    ref.setSceneRect(canvas.sceneRect())
    view = QGraphicsView(ref)
    qtbot.addWidget(view)
    view.setFrameShape(canvas.frameShape())
    view.setRenderHints(canvas.renderHints())
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.setTransform(canvas.transform())
    view.horizontalScrollBar().setValue(canvas.horizontalScrollBar().value())
    view.verticalScrollBar().setValue(canvas.verticalScrollBar().value())
    return _frame(view)


def _centre(design: Design) -> QPointF:
    xs = [a.x for a in design.actors.values()]
    ys = [a.y for a in design.actors.values()]
    return QPointF((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("zoom", [0.5, 1.0, 2.0])
def test_sample_looks_like_the_item_per_element_drawing(
    qtbot, path: Path, zoom: float, tmp_path: Path
) -> None:
    design = read_json(path)
    _, _, view = _show(qtbot, design, zoom, _centre(design))
    ours = _frame(view)
    theirs = _reference_frame(qtbot, design, view)
    ours.save(str(tmp_path / "ours.png"))
    theirs.save(str(tmp_path / "reference.png"))
    # Compared as 8×8 averages: the dash phase differs (ours starts dashes at the visible part).
    assert same_share(ours, theirs, block=8) >= MIN_SAME, f"images differ; see {tmp_path}"


def test_a_missing_tie_is_noticed(qtbot) -> None:
    """The comparison can fail: removing ties from our side shows up."""
    design = read_json(SAMPLES[0])
    reference_design = design.copy()
    document, _, view = _show(qtbot, design, 1.0, _centre(design))
    document.push(RemoveItemsCommand(design, list(design.actors)[:8], list(design.ties)[:40]))
    assert (
        same_share(_frame(view), _reference_frame(qtbot, reference_design, view), block=8)
        < MIN_SAME
    )


def _edit_and_compare(qtbot, zoom: float) -> None:
    design = read_json(SAMPLES[0])
    document, scene, view = _show(qtbot, design, zoom, _centre(design))
    _frame(view)  # fill the cached static layer
    first = next(iter(design.actors))
    x, y = scene.actor_pos(first)
    tie_uid = next(iter(design.ties))
    document.push(MoveActorsCommand(design, {first: (x + 140, y + 90)}))
    document.push(UpdateTieCommand(design, tie_uid, "weight", 0.1))
    document.push(RemoveItemsCommand(design, [list(design.actors)[3]]))
    scene.select_ids([first])
    edited = _frame(view)
    _, _, fresh = _show(qtbot, design.copy(), zoom, _centre(read_json(SAMPLES[0])))
    fresh.cluster_scene.select_ids([first])
    fresh.setTransform(view.transform())
    fresh.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh.verticalScrollBar().setValue(view.verticalScrollBar().value())
    assert same_share(edited, _frame(fresh)) == 1.0
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    scene.clear_selection_ids()
    restored = _frame(view)
    _, _, original = _show(qtbot, read_json(SAMPLES[0]), zoom, _centre(read_json(SAMPLES[0])))
    original.setTransform(view.transform())
    original.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    original.verticalScrollBar().setValue(view.verticalScrollBar().value())
    assert same_share(restored, _frame(original)) == 1.0


@pytest.mark.parametrize("zoom", [0.2, 1.0])
def test_nothing_stale_after_edits_and_undo(qtbot, zoom: float) -> None:
    """The cached view after edits (and after undoing them) equals a freshly drawn one."""
    _edit_and_compare(qtbot, zoom)


def test_nothing_stale_after_a_drag(qtbot) -> None:
    """Dragging an actor (live layer over the cached one) leaves the same picture as a fresh view."""
    design = read_json(SAMPLES[0])
    _document, scene, view = _show(qtbot, design, 1.0, _centre(design))
    _frame(view)
    actor = next(iter(design.actors))
    x, y = scene.actor_pos(actor)
    vp = view.viewport()
    from PySide6.QtTest import QTest

    start = view.mapFromScene(QPointF(x, y))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(vp, start + QPointF(15 * step, 9 * step).toPoint())
        _frame(view)
    end = start + QPointF(75, 45).toPoint()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert scene.actor_pos(actor) != (x, y)
    scene.clear_selection_ids()
    dragged = _frame(view)
    _, _, fresh = _show(qtbot, design.copy(), 1.0, _centre(read_json(SAMPLES[0])))
    fresh.setTransform(view.transform())
    fresh.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh.verticalScrollBar().setValue(view.verticalScrollBar().value())
    assert same_share(dragged, _frame(fresh)) == 1.0
