"""The scene: follows the document's design and keeps one item per actor plus the tie layer.

The model is the single source of truth. The scene listens to `design.changed` and updates
only the affected items; it rebuilds everything only when the document swaps the design.
Selection is kept here (ids and uids), not in Qt's item selection, so it survives the level
of detail switch that hides the actor items when zoomed out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import cast

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem

from cluster_designer.model import Actor, Design, DesignEvent, EventKind, Location, Sector, TieKind

from .. import style
from ..document import Document
from .actor_item import ActorItem, LabelItem, label_rects
from .detail import ItemDetail
from .emphasis import ActorEmphasis
from .geometry import CIRCLE, DIAMOND, SQUARE, PositionTable
from .groups import GroupLayer
from .interactions import Gestures, add_actor_at, add_tie
from .labels import LONG_LABEL_ZOOM, SMALL_DESIGN, LabelPlan, LabelPlanner, label_scale
from .lazy_items import LazyItems
from .legend import LegendNote, feature_notes, paint_legend
from .region import (
    diagram_rect_for,
    location_at,
    paint_drop_target,
    paint_grid,
    paint_region,
    place_unplaced,
    region_rect_around,
    region_rect_for,
    zone_of,
)
from .stamps import Stamps
from .tie_layer import DETAIL_ZOOM, SECTORS, TieLayer
from .tools import Tool

SMALL_DETAIL_ZOOM = 0.12  # up to SMALL_DESIGN actors, shapes and labels stay drawn down to here
BULK_MOVE = 300  # moving more items than this, and half of all, rebuilds Qt's item index once
_ACTIVATION = frozenset({QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate})
LAZY_ITEMS = 2000  # adding this many actors or more makes their items later (lazy_items.py)
LINK_PIECE = 1000  # loaded ties linked to their actors per step of background work


_SHAPE_CODE = {
    style.Shape.CIRCLE: CIRCLE,
    style.Shape.ROUNDED_SQUARE: SQUARE,
    style.Shape.DIAMOND: DIAMOND,
}
# Each sector's number in the position table and its shape's code (one lookup per actor).
_SECTOR_CODE = {sector: n for n, sector in enumerate(SECTORS)}
_SECTOR_SHAPE = {sector: _SHAPE_CODE[style.SECTOR_STYLES[sector].shape] for sector in SECTORS}


class ClusterScene(QGraphicsScene):
    """The editable diagram of the document's current design."""

    toolChanged = Signal(object)
    selectionChangedIds = Signal()

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.design: Design | None = None
        self.table = PositionTable()
        self.tie_layer = TieLayer(self.table)
        self.addItem(self.tie_layer)
        self.group_layer = GroupLayer(self.table)
        self.addItem(self.group_layer)
        self.items_by_id = LazyItems(
            self, self._make_item, self._label_rect_of, finished=document.settle_heap_again
        )
        self.tool = Tool.SELECT
        self.last_sector = Sector.COMPANY
        self._tie_kind = TieKind.COLLABORATION
        self._sel_actors: dict[str, None] = {}
        self._sel_ties: dict[int, None] = {}
        self._marked: set[str] = set()
        self.moving: set[str] = set()
        self.snap_to_grid = False
        self.grid_visible = False
        self.legend_visible = True
        self.labels_visible = True
        self.labels_legible = True
        self.detailed = True
        self.item_detail = ItemDetail(self)  # items follow `detailed` and the labels lazily
        self.exporting = False
        self._export_background: QColor | None = None
        self.label_scale = 1.0  # labels' scale at the views' zoom (see labels.py)
        self.label_zoom = 1.0
        self.label_planner = LabelPlanner(self)
        self.hovered: str | None = None
        self.drop_target: Location | None = None  # a drag would move an actor there
        self._region = region_rect_for([])
        self.view_rect = QRectF()  # what views scroll over (see set_view_rect)
        self._index_rect_set = False
        self.emphasis = ActorEmphasis()
        self.legend_notes: list[LegendNote] = []  # the overlay's lines in the legend
        self.stamps = Stamps()
        self.gestures = Gestures(self)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(style.CANVAS_BACKGROUND)
        document.designChanged.connect(self._set_design)
        self._set_design(document.design)

    # --- following the document --------------------------------------------------------
    def _set_design(self, design: Design | None) -> None:
        if self.design is not None:
            self.design.changed.disconnect(self._on_design_event)
        self.gestures.cancel()
        self.end_move()
        for item in self.items_by_id.clear():
            self.removeItem(item)
        self.table.reset()
        self._sel_actors.clear()
        self._sel_ties.clear()
        self._marked.clear()
        self.emphasis.clear()  # an evaluation overlay belongs to one design
        self.legend_notes = []
        self.tie_layer.set_emphasis((), ())
        self.design = design
        self.tie_layer.set_design(design)
        self.group_layer.set_design(design)
        if design is not None:
            design.changed.connect(self._on_design_event)
            self._add_items(list(design.actors.values()))
            # A loaded design's partner sets are filled after the first frame, a little
            # at a time (or at once, by whatever needs them first).
            self.items_by_id.add_chore(partial(design.link_loaded_ties, LINK_PIECE))
        self._apply_overlay()
        self._refresh_region(force=True)
        self._selection_changed()

    def _on_design_event(self, event: DesignEvent) -> None:
        design = self.design
        assert design is not None
        kind = event.kind
        if kind is EventKind.ACTORS_ADDED:
            self._add_items([design.actor(i) for i in event.actor_ids])
        elif kind is EventKind.ACTORS_REMOVED:
            self._remove_items(event.actor_ids)
        elif kind is EventKind.ACTORS_CHANGED:
            self._sync_items(event.actor_ids, event.fields)
        elif kind is EventKind.ACTOR_RENAMED and event.renamed is not None:
            self._rename_item(*event.renamed)
        elif kind in (EventKind.TIES_ADDED, EventKind.TIES_CHANGED):
            self.tie_layer.ties_changed()
        elif kind is EventKind.TIES_REMOVED:
            self.tie_layer.ties_changed(removed=event.tie_uids)
            if any(u in self._sel_ties for u in event.tie_uids):
                for u in event.tie_uids:
                    self._sel_ties.pop(u, None)
                self._selection_changed()
        elif kind is EventKind.GROUPS_CHANGED:
            self._groups_changed()
        if kind in (EventKind.ACTORS_ADDED, EventKind.ACTORS_REMOVED, EventKind.ACTOR_RENAMED) or (
            kind is EventKind.ACTORS_CHANGED and "parent" in event.fields
        ):
            self._groups_changed()
        elif kind is EventKind.ACTORS_CHANGED and "origin" in event.fields:
            self._legend_changed()  # the legend lists the kinds of origin the design has
        if kind in (EventKind.TIES_ADDED, EventKind.TIES_CHANGED, EventKind.TIES_REMOVED):
            # crowded labels go to the actors with most partners first
            self.label_planner.changed()
        if kind in (
            EventKind.ACTORS_ADDED,
            EventKind.ACTORS_REMOVED,
            EventKind.ACTORS_CHANGED,
            EventKind.META_CHANGED,
        ):
            self._refresh_region(force=kind is EventKind.META_CHANGED)

    def _add_items(self, actors: list[Actor]) -> None:
        placed = {a.id: (a.x, a.y) for a in actors if a.x is not None and a.y is not None}
        missing = [a for a in actors if not a.placed]
        if missing and self.design is not None:
            known = {i: self.table.get(i) for i in self.table.ids}
            known.update(placed)
            everyone = [
                a
                if a.placed or a.id not in known
                else a.with_changes(x=known[a.id][0], y=known[a.id][1])
                for a in self.design.actors.values()
            ]
            placed.update(place_unplaced(everyone, known))
        lazy = len(actors) >= LAZY_ITEMS
        if not lazy:
            for actor in actors:
                self.items_by_id.add(actor.id, self._new_item(actor, *placed[actor.id]))
        start = len(self.table)
        self.table.add_many(
            [a.id for a in actors],
            [placed[a.id] for a in actors],
            style.ACTOR_SIZE / 2,
            [_SECTOR_SHAPE[a.sector] for a in actors],
            [_SECTOR_CODE[a.sector] for a in actors],
            [a.location is Location.REGION for a in actors],
        )
        if lazy and self.items_by_id.add_later([a.id for a in actors]):
            self.item_detail.not_made(slice(start, start + len(actors)))  # rows just added
        self.tie_layer.invalidate()
        self.tie_layer.grow_bounds(self.table.extent())
        self.label_planner.changed()

    def _make_item(self, actor_id: str) -> ActorItem:
        """The item of an actor added earlier (lazy_items.py), looking as if made then."""
        assert self.design is not None
        epoch = LabelItem.epoch
        item = self._new_item(self.design.actor(actor_id), *self.table.get(actor_id))
        LabelItem.epoch = epoch  # its label's box is the one `_label_rect_of` gave
        self.item_detail.made(self.table.rows[actor_id])
        return item

    def _new_item(self, actor: Actor, x: float, y: float) -> ActorItem:
        """An item for the actor at (x, y) with the scene's current looks, in the scene."""
        size, fill, highlighted, dimmed = self.emphasis.look_of(actor.id)
        item = ActorItem(actor, size)
        item.fill_override, item.highlighted, item.dimmed = fill, highlighted, dimmed
        item.marked = actor.id in self._sel_actors
        item.show_origin = self.group_layer.origins_visible
        item.setPos(x, y)
        item.label.setVisible(self.labels_visible and self.labels_legible)
        item.setVisible(self.detailed or self.exporting)
        self.addItem(item)
        return item

    def _label_rect_of(self, actor_id: str, long: bool) -> QRectF:
        """The label box of an actor whose item is not made yet."""
        assert self.design is not None
        size = self.emphasis.look_of(actor_id)[0]
        _text, _long, rect, long_rect = label_rects(self.design.actor(actor_id).name, size)
        return long_rect if long else rect

    def _remove_items(self, actor_ids: Iterable[str]) -> None:
        ids = [i for i in actor_ids if i in self.items_by_id]
        for actor_id in ids:
            item = self.items_by_id.discard(actor_id)
            if item is not None:
                self.removeItem(item)
        self.table.remove_many(ids)
        self.tie_layer.invalidate()
        if self.hovered in ids:
            self.hovered = None
        self.label_planner.changed()
        if any(i in self._sel_actors for i in ids):
            for i in ids:
                self._sel_actors.pop(i, None)
            self._selection_changed()

    def _sync_items(self, actor_ids: Iterable[str], fields: frozenset[str]) -> None:
        design = self.design
        assert design is not None
        actors, items = design.actors, self.items_by_id
        ids = [i for i in actor_ids if i in items]
        looks = bool(fields - {"x", "y"})  # a layout of 10,000 actors must not relabel them all
        if looks:
            table = self.table
            for actor_id in ids:
                actor = actors[actor_id]
                # An item not made yet is not drawn anywhere, and is made from the model.
                item = items.made_item(actor_id)
                if item is not None:
                    item.sync(actor)
                else:
                    LabelItem.epoch += 1  # its label box may change all the same
                if "location" in fields:
                    table.set_inside(actor_id, actor.location is Location.REGION)
                if "sector" in fields:
                    sec = style.SECTOR_STYLES[actor.sector]
                    table.set_look(
                        actor_id,
                        float(table.radius[table.rows[actor_id]]) if item is None else item.radius,
                        _SHAPE_CODE[sec.shape],
                        SECTORS.index(actor.sector),
                    )
            if "sector" in fields:
                self.tie_layer.refresh()
        if "x" in fields or "y" in fields:
            moves = {}
            for actor_id in ids:
                actor = actors[actor_id]
                if actor.x is not None and actor.y is not None:
                    moves[actor_id] = (actor.x, actor.y)
            if moves:
                self.set_positions(moves)
        if looks:
            self.label_planner.changed()

    def _rename_item(self, old: str, new: str) -> None:
        made = self.items_by_id.rename(old, new)
        self.table.rename(old, new)
        self.tie_layer.ties_changed()  # the ties at the actor now name its new id
        actor = self.design.actor(new)  # type: ignore[union-attr]
        if made is not None:
            made.sync(actor)
        else:
            LabelItem.epoch += 1  # the name may have changed with the id
        self.table.set_inside(
            new, actor.location is Location.REGION
        )  # a rename may carry other changes
        if self.hovered == old:
            self.hovered = new
        self.label_planner.changed()
        if old in self._sel_actors:
            self._sel_actors = {(new if k == old else k): None for k in self._sel_actors}
            self._selection_changed()

    def _groups_changed(self) -> None:
        """Groups or spin-off parents changed: their outlines and lines are drawn anew."""
        layer = self.group_layer
        before = self._group_area()
        layer.changed()
        after = self._group_area()
        self._legend_changed()  # a first group or spin-off adds a line to the legend
        if before.isNull() and after.isNull():
            return
        self.invalidate_static(before.united(after))
        if layer.live:
            layer.update()

    def _group_area(self) -> QRectF:
        layer = self.group_layer
        rect = QRectF()
        for hull in layer.shown_hulls():
            rect = rect.united(hull.rect)
        for line in layer.shown_lines():
            rect = rect.united(line.rect)
        return rect

    # --- the cached static layer -----------------------------------------------------------
    def invalidate_static(self, rect: QRectF | None = None) -> None:
        """Redraw the static layer (the views' cached background) in `rect`, or everywhere.

        Everywhere must go through `resetCachedContent`: Qt's `invalidate()` with a null rect
        maps it to one pixel at the scene's origin in each view's background cache, so the
        rest of the cached picture would stay on screen, stale. Views keeping copies of
        earlier frames (a wheel zoom's, see view.py) drop them."""
        for view in self.views():
            changed = getattr(view, "static_changed", None)
            if changed is not None:
                changed()
        if rect is None or rect.isNull():
            for view in self.views():
                view.resetCachedContent()
            self.label_planner.repainted_all()
            self.update()
        elif not rect.isEmpty():
            # Antialiased edges reach into the next device pixel, and Qt rounds the mapped
            # rectangle down: two pixels more on each side at the smallest zoom shown.
            zoom = min((view.transform().m11() for view in self.views()), default=1.0)
            pad = 2.0 / max(zoom, 1e-6)
            self.invalidate(
                rect.adjusted(-pad, -pad, pad, pad), QGraphicsScene.SceneLayer.BackgroundLayer
            )

    # --- positions ---------------------------------------------------------------------
    def set_positions(self, positions: Mapping[str, tuple[float, float]]) -> None:
        """Move items (and their ties) on screen; used by drags and by model changes."""
        ids = [i for i in positions if i in self.items_by_id]
        if not ids:
            return
        rows = np.fromiter((self.table.rows[i] for i in ids), dtype=np.int64, count=len(ids))
        layer = self.tie_layer
        live = layer.live and self.moving.issuperset(ids)  # a drag step: the static layer stays
        small = len(ids) <= 300
        before = layer.live_rect() if live else layer.rect_of_rows(rows) if small else None
        items = self.items_by_id
        groups = self.group_layer
        group_before = groups.touching(ids)
        xy = np.array([positions[i] for i in ids], dtype=np.float64).reshape(-1, 2)
        self.table.xy[rows] = xy
        if not group_before.isNull():  # outlines follow their members, live or at rest
            groups.changed()
            group_area = group_before.united(groups.touching(ids))
            if live:
                groups.update(group_area)
            else:
                self.invalidate_static(group_area)
        bulk = len(ids) > BULK_MOVE and 2 * len(ids) >= len(items)
        if bulk:  # rebuilding Qt's item index once is cheaper than updating it per item
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for actor_id, (x, y) in zip(ids, xy.tolist(), strict=True):
            item = items.made_item(actor_id)  # an item made later reads the table
            if item is not None:
                item.setPos(x, y)
        if bulk:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        layer.positions_changed()
        layer.grow_bounds(self.table.extent(rows))
        if not live:
            self.label_planner.changed()  # a drag step keeps the plan; end_move replans
        if live and before is not None:
            layer.update(before.united(layer.live_rect()))
        elif before is not None:
            layer.refresh(before.united(layer.rect_of_rows(rows)))
        else:
            layer.refresh()

    def begin_move(self, actor_ids: Iterable[str]) -> None:
        """A drag starts: the moving actors and their ties leave the cached static layer (each
        step then repaints only them over the cached pixmap) until `end_move`."""
        self.end_move()
        self.moving = {i for i in actor_ids if i in self.table.rows}
        rows = np.fromiter(
            (self.table.rows[i] for i in self.moving), dtype=np.int64, count=len(self.moving)
        )
        self.item_detail.sync(rows)  # Qt paints them now: shapes and labels as the zoom says
        self.tie_layer.begin_live(rows)
        leaving = self.group_layer.begin_live(self.moving)
        if not leaving.isNull():
            self.invalidate_static(leaving)
        scale, long = self.label_scale, self.label_zoom >= LONG_LABEL_ZOOM
        for actor_id in self.moving:
            item = self.items_by_id[actor_id]
            item.label.setTransformOriginPoint(0, item.label.rect().top())
            item.label.setScale(scale)
            item.label.live_long = long
            item.set_live(True)

    def end_move(self) -> None:
        moving, self.moving = self.moving, set()
        for actor_id in moving:
            item = self.items_by_id.made_item(actor_id)
            if item is not None:
                item.set_live(False)
        self.tie_layer.end_live()
        back = self.group_layer.end_live()
        if not back.isNull():
            self.invalidate_static(back)
        if moving:
            self.label_planner.changed()

    def actor_pos(self, actor_id: str) -> tuple[float, float]:
        return self.table.get(actor_id)

    def actor_item(self, actor_id: str) -> ActorItem | None:
        return self.items_by_id.get(actor_id)

    def actor_at(self, point: QPointF, zoom: float = 1.0) -> str | None:
        return self.table.nearest(point.x(), point.y(), 3.0 / max(zoom, 1e-6))

    def tie_at(self, point: QPointF, zoom: float = 1.0) -> int | None:
        return self.tie_layer.tie_at(point.x(), point.y(), zoom)

    def snap(self, point: QPointF) -> QPointF:
        if not self.snap_to_grid:
            return point
        step = style.GRID_STEP
        return QPointF(round(point.x() / step) * step, round(point.y() / step) * step)

    # --- region ------------------------------------------------------------------------
    def region_rect(self) -> QRectF:
        return QRectF(self._region)

    def _refresh_region(self, force: bool = False) -> None:
        rect = region_rect_around(self.table.inside_extent() if self.design is not None else None)
        if force or rect != self._region:
            self._region = rect
            self.invalidate_static()
        self.set_view_rect(self.diagram_rect().adjusted(-2000, -1500, 2000, 1500))

    def set_view_rect(self, rect: QRectF) -> None:
        """What the views scroll over: the diagram with a margin, given to each view.

        The scene's own rectangle only bounds Qt's item index, and Qt rebuilds the whole index
        whenever it changes (asking every item for its bounds: ~1 s of a 1,000-actor layout
        undo at 50,000 actors). It is therefore kept generous, and changed only when the
        views' rectangle leaves it or takes up less than a quarter of it.
        """
        self.view_rect = QRectF(rect)
        for view in self.views():
            view.setSceneRect(self.view_rect)
        current = self.sceneRect() if self._index_rect_set else QRectF()
        area = rect.width() * rect.height()
        if (
            not self._index_rect_set
            or not current.contains(rect)
            or current.width() * current.height() > 4 * area
        ):
            w, h = rect.width() / 2, rect.height() / 2
            self._index_rect_set = True
            self.setSceneRect(rect.adjusted(-w / 2, -h / 2, w / 2, h / 2))

    def diagram_rect(self) -> QRectF:
        """The region, the outside zones and every actor with its label."""
        return diagram_rect_for(self._region, self.table, self.items_by_id)

    def location_for(self, actor_id: str, point: QPointF) -> Location:
        previous = self.design.actor(actor_id).location if self.design else None
        return location_at(point, self._region, previous)

    def set_drop_target(self, location: Location | None) -> None:
        """Highlight the zone a dragged actor would move to (None: no location changes)."""
        if location is self.drop_target:
            return
        for shown in (self.drop_target, location):
            if shown is not None:
                self.update(zone_of(shown, self._region).adjusted(-6, -6, 6, 6))
        self.drop_target = location

    def locations_after_move(
        self, positions: Mapping[str, tuple[float, float]]
    ) -> dict[str, Location]:
        """Actors whose location changes when dropped at these positions (same undo step)."""
        assert self.design is not None
        changed = {}
        for actor_id, (x, y) in positions.items():
            loc = self.location_for(actor_id, QPointF(x, y))
            if loc is not self.design.actor(actor_id).location:
                changed[actor_id] = loc
        return changed

    # --- tools -------------------------------------------------------------------------
    def set_tool(self, tool: Tool, sector: Sector | None = None) -> None:
        if sector is not None:
            self.last_sector = Sector(sector)
        self.gestures.cancel()
        changed = tool is not self.tool
        self.tool = tool
        for view in self.views():
            view.viewport().setCursor(
                Qt.CursorShape.CrossCursor
                if tool is not Tool.SELECT
                else Qt.CursorShape.ArrowCursor
            )
        if changed:
            self.toolChanged.emit(tool)

    @property
    def tie_kind(self) -> TieKind:
        return self._tie_kind

    @tie_kind.setter
    def tie_kind(self, kind: TieKind) -> None:
        self._tie_kind = TieKind(kind)

    def add_actor_at(
        self, point: QPointF, sector: Sector | None = None, edit_name: bool = True
    ) -> str | None:
        """Add an actor where the user clicked (one undo step) and open its name editor."""
        return add_actor_at(self, point, sector, edit_name)

    def add_tie(self, source: str, target: str) -> int | None:
        """Add a tie of the current kind (one undo step) and select it."""
        return add_tie(self, source, target)

    def edit_name(self, actor_id: str) -> None:
        """Open the in-place name editor on the first view.

        Enter commits the new name, Escape keeps the old one.
        """
        views = self.views()
        if views and actor_id in self.items_by_id and hasattr(views[0], "open_name_editor"):
            views[0].open_name_editor(actor_id)

    # --- selection ---------------------------------------------------------------------
    def selected_actor_ids(self) -> list[str]:
        return list(self._sel_actors)

    def selected_tie_uids(self) -> list[int]:
        return list(self._sel_ties)

    def select_ids(self, actor_ids: Iterable[str], tie_uids: Iterable[int] = ()) -> None:
        self._sel_actors = {i: None for i in actor_ids if i in self.items_by_id}
        ties = self.design.ties if self.design else {}
        self._sel_ties = {u: None for u in tie_uids if u in ties}
        self._selection_changed()

    def toggle_ids(self, actor_ids: Iterable[str] = (), tie_uids: Iterable[int] = ()) -> None:
        for i in actor_ids:
            if self._sel_actors.pop(i, 0) == 0:
                self._sel_actors[i] = None
        for u in tie_uids:
            if self._sel_ties.pop(u, 0) == 0:
                self._sel_ties[u] = None
        self._selection_changed()

    def select_all(self) -> None:
        self.select_ids(self.items_by_id, ())

    def clear_selection_ids(self) -> None:
        if self._sel_actors or self._sel_ties:
            self.select_ids((), ())

    def is_selected(self, actor_id: str) -> bool:
        return actor_id in self._sel_actors

    def _selection_changed(self) -> None:
        for actor_id in self._marked ^ self._sel_actors.keys():  # only items whose look changes
            item = self.items_by_id.made_item(actor_id)  # one made later is marked then
            if item is not None:
                item.marked = actor_id in self._sel_actors
                item.refresh()
        self._marked = set(self._sel_actors)
        self.tie_layer.set_selected(self._sel_ties)
        rows = np.asarray(
            [self.table.rows[i] for i in self._sel_actors if i in self.table.rows], dtype=np.int64
        )
        layer = self.tie_layer
        if layer.points_mode and not np.array_equal(rows, layer.selected_actor_rows):
            layer.refresh()  # zoomed out, the selection halo is part of the static layer
        layer.selected_actor_rows = rows
        self.label_planner.changed()
        self.selectionChangedIds.emit()

    # --- display options ---------------------------------------------------------------
    def set_snap_to_grid(self, on: bool) -> None:
        self.snap_to_grid = bool(on)

    def set_grid_visible(self, on: bool) -> None:
        self.grid_visible = bool(on)
        self.invalidate_static()

    def set_groups_visible(self, on: bool) -> None:
        """Show Groups: the soft outlines around each group's members."""
        if bool(on) == self.group_layer.groups_visible:
            return
        area = self._group_area()
        self.group_layer.groups_visible = bool(on)
        self.invalidate_static(area.united(self._group_area()))
        self._legend_changed()

    def set_origins_visible(self, on: bool) -> None:
        """Show Origins: badges on actors that moved in, dashed lines from spin-offs."""
        on = bool(on)
        if on == self.group_layer.origins_visible:
            return
        self.group_layer.origins_visible = on
        for item in self.items_by_id.made():  # items made later take it from the layer
            if item.show_origin != on:
                item.show_origin = on
                if item.origin_mark or not on:
                    item.refresh()
        self.invalidate_static()
        self._legend_changed()

    @property
    def groups_visible(self) -> bool:
        return self.group_layer.groups_visible

    @property
    def origins_visible(self) -> bool:
        return self.group_layer.origins_visible

    def legend_entries(self) -> list[LegendNote]:
        """The legend's lines besides sectors and tie kinds: groups and origins when shown,
        then the overlay's notes."""
        return feature_notes(self) + list(self.legend_notes)

    def _legend_changed(self) -> None:
        for view in self.views():
            view.viewport().update()

    def set_legend_visible(self, on: bool) -> None:
        self.legend_visible = bool(on)
        for view in self.views():
            view.viewport().update()

    def set_labels_visible(self, on: bool) -> None:
        self.labels_visible = bool(on)
        self.item_detail.changed(labels=True)
        self.tie_layer.refresh()

    def set_zoom_level(self, zoom: float) -> None:
        """Level of detail from the view's zoom: labels grow to stay readable (see labels.py)
        and go with the shapes, which become points when zoomed far out."""
        small = len(self.items_by_id) <= SMALL_DESIGN
        detailed = zoom >= (SMALL_DETAIL_ZOOM if small else DETAIL_ZOOM)
        self.label_zoom = zoom
        self.label_scale = label_scale(zoom)
        if detailed != self.labels_legible or detailed != self.detailed:
            self.labels_legible = self.detailed = detailed
            self.tie_layer.points_mode = not detailed
            self.item_detail.changed()
            self.tie_layer.refresh()
        else:
            self.item_detail.sync()  # items a view shows now may not have followed yet

    # --- labels: which names are drawn (labels.py) -----------------------------------------
    def label_plan(self, zoom: float, area: QRectF | None = None) -> LabelPlan:
        """The labels drawn at this zoom (see `LabelPlanner.plan`)."""
        return self.label_planner.plan(zoom, area)

    def shown_labels(self, zoom: float) -> list[str]:
        """Ids of the actors whose names are drawn at this zoom (for tests and the status)."""
        if not self.labels_visible:
            return []
        ids = self.table.ids
        return [ids[r] for r in sorted(self.label_plan(zoom).shown)]

    def set_hovered(self, actor_id: str | None) -> None:
        """The actor under the mouse gets a light ring and its full name on top."""
        if actor_id == self.hovered:
            return
        for old in (self.hovered, actor_id):
            item = self.items_by_id.get(old) if old is not None else None
            if item is not None:
                self.update(item.drawn_rect().adjusted(-4, -4, 4, 4 + 40 * self.label_scale))
        self.hovered = actor_id

    def set_detail(self, detailed: bool) -> None:
        """Level of detail: below DETAIL_ZOOM actors become points drawn by the tie layer."""
        if detailed == self.detailed:
            return
        self.detailed = detailed
        self.tie_layer.points_mode = not detailed
        self.item_detail.changed()
        self.tie_layer.refresh()

    def set_overlay(
        self,
        sizes: Mapping[str, float] | None = None,
        colors: Mapping[str, QColor] | None = None,
        highlight_actors: Iterable[str] = (),
        highlight_ties: Iterable[int] = (),
        dimmed_actors: Iterable[str] = (),
        dimmed_ties: Iterable[int] = (),
        notes: Iterable[LegendNote] = (),
    ) -> None:
        """Emphasis for evaluations. `sizes` are values scaled so the largest gets twice the
        normal size and zero gets 0.6×; `colors` replace sector fills; None/empty clears.
        `notes` are what the legend adds to explain them."""
        self.emphasis.set(sizes, colors, highlight_actors, dimmed_actors)
        notes = list(notes)
        if notes != self.legend_notes:
            self.legend_notes = notes
            for view in self.views():
                view.viewport().update()
        self.tie_layer.set_emphasis(highlight_ties, dimmed_ties)
        self._apply_overlay()

    def _apply_overlay(self) -> None:
        self.emphasis.apply(self.items_by_id, self.table)
        self.label_planner.changed()  # resized actors move their labels
        self.tie_layer.refresh()

    # --- painting ----------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """The window's activation stops here: QGraphicsScene hands it to every top-level
        item after sorting all of them by stacking order (52–75 ms at 50,000 actors, each
        time the window gains or loses focus), and no item of the map uses it — no panels,
        nothing focusable on the scene (the name editor is a widget on the view), no
        painting by active state (tests/gui/test_canvas_activation.py)."""
        if event.type() in _ACTIVATION:
            return True
        return super().event(event)

    def drawBackground(self, painter: QPainter, exposed: QRectF | QRect) -> None:
        parts = _clip_parts(painter)
        if parts is None:
            self._draw_background(painter, QRectF(exposed))
            return
        # A clip of several rectangles (a diagonal pan exposes an L along two edges): each is
        # drawn on its own with a rectangular clip. Qt's raster engine draws lines clipped to
        # a region about ten times slower than to a rectangle (at 10k actors zoomed in, a
        # diagonal pan step took 60-85 ms), and a rectangle lets both cores share the ties
        # (parallel_lines.py). Each rectangle then looks as a strip repainted alone looks
        # (a pan along one edge repaints one), within antialiasing of the whole view drawn
        # at once (tests/gui/test_canvas_view.py).
        world = painter.worldTransform()
        inverse, _invertible = world.inverted()
        for part in parts:
            painter.save()
            painter.resetTransform()
            painter.setClipRect(part, Qt.ClipOperation.ReplaceClip)
            painter.setWorldTransform(world)
            self._draw_background(painter, inverse.mapRect(QRectF(part)))
            painter.restore()

    def _draw_background(self, painter: QPainter, rect: QRectF) -> None:
        background = self._export_background if self.exporting else None
        painter.fillRect(rect, background if background is not None else style.CANVAS_BACKGROUND)
        if self.grid_visible and not self.exporting:
            paint_grid(painter, rect)
        label = (self.design.region or self.design.name) if self.design else ""
        paint_region(painter, self._region, label)
        self.group_layer.paint_static(painter, rect)
        actors = self.detailed or self.exporting
        zoom, area, labels = self._label_args(painter, rect)
        # The label plan (numpy and a greedy pass) is worked out while a second thread draws
        # ties, when one does (canvas/parallel_lines.py); painting the labels finds it made.
        meanwhile = partial(self.label_planner.plan, zoom, area) if actors and labels else None
        self.tie_layer.paint_static(painter, rect, meanwhile, area)
        self.group_layer.paint_static(painter, rect, names=True)
        if actors:
            self._paint_actors(painter, rect)

    def _label_args(self, painter: QPainter, rect: QRectF) -> tuple[float, QRectF | None, bool]:
        """The zoom and view area labels are planned for, and whether labels are drawn."""
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        labels = self.labels_visible and (self.labels_legible or self.exporting)
        area = None
        if not self.exporting and self.views():
            view = self.views()[0]
            area = view.mapToScene(view.viewport().rect()).boundingRect().united(rect)
        return zoom, area, labels

    def _paint_actors(self, painter: QPainter, rect: QRectF) -> None:
        """The resting actors, then the planned labels on top (the items stay transparent)."""
        zoom, area, labels = self._label_args(painter, rect)
        reach = style.ACTOR_SIZE * 2  # an actor enlarged by an overlay, with its halo
        ids = self.table.in_rect(
            rect.left() - reach, rect.top() - reach, rect.right() + reach, rect.bottom() + reach
        )
        painter.save()
        base = painter.worldTransform()
        items, moving = self.items_by_id, self.moving
        scale = None if self.exporting else Stamps.scale_of(painter)
        if scale is not None:
            self._stamp_actors(painter, ids, *scale)
        else:
            for actor_id in ids:
                if actor_id in moving:
                    continue
                item = items[actor_id]
                pos = item.pos()
                painter.setWorldTransform(QTransform.fromTranslate(pos.x(), pos.y()) * base)
                item.draw(painter)
        painter.setWorldTransform(base)
        if labels:
            self.label_planner.paint(painter, rect, zoom, area, base)
        painter.restore()

    def _stamp_actors(self, painter: QPainter, ids: list[str], zoom: float, dpr: float) -> None:
        """The resting actors as cached images (stamps.py), each drawn directly if too big."""
        device, base = painter.deviceTransform(), painter.worldTransform()
        painter.setWorldTransform(QTransform())
        items, moving, stamps = self.items_by_id, self.moving, self.stamps
        for actor_id in ids:
            if actor_id in moving:
                continue
            item = items[actor_id]
            pos = item.pos()
            x, y = pos.x(), pos.y()
            if not stamps.draw(
                painter, device, item.look(), x, y, zoom, dpr, item.boundingRect, item.draw
            ):
                painter.setWorldTransform(QTransform.fromTranslate(x, y) * base)
                item.draw(painter)
                painter.setWorldTransform(QTransform())

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The zone a drag would move an actor to; the hovered actor (a light ring and its
        full name) on top of everything."""
        if self.drop_target is not None and not self.exporting:
            paint_drop_target(painter, self._region, self.drop_target)
        item = self.items_by_id.get(self.hovered) if self.hovered is not None else None
        if item is None or self.exporting or not self.detailed:
            return
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        item.paint_hover(
            painter,
            label_scale(zoom),
            ring=self.hovered not in self._sel_actors,
            label=self.labels_visible,
        )

    def render_diagram(
        self,
        painter: QPainter,
        target_rect: QRectF,
        source_rect: QRectF | None = None,
        include_legend: bool = True,
        background: QColor | None = None,
    ) -> None:
        """Paint the diagram (no selection, grid or editing marks) for print and export, on
        `background` (transparent for a PNG overlay) instead of the canvas colour if given."""
        source = QRectF(source_rect) if source_rect is not None else self.diagram_rect()
        saved = (dict(self._sel_actors), dict(self._sel_ties), self.detailed)
        self.exporting = True
        self._export_background = background
        self._sel_actors, self._sel_ties = {}, {}
        self._selection_changed()
        if not self.detailed:  # the items are drawn by drawBackground whatever their visibility
            self.tie_layer.points_mode = False
        self.tie_layer.refresh()
        try:
            self.render(painter, QRectF(target_rect), source, Qt.AspectRatioMode.KeepAspectRatio)
            if include_legend:
                scale = min(
                    target_rect.width() / max(source.width(), 1),
                    target_rect.height() / max(source.height(), 1),
                )
                painter.save()
                painter.translate(QRectF(target_rect).topLeft() + QPointF(8, 8))
                painter.scale(max(scale, 0.6), max(scale, 0.6))
                paint_legend(painter, QPointF(0, 0), self.legend_entries())
                painter.restore()
        finally:
            self.exporting = False
            self._export_background = None
            self._sel_actors, self._sel_ties, detailed = saved
            if not detailed:
                self.tie_layer.points_mode = True
            self.tie_layer.refresh()
            self._selection_changed()

    # --- mouse: the gestures live in interactions.py -------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.active is None and event.buttons() == Qt.MouseButton.NoButton:
            self.set_hovered(self.actor_at(event.scenePos(), self.label_zoom))
        if not self.gestures.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.double_click(event):
            super().mouseDoubleClickEvent(event)


def _clip_parts(painter: QPainter) -> list[QRect] | None:
    """The rectangles of the painter's clip (with no world transform: whole pixels) when it
    is a region of more than one; None for a rectangle or no clip."""
    if not painter.hasClipping():
        return None
    painter.save()
    painter.resetTransform()
    region = painter.clipRegion()
    painter.restore()
    # (PySide6's QRegion iterates its rectangles; its stubs do not say so)
    return list(cast(Iterable[QRect], region)) if region.rectCount() > 1 else None
