"""A big design's actor items are made when first needed (lazy_items.py): the canvas must look
and behave as if they had all been made when the design was opened.

The threshold is lowered so the samples (40–55 actors) take the lazy path; the same designs
with every item made at once are the reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.canvas import lazy_items as lazy_module
from cluster_designer.gui.canvas import scene as scene_module
from cluster_designer.gui.canvas.actor_item import ActorItem
from cluster_designer.gui.commands import (
    MoveActorsCommand,
    RemoveItemsCommand,
    UpdateActorCommand,
)
from cluster_designer.gui.document import Document
from cluster_designer.io import read_json
from cluster_designer.model import Design
from cluster_designer.storage import Project
from tests.gui.conftest import Mouse

SAMPLE = Path(__file__).parents[2] / "resources" / "sample" / "knowledge_cluster.json"
SIZE = (900, 640)


@pytest.fixture
def lazy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every design opened while this is active takes the lazy path."""
    monkeypatch.setattr(scene_module, "LAZY_ITEMS", 1)
    yield


def _open(qtbot, design: Design) -> tuple[Document, ClusterScene, CanvasView]:
    document = Document()
    document.set_design(design)
    scene = ClusterScene(document)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    return document, scene, view


def _qt_actor_items(scene: ClusterScene) -> list[ActorItem]:
    return [item for item in scene.items() if isinstance(item, ActorItem)]


def _pause(scene: ClusterScene) -> None:
    """No background making: what the test asks for is all that gets made."""
    scene.items_by_id._timer.stop()


def _frame(view: CanvasView, zoom: float, centre: QPointF) -> QImage:
    view.show()
    view.set_zoom(zoom)
    view.centerOn(centre)
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine()).copy()


def _dress(scene: ClusterScene, design: Design) -> None:
    """Looks set before any item exists: a selection, an overlay, origins shown."""
    ids = list(design.actors)
    scene.set_origins_visible(True)
    scene.select_ids(ids[3:6])
    scene.set_overlay(
        sizes={i: float(n % 7) for n, i in enumerate(ids)},
        colors={ids[10]: QColor("#8E44AD")},
        highlight_actors=ids[12:14],
        dimmed_actors=ids[20:30],
    )


def test_opening_makes_no_item_until_asked_then_the_rest_in_pieces(qtbot, lazy) -> None:
    design = read_json(SAMPLE)
    _document, scene, _view = _open(qtbot, design)
    items = scene.items_by_id
    _pause(scene)
    assert _qt_actor_items(scene) == []
    assert list(items) == list(design.actors)  # every id is there, in the design's order
    assert len(items) == items.waiting == len(design)
    item = items["C07"]  # asked for: made, where the actor is
    assert (item.pos().x(), item.pos().y()) == scene.actor_pos("C07")
    assert _qt_actor_items(scene) == [item] and items.waiting == len(design) - 1
    # In the background, a piece at a time: the first turn of the event loop made some,
    # not necessarily all; then everything is made, each item once.
    original = lazy_module.PIECE_SECONDS
    try:
        lazy_module.PIECE_SECONDS = 0.0  # one item per turn
        items._make_piece()
        assert items.waiting == len(design) - 2
    finally:
        lazy_module.PIECE_SECONDS = original
    items._timer.start()
    qtbot.waitUntil(lambda: items.waiting == 0, timeout=5000)
    assert len(_qt_actor_items(scene)) == len(design)
    assert items["C07"] is item


def test_an_item_made_late_takes_the_looks_set_before(qtbot, lazy, monkeypatch) -> None:
    design = read_json(SAMPLE)
    _document, lazy_scene, _view = _open(qtbot, design)
    _pause(lazy_scene)
    _dress(lazy_scene, design)
    lazy_scene.set_detail(False)
    monkeypatch.setattr(scene_module, "LAZY_ITEMS", 10**9)
    _document2, eager_scene, _view2 = _open(qtbot, design.copy())
    _dress(eager_scene, design)
    eager_scene.set_detail(False)
    for actor_id in design.actors:
        late, made = lazy_scene.items_by_id.made_item(actor_id), eager_scene.items_by_id[actor_id]
        assert late is None
        boxes = [lazy_scene.items_by_id.label_rect(actor_id, long) for long in (False, True)]
        late = lazy_scene.items_by_id[actor_id]
        assert late.look() == made.look(), actor_id
        # Qt's visibility follows the level of detail (detail.py), lazily for made items.
        assert not late.isVisible() and not lazy_scene.detailed
        assert boxes == [made.label.rect(False), made.label.rect(True)], actor_id
        assert (late.pos(), late.toolTip()) == (made.pos(), made.toolTip())


