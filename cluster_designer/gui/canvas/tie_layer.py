"""All ties drawn from numpy arrays, as a cached static layer (see docs/performance.md).

One item per tie is hopeless past about a thousand ties; here a repaint culls the segments
to the exposed rectangle, groups them by kind, width and emphasis, and draws each group with
a single `drawLines` call through an opaque cosmetic pen under an explicit rectangular clip.
When zoomed out the same code also draws the actors as points (the actor items are hidden).

The ties are painted in the scene's background (`paint_static`), which the view caches as
a pixmap: a repaint with nothing changed, a scroll or a drag step only blits it. While a
drag runs, the ties of the moving actors ("live" ties) leave that layer and are drawn by
this item instead, so each step redraws only them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from itertools import repeat

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cluster_designer.model import Design, Sector, TieKind

from .. import style
from .geometry import (
    PositionTable,
    SegmentGrid,
    clip_params,
    outline_distance,
    parallel_slots_of,
    point_segment_distance,
)
from .parallel_lines import FillGroup, KeptPictures, LineGroup, draw_groups

KINDS: tuple[TieKind, ...] = tuple(TieKind)
_DIRECTED_KINDS = np.array([kind.directed for kind in KINDS])
SECTORS: tuple[Sector, ...] = tuple(Sector)
_KIND_CODE: dict[TieKind, int] = {k: n for n, k in enumerate(KINDS)}
DETAIL_ZOOM = 0.3  # below this, actors are points, labels hidden, dashes dropped
PARALLEL_ZOOM = 0.45  # parallel ties drawn apart from here on
ARROW_ZOOM = 0.45  # arrowheads from here on
PARALLEL_GAP_PX = 5.0
HIT_TOLERANCE_PX = 5.0
MAX_ARROWS = 4000
GRID_CELL = 80.0
# Where the ties lie this many deep on average over the actors' area (their total length in
# pixels over that area's pixels), no single tie can be told from its neighbours: the weight
# widths are dropped for 1-pixel lines, which Qt draws about twice as fast (a 50,000-actor
# design seen whole lies 15 deep, 10,000 actors 3). Selected and highlighted ties keep theirs.
# Only where the actors are points (zoomed out), so a map with names never changes.
HAIRLINE_LAYERS = 8.0
_CAT_DIMMED, _CAT_NORMAL, _CAT_HIGHLIGHT, _CAT_SELECTED = 0, 1, 2, 3


def _blend(color: QColor, toward: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        color.redF() + (toward.redF() - color.redF()) * amount,
        color.greenF() + (toward.greenF() - color.greenF()) * amount,
        color.blueF() + (toward.blueF() - color.blueF()) * amount,
    )


def _visible_part(
    lines: np.ndarray, t0: np.ndarray, t1: np.ndarray, period: float | None
) -> np.ndarray:
    """Cut lines to their visible part; dashed ones (`period` in scene units) start on a whole
    dash period so the dashes stay put while the view pans or a patch is repainted."""
    if period is None and not t0.any() and (t1 == 1.0).all():
        return lines  # every line whole (all of them in a fitted view)
    dx, dy = lines[:, 2] - lines[:, 0], lines[:, 3] - lines[:, 1]
    if period is not None:
        length = np.maximum(np.hypot(dx, dy), 1e-9)
        t0 = np.floor(t0 * length / period) * period / length
    return np.column_stack(
        (lines[:, 0] + dx * t0, lines[:, 1] + dy * t0, lines[:, 0] + dx * t1, lines[:, 1] + dy * t1)
    )


class TieLayer(QGraphicsItem):
    """Draws every tie; answers which tie is under a point; never takes mouse events."""

    def __init__(self, table: PositionTable) -> None:
        super().__init__()
        self.table = table
        self.design: Design | None = None  # whose ties are drawn (see set_design)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-10)
        self.points_mode = False
        self.selected_actor_rows = np.zeros(0, dtype=np.int64)  # drawn highlighted as points
        self._selected: set[int] = set()
        self._highlight: set[int] = set()
        self._dimmed: set[int] = set()
        self._bounds = QRectF(-1000, -1000, 2000, 2000)
        self._built_version = -1
        self._dirty = True
        self._grid: SegmentGrid | None = None
        self._pens: dict[tuple[int, int, int, bool, float, bool], QPen] = {}
        self._coverage: float | None = None  # ties' length over the actors' area (`layers`)
        self._hair_at: tuple[float, bool] | None = None  # the static layer's last zoom, choice
        self._live_rows = np.zeros(0, dtype=np.int64)  # actors being dragged
        self._live: np.ndarray | None = None  # bool mask of their ties, None when no drag runs
        # The latest drawings of the static layer's ties, found again when a change is put
        # back (parallel_lines.KeptPictures: keyed by what they are drawn from).
        self.kept = KeptPictures()
        self._alloc_empty()

    def _alloc_empty(self) -> None:
        self.uids = np.zeros(0, dtype=np.int64)
        self.src = np.zeros(0, dtype=np.int64)
        self.dst = np.zeros(0, dtype=np.int64)
        self.kind = np.zeros(0, dtype=np.int64)
        self.bucket = np.zeros(0, dtype=np.int64)
        self.slot = np.zeros(0, dtype=np.float64)
        self.category = np.zeros(0, dtype=np.int64)
        self.par = np.zeros(0, dtype=np.int64)  # ties with a parallel slot (slot != 0)
        self.par_sign = np.zeros(0, dtype=np.float64)
        self._parallel_placed = True  # slot, par and par_sign hold for these arrays
        # The ties sorted by drawing group (category, kind, width bucket; by tie within one),
        # and each one's group key in that order: a paint only selects what it sees.
        self.key_order = np.zeros(0, dtype=np.int64)
        self.sorted_keys = np.zeros(0, dtype=np.int16)

    # --- content -----------------------------------------------------------------------
    def set_design(self, design: Design | None) -> None:
        """Draw the ties of `design`. The layer keeps no copy of them: its arrays are built
        from the design when next needed, and the scene calls `ties_changed` after each change
        the design announces."""
        self.design = design
        self._selected &= self._tie_uids()
        self.kept.clear()  # (memory: another design's drawings are not wanted again)
        self.invalidate()

    def ties_changed(self, removed: Iterable[int] = ()) -> None:
        """The design's ties changed (added, removed, changed, an end renamed)."""
        self._selected.difference_update(removed)
        self.invalidate()

    def _tie_uids(self) -> AbstractSet[int]:
        return self.design.ties.keys() if self.design is not None else frozenset()

    def invalidate(self) -> None:
        """Arrays and hit grid are rebuilt on the next paint or query."""
        self._dirty = True
        self._grid = None
        self.refresh()

    def refresh(self, rect: QRectF | None = None) -> None:
        """Repaint the static layer (the scene background cache) in `rect`, or everywhere."""
        invalidate = getattr(self.scene(), "invalidate_static", None)  # the ClusterScene's
        if invalidate is not None:
            invalidate(rect)
        if self._live is not None:
            self.update(QRectF() if rect is None else rect)

    # --- drag: live ties ---------------------------------------------------------------
    def begin_live(self, rows: np.ndarray) -> None:
        """The actors in `rows` start moving: their ties leave the cached static layer."""
        self._ensure_arrays()
        self._live_rows = np.asarray(rows, dtype=np.int64)
        self._live = np.isin(self.src, self._live_rows) | np.isin(self.dst, self._live_rows)
        self.refresh(self.live_rect())

    def end_live(self) -> None:
        """The drag is over: the moved ties go back into the static layer where they now are."""
        if self._live is None:
            return
        rect = self.live_rect()
        self._live, self._live_rows = None, np.zeros(0, dtype=np.int64)
        self.refresh(rect)

    @property
    def live(self) -> bool:
        return self._live is not None

    def live_rect(self) -> QRectF:
        """Scene area of the moving actors and their ties (what a drag step repaints)."""
        if self._live is None:
            return QRectF()
        if self._dirty or self._built_version != self.table.version:
            self.begin_live(self._live_rows)  # the ties changed under the drag: re-resolve
        xy = self.table.xy
        rows = np.concatenate([self._live_rows, self.src[self._live], self.dst[self._live]])
        return self._rect_of_points(xy[rows])

    def positions_changed(self) -> None:
        self._grid = None
        self._coverage = None

    def layers(self, zoom: float) -> float:
        """How many ties deep the actors' area lies on average at this zoom: the ties' total
        length in pixels over the pixels of the rectangle around the actors."""
        self._ensure_arrays()
        if self._coverage is None:
            x, y = self.table.xy[:, 0], self.table.xy[:, 1]
            if not len(self.src) or not len(x):
                self._coverage = 0.0
            else:  # (in place, columns taken one by one: 1.7 ms at 150,000 ties, not 15)
                dx = x.take(self.dst) - x.take(self.src)
                dy = y.take(self.dst) - y.take(self.src)
                np.multiply(dx, dx, out=dx)
                dx += np.multiply(dy, dy, out=dy)
                length = float(np.sqrt(dx, out=dx).sum())
                width, height = float(x.max() - x.min()), float(y.max() - y.min())
                self._coverage = length / (max(width, 1.0) * max(height, 1.0))
        return self._coverage / max(zoom, 1e-9)

    def _hairlines(self, zoom: float, live: bool) -> bool:
        """Whether the ties are drawn 1 pixel wide at this zoom (HAIRLINE_LAYERS), asked
        only where actors are drawn as points (so zoomed in, nothing is worked out). Should
        moved actors change that at the zoom the static layer was last drawn at, the whole
        layer is drawn again: one picture never mixes both."""
        last = self._hair_at
        same = last is not None and math.isclose(last[0], zoom, rel_tol=1e-9)
        if live and last is not None and same:
            return last[1]  # as the static layer under them (nothing worked out per drag step)
        hair = self.layers(zoom) >= HAIRLINE_LAYERS
        if live or getattr(self.scene(), "exporting", False):
            return hair
        if last is not None and same and last[1] != hair:
            QTimer.singleShot(0, self._refresh_if_alive)  # (not while the layer is painted)
        self._hair_at = (zoom, hair)
        return hair

    def _refresh_if_alive(self) -> None:
        if shiboken6.isValid(self):
            self.refresh()

    # --- emphasis ----------------------------------------------------------------------
    def set_selected(self, uids: Iterable[int]) -> None:
        selected = set(uids) & self._tie_uids()
        if selected == self._selected:
            return
        self._selected = selected
        self._dirty = True
        self.refresh()

    @property
    def selected(self) -> set[int]:
        return set(self._selected)

    def set_emphasis(self, highlight: Iterable[int], dimmed: Iterable[int]) -> None:
        self._highlight, self._dimmed = set(highlight), set(dimmed)
        self._dirty = True
        self.refresh()

    # --- arrays ------------------------------------------------------------------------
    def _ensure_arrays(self) -> None:
        """The design's ties (those whose ends both have a row) as arrays, in the design's
        order. Built with one pass per column over the design's ties and C-level lookups:
        150,000 ties take a few tens of milliseconds."""
        if not self._dirty and self._built_version == self.table.version:
            return
        self._alloc_empty()
        ties = self.design.ties if self.design is not None else {}
        n = len(ties)
        if n:
            assert self.design is not None
            rows, values = self.table.rows, ties.values()
            # After an open, the ends' rows as `Design.load` found them while checking the
            # ties (table rows follow the design's order of actors then); else looked up.
            loaded = self.design.take_loaded_tie_rows()
            if (
                loaded is not None
                and len(loaded[0]) == n
                and self.table.ids == list(self.design.actors)
            ):
                ends = [np.array(column, dtype=np.int64) for column in loaded]
            else:
                ends = [
                    np.fromiter(
                        map(rows.get, [getattr(t, end) for t in values], repeat(-1, n)),
                        np.int64,
                        n,
                    )
                    for end in ("source", "target")
                ]
            kind = np.fromiter(map(_KIND_CODE.__getitem__, [t.kind for t in values]), np.int64, n)
            weight = np.fromiter([t.weight for t in values], np.float64, n)
            uids = np.fromiter(ties.keys(), np.int64, n)
            known = (ends[0] >= 0) & (ends[1] >= 0)  # an end without a row (mid-change): left out
            if not known.all():
                ends, kind, weight, uids = (
                    [e[known] for e in ends],
                    kind[known],
                    weight[known],
                    uids[known],
                )
            self._set_arrays(uids, ends[0], ends[1], kind, weight)
        self._dirty = False
        self._built_version = self.table.version
        self._grid = None
        self._coverage = None
        if self._live is not None:
            self._live = np.isin(self.src, self._live_rows) | np.isin(self.dst, self._live_rows)

    def _set_arrays(
        self,
        uids: np.ndarray,
        src: np.ndarray,
        dst: np.ndarray,
        kind: np.ndarray,
        weight: np.ndarray,
    ) -> None:
        n = len(uids)
        self.uids, self.src, self.dst, self.kind = uids, src, dst, kind
        if n == 0:
            return
        max_w = np.zeros(len(KINDS))
        np.maximum.at(max_w, kind, weight)
        ratio = np.minimum(1.0, weight / np.maximum(max_w[kind], 1e-12))
        width = 1.0 + 4.0 * np.sqrt(ratio)  # style.tie_width, vectorized
        self.bucket = np.clip(np.rint((width - 1.0) * 2), 0, 8).astype(np.int64)
        self.slot = np.zeros(n, dtype=np.float64)
        self._parallel_placed = False  # placed when first drawn apart (`segments`)
        cat = np.full(n, _CAT_NORMAL, dtype=np.int64)
        for chosen, value in (
            (self._dimmed, _CAT_DIMMED),
            (self._highlight, _CAT_HIGHLIGHT),
            (self._selected, _CAT_SELECTED),
        ):
            if chosen:
                cat[np.isin(uids, np.fromiter(chosen, np.int64, len(chosen)))] = value
        self.category = cat
        keys = (cat * 256 + kind * 16 + self.bucket).astype(np.int16)
        self.key_order = np.argsort(keys, kind="stable")  # a radix sort for 16-bit keys
        self.sorted_keys = keys[self.key_order]

    def _place_parallel_ties(self) -> None:
        """Slots of ties sharing a pair, and on which side of the centre line each lies, from
        the design's order of ties and actors (what a fresh canvas of the design would have),
        not from the order of table rows: those depend on the edits made so far (an actor
        put back by undo comes last). The arrays follow the design's order of ties already.
        Only needed once ties are drawn apart (from PARALLEL_ZOOM on), so an open at the
        fitted view of a big design does not wait for it."""
        self._parallel_placed = True
        design = self.design
        ids = self.table.ids
        self.slot = parallel_slots_of(self.src, self.dst)
        self.par = np.flatnonzero(self.slot != 0)
        if design is None or ids == list(design.actors):  # rows in the design's order
            first = self.src[self.par] < self.dst[self.par]
        else:
            actor_place = {actor_id: k for k, actor_id in enumerate(design.actors)}
            first = np.array(
                [
                    actor_place.get(ids[a], a) < actor_place.get(ids[b], b)
                    for a, b in zip(
                        self.src[self.par].tolist(), self.dst[self.par].tolist(), strict=True
                    )
                ],
                dtype=bool,
            )
        self.par_sign = np.where(first, 1.0, -1.0)

    def degrees(self, n: int) -> np.ndarray:
        """Ties at each of the first `n` actor rows (either end): the labels' priority."""
        self._ensure_arrays()
        return np.bincount(self.src, minlength=n)[:n] + np.bincount(self.dst, minlength=n)[:n]

    def segments(self, zoom: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Drawn end points of every tie at this zoom (parallel ties moved apart)."""
        self._ensure_arrays()
        xy = self.table.xy
        x1, y1 = xy[self.src, 0], xy[self.src, 1]
        x2, y2 = xy[self.dst, 0], xy[self.dst, 1]
        if zoom >= PARALLEL_ZOOM and len(self.slot):
            if not self._parallel_placed:
                self._place_parallel_ties()
            par, sign = self.par, self.par_sign
            if par.size:
                dx, dy = (x2[par] - x1[par]) * sign, (y2[par] - y1[par]) * sign
                length = np.maximum(np.hypot(dx, dy), 1e-9)
                off = self.slot[par] * PARALLEL_GAP_PX / zoom
                ox, oy = -dy / length * off, dx / length * off
                x1[par] += ox
                x2[par] += ox
                y1[par] += oy
                y2[par] += oy
        return x1, y1, x2, y2

    # --- QGraphicsItem -----------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # empty: the layer never shows up in item hit tests

    def grow_bounds(self, extent: tuple[float, float, float, float] | None) -> None:
        """Make the bounding rect cover every actor; it grows in big steps, never per drag step."""
        if extent is None:
            return
        need = QRectF(QPointF(extent[0], extent[1]), QPointF(extent[2], extent[3])).adjusted(
            -60, -60, 60, 60
        )
        if not self._bounds.contains(need):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(need.adjusted(-1500, -1500, 1500, 1500))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Only the live ties (and points) of a running drag; the rest is the static layer."""
        if self._live is None:
            return
        self._draw(painter, option.exposedRect, live=True)

    def paint_static(
        self,
        painter: QPainter,
        rect: QRectF,
        meanwhile: Callable[[], object] | None = None,
        shown: QRectF | None = None,
    ) -> None:
        """Every tie (and point) except the live ones; called from the scene's background.
        `meanwhile` runs on this thread while a second one draws ties, if one does. `shown`:
        what the view shows (scene units), when `rect` may be only a part of it: how the
        ties are drawn (antialiased, with arrowheads) follows what is shown, so a strip
        repainted alone (a pan) looks as the whole view drawn at once."""
        painter.save()
        self._draw(painter, rect, live=False, meanwhile=meanwhile, shown=shown)
        painter.restore()

    def _draw(
        self,
        painter: QPainter,
        rect: QRectF,
        live: bool,
        meanwhile: Callable[[], object] | None = None,
        shown: QRectF | None = None,
    ) -> None:
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # An explicit rectangular clip puts Qt's raster line drawer on its fast path; intersected,
        # so a caller's clip (a poster tile, a printed frame) still holds.
        painter.setClipRect(
            rect,
            Qt.ClipOperation.IntersectClip
            if painter.hasClipping()
            else Qt.ClipOperation.ReplaceClip,
        )
        self._ensure_arrays()
        groups: list[LineGroup | FillGroup] = []
        if len(self.uids):
            mask = self._live if self._live is not None else None
            if mask is not None and not live:
                mask = ~mask
            elif mask is None and live:
                return
            hair = self.points_mode and self._hairlines(zoom, live)  # (only that far out)
            groups = self._tie_groups(painter, rect, zoom, mask, hair, shown)
        if self.points_mode and len(self.table):
            rows = self._live_rows if live else None
            groups += self._point_groups(
                painter, rect, zoom, rows, skip=None if live else self._live_rows
            )
        # An export (a PNG, a poster) is drawn once, at its own size: nothing to keep then.
        exporting = getattr(self.scene(), "exporting", False)
        draw_groups(painter, groups, meanwhile, None if live or exporting else self.kept)

    def _tie_groups(
        self,
        painter: QPainter,
        rect: QRectF,
        zoom: float,
        mask: np.ndarray | None,
        hair: bool = False,
        shown: QRectF | None = None,
    ) -> list[LineGroup | FillGroup]:
        """The seen ties as groups of lines to draw in order, then their arrowheads; sets the
        painter's antialiasing for them. With `hair`, plain and dimmed ties 1 pixel wide.
        Antialiasing and arrowheads depend on how many ties are seen in `shown` (what the
        view shows), or in `rect` without it."""
        x1, y1, x2, y2 = self.segments(zoom)
        margin = 8.0 / max(zoom, 1e-6)
        left, top = rect.left() - margin, rect.top() - margin
        right, bottom = rect.right() + margin, rect.bottom() + margin
        low_x, high_x = np.minimum(x1, x2), np.maximum(x1, x2)
        low_y, high_y = np.minimum(y1, y2), np.maximum(y1, y2)
        seen = (low_x <= right) & (high_x >= left) & (low_y <= bottom) & (high_y >= top)
        if mask is not None:
            seen &= mask
        in_order = seen[self.key_order]
        vis = self.key_order[in_order]  # what is seen, by drawing group
        if vis.size == 0:
            return []
        in_view = vis
        if shown is not None and not rect.contains(shown):  # (a part of the view)
            left, top = shown.left() - margin, shown.top() - margin
            right, bottom = shown.right() + margin, shown.bottom() + margin
            seen = (low_x <= right) & (high_x >= left) & (low_y <= bottom) & (high_y >= top)
            if mask is not None:
                seen &= mask
            in_view = np.flatnonzero(seen)
        detailed = zoom >= DETAIL_ZOOM
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, in_view.size < 1500 and detailed)
        lines = np.column_stack((x1[vis], y1[vis], x2[vis], y2[vis]))
        arrows = (
            self._arrow_heads(lines, vis, zoom, self._directed_count(in_view))
            if detailed and zoom >= ARROW_ZOOM
            else None
        )
        t0, t1, keep = clip_params(lines, left, top, right, bottom)
        keys = self.sorted_keys[in_order]
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        ends = np.append(starts[1:], len(keys))
        thin = round(min(1.0, max(0.4, zoom)), 1)
        drawn: list[LineGroup | FillGroup] = []
        for key, a, b in zip(keys[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
            cat, kind, bucket = key // 256, (key // 16) % 16, key % 16
            part = keep[a:b]
            idx: slice | np.ndarray = slice(a, b)  # (a view of the lines: no copy)
            if not part.all():
                if not part.any():
                    continue
                idx = np.arange(a, b)[part]
            plain = hair and cat in (_CAT_NORMAL, _CAT_DIMMED)
            pen = self._pen(cat, kind, bucket, detailed, thin=thin, hair=plain)
            dashed = pen.style() != Qt.PenStyle.SolidLine
            unit = max(pen.widthF(), 1.0) / zoom  # Qt's dash pattern counts pen widths
            pattern = [length * unit for length in pen.dashPattern()] if dashed else []
            group = _visible_part(lines[idx], t0[idx], t1[idx], sum(pattern) if dashed else None)
            if cat == _CAT_SELECTED:
                halo = self._pen(cat, kind, bucket, False, halo=True, thin=thin)
                drawn.append(LineGroup(halo, group))
            if not dashed:
                drawn.append(LineGroup(pen, group))
                continue
            dashes = (
                len(pattern)
                // 2
                * np.hypot(group[:, 2] - group[:, 0], group[:, 3] - group[:, 1]).sum()
                / max(sum(pattern), 1e-9)
            )
            drawn.append(
                LineGroup(
                    pen,
                    group,
                    dashes=tuple(pattern),
                    piece_pen=self._pen(cat, kind, bucket, False, thin=thin, hair=plain),
                    weight=float(dashes) + len(group),
                )
            )
        if arrows is not None:
            drawn += self._arrow_groups(arrows, vis)
        return drawn

    def _directed_count(self, ties: np.ndarray) -> int:
        """How many of these ties (rows of the arrays) are directed."""
        return int(np.count_nonzero(_DIRECTED_KINDS[self.kind[ties]]))

    def _arrow_heads(
        self, lines: np.ndarray, vis: np.ndarray, zoom: float, directed_shown: int
    ) -> np.ndarray | None:
        """Shorten directed lines to their arrowhead's base (in place); returns heads' geometry.
        None (no arrowheads) when more than MAX_ARROWS directed ties are shown."""
        sel = np.flatnonzero(_DIRECTED_KINDS[self.kind[vis]])
        if sel.size == 0 or directed_shown > MAX_ARROWS:
            return None
        dx = lines[sel, 2] - lines[sel, 0]
        dy = lines[sel, 3] - lines[sel, 1]
        length = np.hypot(dx, dy)
        ux, uy = dx / np.maximum(length, 1e-9), dy / np.maximum(length, 1e-9)
        rows = self.dst[vis[sel]]
        reach = (
            outline_distance(self.table.shape[rows], self.table.radius[rows], ux, uy) + 1.5 / zoom
        )
        width_px = 1.0 + self.bucket[vis[sel]] / 2.0
        head = (7.0 + 2.0 * width_px) / zoom
        ok = length > reach + head + self.table.radius[self.src[vis[sel]]]
        sel, ux, uy, reach, head, width_px = (
            sel[ok],
            ux[ok],
            uy[ok],
            reach[ok],
            head[ok],
            width_px[ok],
        )
        tip_x = lines[sel, 2] - ux * reach
        tip_y = lines[sel, 3] - uy * reach
        lines[sel, 2] = tip_x - ux * head * 0.7
        lines[sel, 3] = tip_y - uy * head * 0.7
        half = (3.5 + width_px) / zoom
        base_x, base_y = tip_x - ux * head, tip_y - uy * head
        return np.column_stack(
            (
                sel,
                tip_x,
                tip_y,
                base_x - uy * half,
                base_y + ux * half,
                base_x + uy * half,
                base_y - ux * half,
            )
        )

    def _arrow_groups(self, arrows: np.ndarray, vis: np.ndarray) -> list[FillGroup]:
        """Solid filled heads, one filled path of triangles per colour (which beats
        approximating thousands of heads by strokes)."""
        idx = vis[arrows[:, 0].astype(np.int64)]
        keys = self.category[idx] * 16 + self.kind[idx]
        return [
            FillGroup(
                self._pen(key // 16, key % 16, 0, False).color(),
                arrows[keys == key, 1:7].reshape(-1, 3, 2),  # tip, left, right
            )
            for key in np.unique(keys).tolist()
        ]

    def _pen(
        self,
        cat: int,
        kind: int,
        bucket: int,
        dashed: bool,
        halo: bool = False,
        thin: float = 1.0,
        hair: bool = False,
    ) -> QPen:
        """Opaque cosmetic pens (a translucent pen is 3-4x slower); `thin` < 1 when zoomed out;
        `hair`: 1 pixel wide whatever the weight."""
        key = (cat * 10 + (5 if halo else 0), kind, bucket, dashed, thin, hair)
        pen = self._pens.get(key)
        if pen is None:
            width = 1.0 if hair else (1.0 + bucket / 2.0) * thin
            tie_kind = KINDS[kind]
            if halo:
                pen = QPen(style.SELECTION_COLOR, width + 5)
                pen.setCosmetic(True)
            else:
                pen = style.tie_pen(
                    tie_kind, width + (2.0 if cat == _CAT_HIGHLIGHT else 0.0), cosmetic=True
                )
                if not dashed:
                    pen.setStyle(Qt.PenStyle.SolidLine)
                if cat == _CAT_DIMMED:
                    pen.setColor(_blend(pen.color(), style.CANVAS_BACKGROUND, 0.75))
            self._pens[key] = pen
        return pen

    def _point_groups(
        self,
        painter: QPainter,
        rect: QRectF,
        zoom: float,
        rows: np.ndarray | None = None,
        skip: np.ndarray | None = None,
    ) -> list[LineGroup]:
        """Actors as points (drawn after the ties); only `rows` if given, never `skip` (the
        live ones)."""
        xy = self.table.xy
        inside = (
            (xy[:, 0] >= rect.left() - 10)
            & (xy[:, 0] <= rect.right() + 10)
            & (xy[:, 1] >= rect.top() - 10)
            & (xy[:, 1] <= rect.bottom() + 10)
        )
        if rows is not None:
            only = np.zeros(len(xy), dtype=bool)
            only[rows] = True
            inside &= only
        if skip is not None and len(skip):
            inside[skip] = False
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        size = float(np.clip(2 * style.ACTOR_SIZE / 2 * zoom, 3.0, 9.0))
        groups = []
        selected_rows = self.selected_actor_rows
        if len(selected_rows):
            pen = QPen(style.SELECTION_COLOR, size + 4)
            pen.setCosmetic(True)
            groups.append(LineGroup(pen, xy[selected_rows[inside[selected_rows]]], points=True))
        for n, sector in enumerate(SECTORS):
            pen = QPen(style.SECTOR_STYLES[sector].fill, size)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            groups.append(LineGroup(pen, xy[inside & (self.table.sector == n)], points=True))
        return groups

    # --- queries -----------------------------------------------------------------------
    def rect_of_rows(self, rows: np.ndarray) -> QRectF:
        """Scene area covering the given actors and every tie touching them."""
        self._ensure_arrays()
        pts = [self.table.xy[rows]]
        if len(self.uids):
            touching = np.isin(self.src, rows) | np.isin(self.dst, rows)
            pts.append(self.table.xy[self.src[touching]])
            pts.append(self.table.xy[self.dst[touching]])
        return self._rect_of_points(np.vstack(pts))

    @staticmethod
    def _rect_of_points(points: np.ndarray) -> QRectF:
        if len(points) == 0:
            return QRectF()
        lo, hi = points.min(axis=0), points.max(axis=0)
        pad = style.ACTOR_SIZE * 2
        return QRectF(QPointF(lo[0] - pad, lo[1] - pad), QPointF(hi[0] + pad, hi[1] + pad))

    def tie_at(self, x: float, y: float, zoom: float) -> int | None:
        """The tie drawn nearest the point, within a few pixels at the current zoom."""
        self._ensure_arrays()
        if not len(self.uids):
            return None
        xy = self.table.xy
        if self._grid is None:
            self._grid = SegmentGrid(
                xy[self.src, 0], xy[self.src, 1], xy[self.dst, 0], xy[self.dst, 1], GRID_CELL
            )
        cand = self._grid.candidates(x, y)
        if cand.size == 0:
            return None
        x1, y1, x2, y2 = self.segments(zoom)
        dist = point_segment_distance(x, y, x1[cand], y1[cand], x2[cand], y2[cand])
        tol = min(HIT_TOLERANCE_PX / max(zoom, 1e-6), GRID_CELL * 0.9)
        best = int(np.argmin(dist))
        if dist[best] > tol:
            return None
        return int(self.uids[cand[best]])

    def ties_of_rows(self, rows: Iterable[int]) -> list[int]:
        self._ensure_arrays()
        rows_arr = np.fromiter(rows, dtype=np.int64)
        touching = np.isin(self.src, rows_arr) | np.isin(self.dst, rows_arr)
        return [int(u) for u in self.uids[touching]]
