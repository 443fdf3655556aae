"""Which actor names are drawn, and how large, so a map stays readable at any zoom.

Labels never shrink below MIN_LABEL_POINTS on the device (screen or paper): when zoomed out
their scale grows to compensate. Growing labels would collide, so they are placed greedily,
most important first (selected actors, then the best connected ones); a label that would
overlap a label already placed, or another actor's shape, is left out. Selected actors are
always labelled. The plan depends only on the drawn size, the positions and the selection,
so the scene computes it once per change, never per repaint (`LabelPlanner`).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import numpy.ma  # (see below)
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QPainter, QTransform

from .actor_item import LABEL_POINTS, LabelItem
from .batch import digest_arrays
from .stamps import Stamps

if TYPE_CHECKING:
    from .scene import ClusterScene

MIN_LABEL_POINTS = 6.8  # smallest label on the device, in points (a scene unit is 1/96 inch)
LONG_LABEL_ZOOM = 1.0  # from here on (and on paper) labels show up to LABEL_MAX_CHARS_FULL
MAX_SCALE = 4.0
LABEL_GAP = 2.0  # scene units kept free between two labels at scale 1
# numpy imports numpy.ma on the first call of `np.unique` or `np.median` (0.25 s): importing
# it with the canvas moves that from the first detailed frame to the application's start.
SMALL_DESIGN = 1500  # up to this many actors a plan covers the whole design, not just the views
MAX_LABEL_DIFF = 300  # more labels changing than this repaint the whole static layer


def label_scale(zoom: float) -> float:
    """How much labels grow so they are at least MIN_LABEL_POINTS tall at this zoom."""
    return min(MAX_SCALE, max(1.0, MIN_LABEL_POINTS / (LABEL_POINTS * max(zoom, 1e-6))))


@dataclass(frozen=True, slots=True)
class LabelPlan:
    """The labels to draw at one scale: rows of the position table, and whether long texts."""

    scale: float
    long: bool
    shown: frozenset[int]


def place_labels(
    boxes: np.ndarray,
    centres: np.ndarray,
    radius: np.ndarray,
    order: np.ndarray,
    forced: np.ndarray,
) -> np.ndarray:
    """Greedy placement of label boxes (n, 4: left, top, right, bottom in scene units).

    `order` lists rows most important first; `forced` rows are shown whatever they cover.
    A box is shown when it overlaps no box shown before it and no other actor's shape
    (centre ± radius). Returns a boolean mask over rows.

    Both tests are found for all rows at once with a uniform grid (numpy); only the greedy
    pass itself runs in Python, over each row's list of overlapping boxes.
    """
    n = len(boxes)
    if n == 0:
        return np.zeros(0, dtype=bool)
    cell = float(max(np.median(boxes[:, 3] - boxes[:, 1]) * 2.0, 1.0))
    shapes = np.column_stack((centres - radius[:, None], centres + radius[:, None]))
    box_keys, box_rows, shape_keys, shape_rows = _cover(boxes, shapes, cell)
    a, b = _grid_pairs(box_keys, box_rows, shape_keys, shape_rows, n)
    left, top, right, bottom = boxes[a, 0], boxes[a, 1], boxes[a, 2], boxes[a, 3]
    x, y, rad = (
        centres[b, 0],
        centres[b, 1],
        radius[b] * 0.8,
    )  # corners of a shape may touch a label
    near = (left - rad < x) & (x < right + rad) & (top - rad < y) & (y < bottom + rad)
    gap = np.hypot(
        np.minimum(np.maximum(x, left), right) - x, np.minimum(np.maximum(y, top), bottom) - y
    )
    on_shape = np.zeros(n, dtype=bool)
    on_shape[a[near & (gap < rad)]] = True
    a, b = _grid_pairs(box_keys, box_rows, box_keys, box_rows, n)
    overlap = (
        (boxes[a, 0] < boxes[b, 2])
        & (boxes[b, 0] < boxes[a, 2])
        & (boxes[a, 1] < boxes[b, 3])
        & (boxes[b, 1] < boxes[a, 3])
    )
    a, b = a[overlap], b[overlap]  # sorted by a: a CSR list of each row's overlapping boxes
    starts = np.searchsorted(a, np.arange(n + 1)).tolist()
    others = b.tolist()
    skip, must = (on_shape & ~forced).tolist(), forced.tolist()
    shown = [False] * n
    for row in order.tolist():
        if not must[row] and (
            skip[row] or any(shown[o] for o in others[starts[row] : starts[row + 1]])
        ):
            continue
        shown[row] = True
    return np.array(shown, dtype=bool)


def _cover(boxes: np.ndarray, shapes: np.ndarray, cell: float) -> tuple[np.ndarray, ...]:
    """Grid cells each box and each shape's square touch, as (cell key, row) lists."""
    both = np.vstack((boxes, shapes))
    lo = np.floor(both[:, :2] / cell).astype(np.int64)
    hi = np.floor(both[:, 2:] / cell).astype(np.int64)
    lo_y = int(lo[:, 1].min())
    span_y = int(hi[:, 1].max()) - lo_y + 1
    nx, ny = hi[:, 0] - lo[:, 0] + 1, hi[:, 1] - lo[:, 1] + 1
    count = nx * ny
    rows = np.repeat(np.arange(len(both)), count)
    k = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    keys = (lo[rows, 0] + k // ny[rows]) * span_y + (lo[rows, 1] - lo_y + k % ny[rows])
    split = int(count[: len(boxes)].sum())
    return keys[:split], rows[:split], keys[split:], rows[split:] - len(boxes)


def _grid_pairs(
    keys_a: np.ndarray,
    rows_a: np.ndarray,
    keys_b: np.ndarray,
    rows_b: np.ndarray,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (a, b), a ≠ b, sharing a grid cell, sorted by a then b."""
    by_key = np.argsort(keys_b, kind="stable")
    sorted_keys, sorted_rows = keys_b[by_key], rows_b[by_key]
    lo = np.searchsorted(sorted_keys, keys_a, side="left")
    count = np.searchsorted(sorted_keys, keys_a, side="right") - lo
    a = np.repeat(rows_a, count)
    b = sorted_rows[
        np.repeat(lo, count)
        + np.arange(int(count.sum()))
        - np.repeat(np.cumsum(count) - count, count)
    ]
    pairs = np.unique(a[a != b] * n + b[a != b])
    return pairs // n, pairs % n


class PlacementMemo:
    """The latest placements, found again by a digest of every array `place_labels` reads.

    Putting a change back (an undo or redo, a selection toggled twice) asks for a placement
    made before: it is taken from here instead of running the greedy pass again. The key is
    the inputs themselves (their bytes, shapes and types), so a kept answer is always the one
    `place_labels` would give."""

    SIZE = 6

    def __init__(self) -> None:
        self._kept: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def place(
        self,
        boxes: np.ndarray,
        centres: np.ndarray,
        radius: np.ndarray,
        order: np.ndarray,
        forced: np.ndarray,
    ) -> np.ndarray:
        digest = hashlib.blake2b(digest_size=16)
        digest_arrays(digest, (boxes, centres, radius, order, forced))
        key = digest.digest()
        shown = self._kept.get(key)
        if shown is None:
            shown = place_labels(boxes, centres, radius, order, forced)
            shown.setflags(write=False)
            self._kept[key] = shown
            while len(self._kept) > self.SIZE:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return shown


@dataclass(frozen=True, slots=True)
class _OnScreen:
    """A plan as the views show it: its labels by actor id, with their boxes then."""

    plan: LabelPlan
    boxes: dict[str, tuple[float, float, float, float]]


class LabelPlanner:
    """The scene's label plans, cached per drawn size until positions, texts or the selection
    change; after a change it repaints only the labels that appear, vanish or change on screen.

    What the views show is remembered by actor id (rows are renumbered when actors are
    deleted) together with each label's box, so a label that moved, or whose text got shorter,
    is repainted where it was as well as where it is."""

    def __init__(self, scene: ClusterScene) -> None:
        self.scene = scene
        self._plans: dict[tuple[float, bool, bool], tuple[QRectF | None, LabelPlan]] = {}
        self._boxes: dict[int, np.ndarray] = {}  # id(plan) → (n, 4) label boxes by table row
        self._screen: _OnScreen | None = None  # None: the next full paint decides
        self._drawn_area: QRectF | None = None
        self._queued = False
        self._rects = np.zeros((0, 4))
        self._rects_key: tuple[int, int, int, bool] | None = None
        self._placements = PlacementMemo()
        self._order_by_row = np.zeros(0, dtype=np.int64)
        self._order_made_for: tuple[list[str], list[str]] | None = None

    def changed(self) -> None:
        """Replan, and reconcile the screen once the event loop is free (a burst replans once)."""
        self._plans.clear()
        self._queue()

    def repainted_all(self) -> None:
        """The views redraw everything: whatever the next paint draws is what they show."""
        self._screen = None

    def _queue(self) -> None:
        if self._screen is not None and not self._queued and not self.scene.exporting:
            self._queued = True
            QTimer.singleShot(0, self.scene, self._reconcile)

    def _on_screen(self, plan: LabelPlan) -> _OnScreen:
        boxes = self._boxes.get(id(plan))
        ids = self.scene.table.ids
        shown = {} if boxes is None else {ids[r]: tuple(boxes[r].tolist()) for r in plan.shown}
        return _OnScreen(plan, shown)

    def _reconcile(self) -> None:
        self._queued = False
        scene, old = self.scene, self._screen
        if old is None or not scene.views():
            return
        if not scene.labels_visible or not scene.labels_legible:
            self._screen = None  # hiding labels repaints everything; so does showing them
            return
        new_plan = self.plan(scene.label_zoom, self._drawn_area)
        if new_plan.scale != old.plan.scale or new_plan.long != old.plan.long:
            self._screen = None  # a zoom step repaints everything
            return
        new = self._on_screen(new_plan)
        stale = []
        for actor_id in old.boxes.keys() | new.boxes.keys():
            before, after = old.boxes.get(actor_id), new.boxes.get(actor_id)
            if before != after:
                stale += [box for box in (before, after) if box is not None]
        self._screen = new
        if len(stale) > 2 * MAX_LABEL_DIFF:
            scene.invalidate_static()
            return
        for left, top, right, bottom in stale:
            scene.invalidate_static(
                QRectF(left, top, right - left, bottom - top).adjusted(-2, -2, 2, 2)
            )

    def plan(self, zoom: float, area: QRectF | None = None) -> LabelPlan:
        """The labels drawn at this zoom (screen or paper), computed once per change.

        A big design on screen is planned only around what the views show (`area`, grown by
        half a view each side), so a change costs the same at 10,000 actors as at 500."""
        exporting, table = self.scene.exporting, self.scene.table
        # Rounded: the painter's zoom and the view's differ in the last digits.
        scale, long = round(label_scale(zoom), 3), exporting or zoom >= LONG_LABEL_ZOOM
        key = (scale, long, exporting)
        if exporting or len(table) <= SMALL_DESIGN:
            area = None
        cached = self._plans.get(key)
        if cached is not None and (
            cached[0] is None or (area is not None and cached[0].contains(area))
        ):
            return cached[1]
        region = None
        if area is not None:
            grow_x, grow_y = area.width() / 2, area.height() / 2
            region = area.adjusted(-grow_x, -grow_y, grow_x, grow_y)
        x, y = table.xy[:, 0], table.xy[:, 1]
        rows_all = (
            np.arange(len(table))
            if region is None
            else np.flatnonzero(
                (x >= region.left())
                & (x <= region.right())
                & (y >= region.top())
                & (y <= region.bottom())
            )
        )
        plan = self._plan_rows(rows_all, scale, long)
        self._plans[key] = (region, plan)
        return plan

    def _plan_rows(self, rows_all: np.ndarray, scale: float, long: bool) -> LabelPlan:
        scene = self.scene
        table = scene.table
        n_all = len(table)
        base = self._label_rects(long, rows_all)
        xy = table.xy[rows_all]
        boxes = np.column_stack(
            (
                xy[:, 0] + base[:, 0] * scale,
                xy[:, 1] + base[:, 1],
                xy[:, 0] + base[:, 2] * scale,
                xy[:, 1] + base[:, 1] + (base[:, 3] - base[:, 1]) * scale,
            )
        )
        degree = scene.tie_layer.degrees(n_all)[rows_all]
        forced = np.zeros(n_all, dtype=bool)
        if not scene.exporting:
            forced[[table.rows[i] for i in scene.selected_actor_ids() if i in table.rows]] = True
        forced = forced[rows_all]
        order = np.lexsort((self._design_order(rows_all), -degree, ~forced))
        gap = 1.5 * scale
        shown = self._placements.place(
            boxes + np.array([-gap, -gap / 2, gap, gap / 2]),
            xy,
            table.radius[rows_all],
            order,
            forced,
        )
        plan = LabelPlan(scale, long, frozenset(rows_all[shown].tolist()))
        full = np.zeros((n_all, 4))
        full[rows_all] = boxes
        live = {id(p) for _, p in self._plans.values()}
        self._boxes = {k: v for k, v in self._boxes.items() if k in live}
        self._boxes[id(plan)] = full
        return plan

    def _design_order(self, rows: np.ndarray) -> np.ndarray:
        """The rows' places in the design's order of actors: ties between equally important
        labels go by it rather than by table row, which depends on the edits made so far
        (a deleted actor put back by undo gets a new row), so a fresh drawing of the same
        design labels the same actors. Kept by table row until the design's order of actors
        or the table's rows differ from the ones it was made for (compared in full)."""
        design, ids = self.scene.design, self.scene.table.ids
        if design is None:
            return np.arange(len(rows))
        order = list(design.actors)
        made_for = self._order_made_for
        if made_for is None or order != made_for[0] or ids != made_for[1]:
            place = {actor_id: n for n, actor_id in enumerate(order)}
            end = len(place)
            self._order_by_row = np.fromiter(
                (place.get(i, end) for i in ids), dtype=np.int64, count=len(ids)
            )
            self._order_made_for = (order, list(ids))
        return self._order_by_row[rows]

    def _label_rects(self, long: bool, rows: np.ndarray) -> np.ndarray:
        """The label boxes around their actors of `rows` (len(rows), 4), from the boxes of
        every row kept until a text, a size or the rows change, so a layout moving every
        actor does not walk the items again. A row's box is measured when first asked for:
        the first detailed frame of a big design measures the names around the view, not
        all 50,000 (about a second)."""
        table, items = self.scene.table, self.scene.items_by_id
        key = (LabelItem.epoch, table.version, len(table), long)
        if self._rects_key != key:
            self._rects = np.full((len(table), 4), np.nan)
            self._rects_key = key
        missing = rows[np.isnan(self._rects[rows, 0])]
        if missing.size:
            ids = table.ids
            self._rects[missing] = np.array(
                [items.label_rect(ids[r], long).getCoords() for r in missing.tolist()],
                dtype=np.float64,
            ).reshape(-1, 4)
        return self._rects[rows]

    def paint(
        self, painter: QPainter, rect: QRectF, zoom: float, area: QRectF | None, base: QTransform
    ) -> None:
        """The planned labels inside `rect` (the resting ones: dragged labels paint themselves)."""
        scene = self.scene
        plan = self.plan(zoom, area)
        if not scene.exporting:
            self._drawn_area = area
            if self._screen is None:
                self._screen = self._on_screen(plan)
            elif plan is not self._screen.plan:
                self._queue()  # painted in part with a newer plan: repaint where they differ
        boxes = self._boxes.get(id(plan))
        if boxes is None or not plan.shown:
            return
        rows = np.fromiter(plan.shown, dtype=np.int64, count=len(plan.shown))
        b = boxes[rows]
        # A label just outside `rect` may still touch its pixels (its stamp is placed on the
        # nearest device pixel, its edges antialiased): a strip repainted alone must draw it.
        pad = 3.0 / max(zoom, 1e-6)
        seen = rows[
            (b[:, 0] <= rect.right() + pad)
            & (b[:, 2] >= rect.left() - pad)
            & (b[:, 1] <= rect.bottom() + pad)
            & (b[:, 3] >= rect.top() - pad)
        ]
        ids, items, moving, scale, long = (
            scene.table.ids,
            scene.items_by_id,
            scene.moving,
            plan.scale,
            plan.long,
        )
        stamp_scale = None if scene.exporting else Stamps.scale_of(painter)
        device, stamps = painter.deviceTransform(), scene.stamps
        if stamp_scale is not None:
            painter.setWorldTransform(QTransform())
        for row in np.sort(seen).tolist():
            actor_id = ids[row]
            if actor_id in moving:
                continue
            item = items[actor_id]
            pos, label, emphasis = item.pos(), item.label, scene.is_selected(actor_id)
            if stamp_scale is not None and stamps.draw(
                painter,
                device,
                label.stamp_key(long, emphasis, scale),
                pos.x(),
                pos.y(),
                *stamp_scale,
                partial(label.stamp_box, long, scale),
                partial(label.draw_scaled, long=long, emphasis=emphasis, scale=scale),
            ):
                continue
            top = label.rect().top()
            painter.setWorldTransform(
                QTransform.fromTranslate(0, -top)
                * QTransform.fromScale(scale, scale)
                * QTransform.fromTranslate(pos.x(), pos.y() + top)
                * base
            )
            label.draw(painter, long, emphasis=emphasis)
            if stamp_scale is not None:
                painter.setWorldTransform(QTransform())
