"""The "By Sector and Location" layout, in canvas coordinates (pixels), without Qt.

Region actors go in the region's rectangle, one vertical band per sector (universities,
companies, support organisations from left to right, each as wide as its share of the
actors); outside actors beside it in their lanes (domestic left, overseas right), below
the lanes' titles. Three steps:

1. Slots: a staggered (hexagonal) grid in each band, at least MIN_SPACING apart.
2. Order: a few sweeps put every actor in the slot nearest the centre of its partners
   (rows by the partners' height, then places in the row by their side), so ties are short
   and mostly run between neighbours.
3. Clearance: the actors are put down one by one, the most tied first, each at the free
   point nearest its slot: no tie among those already down passes through it, and its ties
   to them pass through none of them (`tie_clearance.Resolver.place`). Where no point of
   its band or lane is free and the actors in the way cannot step aside, the map gets 8 %
   more room (all positions spread from the region's top left corner) and tries again:
   more room always helps, since the actors' size stays the same.

Deterministic: the same design gives the same map. Nobody's location changes: region actors
stay between the outermost slots, outside actors in their lanes below the titles.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from ..model import Actor, Design, Location, Sector
from .map_geometry import LANE_TITLE, lane_boxes, place_in_lanes, region_box
from .results import Cancelled
from .tie_clearance import Resolver, segments_for

Point = tuple[float, float]

MIN_SPACING = 70.0  # px between actors in the sector/location layout
SECTOR_ORDER = (Sector.UNIVERSITY, Sector.COMPANY, Sector.SUPPORT)
AREA_PER_ACTOR = (1.6 * MIN_SPACING) ** 2  # the least room a region actor gets at first
TITLE_ROOM = 40.0  # region actors stand this much lower than the box's margin asks: its title
BAND_INSET = 12.0  # actors keep this far from their band's edges: the sectors stay apart
ORDER_SWEEPS = 4
GROWTH = 1.08  # more room each time an actor finds no free place
MAX_GROWTHS = 24
TIME_BUDGET = 20.0  # seconds; the best map found so far is kept after that


def sector_location_layout(
    design: Design,
    region_rect: tuple[float, float, float, float] = (0.0, 0.0, 1200.0, 800.0),
    time_budget: float = TIME_BUDGET,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Point]:
    """Positions for every actor (see the module's docstring). After `time_budget` seconds
    the search stops with the best map found; `cancelled()` returning True stops it and
    raises `Cancelled`."""
    deadline = time.perf_counter() + time_budget

    def stop() -> bool:
        return time.perf_counter() > deadline or (cancelled is not None and cancelled())

    x, y, w, h = region_rect
    w, h = max(w, MIN_SPACING), max(h, MIN_SPACING)
    actors = list(design.actors.values())
    if not actors:
        return {}
    row = {a.id: n for n, a in enumerate(actors)}
    inside = [a for a in actors if a.location is Location.REGION]
    # a rectangle too small for its actors grows in both directions, keeping its shape
    scale = math.sqrt(len(inside) * AREA_PER_ACTOR / (w * h))
    if scale > 1:
        w, h = w * scale, h * scale
    by_sector = {s: sorted((a for a in inside if a.sector is s), key=_order) for s in SECTOR_ORDER}
    present = [s for s in SECTOR_ORDER if by_sector[s]]
    columns = _share_columns([len(by_sector[s]) for s in present], int(w // MIN_SPACING))
    step = w / sum(columns) if present else w
    xy = np.zeros((len(actors), 2), dtype=np.float64)
    lo = np.zeros_like(xy)
    hi = np.zeros_like(xy)
    bands: list[tuple[list[int], np.ndarray, int]] = []  # rows, slots, columns
    left = x
    for sector, cols in zip(present, columns, strict=True):
        members = [row[a.id] for a in by_sector[sector]]
        slots, used = _slots(len(members), left, y, cols * step, h, cols)
        xy[members] = slots
        lo[members, 0], hi[members, 0] = left + BAND_INSET, left + cols * step - BAND_INSET
        bands.append((members, slots, used))
        left += cols * step
    outside = sorted(
        (a for a in actors if a.location is not Location.REGION),
        key=lambda a: (SECTOR_ORDER.index(a.sector), *_order(a)),
    )
    pairs = [
        (row[t.source], row[t.target])
        for t in design.ties.values()
        if t.source in row and t.target in row
    ]
    partners: list[list[int]] = [[] for _ in actors]
    for s, t in pairs:
        partners[s].append(t)
        partners[t].append(s)
    for n, actor in enumerate(outside):
        xy[row[actor.id]] = (x, y + n)
    xy = _in_lanes(design, actors, xy)
    for _ in range(ORDER_SWEEPS):
        centre = np.array([xy[p].mean(axis=0) if p else xy[i] for i, p in enumerate(partners)])
        for members, slots, cols in bands:
            _assign(xy, members, slots, cols, centre)
        xy[[row[a.id] for a in outside], 1] = centre[[row[a.id] for a in outside], 1]
        xy = _in_lanes(design, actors, xy)
    inner = [row[a.id] for a in inside]
    _bounds(actors, xy, lo, hi, inner)
    segs = segments_for(pairs)
    if len(segs) and len(actors) >= 3:
        search = Resolver(xy, segs, lo, hi, MIN_SPACING, stop)
        degree = [len(p) for p in partners]
        first = [i for i in inner if hi[i, 1] == lo[i, 1]]  # the one that keeps its height
        search.place(_placing_order(degree, first), lambda: _grow(xy, lo, hi, inner), MAX_GROWTHS)
        search.run()
    if cancelled is not None and cancelled():
        raise Cancelled
    return {a.id: (float(xy[n, 0]), float(xy[n, 1])) for n, a in enumerate(actors)}


def _placing_order(degree: list[int], first: list[int]) -> list[int]:
    """`first`, then the most tied first: their many ties go down while there is room."""
    rest = set(range(len(degree))) - set(first)
    return first + sorted(rest, key=lambda i: (-degree[i], i))


def _order(actor: Actor) -> tuple[str, str, str]:
    return (actor.subtype.lower(), actor.name, actor.id)


def _share_columns(counts: Sequence[int], total: int) -> list[int]:
    """Split the grid columns between sectors by their number of actors, one at least each."""
    if not counts:
        return []
    total = max(total, len(counts))
    columns = [1] * len(counts)
    for _ in range(total - len(counts)):
        # give the next column to the sector that is worst served per column
        worst = max(range(len(counts)), key=lambda i: (counts[i] / columns[i], -i))
        columns[worst] += 1
    return columns


def _slots(
    n: int, left: float, top: float, width: float, height: float, max_cols: int
) -> tuple[np.ndarray, int]:
    """`n` points filling the band as evenly as its shape allows, rows staggered by half a
    column (no three in a vertical line), at least MIN_SPACING apart; and the columns used.
    Below a band too small the rows run on downwards."""
    cols = max(1, min(max_cols, round(math.sqrt(n * width / height)), n))
    rows = math.ceil(n / cols)
    while rows * MIN_SPACING > height and cols < max_cols and cols < n:
        cols += 1
        rows = math.ceil(n / cols)
    sx = width / cols
    sy = max(MIN_SPACING, height / rows)
    shift = sx / 4 if cols > 1 else 0.0
    points = [
        (
            left + (k % cols + 0.5) * sx + (shift if (k // cols) % 2 else -shift),
            top + (k // cols + 0.5) * sy,
        )
        for k in range(n)
    ]
    return np.array(points, dtype=np.float64).reshape(-1, 2), cols


def _assign(
    xy: np.ndarray, members: list[int], slots: np.ndarray, cols: int, centre: np.ndarray
) -> None:
    """Give the band's slots to its actors: rows by the height of their partners' centre,
    places in a row by its side (slots are in rows of `cols`, top to bottom)."""
    by_height = sorted(members, key=lambda i: (centre[i, 1], centre[i, 0], i))
    for start in range(0, len(members), cols):
        chunk = sorted(by_height[start : start + cols], key=lambda i: (centre[i, 0], i))
        row_slots = slots[start : start + len(chunk)]
        row_slots = row_slots[np.argsort(row_slots[:, 0], kind="stable")]
        xy[chunk] = row_slots


def _in_lanes(design: Design, actors: Sequence[Actor], xy: np.ndarray) -> np.ndarray:
    placed = place_in_lanes(design, {a.id: (xy[n, 0], xy[n, 1]) for n, a in enumerate(actors)})
    return np.array([placed[a.id] for a in actors], dtype=np.float64).reshape(-1, 2)


def _bounds(
    actors: Sequence[Actor],
    xy: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    inner: list[int],
) -> None:
    """Where each actor may move: region actors within their band and between the outermost
    slots (so the region box cannot grow over a lane), outside actors anywhere in their
    lane below its title.

    The region's title is drawn at the top left of its box: all region actors but the
    rightmost of the top row step TITLE_ROOM down, clear of it, and that one keeps its
    height, so the box and the lanes' titles stay where they are."""
    if inner:
        top = xy[inner, 1].min()
        keeper = max((i for i in inner if xy[i, 1] <= top + 1e-9), key=lambda i: (xy[i, 0], -i))
        rest = [i for i in inner if i != keeper]
        xy[rest, 1] += TITLE_ROOM
        bottom = xy[inner, 1].max()
        first, last = xy[inner, 0].min(), xy[inner, 0].max()
        lo[inner, 0] = np.maximum(lo[inner, 0], first)
        hi[inner, 0] = np.minimum(hi[inner, 0], last)
        lo[inner, 1], hi[inner, 1] = top + TITLE_ROOM, bottom
        lo[keeper, 1] = hi[keeper, 1] = top
    box = region_box(map(tuple, xy[inner]))
    domestic, overseas = lane_boxes(box)
    for n, actor in enumerate(actors):
        if actor.location is Location.REGION:
            continue
        lane = domestic if actor.location is Location.DOMESTIC else overseas
        ax, ay = xy[n]
        lo[n] = (min(ax, lane[0] + 25.0), box[1] + LANE_TITLE)
        hi[n] = (max(ax, lane[2] - 25.0), max(ay, box[3] - 25.0))


def _grow(xy: np.ndarray, lo: np.ndarray, hi: np.ndarray, inner: list[int]) -> None:
    """More room: every position and bound spread GROWTH times from the region's top left
    corner (the region grows to the right and downwards, as its rectangle's rows run on).

    A similarity, so what was clear stays clear (distances grow, actors keep their size);
    outside actors stay outside the region box and below their lanes' titles, which are
    REGION_MARGIN and LANE_TITLE from the region actors whatever the scale."""
    if not inner:
        return
    centre = xy[inner].min(axis=0)
    for arr in (xy, lo, hi):
        arr[:] = centre + (arr - centre) * GROWTH
