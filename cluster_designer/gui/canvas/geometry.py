"""Numpy geometry for the canvas: actor positions, tie segments and their hit-test grid.

Kept free of items so thousands of actors and ties cost array operations, not Python loops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

# Shape codes, in the order of `style.Shape` members used by the scene.
CIRCLE, SQUARE, DIAMOND = 0, 1, 2


class PositionTable:
    """Where every actor is drawn: id ↔ row, an (N, 2) array of positions and shape data.

    The scene's positions live here (and in the items); during a drag they run ahead of
    the model, which catches up with one command on release.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.rows: dict[str, int] = {}
        self.xy = np.zeros((0, 2), dtype=np.float64)
        self.radius = np.zeros(0, dtype=np.float64)
        self.shape = np.zeros(0, dtype=np.int8)
        self.sector = np.zeros(0, dtype=np.int8)
        self.inside = np.zeros(0, dtype=bool)  # in the region: the region rectangle follows these
        self.version = 0  # bumped when rows are renumbered (ties must re-resolve their ends)

    def __len__(self) -> int:
        return len(self.ids)

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]
        self.version += 1

    def add_many(
        self,
        ids: Sequence[str],
        xy: Sequence[tuple[float, float]],
        radius: float,
        shapes: Sequence[int],
        sectors: Sequence[int],
        inside: Sequence[bool] = (),
    ) -> None:
        start = len(self.ids)
        self.ids.extend(ids)
        for n, actor_id in enumerate(ids):
            self.rows[actor_id] = start + n
        self.xy = np.vstack([self.xy, np.asarray(xy, dtype=np.float64).reshape(-1, 2)])
        self.radius = np.concatenate([self.radius, np.full(len(ids), radius)])
        self.shape = np.concatenate([self.shape, np.asarray(shapes, dtype=np.int8)])
        self.sector = np.concatenate([self.sector, np.asarray(sectors, dtype=np.int8)])
        flags = np.asarray(inside, dtype=bool) if len(inside) else np.zeros(len(ids), dtype=bool)
        self.inside = np.concatenate([self.inside, flags])

    def remove_many(self, ids: Iterable[str]) -> None:
        drop = [self.rows[i] for i in ids if i in self.rows]
        if not drop:
            return
        keep = np.ones(len(self.ids), dtype=bool)
        keep[drop] = False
        self.ids = [i for i, k in zip(self.ids, keep, strict=True) if k]
        self.rows = {i: n for n, i in enumerate(self.ids)}
        self.xy, self.radius = self.xy[keep], self.radius[keep]
        self.shape, self.sector, self.inside = (
            self.shape[keep],
            self.sector[keep],
            self.inside[keep],
        )
        self.version += 1

    def rename(self, old: str, new: str) -> None:
        row = self.rows.pop(old)
        self.rows[new] = row
        self.ids[row] = new

    def set(self, actor_id: str, x: float, y: float) -> None:
        self.xy[self.rows[actor_id]] = (x, y)

    def get(self, actor_id: str) -> tuple[float, float]:
        x, y = self.xy[self.rows[actor_id]]
        return float(x), float(y)

    def set_inside(self, actor_id: str, inside: bool) -> None:
        self.inside[self.rows[actor_id]] = inside

    def inside_extent(self) -> tuple[float, float, float, float] | None:
        """Bounds of the actors in the region, from the array (no per-actor Python work)."""
        return self.extent(self.inside)

    def set_look(self, actor_id: str, radius: float, shape: int, sector: int) -> None:
        row = self.rows[actor_id]
        self.radius[row], self.shape[row], self.sector[row] = radius, shape, sector

    def nearest(self, x: float, y: float, slack: float) -> str | None:
        """The actor whose shape (plus `slack`) covers the point, the nearest one if several."""
        if not self.ids:
            return None
        d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
        reach = (self.radius + slack) ** 2
        hits = np.flatnonzero(d2 <= reach)
        if hits.size == 0:
            return None
        return self.ids[int(hits[np.argmin(d2[hits])])]

    def in_rect(self, left: float, top: float, right: float, bottom: float) -> list[str]:
        x, y = self.xy[:, 0], self.xy[:, 1]
        mask = (x >= left) & (x <= right) & (y >= top) & (y <= bottom)
        return [self.ids[int(r)] for r in np.flatnonzero(mask)]

    def extent(self, rows: np.ndarray | None = None) -> tuple[float, float, float, float] | None:
        """Bounds (left, top, right, bottom) of all rows or of `rows` (indices or a mask)."""
        x, y = (
            (self.xy[:, 0], self.xy[:, 1]) if rows is None else (self.xy[rows, 0], self.xy[rows, 1])
        )
        if len(x) == 0:
            return None
        return (
            float(x.min()),
            float(y.min()),
            float(x.max()),
            float(y.max()),
        )  # per column: 50× faster than axis=0


def outline_distance(
    shape: np.ndarray, radius: np.ndarray, ux: np.ndarray, uy: np.ndarray
) -> np.ndarray:
    """Distance from an actor's centre to its outline along the unit direction (ux, uy)."""
    ax, ay = np.abs(ux), np.abs(uy)
    square = radius / np.maximum(np.maximum(ax, ay), 1e-9)
    diamond = radius / np.maximum(ax + ay, 1e-9)
    return np.where(shape == CIRCLE, radius, np.where(shape == SQUARE, square, diamond))