@pytest.mark.parametrize("zoom", [0.08, 0.5, 1.3])
def test_the_canvas_draws_as_if_every_item_were_made_at_once(
    qtbot, lazy, monkeypatch, zoom
) -> None:
    """Points when far out, shapes and labels closer in; a selection, an overlay and origins
    set before any item was made."""
    design = read_json(SAMPLE)
    centre = QPointF(*next(iter((a.x, a.y) for a in design.actors.values() if a.id == "C20")))
    _document, lazy_scene, lazy_view = _open(qtbot, design)
    _pause(lazy_scene)
    _dress(lazy_scene, design)
    monkeypatch.setattr(scene_module, "LAZY_ITEMS", 10**9)
    _document2, eager_scene, eager_view = _open(qtbot, design.copy())
    _dress(eager_scene, design)
    eager = _frame(eager_view, zoom, centre)
    drawn = _frame(lazy_view, zoom, centre)
    assert len(np.unique(_pixels(eager))) > 20  # a map, not an empty canvas
    assert np.array_equal(_pixels(drawn), _pixels(eager))
    waiting = lazy_scene.items_by_id.waiting
    if zoom < 0.1:
        assert waiting == len(design)  # points: drawn from the position table only
    else:
        assert waiting < len(design)  # what was painted was made, not everything
    lazy_scene.items_by_id.make_all()
    lazy_view.viewport().repaint()
    assert np.array_equal(_pixels(lazy_view.viewport().grab().toImage()), _pixels(eager))


def test_edits_of_actors_whose_items_are_not_made_yet(qtbot, lazy) -> None:
    """Moving, renaming and deleting an actor with no item yet, each one undo step; the
    item made afterwards shows the result, and undo brings the old state back."""
    design = read_json(SAMPLE)
    document, scene, view = _open(qtbot, design)
    _pause(scene)
    items, stack = scene.items_by_id, document.undo_stack
    x, y = scene.actor_pos("C11")
    document.push(MoveActorsCommand(design, {"C11": (x + 50, y - 20)}))
    assert items.made_item("C11") is None
    assert scene.actor_pos("C11") == (x + 50, y - 20)
    long_name = "A much longer name than the one this actor had before"
    before = items.label_rect("C12", True)
    document.push(UpdateActorCommand(design, "C12", "name", long_name))
    assert items.label_rect("C12", True).width() > before.width()
    document.push(RemoveItemsCommand(design, ["C13"], []))
    assert "C13" not in items
    assert stack.count() == 3
    item = items["C11"]
    assert (item.pos().x(), item.pos().y()) == (x + 50, y - 20)
    assert items["C12"].label.long_text.startswith("A much longer name")
    stack.undo()
    assert "C13" in items
    stack.undo()
    assert items["C12"].label.long_text == design.actor("C12").name != long_name
    stack.undo()
    assert (item.pos().x(), item.pos().y()) == (x, y)
    view.center_on_actor("C30")  # search: jump to an actor and select it
    assert scene.selected_actor_ids() == ["C30"]
    assert items["C30"].marked


def test_a_drag_of_an_actor_without_an_item_is_one_undo_step(qtbot, lazy) -> None:
    design = read_json(SAMPLE)
    document, scene, view = _open(qtbot, design)
    _pause(scene)
    view.show()
    qtbot.waitExposed(view)
    x, y = scene.actor_pos("C25")
    view.set_zoom(1.0)
    view.centerOn(QPointF(x, y))
    assert scene.items_by_id.made_item("C25") is None
    mouse = Mouse(view)
    mouse.drag((x, y), (x + 80, y + 40))
    assert document.undo_stack.count() == 1
    assert scene.actor_pos("C25") == pytest.approx((x + 80, y + 40), abs=2)
    assert not scene.items_by_id["C25"].opacity()  # at rest again: drawn by the scene


def test_background_making_waits_while_a_gesture_goes_on(qtbot, lazy, monkeypatch) -> None:
    """A wheel turn, a press or a key holds the background pieces back (the gesture's frames
    come first); merely moving the pointer over the map does not."""
    monkeypatch.setattr(lazy_module, "HOLD_SECONDS", 30.0)  # longer than a slow frame
    monkeypatch.setattr(lazy_module, "PIECE_SECONDS", 0.0)  # a piece: one item (a fast machine
    # made all of the sample's items in one 4 ms piece, and nothing was left to hold back)
    design = read_json(SAMPLE)
    _document, scene, view = _open(qtbot, design)
    items = scene.items_by_id
    _pause(scene)
    view.show()
    qtbot.waitExposed(view)
    viewport = view.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    hover = QMouseEvent(
        QEvent.Type.MouseMove,
        centre,
        viewport.mapToGlobal(centre),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, hover)
    items._make_piece()
    made = len(design) - items.waiting
    assert made > 0
    wheel = QWheelEvent(
        centre,
        viewport.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)  # (its frame may make the items it shows)
    waiting = items.waiting
    items._make_piece()
    assert items.waiting == waiting > 0  # held back
    assert items._timer.isActive() and items._timer.interval() > 0  # and comes back later
    items.hold()
    assert items._input.quiet_from > 0
    items._input.quiet_from = 0.0  # the gesture has rested
    items._timer.start(0)
    qtbot.waitUntil(lambda: items.waiting == 0, timeout=5000)


