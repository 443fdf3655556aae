"""What the planner sees: ties hit at every zoom, level of detail, legend, export, loading."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QRegion, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cluster_designer.gui import style
from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.commands import AddItemsCommand, MoveActorsCommand, RemoveItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import Design, Sector, make_actor, make_tie
from tests.gui.display.display_check import (
    CHANNEL_TOLERANCE,
    MAX_SEAMS,
    differing,
    fresh_image,
    stale_patches,
)


def _pair(document) -> tuple[int, int]:
    """Two actors 400 apart joined by a collaboration and a funding tie."""
    document.push(
        AddItemsCommand(
            document.design,
            [
                make_actor(id="A", name="A", sector="company", x=-200, y=0),
                make_actor(id="B", name="B", sector="university", x=200, y=0),
            ],
            [
                make_tie(source="A", target="B", kind="collaboration"),
                make_tie(source="A", target="B", kind="funding", weight=5),
            ],
        )
    )
    return tuple(document.design.ties)


@pytest.mark.parametrize("zoom", [0.1, 0.35, 1.0, 3.0])
def test_clicking_a_tie_selects_it_at_every_zoom(
    qtbot, document, canvas, mouse, zoom: float
) -> None:
    scene, view = canvas
    collab, funding = _pair(document)
    view.set_zoom(zoom)
    view.centerOn(QPointF(60, 0))
    x1, y1, x2, y2 = scene.tie_layer.segments(zoom)
    for n, uid in ((0, collab), (1, funding)):
        mid = QPointF((x1[n] + x2[n]) / 2, (y1[n] + y2[n]) / 2)
        mouse.click(mid.x() + 30, mid.y())
        if zoom >= 0.45:  # parallel ties are drawn apart and each can be picked
            assert scene.selected_tie_uids() == [uid]
        else:
            assert scene.selected_tie_uids() in ([collab], [funding])
    mouse.click(60, 20 / zoom)  # 20 pixels away from both lines: nothing
    assert scene.selected_tie_uids() == []


def test_parallel_ties_are_drawn_apart_when_zoomed_in(document, canvas) -> None:
    scene, _ = canvas
    _pair(document)
    _, y1, _, _ = scene.tie_layer.segments(1.0)
    assert abs(y1[0] - y1[1]) == pytest.approx(5.0)
    _, y1, _, _ = scene.tie_layer.segments(0.2)
    assert y1[0] == y1[1]


def test_ties_put_back_by_undo_take_their_old_places_among_parallel_ties(document, canvas) -> None:
    """Where parallel ties sit depends on the ties and their actors, not on the order they were
    added in: an undone deletion puts an actor back with a new, last row, and a fresh drawing
    must still match the screen. (The layer takes the ties in the design's order.)"""
    scene, _ = canvas
    collab, _ = _pair(document)
    layer = scene.tie_layer

    def drawn() -> dict[int, tuple[float, ...]]:
        x1, y1, x2, y2 = layer.segments(1.0)
        return {uid: (x1[n], y1[n], x2[n], y2[n]) for n, uid in enumerate(layer.uids.tolist())}

    before = drawn()
    document.push(RemoveItemsCommand(document.design, [], [collab]))
    document.undo_stack.undo()
    assert drawn() == before
    document.push(RemoveItemsCommand(document.design, ["A"], []))
    document.undo_stack.undo()
    assert scene.table.ids[-1] == "A"  # the actor's row is now the last one
    assert drawn() == before


def _pixel(view: CanvasView, x: float, y: float) -> QColor:
    image = view.grab().toImage()
    p = view.mapFromScene(QPointF(x, y))
    return image.pixelColor(p.x(), p.y())


def test_zoomed_out_actors_become_points_and_come_back(qtbot, document, canvas) -> None:
    scene, view = canvas
    _pair(document)
    view.set_zoom(0.1)
    view.centerOn(0, 0)
    assert not scene.items_by_id["A"].isVisible() and scene.tie_layer.points_mode
    assert _pixel(view, -200, 0) == style.SECTOR_STYLES[Sector.COMPANY].fill  # drawn as a point
    view.zoom_reset()
    view.centerOn(0, 0)
    assert scene.items_by_id["A"].isVisible() and not scene.tie_layer.points_mode
    assert _pixel(view, 200, 0) == style.SECTOR_STYLES[Sector.UNIVERSITY].fill


def test_items_out_of_sight_follow_the_level_of_detail_when_seen_or_dragged(
    qtbot, document, canvas
) -> None:
    """Only items on or near the screen switch when the zoom crosses the level of detail;
    the others follow when the view comes to them or a drag starts (a drag is painted by Qt
    from the items themselves: zoomed out it must not draw shapes or labels)."""
    scene, view = canvas
    document.push(
        AddItemsCommand(
            document.design,
            [
                make_actor(id="A", name="A", sector="company", x=0, y=0),
                make_actor(id="B", name="B", sector="university", x=30000, y=0),
                make_actor(id="C", name="C", sector="government", x=-30000, y=0),
            ],
            [],
        )
    )
    a, b, c = (scene.items_by_id[i] for i in "ABC")
    view.set_zoom(0.05)
    view.centerOn(0, 0)
    assert not a.isVisible() and not a.label.isVisible()
    assert b.isVisible() and c.isVisible()  # far out of sight: not switched yet
    view.centerOn(30000, 0)
    assert not b.isVisible()  # the view came to it
    scene.begin_move(["C"])  # a drag of an actor out of sight (Select All, then drag)
    assert not c.isVisible()
    scene.end_move()
    view.set_zoom(1.0)
    view.centerOn(0, 0)
    assert a.isVisible() and a.label.isVisible()
    scene.set_labels_visible(False)
    assert a.isVisible() and not a.label.isVisible()
    view.centerOn(30000, 0)
    assert b.isVisible() and not b.label.isVisible()
    scene.set_labels_visible(True)
    assert b.label.isVisible()
    view.set_zoom(0.05)  # back out: points, and the labels' switch stays as it was
    view.centerOn(-30000, 0)
    view.set_zoom(1.0)
    view.centerOn(-30000, 0)
    assert c.isVisible() and c.label.isVisible()


def test_an_item_made_late_follows_the_level_of_detail(qtbot, document, canvas) -> None:
    """A big design's items are made when first needed (lazy_items.py): one made while
    zoomed in, far from where the view was when the map last became points, must still
    become a point when zoomed out again (a drag would otherwise paint its shape)."""
    from cluster_designer.gui.canvas.scene import LAZY_ITEMS

    scene, view = canvas
    side = int(LAZY_ITEMS**0.5) + 1
    actors = [
        make_actor(
            id=f"N{n}", name=f"N{n}", sector="company", x=(n % side) * 80.0, y=(n // side) * 80.0
        )
        for n in range(side * side)
    ]
    document.push(AddItemsCommand(document.design, actors, []))
    far = f"N{side * side - 1}"
    assert scene.items_by_id.made_item(far) is None  # made later
    view.fit_to_view()  # points: every row is in sight
    assert not scene.detailed
    view.set_zoom(1.0)
    view.centerOn(0, 0)  # shapes again, seen around the first actor only
    item = scene.items_by_id[far]  # made now, while zoomed in: a shape
    assert item.isVisible()
    view.fit_to_view()
    assert not scene.detailed and not item.isVisible()


def test_every_zoom_path_announces_the_new_zoom_once(qtbot, document, canvas) -> None:
    """The status bar shows the zoom: wheel, keys, fit and reset must all report it."""
    _, view = canvas
    _pair(document)
    heard: list[float] = []
    view.zoomChanged.connect(heard.append)
    view.set_zoom(2.0)
    view.set_zoom(2.0)  # no change: nothing to announce
    assert heard == [2.0]
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        view.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert len(heard) == 2 and heard[-1] == pytest.approx(view.zoom_factor()) and heard[-1] > 2.0
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert len(heard) == 3 and heard[-1] < heard[-2]
    view.zoom_reset()
    assert heard[-1] == pytest.approx(1.0)
    view.fit_to_view()
    assert len(heard) == 5 and heard[-1] == pytest.approx(view.zoom_factor()) and heard[-1] != 1.0


def test_zoom_controls_and_fit(qtbot, document, canvas) -> None:
    scene, view = canvas
    _pair(document)
    view.zoom_in()
    assert view.zoom_factor() == pytest.approx(1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom_factor() == pytest.approx(0.8)
    view.zoom_reset()
    assert view.zoom_factor() == 1.0
    view.fit_to_view()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.diagram_rect().adjusted(1, 1, -1, -1))
    view.set_zoom(3.0)
    view.center_on_actor("B")
    assert scene.selected_actor_ids() == ["B"]
    centre = view.mapToScene(view.viewport().rect().center())
    assert abs(centre.x() - 200) < 2 and abs(centre.y()) < 2


def test_legend_is_drawn_in_the_corner_and_can_be_hidden(qtbot, document, canvas) -> None:
    scene, view = canvas
    corner = view.legend_rect().center().toPoint()
    with_legend = view.grab().toImage().pixelColor(corner)
    scene.set_legend_visible(False)
    without = view.grab().toImage().pixelColor(corner)
    assert with_legend != without


def test_model_edits_update_only_the_affected_items(document, canvas) -> None:
    scene, _ = canvas
    _pair(document)
    item_a, item_b = scene.items_by_id["A"], scene.items_by_id["B"]
    document.push(MoveActorsCommand(document.design, {"A": (-300.0, 40.0)}))
    assert scene.items_by_id["A"] is item_a and scene.items_by_id["B"] is item_b
    assert item_a.pos() == QPointF(-300, 40)
    document.undo_stack.undo()
    assert item_a.pos() == QPointF(-200, 0)


def test_unplaced_actors_are_placed_without_modifying_the_design(qtbot, document, canvas) -> None:
    scene, _view = canvas
    design = Design("Imported", region="Hamamatsu")
    design.load(
        [make_actor(id=f"C{n}", name=f"Firm {n}", sector="company") for n in range(12)]
        + [
            make_actor(id="O1", name="Overseas lab", sector="university", location="overseas"),
            make_actor(id="D1", name="Tokyo fund", sector="support", location="domestic"),
        ],
        [],
    )
    document.set_design(design)
    assert not document.modified
    positions = {i: scene.actor_pos(i) for i in design.actors}
    assert len(set(positions.values())) == len(positions)  # no two on top of each other
    region = scene.region_rect()
    assert all(region.contains(QPointF(*positions[f"C{n}"])) for n in range(12))
    assert positions["D1"][0] < region.left() and positions["O1"][0] > region.right()
    assert all(a.x is None for a in design.actors.values())


def test_render_diagram_paints_without_selection(qtbot, document, canvas) -> None:
    scene, _ = canvas
    _pair(document)
    scene.select_ids(["A"])
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render_diagram(painter, QRectF(0, 0, 800, 500))
    painter.end()
    colours = {image.pixelColor(x, y).name() for x in range(0, 800, 4) for y in range(0, 500, 4)}
    assert style.SECTOR_STYLES[Sector.COMPANY].fill.name() in colours
    assert style.SELECTION_COLOR.name() not in colours
    assert scene.selected_actor_ids() == ["A"]  # the selection is back afterwards


def test_overlay_sizes_and_dims(document, canvas) -> None:
    scene, _ = canvas
    collab, _funding = _pair(document)
    scene.set_overlay(sizes={"A": 1.0, "B": 0.0}, dimmed_ties={collab}, highlight_actors={"A"})
    assert scene.items_by_id["A"].size == pytest.approx(2 * style.ACTOR_SIZE)
    assert scene.items_by_id["B"].size < style.ACTOR_SIZE
    scene.set_overlay()
    assert scene.items_by_id["A"].size == style.ACTOR_SIZE


def test_a_new_scene_follows_design_replacement(qtbot) -> None:
    doc = Document()
    scene = ClusterScene(doc)
    first = Design("One")
    first.load([make_actor(id="A", name="A", sector="company", x=0, y=0)], [])
    doc.set_design(first)
    assert set(scene.items_by_id) == {"A"}
    doc.set_design(Design("Two"))
    assert scene.items_by_id == {}
    first.add_actor(
        make_actor(id="B", name="B", sector="company")
    )  # the old design is no longer followed
    assert scene.items_by_id == {}


TRAP = textwrap.dedent("""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QLineF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem
    app = QApplication([])
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    item = QGraphicsRectItem(0, 0, 5, 5)
    for n in range(20000):
        painter.drawLine(QLineF(0, 0, n % 64, 63))
        item.setPos(n % 50, 1)
    painter.end()
    print("survived")
""")


def test_the_qt_binding_survives_many_calls_returning_nothing() -> None:
    """PySide6 6.12.0 on CPython 3.11 drops None's refcount per void call and dies (none_dealloc)."""
    result = subprocess.run(
        [sys.executable, "-c", TRAP], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_labels_grow_when_zoomed_out_hide_as_points_and_can_be_switched_off(
    document, canvas
) -> None:
    scene, view = canvas
    _pair(document)
    label = scene.items_by_id["A"].label
    assert label.isVisible()
    view.set_zoom(0.4)
    assert label.isVisible() and scene.label_scale > 1.5  # still readable: the name grows
    assert scene.shown_labels(0.4) == ["A", "B"]
    view.set_zoom(0.1)
    assert not label.isVisible()
    view.zoom_reset()
    assert label.isVisible()
    scene.set_labels_visible(False)
    assert not label.isVisible()


def _crossing_map(document, actors: int = 300, ties: int = 900, seed: int = 7) -> None:
    """Actors over 3000 × 2000 and long ties of every kind crossing one another."""
    rng = random.Random(seed)
    sectors = list(Sector)
    placed = [
        make_actor(
            id=f"A{n}",
            name=f"Actor {n}",
            sector=sectors[n % len(sectors)],
            x=rng.uniform(-1500, 1500),
            y=rng.uniform(-1000, 1000),
        )
        for n in range(actors)
    ]
    kinds = ["collaboration", "information", "funding", "human_resources", "technology_transfer"]
    pairs = {tuple(sorted(rng.sample(range(actors), 2))) for _ in range(ties)}
    document.design.load(
        placed,
        [
            make_tie(source=f"A{a}", target=f"A{b}", kind=kinds[(a + b) % 5], weight=1 + (a % 9))
            for a, b in pairs
        ],
    )
    document.set_design(document.design)


@pytest.mark.parametrize(
    ("ties", "parts", "rectangles"),
    [
        (900, 2, [(0, 0, 2000, 37), (0, 37, 23, 2000)]),  # a diagonal pan's L, antialiased
        (2500, 2, [(0, 0, 2000, 37), (0, 37, 23, 2000)]),  # too many ties to antialias
        (2500, 1, [(0, 0, 2000, 37)]),  # a pan up: one strip
        (2500, 1, [(0, 0, 23, 2000)]),  # a pan sideways
    ],
)
def test_a_part_of_the_view_is_drawn_as_the_whole_view_is(
    document, canvas, ties: int, parts: int, rectangles: list[tuple[int, int, int, int]]
) -> None:
    """A pan repaints strips along the view's edges. A clip of several rectangles (the L a
    diagonal pan exposes) is drawn a rectangle at a time with a rectangular clip (Qt draws
    lines clipped to a region ten times slower); and a strip looks as that part of the whole
    view drawn at once: ties antialiased or not, with arrowheads or not, by how many the
    view shows, not the strip (within antialiasing where a line is cut at the strip's edge).
    """
    scene, view = canvas
    _crossing_map(document, ties=ties)
    view.set_zoom(0.8)
    view.centerOn(QPointF(100, 50))
    size = view.viewport().size()
    region = QRegion()
    for rectangle in rectangles:
        region = region.united(QRegion(QRect(*rectangle)).intersected(QRect(QPoint(), size)))
    clips: list[int] = []
    paint_static = scene.tie_layer.paint_static

    def recording(painter: QPainter, rect: QRectF, *args) -> None:
        painter.save()
        painter.resetTransform()
        clips.append(painter.clipRegion().rectCount())
        painter.restore()
        paint_static(painter, rect, *args)

    scene.tie_layer.paint_static = recording

    def painted(region: QRegion) -> np.ndarray:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHints(view.renderHints())
        painter.setClipRegion(region)
        painter.setWorldTransform(view.viewportTransform())
        scene.drawBackground(painter, view.mapToScene(region.boundingRect()).boundingRect())
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(size.height(), -1, 4).copy()

    whole = painted(QRegion(QRect(QPoint(0, 0), size)))
    clips.clear()
    part = painted(region)
    assert clips == [1] * parts
    inside = np.zeros(whole.shape[:2], dtype=bool)
    for x, y, w, h in rectangles:
        inside[y : y + h, x : x + w] = True
    difference = np.abs(whole.astype(int) - part.astype(int)).max(axis=2)
    assert (difference[inside] > CHANNEL_TOLERANCE).sum() <= MAX_SEAMS
    assert not part[~inside].any()  # (nothing outside the clip)


def test_a_diagonal_pan_shows_the_fresh_map(qtbot, document, canvas) -> None:
    """Panned with the middle button by small diagonal steps, as a hand does: the view
    shows what a fresh canvas at that place shows."""
    _scene, view = canvas
    _crossing_map(document)
    view.set_zoom(0.8)
    view.centerOn(QPointF(0, 0))
    QApplication.processEvents()
    vp = view.viewport()
    start = QPoint(500, 350)
    QTest.mousePress(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 9):
        QTest.mouseMove(vp, start + QPoint(-7 * step, 5 * step))
        QApplication.processEvents()
    QTest.mouseRelease(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    QApplication.processEvents()
    assert view.horizontalScrollBar().value() != 0 or view.verticalScrollBar().value() != 0
    shown = vp.grab().toImage()
    assert stale_patches(differing(shown, fresh_image(view))) == []