def parallel_slots(
    pairs: Sequence[tuple[int, int]], key: Callable[[int], int] | None = None
) -> np.ndarray:
    """For ties joining the same pair, a slot number centred on 0 (…, -1, 0, 1, … or ±0.5),
    given in the order of `key(n)` (the ties' places in the design) rather than of `pairs`:
    where a tie sits must not depend on the order the ties reached the canvas in (an undone
    deletion puts one back last).

    Ties alone on their pair get 0: they are drawn straight between the centres.
    """
    ends = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return parallel_slots_of(ends[:, 0], ends[:, 1], key)


def parallel_slots_of(
    src: np.ndarray, dst: np.ndarray, key: Callable[[int], int] | None = None
) -> np.ndarray:
    """`parallel_slots` from arrays of end rows, in numpy (`key` is asked only about ties
    that share their pair; equal keys keep the ties' order)."""
    n = len(src)
    slots = np.zeros(n, dtype=np.float64)
    if n == 0:
        return slots
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    _codes, group, counts = np.unique(
        lo * (int(hi.max()) + 1) + hi, return_inverse=True, return_counts=True
    )
    group = group.reshape(-1)
    size = counts[group]
    shared = np.flatnonzero(size > 1)
    if shared.size == 0:
        return slots
    if key is None:
        order_key = shared
    else:
        order_key = np.fromiter((key(i) for i in shared.tolist()), np.int64, shared.size)
    order = shared[np.lexsort((order_key, group[shared]))]  # by pair, then by key (stable)
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(order.size) - np.repeat(starts, np.diff(np.r_[starts, order.size]))
    slots[order] = rank - (size[order] - 1) / 2
    return slots


class SegmentGrid:
    """A uniform grid of cells listing which segments pass through them, for tie hit tests.

    Segments are sampled every half cell, so a query that looks at the 3×3 cells around a
    point finds every segment within one cell of it.
    """

    def __init__(
        self, x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray, cell: float
    ) -> None:
        self.cell = cell
        n = len(x1)
        if n == 0:
            self._keys = np.zeros(0, dtype=np.int64)
            self._segs = np.zeros(0, dtype=np.int64)
            return
        length = np.hypot(x2 - x1, y2 - y1)
        samples = (np.ceil(length / (cell / 2)).astype(np.int64) + 1).clip(2, 100_000)
        seg = np.repeat(np.arange(n), samples)
        starts = np.cumsum(samples) - samples
        t = (np.arange(len(seg)) - np.repeat(starts, samples)) / np.repeat(samples - 1, samples)
        px = x1[seg] + (x2 - x1)[seg] * t
        py = y1[seg] + (y2 - y1)[seg] * t
        keys = _cell_keys(px, py, cell)
        pairs = np.unique(np.stack([keys, seg]), axis=1)
        self._keys, self._segs = pairs[0], pairs[1]

    def candidates(self, x: float, y: float) -> np.ndarray:
        cx, cy = int(np.floor(x / self.cell)), int(np.floor(y / self.cell))
        found = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                key = _key(cx + dx, cy + dy)
                lo = np.searchsorted(self._keys, key, side="left")
                hi = np.searchsorted(self._keys, key, side="right")
                if hi > lo:
                    found.append(self._segs[lo:hi])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


_OFFSET = 1 << 20


def _key(cx: int, cy: int) -> int:
    return (cx + _OFFSET) * (1 << 22) + (cy + _OFFSET)


def _cell_keys(px: np.ndarray, py: np.ndarray, cell: float) -> np.ndarray:
    cx = np.floor(px / cell).astype(np.int64) + _OFFSET
    cy = np.floor(py / cell).astype(np.int64) + _OFFSET
    return cx * (1 << 22) + cy


def point_segment_distance(
    px: float, py: float, x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray
) -> np.ndarray:
    dx, dy = x2 - x1, y2 - y1
    len2 = np.maximum(dx * dx + dy * dy, 1e-12)
    t = np.clip(((px - x1) * dx + (py - y1) * dy) / len2, 0.0, 1.0)
    return np.hypot(x1 + t * dx - px, y1 + t * dy - py)


def clip_params(
    lines: np.ndarray, left: float, top: float, right: float, bottom: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Liang–Barsky for many segments: the visible part of each as parameters t0 ≤ t1.

    Qt's dasher walks a dashed line's whole length even where it is clipped away, so long
    dashed ties seen zoomed in are cut to the visible part before drawing.
    """
    n = len(lines)
    x1, y1, x2, y2 = lines[:, 0], lines[:, 1], lines[:, 2], lines[:, 3]
    within = (
        (np.minimum(x1, x2) >= left)
        & (np.maximum(x1, x2) <= right)
        & (np.minimum(y1, y2) >= top)
        & (np.maximum(y1, y2) <= bottom)
    )
    if within.all():  # the whole map in view: nothing to cut (a fitted view's every frame)
        return np.zeros(n), np.ones(n), np.ones(n, dtype=bool)
    if within.any():
        cross = np.flatnonzero(~within)
        t0, t1, keep = np.zeros(n), np.ones(n), np.ones(n, dtype=bool)
        t0[cross], t1[cross], keep[cross] = clip_params(lines[cross], left, top, right, bottom)
        return t0, t1, keep
    dx, dy = x2 - x1, y2 - y1
    t0 = np.zeros(n)
    t1 = np.ones(n)
    keep = np.ones(n, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
            r = q / p
            keep &= ~((p == 0) & (q < 0))
            t0 = np.where(p < 0, np.maximum(t0, r), t0)
            t1 = np.where(p > 0, np.minimum(t1, r), t1)
    keep &= t0 <= t1
    return t0, t1, keep