def test_a_loaded_design_links_its_ties_to_their_actors_in_the_background(qtbot, lazy) -> None:
    """`Design.load` leaves the partner sets for after the first frame; the background
    pieces fill them, before the items, and an edit meanwhile finds them complete."""
    design = read_json(SAMPLE)
    assert not design.link_loaded_ties(0)
    _document, scene, _view = _open(qtbot, design)
    _pause(scene)
    scene.items_by_id._make_piece()
    assert design.link_loaded_ties(0)  # one piece linked the sample's few ties
    assert scene.items_by_id.waiting < len(design)  # and made items
    again = read_json(SAMPLE)
    document, scene, _view = _open(qtbot, again)
    _pause(scene)
    actor_id = next(iter(again.actors))
    uids = again.tie_uids_of(actor_id)  # asked before the background got to it
    assert uids and again.link_loaded_ties(0)
    document.push(RemoveItemsCommand(again, [actor_id], []))
    assert not any(again.tie(u) for u in uids if u in again.ties)
    scene.items_by_id._timer.start(0)
    qtbot.waitUntil(lambda: scene.items_by_id.waiting == 0, timeout=5000)


def test_the_first_frame_places_ties_by_the_rows_loading_found_and_never_stale(
    qtbot, lazy, tmp_path: Path
) -> None:
    """After an open the tie layer takes each tie's end rows from `Design.load` (storage
    looked them up converting rows) instead of looking up 300,000 ids at 50k actors: the
    same arrays as looking them up; an edit before the first frame makes it look them up."""
    project = Project.open(tmp_path / "sample.cluster", create=True)
    project.save_design(read_json(SAMPLE))
    name = project.design_names()[0]

    def opened() -> tuple[Document, ClusterScene]:
        document = Document()
        document.project = project
        scene = ClusterScene(document)
        document.open_design(name)
        return document, scene

    def looked_up(scene: ClusterScene) -> tuple[list[int], list[int]]:
        assert scene.design is not None
        rows, ties = scene.table.rows, scene.design.ties.values()
        return [rows[t.source] for t in ties], [rows[t.target] for t in ties]

    _document, scene = opened()
    assert scene.design is not None and scene.design._loaded_rows is not None  # not yet used
    scene.tie_layer._ensure_arrays()
    assert scene.design._loaded_rows is None  # used by the first arrays
    assert (scene.tie_layer.src.tolist(), scene.tie_layer.dst.tolist()) == looked_up(scene)
    document, scene = opened()
    assert document.design is not None
    document.push(RemoveItemsCommand(document.design, [next(iter(document.design.actors))], []))
    scene.tie_layer._ensure_arrays()  # every row after the removed actor's moved
    assert (scene.tie_layer.src.tolist(), scene.tie_layer.dst.tolist()) == looked_up(scene)
    project.close()


def test_the_level_of_detail_visits_only_the_items_that_were_made(qtbot, lazy, monkeypatch) -> None:
    design = read_json(SAMPLE)
    _document, scene, view = _open(qtbot, design)
    view.show()
    view.fit_to_view()  # every actor in sight
    _pause(scene)
    items = scene.items_by_id
    asked: list[str] = []
    real = items.made_item

    def counted(actor_id):
        asked.append(actor_id)
        return real(actor_id)

    monkeypatch.setattr(items, "made_item", counted)
    scene.set_detail(False)
    scene.set_detail(True)
    assert asked == [], "items that were never made were looked for"
    made = [items[actor_id] for actor_id in ("C07", "U01")]
    assert all(item.isVisible() for item in made)
    scene.set_detail(False)  # the made ones follow, and only they are looked at
    assert sorted(asked) == ["C07", "U01"]
    assert not any(item.isVisible() for item in made)
    late = items["S01"]  # made while zoomed out: hidden, then follows like the others
    assert not late.isVisible()
    asked.clear()
    scene.set_detail(True)
    assert sorted(asked) == ["C07", "S01", "U01"]
    assert all(item.isVisible() for item in [*made, late])
    # rows renumbered (an actor removed): what is known is forgotten, looked at once again
    scene.document.push(RemoveItemsCommand(scene.document.design, ["U01"], []))
    asked.clear()
    scene.set_detail(False)
    assert {"C07", "S01"} <= set(asked) and "U01" not in asked
    assert not items["C07"].isVisible() and not items["S01"].isVisible()
    asked.clear()
    scene.set_detail(True)
    assert sorted(asked) == ["C07", "S01"], "what was learnt looking is kept"
