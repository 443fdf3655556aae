"""Automatic placement of actors, in canvas coordinates (pixels), without Qt.

`force_layout` runs igraph's Fruchterman–Reingold with pinned actors held in place;
`sector_location_layout` draws the region as a rectangle with one band per sector and
the outside actors beside it (domestic left, overseas right). Both are deterministic, and
neither changes where an actor is: outside actors end in their lanes beside the region box
(map_geometry.py), region actors inside it.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager

from ..model import Actor, Design
from .map_geometry import place_in_lanes
from .results import Cancelled
from .sector_layout import MIN_SPACING as MIN_SPACING
from .sector_layout import SECTOR_ORDER as SECTOR_ORDER
from .sector_layout import sector_location_layout as sector_location_layout

Point = tuple[float, float]

NEIGHBOUR_SPACING = 80.0  # px between tied actors after a force layout (median)


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph draws random numbers from a global generator; seed it for this call only."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def force_layout(
    design: Design,
    pinned: Collection[str] = frozenset(),
    seed: int = 1,
    iterations: int = 300,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Point]:
    """Positions for every actor; pinned actors that have a position keep it exactly.

    Without pinned actors, tied actors end up NEIGHBOUR_SPACING apart (median), centred
    where the placed actors were; with pinned actors, the scale follows their spacing.
    igraph cannot report progress mid-run: `progress(1.0)` is called when done, and
    `cancelled()` is asked before and after the run (True raises `Cancelled`).
    """
    import igraph

    actors = list(design.actors.values())
    n = len(actors)
    if n == 0:
        return {}
    index = {a.id: i for i, a in enumerate(actors)}
    edges = sorted({_pair(index[t.source], index[t.target]) for t in design.ties.values()})
    pins = {
        i: point
        for i, a in enumerate(actors)
        if a.id in pinned and (point := _position(a)) is not None
    }
    scale = _unit_guess(actors)  # px per layout unit: placed actors about one per unit square
    coords = _start_positions(actors, edges, scale, random.Random(seed))
    graph = igraph.Graph(n=n, edges=edges)
    if cancelled is not None and cancelled():
        raise Cancelled
    with _seeded_igraph(seed):
        # One call per run: igraph cools linearly to zero within a call, so running in
        # chunks would re-heat the layout each time (worse and, with the grid, slower).
        if pins and edges:
            # A short free run measures how long igraph makes a tie for this graph, which
            # gives the px per unit that puts free actors NEIGHBOUR_SPACING from partners.
            probe = graph.layout_fruchterman_reingold(
                seed=coords, niter=max(1, iterations // 5), grid="auto"
            )
            coords = [list(p) for p in probe.coords]
            scale = NEIGHBOUR_SPACING / (_median_edge(coords, edges) or 1.0)
            for i, (x, y) in pins.items():
                coords[i] = [x / scale, y / scale]
        bounds = _pin_bounds(pins, scale, n) if pins else {}
        layout = graph.layout_fruchterman_reingold(
            seed=coords, niter=max(1, iterations), grid="auto", **bounds
        )
    if cancelled is not None and cancelled():
        raise Cancelled
    if progress is not None:
        progress(1.0)
    coords = [list(p) for p in layout.coords]
    if not pins:
        return place_in_lanes(design, _fit(actors, coords, edges))
    result = {a.id: (coords[i][0] * scale, coords[i][1] * scale) for i, a in enumerate(actors)}
    for i, (x, y) in pins.items():
        result[actors[i].id] = (float(x), float(y))
    return place_in_lanes(design, result, keep={actors[i].id for i in pins})


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i <= j else (j, i)


def _position(actor: Actor) -> Point | None:
    """Where the actor stands, or None while it is not placed."""
    if actor.x is None or actor.y is None:
        return None
    return (actor.x, actor.y)


def _start_positions(
    actors: Sequence[Actor], edges: Sequence[tuple[int, int]], scale: float, rng: random.Random
) -> list[list[float]]:
    """Placed actors start where they are; others near their placed partners, or at random."""
    n = len(actors)
    spread = math.sqrt(n) / 2  # igraph is fastest at about one vertex per unit square
    coords: list[list[float] | None] = [
        None if (p := _position(a)) is None else [p[0] / scale, p[1] / scale] for a in actors
    ]
    partners: list[list[int]] = [[] for _ in range(n)]
    for i, j in edges:
        partners[i].append(j)
        partners[j].append(i)
    result = []
    for i in range(n):
        point = coords[i]
        if point is None:
            near = [q for j in partners[i] if (q := coords[j]) is not None]
            if near:
                cx = sum(p[0] for p in near) / len(near)
                cy = sum(p[1] for p in near) / len(near)
                point = [cx + rng.uniform(-0.5, 0.5), cy + rng.uniform(-0.5, 0.5)]
            else:
                point = [rng.uniform(-spread, spread), rng.uniform(-spread, spread)]
        result.append(point)
    return result


def _unit_guess(actors: Sequence[Actor]) -> float:
    """Pixels per layout unit that put the placed actors at about one per unit square."""
    placed = [p for a in actors if (p := _position(a)) is not None]
    if len(placed) < 2:
        return NEIGHBOUR_SPACING
    xs = [x for x, _ in placed]
    ys = [y for _, y in placed]
    area = max(max(xs) - min(xs), 1.0) * max(max(ys) - min(ys), 1.0)
    return max(math.sqrt(area / len(placed)), 1.0)


def _pin_bounds(pins: Mapping[int, Point], scale: float, n: int) -> dict[str, list[float]]:
    """igraph has no 'fixed' argument: equal lower and upper bounds hold a vertex still."""
    big = 1e12
    minx, maxx, miny, maxy = [-big] * n, [big] * n, [-big] * n, [big] * n
    for i, (x, y) in pins.items():
        minx[i] = maxx[i] = x / scale
        miny[i] = maxy[i] = y / scale
    return {"minx": minx, "maxx": maxx, "miny": miny, "maxy": maxy}


def _median_edge(coords: Sequence[Sequence[float]], edges: Sequence[tuple[int, int]]) -> float:
    return statistics.median(math.dist(coords[i], coords[j]) for i, j in edges)


def _fit(
    actors: Sequence[Actor], coords: Sequence[Sequence[float]], edges: Sequence[tuple[int, int]]
) -> dict[str, Point]:
    """Scale so tied actors are NEIGHBOUR_SPACING apart (median), centred where they were."""
    if edges:
        scale = NEIGHBOUR_SPACING / (_median_edge(coords, edges) or 1.0)
    else:
        nearest = _median_nearest(coords)
        scale = NEIGHBOUR_SPACING / nearest if nearest else 1.0
    placed = [p for a in actors if (p := _position(a)) is not None]
    if placed:
        cx = sum(x for x, _ in placed) / len(placed)
        cy = sum(y for _, y in placed) / len(placed)
    else:
        cx = cy = 0.0
    mx = sum(p[0] for p in coords) / len(coords)
    my = sum(p[1] for p in coords) / len(coords)
    return {
        a.id: (cx + (p[0] - mx) * scale, cy + (p[1] - my) * scale)
        for a, p in zip(actors, coords, strict=True)
    }


def _median_nearest(coords: Sequence[Sequence[float]]) -> float:
    """Median distance to the nearest other point (small inputs only: no ties to measure)."""
    if len(coords) < 2:
        return 0.0
    sample = coords[:300]
    return statistics.median(min(math.dist(p, q) for q in coords if q is not p) for p in sample)
