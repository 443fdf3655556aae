"""Which actor names are drawn, and how large, so a map stays readable at any zoom.

Labels never shrink below MIN_LABEL_POINTS on the device (screen or paper): when zoomed out
their scale grows to compensate. Growing labels would collide, so they are placed greedily,
most important first (selected actors, then the best connected ones); a label that would
overlap a label already placed, or another actor's shape, is left out. Selected actors are
always labelled. The plan depends only on the drawn size, the positions and the selection,
so the scene computes it once per change, never per repaint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .actor_item import LABEL_POINTS

MIN_LABEL_POINTS = 6.8  # smallest label on the device, in points (a scene unit is 1/96 inch)
LONG_LABEL_ZOOM = 1.0  # from here on (and on paper) labels show up to LABEL_MAX_CHARS_FULL
MAX_SCALE = 4.0
LABEL_GAP = 2.0  # scene units kept free between two labels at scale 1


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
    boxes: np.ndarray, centres: np.ndarray, radius: np.ndarray, order: np.ndarray, forced: np.ndarray,
) -> np.ndarray:
    """Greedy placement of label boxes (n, 4: left, top, right, bottom in scene units).

    `order` lists rows most important first; `forced` rows are shown whatever they cover.
    A box is shown when it overlaps no box shown before it and no other actor's shape
    (centre ± radius). Returns a boolean mask over rows.
    """
    n = len(boxes)
    shown = np.zeros(n, dtype=bool)
    if n == 0:
        return shown
    heights = boxes[:, 3] - boxes[:, 1]
    cell = float(max(np.median(heights) * 2.0, 1.0))
    cells: dict[tuple[int, int], list[int]] = {}
    lo = np.floor(boxes[:, :2] / cell).astype(np.int64).tolist()
    hi = np.floor(boxes[:, 2:] / cell).astype(np.int64).tolist()
    shape_lo = np.floor((centres - radius[:, None]) / cell).astype(np.int64).tolist()
    shape_hi = np.floor((centres + radius[:, None]) / cell).astype(np.int64).tolist()
    shapes: dict[tuple[int, int], list[int]] = {}
    for row in range(n):
        (x0, y0), (x1, y1) = shape_lo[row], shape_hi[row]
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                shapes.setdefault((cx, cy), []).append(row)
    b = boxes.tolist()
    c = centres.tolist()
    r = radius.tolist()
    forced_set = set(np.flatnonzero(forced).tolist())
    for row in order.tolist():
        left, top, right, bottom = b[row]
        (x0, y0), (x1, y1) = lo[row], hi[row]
        keys = [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]
        if row not in forced_set and (_hits_box(b, cells, keys, left, top, right, bottom)
                                      or _hits_shape(c, r, shapes, keys, row, left, top, right, bottom)):
            continue
        shown[row] = True
        for key in keys:
            cells.setdefault(key, []).append(row)
    return shown


def _hits_box(b: list, cells: dict, keys: list, left: float, top: float, right: float, bottom: float) -> bool:
    for key in keys:
        for other in cells.get(key, ()):
            o = b[other]
            if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom:
                return True
    return False


def _hits_shape(c: list, r: list, shapes: dict, keys: list, row: int, left: float, top: float, right: float,
                bottom: float) -> bool:
    for key in keys:
        for other in shapes.get(key, ()):
            if other == row:
                continue
            (x, y), rad = c[other], r[other] * 0.8  # corners of a shape may touch a label
            if left - rad < x < right + rad and top - rad < y < bottom + rad:
                nx, ny = min(max(x, left), right), min(max(y, top), bottom)
                if math.hypot(nx - x, ny - y) < rad:
                    return True
    return False
