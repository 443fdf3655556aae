"""The scene: follows the document's design and keeps one item per actor plus the tie layer.

The model is the single source of truth. The scene listens to `design.changed` and updates
only the affected items; it rebuilds everything only when the document swaps the design.
Selection is kept here (ids and uids), not in Qt's item selection, so it survives the level
of detail switch that hides the actor items when zoomed out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem

from cluster_designer.model import (
    Actor, Design, DesignEvent, EventKind, Location, Sector, TieKind, make_actor, make_tie,
)

from .. import style
from ..commands import AddItemsCommand
from ..document import Document
from .actor_item import ActorItem, paint_ring
from .batch import draw_lines
from .geometry import CIRCLE, DIAMOND, SQUARE, PositionTable
from .interactions import Gestures
from .labels import LONG_LABEL_ZOOM, LabelPlan, label_scale, place_labels
from .legend import paint_legend
from .region import location_at, paint_region, place_unplaced, region_rect_for, zone_rects
from .tie_layer import DETAIL_ZOOM, SECTORS, TieLayer
from .tools import Tool

SMALL_DESIGN = 1500  # up to this many actors, shapes (and labels) stay drawn down to SMALL_DETAIL_ZOOM
SMALL_DETAIL_ZOOM = 0.12
MAX_LABEL_DIFF = 300  # more labels changing than this repaint the whole static layer


ID_PREFIX = {Sector.UNIVERSITY: "U", Sector.COMPANY: "C", Sector.SUPPORT: "S"}
NEW_NAME = {Sector.UNIVERSITY: "New university", Sector.COMPANY: "New company",
            Sector.SUPPORT: "New support organization"}
_SHAPE_CODE = {style.Shape.CIRCLE: CIRCLE, style.Shape.ROUNDED_SQUARE: SQUARE, style.Shape.DIAMOND: DIAMOND}


class ClusterScene(QGraphicsScene):
    """The editable diagram of the document's current design."""

    toolChanged = Signal(object)
    selectionChangedIds = Signal()

    def __init__(self, document: Document, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.document = document
        self.design: Design | None = None
        self.table = PositionTable()
        self.tie_layer = TieLayer(self.table)
        self.addItem(self.tie_layer)
        self.items_by_id: dict[str, ActorItem] = {}
        self.tool = Tool.SELECT
        self.last_sector = Sector.COMPANY
        self._tie_kind = TieKind.COLLABORATION
        self._sel_actors: dict[str, None] = {}
        self._sel_ties: dict[int, None] = {}
        self._marked: set[str] = set()
        self._overlay_ids: set[str] = set()
        self._moving: set[str] = set()
        self.snap_to_grid = False
        self.grid_visible = False
        self.legend_visible = True
        self.labels_visible = True
        self._labels_legible = True
        self.detailed = True
        self._exporting = False
        self._export_background: QColor | None = None
        self.label_scale = 1.0  # labels' scale at the views' zoom (see labels.py)
        self._label_zoom = 1.0
        self._plans: dict[tuple[float, bool, bool], tuple[QRectF | None, LabelPlan]] = {}
        self._drawn_plan: LabelPlan | None = None  # the plan last painted on screen
        self._drawn_area: QRectF | None = None
        self._plan_boxes: dict[int, np.ndarray] = {}
        self._reconcile_queued = False
        self.hovered: str | None = None
        self._region = region_rect_for([])
        self._overlay_sizes: dict[str, float] = {}
        self._overlay_colors: dict[str, QColor] = {}
        self._overlay_actors: tuple[set[str], set[str]] = (set(), set())
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
        for item in self.items_by_id.values():
            self.removeItem(item)
        self.items_by_id.clear()
        self.table.reset()
        self._sel_actors.clear()
        self._sel_ties.clear()
        self._marked.clear()
        self._overlay_ids.clear()
        self._overlay_sizes, self._overlay_colors = {}, {}  # an evaluation overlay belongs to one design
        self._overlay_actors = (set(), set())
        self.tie_layer.set_emphasis((), ())
        self.design = design
        if design is not None:
            design.changed.connect(self._on_design_event)
            self._add_items(list(design.actors.values()))
            self.tie_layer.set_ties((t.uid, t.source, t.target, t.kind, t.weight) for t in design.ties.values())
        else:
            self.tie_layer.set_ties(())
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
            for uid in event.tie_uids:
                t = design.tie(uid)
                self.tie_layer.put_tie(uid, t.source, t.target, t.kind, t.weight)
        elif kind is EventKind.TIES_REMOVED:
            self.tie_layer.drop_ties(event.tie_uids)
            if any(u in self._sel_ties for u in event.tie_uids):
                for u in event.tie_uids:
                    self._sel_ties.pop(u, None)
                self._selection_changed()
        if kind in (EventKind.ACTORS_ADDED, EventKind.ACTORS_REMOVED, EventKind.ACTORS_CHANGED,
                    EventKind.META_CHANGED):
            self._refresh_region(force=kind is EventKind.META_CHANGED)

    def _add_items(self, actors: list[Actor]) -> None:
        placed = {a.id: (a.x, a.y) for a in actors if a.placed}
        missing = [a for a in actors if not a.placed]
        if missing and self.design is not None:
            known = {i: self.table.get(i) for i in self.table.ids}
            known.update(placed)  # type: ignore[arg-type]
            everyone = [a if a.placed or a.id not in known else a.with_changes(x=known[a.id][0], y=known[a.id][1])
                        for a in self.design.actors.values()]
            placed.update(place_unplaced(everyone, known))  # type: ignore[arg-type]
        for actor in actors:
            item = ActorItem(actor)
            x, y = placed[actor.id]
            item.setPos(x, y)
            item.label.setVisible(self.labels_visible and self._labels_legible)
            item.setVisible(self.detailed or self._exporting)
            self.addItem(item)
            self.items_by_id[actor.id] = item
        self.table.add_many(
            [a.id for a in actors], [placed[a.id] for a in actors], style.ACTOR_SIZE / 2,
            [_SHAPE_CODE[style.SECTOR_STYLES[a.sector].shape] for a in actors],
            [SECTORS.index(a.sector) for a in actors],
        )
        self.tie_layer.invalidate()
        self.tie_layer.grow_bounds(self.table.extent())
        self._labels_changed()

    def _remove_items(self, actor_ids: Iterable[str]) -> None:
        ids = [i for i in actor_ids if i in self.items_by_id]
        for actor_id in ids:
            self.removeItem(self.items_by_id.pop(actor_id))
        self.table.remove_many(ids)
        self.tie_layer.invalidate()
        if self.hovered in ids:
            self.hovered = None
        self._labels_changed()
        if any(i in self._sel_actors for i in ids):
            for i in ids:
                self._sel_actors.pop(i, None)
            self._selection_changed()

    def _sync_items(self, actor_ids: Iterable[str], fields: frozenset[str]) -> None:
        design = self.design
        assert design is not None
        ids = [i for i in actor_ids if i in self.items_by_id]
        moves = {}
        looks = bool(fields - {"x", "y"})  # a layout of 10,000 actors must not relabel them all
        for actor_id in ids:
            actor = design.actor(actor_id)
            if looks:
                self.items_by_id[actor_id].sync(actor)
            if {"x", "y"} & fields and actor.placed:
                moves[actor_id] = (actor.x, actor.y)
            if "sector" in fields:
                sec = style.SECTOR_STYLES[actor.sector]
                self.table.set_look(actor_id, self.items_by_id[actor_id].radius, _SHAPE_CODE[sec.shape],
                                    SECTORS.index(actor.sector))
                self.tie_layer.refresh()
        if moves:
            self.set_positions(moves)
        if looks:
            self._labels_changed()

    def _rename_item(self, old: str, new: str) -> None:
        item = self.items_by_id.pop(old)
        self.items_by_id[new] = item
        self.table.rename(old, new)
        self.tie_layer.rename_actor(old, new)
        item.sync(self.design.actor(new))  # type: ignore[union-attr]
        if self.hovered == old:
            self.hovered = new
        self._labels_changed()
        if old in self._sel_actors:
            self._sel_actors = {(new if k == old else k): None for k in self._sel_actors}
            self._selection_changed()

    # --- positions ---------------------------------------------------------------------
    def set_positions(self, positions: Mapping[str, tuple[float, float]]) -> None:
        """Move items (and their ties) on screen; used by drags and by model changes."""
        ids = [i for i in positions if i in self.items_by_id]
        if not ids:
            return
        rows = np.fromiter((self.table.rows[i] for i in ids), dtype=np.int64, count=len(ids))
        layer = self.tie_layer
        live = layer.live and self._moving.issuperset(ids)  # a drag step: the static layer stays
        small = len(ids) <= 300
        before = layer.live_rect() if live else layer.rect_of_rows(rows) if small else None
        items, table = self.items_by_id, self.table
        for actor_id in ids:
            x, y = positions[actor_id]
            items[actor_id].setPos(x, y)
            table.set(actor_id, x, y)
        layer.positions_changed()
        layer.grow_bounds(table.extent(rows))
        if not live:
            self._labels_changed()  # a drag step keeps the plan; end_move replans
        if live:
            layer.update(before.united(layer.live_rect()))
        elif before is not None:
            layer.refresh(before.united(layer.rect_of_rows(rows)))
        else:
            layer.refresh()

    def begin_move(self, actor_ids: Iterable[str]) -> None:
        """A drag starts: the moving actors and their ties leave the cached static layer (each
        step then repaints only them over the cached pixmap) until `end_move`."""
        self.end_move()
        self._moving = {i for i in actor_ids if i in self.table.rows}
        rows = np.fromiter((self.table.rows[i] for i in self._moving), dtype=np.int64, count=len(self._moving))
        self.tie_layer.begin_live(rows)
        scale, long = self.label_scale, self._label_zoom >= LONG_LABEL_ZOOM
        for actor_id in self._moving:
            item = self.items_by_id[actor_id]
            item.label.setTransformOriginPoint(0, item.label.rect().top())
            item.label.setScale(scale)
            item.label.live_long = long
            item.set_live(True)

    def end_move(self) -> None:
        moving, self._moving = self._moving, set()
        for actor_id in moving:
            item = self.items_by_id.get(actor_id)
            if item is not None:
                item.set_live(False)
        self.tie_layer.end_live()
        if moving:
            self._labels_changed()

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
        if self.design is None:
            rect = region_rect_for([])
        else:
            inside = [self.table.get(a.id) for a in self.design.actors.values()
                      if a.location is Location.REGION and a.id in self.table.rows]
            rect = region_rect_for(inside)
        if force or rect != self._region:
            self._region = rect
            self.invalidate(QRectF(), QGraphicsScene.SceneLayer.BackgroundLayer)
        self.setSceneRect(self.diagram_rect().adjusted(-2000, -1500, 2000, 1500))

    def diagram_rect(self) -> QRectF:
        """The region, the outside zones and every actor with its label."""
        left, right = zone_rects(self._region)
        rect = self._region.united(left).united(right)
        extent = self.table.extent()
        if extent is not None:
            rect = rect.united(QRectF(QPointF(extent[0], extent[1]), QPointF(extent[2], extent[3])))
            rect = rect.united(self._edge_labels_rect(extent))
        return rect.adjusted(-40, -40, 40, 60)

    def _edge_labels_rect(self, extent: tuple[float, float, float, float]) -> QRectF:
        """Full names of the leftmost and rightmost actors, so print never cuts them off."""
        x = self.table.xy[:, 0]
        rows = np.flatnonzero((x < extent[0] + 250) | (x > extent[2] - 250))[:400]
        rect = QRectF()
        for row in rows.tolist():
            item = self.items_by_id.get(self.table.ids[row])
            if item is not None:
                rect = rect.united(item.label.rect(True).translated(item.pos()))
        return rect.adjusted(-30, 0, 30, 0) if rect.isValid() else QRectF()

    def location_for(self, actor_id: str, point: QPointF) -> Location:
        previous = self.design.actor(actor_id).location if self.design else None
        return location_at(point, self._region, previous)

    def locations_after_move(self, positions: Mapping[str, tuple[float, float]]) -> dict[str, Location]:
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
            view.viewport().setCursor(Qt.CursorShape.CrossCursor if tool is not Tool.SELECT
                                      else Qt.CursorShape.ArrowCursor)
        if changed:
            self.toolChanged.emit(tool)

    @property
    def tie_kind(self) -> TieKind:
        return self._tie_kind

    @tie_kind.setter
    def tie_kind(self, kind: TieKind) -> None:
        self._tie_kind = TieKind(kind)

    def add_actor_at(self, point: QPointF, sector: Sector | None = None, edit_name: bool = True) -> str | None:
        """Add an actor where the user clicked (one undo step) and open its name editor."""
        if self.design is None:
            return None
        sector = Sector(sector or self.last_sector)
        self.last_sector = sector
        point = self.snap(point)
        actor = make_actor(
            id=self.design.unique_actor_id(ID_PREFIX[sector]), name=NEW_NAME[sector], sector=sector,
            location=location_at(point, self._region), x=point.x(), y=point.y(),
        )
        if not self.document.push(AddItemsCommand(self.design, [actor], text=f"Add {sector.label.lower()}")):
            return None
        self.select_ids([actor.id])
        if edit_name:
            self.edit_name(actor.id)
        return actor.id

    def add_tie(self, source: str, target: str) -> int | None:
        if self.design is None or source == target:
            return None
        kind = self._tie_kind
        command = AddItemsCommand(self.design, [], [make_tie(source=source, target=target, kind=kind)],
                                  text=f"Add {kind.label.lower()} tie")
        if not self.document.push(command):
            return None
        self.select_ids([], command.tie_uids)
        return command.tie_uids[0]

    def edit_name(self, actor_id: str) -> None:
        """Open the in-place name editor on the first view (Enter commits, Escape keeps the name)."""
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
            item = self.items_by_id.get(actor_id)
            if item is not None:
                item.marked = actor_id in self._sel_actors
                item.refresh()
        self._marked = set(self._sel_actors)
        self.tie_layer.set_selected(self._sel_ties)
        rows = np.asarray([self.table.rows[i] for i in self._sel_actors if i in self.table.rows], dtype=np.int64)
        layer = self.tie_layer
        if layer.points_mode and not np.array_equal(rows, layer.selected_actor_rows):
            layer.refresh()  # zoomed out, the selection halo is part of the static layer
        layer.selected_actor_rows = rows
        self._labels_changed()
        self.selectionChangedIds.emit()

    # --- display options ---------------------------------------------------------------
    def set_snap_to_grid(self, on: bool) -> None:
        self.snap_to_grid = bool(on)

    def set_grid_visible(self, on: bool) -> None:
        self.grid_visible = bool(on)
        self.invalidate(QRectF(), QGraphicsScene.SceneLayer.BackgroundLayer)

    def set_legend_visible(self, on: bool) -> None:
        self.legend_visible = bool(on)
        for view in self.views():
            view.viewport().update()

    def set_labels_visible(self, on: bool) -> None:
        self.labels_visible = bool(on)
        self._show_labels(self.labels_visible and self._labels_legible)

    def _show_labels(self, on: bool) -> None:
        for item in self.items_by_id.values():
            item.label.setVisible(on)
        self.tie_layer.refresh()

    def set_zoom_level(self, zoom: float) -> None:
        """Level of detail from the view's zoom: labels grow to stay readable (see labels.py)
        and go with the shapes, which become points when zoomed far out."""
        small = len(self.items_by_id) <= SMALL_DESIGN
        detailed = zoom >= (SMALL_DETAIL_ZOOM if small else DETAIL_ZOOM)
        self._label_zoom = zoom
        self.label_scale = label_scale(zoom)
        if detailed != self._labels_legible:
            self._labels_legible = detailed
            self._show_labels(self.labels_visible and detailed)
        self.set_detail(detailed)

    # --- labels: which names are drawn (labels.py) -----------------------------------------
    def _labels_changed(self) -> None:
        """Positions, texts or the selection changed: replan, and repaint the labels that
        appear or vanish once the event loop is free (a burst of changes replans once)."""
        self._plans.clear()
        if self._drawn_plan is not None and not self._reconcile_queued and not self._exporting:
            self._reconcile_queued = True
            QTimer.singleShot(0, self._reconcile_labels)

    def _reconcile_labels(self) -> None:
        self._reconcile_queued = False
        old = self._drawn_plan
        if old is None or not self.labels_visible or not self._labels_legible or not self.views():
            return
        new = self.label_plan(self._label_zoom, self._drawn_area)
        if new.scale != old.scale or new.long != old.long:
            return  # a zoom step repaints everything anyway
        changed = old.shown ^ new.shown
        if len(changed) > MAX_LABEL_DIFF:
            self.invalidate(QRectF(), QGraphicsScene.SceneLayer.BackgroundLayer)
            return
        old_boxes, new_boxes = self._plan_boxes.get(id(old)), self._plan_boxes.get(id(new))
        for boxes in (old_boxes, new_boxes):
            if boxes is None:
                continue
            for row in changed:
                if row < len(boxes):
                    left, top, right, bottom = boxes[row].tolist()
                    self.invalidate(QRectF(left, top, right - left, bottom - top).adjusted(-2, -2, 2, 2),
                                    QGraphicsScene.SceneLayer.BackgroundLayer)
        self._drawn_plan = new

    def label_plan(self, zoom: float, area: QRectF | None = None) -> LabelPlan:
        """The labels drawn at this zoom (screen or paper), computed once per change.

        A big design on screen is planned only around what the views show (`area`, grown by
        half a view each side), so a change costs the same at 10,000 actors as at 500."""
        scale, long = label_scale(zoom), self._exporting or zoom >= LONG_LABEL_ZOOM
        key = (round(scale, 3), long, self._exporting)
        if self._exporting or len(self.table) <= SMALL_DESIGN:
            area = None
        cached = self._plans.get(key)
        if cached is not None and (cached[0] is None or (area is not None and cached[0].contains(area))):
            return cached[1]
        region = None
        if area is not None:
            grow_x, grow_y = area.width() / 2, area.height() / 2
            region = area.adjusted(-grow_x, -grow_y, grow_x, grow_y)
        rows_all = np.arange(len(self.table)) if region is None else np.flatnonzero(
            (self.table.xy[:, 0] >= region.left()) & (self.table.xy[:, 0] <= region.right())
            & (self.table.xy[:, 1] >= region.top()) & (self.table.xy[:, 1] <= region.bottom()))
        plan = self._plan_rows(rows_all, scale, long)
        self._plans[key] = (region, plan)
        return plan

    def _plan_rows(self, rows_all: np.ndarray, scale: float, long: bool) -> LabelPlan:
        items, all_ids = self.items_by_id, self.table.ids
        ids = [all_ids[r] for r in rows_all.tolist()]
        n_all, n = len(all_ids), len(ids)
        rects = [items[i].label.rect(long) for i in ids]
        base = np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=np.float64).reshape(-1, 4)
        xy = self.table.xy[rows_all]
        boxes = np.column_stack((xy[:, 0] + base[:, 0] * scale, xy[:, 1] + base[:, 1],
                                 xy[:, 0] + base[:, 2] * scale, xy[:, 1] + base[:, 1] + (base[:, 3] - base[:, 1]) * scale))
        layer = self.tie_layer
        layer._ensure_arrays()
        degree = (np.bincount(layer.src, minlength=n_all)[:n_all] + np.bincount(layer.dst, minlength=n_all)[:n_all])
        degree = degree[rows_all]
        forced = np.zeros(n_all, dtype=bool)
        if not self._exporting:
            forced[[self.table.rows[i] for i in self._sel_actors if i in self.table.rows]] = True
        forced = forced[rows_all]
        order = np.lexsort((np.arange(n), -degree, ~forced))
        gap = 1.5 * scale
        shown = place_labels(boxes + np.array([-gap, -gap / 2, gap, gap / 2]), xy, self.table.radius[rows_all],
                             order, forced)
        plan = LabelPlan(scale, long, frozenset(rows_all[shown].tolist()))
        full = np.zeros((n_all, 4))
        full[rows_all] = boxes
        live = {id(p) for _, p in self._plans.values()} | ({id(self._drawn_plan)} if self._drawn_plan else set())
        self._plan_boxes = {k: v for k, v in self._plan_boxes.items() if k in live}
        self._plan_boxes[id(plan)] = full
        return plan

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
        for item in self.items_by_id.values():
            item.setVisible(detailed)
        self.tie_layer.points_mode = not detailed
        self.tie_layer.refresh()

    def set_overlay(
        self, sizes: Mapping[str, float] | None = None, colors: Mapping[str, QColor] | None = None,
        highlight_actors: Iterable[str] = (), highlight_ties: Iterable[int] = (),
        dimmed_actors: Iterable[str] = (), dimmed_ties: Iterable[int] = (),
    ) -> None:
        """Emphasis for evaluations. `sizes` are values scaled so the largest gets twice the
        normal size and zero gets 0.6×; `colors` replace sector fills; None/empty clears."""
        self._overlay_sizes = dict(sizes or {})
        self._overlay_colors = dict(colors or {})
        self._overlay_actors = (set(highlight_actors), set(dimmed_actors))
        self.tie_layer.set_emphasis(highlight_ties, dimmed_ties)
        self._apply_overlay()

    def _apply_overlay(self) -> None:
        top = max(self._overlay_sizes.values(), default=0.0)
        highlight, dimmed = self._overlay_actors
        now = set(self._overlay_sizes) | set(self._overlay_colors) | highlight | dimmed
        touched, self._overlay_ids = self._overlay_ids | now, now
        for actor_id in touched:  # items outside the overlay keep their default look
            item = self.items_by_id.get(actor_id)
            if item is None:
                continue
            value = self._overlay_sizes.get(actor_id)
            size = style.ACTOR_SIZE
            if value is not None and top > 0:
                size = style.ACTOR_SIZE * (0.6 + 1.4 * max(0.0, value) / top)
            item.set_size(size)
            self.table.radius[self.table.rows[actor_id]] = size / 2
            item.fill_override = self._overlay_colors.get(actor_id)
            item.highlighted = actor_id in highlight
            item.dimmed = actor_id in dimmed
            item.refresh()
        self.tie_layer.refresh()

    # --- painting ----------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        background = self._export_background if self._exporting else None
        painter.fillRect(rect, background if background is not None else style.CANVAS_BACKGROUND)
        if self.grid_visible and not self._exporting:
            self._paint_grid(painter, rect)
        label = (self.design.region or self.design.name) if self.design else ""
        paint_region(painter, self._region, label)
        self.tie_layer.paint_static(painter, rect)
        if self.detailed or self._exporting:
            self._paint_actors(painter, rect)

    def _paint_actors(self, painter: QPainter, rect: QRectF) -> None:
        """The resting actors, then the planned labels on top (the items stay transparent)."""
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        labels = self.labels_visible and (self._labels_legible or self._exporting)
        area = None
        if not self._exporting and self.views():
            view = self.views()[0]
            area = view.mapToScene(view.viewport().rect()).boundingRect().united(rect)
        plan = self.label_plan(zoom, area) if labels else None
        reach = style.ACTOR_SIZE * 2  # an actor enlarged by an overlay, with its halo
        ids = self.table.in_rect(rect.left() - reach, rect.top() - reach, rect.right() + reach,
                                 rect.bottom() + reach)
        painter.save()
        base = painter.worldTransform()
        items, moving = self.items_by_id, self._moving
        for actor_id in ids:
            if actor_id in moving:
                continue
            item = items[actor_id]
            pos = item.pos()
            painter.setWorldTransform(QTransform.fromTranslate(pos.x(), pos.y()) * base)
            item.draw(painter)
        if plan is not None:
            if not self._exporting:
                self._drawn_plan, self._drawn_area = plan, area
            self._paint_labels(painter, rect, plan, base)
        painter.restore()

    def _paint_labels(self, painter: QPainter, rect: QRectF, plan: LabelPlan, base: QTransform) -> None:
        boxes = self._plan_boxes.get(id(plan))
        if boxes is None or not plan.shown:
            return
        rows = np.fromiter(plan.shown, dtype=np.int64, count=len(plan.shown))
        b = boxes[rows]
        seen = rows[(b[:, 0] <= rect.right()) & (b[:, 2] >= rect.left())
                    & (b[:, 1] <= rect.bottom()) & (b[:, 3] >= rect.top())]
        ids, items, moving, scale = self.table.ids, self.items_by_id, self._moving, plan.scale
        for row in np.sort(seen).tolist():
            actor_id = ids[row]
            if actor_id in moving:
                continue
            item = items[actor_id]
            pos, top = item.pos(), item.label.rect().top()
            painter.setWorldTransform(QTransform.fromTranslate(0, -top) * QTransform.fromScale(scale, scale)
                                      * QTransform.fromTranslate(pos.x(), pos.y() + top) * base)
            item.label.draw(painter, plan.long, emphasis=actor_id in self._sel_actors)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        """The hovered actor: a light ring and its full name on top of everything."""
        item = self.items_by_id.get(self.hovered) if self.hovered is not None else None
        if item is None or self._exporting or not item.isVisible():
            return
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        scale = label_scale(zoom)
        pos, top = item.pos(), item.label.rect().top()
        painter.save()
        painter.translate(pos)
        if self.hovered not in self._sel_actors:
            paint_ring(painter, item._style.shape, item.size, style.HOVER_COLOR, QColor(0, 0, 0, 0))
        if self.labels_visible:
            painter.translate(0, top)
            painter.scale(scale, scale)
            painter.translate(0, -top)
            item.label.draw(painter, True, emphasis=True)
        painter.restore()

    def _paint_grid(self, painter: QPainter, rect: QRectF) -> None:
        zoom = painter.worldTransform().m11() or 1.0
        step = style.GRID_STEP
        while step * zoom < 8:
            step *= 2
        xs = np.arange(np.floor(rect.left() / step) * step, rect.right() + step, step)
        ys = np.arange(np.floor(rect.top() / step) * step, rect.bottom() + step, step)
        lines = np.vstack([
            np.column_stack((xs, np.full_like(xs, rect.top()), xs, np.full_like(xs, rect.bottom()))),
            np.column_stack((np.full_like(ys, rect.left()), ys, np.full_like(ys, rect.right()), ys)),
        ])
        pen = QPen(style.GRID_COLOR, 0)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        draw_lines(painter, lines)

    def render_diagram(
        self, painter: QPainter, target_rect: QRectF, source_rect: QRectF | None = None,
        include_legend: bool = True, background: QColor | None = None,
    ) -> None:
        """Paint the diagram (no selection, grid or editing marks) for print and export, on
        `background` (transparent for a PNG overlay) instead of the canvas colour if given."""
        source = QRectF(source_rect) if source_rect is not None else self.diagram_rect()
        saved = (dict(self._sel_actors), dict(self._sel_ties), self.detailed)
        self._exporting = True
        self._export_background = background
        self._sel_actors, self._sel_ties = {}, {}
        self._selection_changed()
        if not self.detailed:
            for item in self.items_by_id.values():
                item.setVisible(True)
            self.tie_layer.points_mode = False
        self._show_labels(self.labels_visible)
        try:
            self.render(painter, QRectF(target_rect), source, Qt.AspectRatioMode.KeepAspectRatio)
            if include_legend:
                scale = min(target_rect.width() / max(source.width(), 1), target_rect.height() / max(source.height(), 1))
                painter.save()
                painter.translate(QRectF(target_rect).topLeft() + QPointF(8, 8))
                painter.scale(max(scale, 0.6), max(scale, 0.6))
                paint_legend(painter, QPointF(0, 0))
                painter.restore()
        finally:
            self._exporting = False
            self._export_background = None
            self._sel_actors, self._sel_ties, detailed = saved
            if not detailed:
                for item in self.items_by_id.values():
                    item.setVisible(False)
                self.tie_layer.points_mode = True
            self._show_labels(self.labels_visible and self._labels_legible)
            self._selection_changed()

    # --- mouse: the gestures live in interactions.py -------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if not self.gestures.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.gestures.active is None and event.buttons() == Qt.MouseButton.NoButton:
            self.set_hovered(self.actor_at(event.scenePos(), self._label_zoom))
        if not self.gestures.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if not self.gestures.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if not self.gestures.double_click(event):
            super().mouseDoubleClickEvent(event)

