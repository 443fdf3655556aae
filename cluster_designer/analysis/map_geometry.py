"""Where the region and its outside lanes are on the map, in canvas units, without Qt.

The region box is the bounding box of the `region` actors plus a margin (at least
600 × 400); the *Domestic* lane runs beside it on the left and the *Overseas* lane on the
right, each with its title at the top. An actor's location follows from which of the three
it stands in, so a layout must leave every actor on its own side: `place_in_lanes` puts the
outside actors into their lanes below the titles. `ties_through_actors` finds ties drawn
across an actor they do not join, and `clear_ties` moves actors until there are none.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np

from ..model import Design, Location

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

REGION_MARGIN = 70.0
REGION_MIN_WIDTH, REGION_MIN_HEIGHT = 600.0, 400.0
LANE_GAP = 60.0  # between the region box and a lane
LANE_WIDTH = 260.0
LANE_TITLE = 100.0  # the first actor of a lane stands this far below its top (the title above)
PLACE_STEP = 90.0  # between actors placed in a lane
ACTOR_CLEARANCE = 24.0  # a tie nearer than this to an actor's centre is drawn across it


def region_box(points: Iterable[Point]) -> Box:
    """The region's box around the region actors' positions (the canvas draws this box)."""
    pts = list(points)
    if not pts:
        return (
            -REGION_MIN_WIDTH / 2,
            -REGION_MIN_HEIGHT / 2,
            REGION_MIN_WIDTH / 2,
            REGION_MIN_HEIGHT / 2,
        )
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    left, right = min(xs) - REGION_MARGIN, max(xs) + REGION_MARGIN
    top, bottom = min(ys) - REGION_MARGIN, max(ys) + REGION_MARGIN
    if right - left < REGION_MIN_WIDTH:
        grow = (REGION_MIN_WIDTH - (right - left)) / 2
        left, right = left - grow, right + grow
    if bottom - top < REGION_MIN_HEIGHT:
        grow = (REGION_MIN_HEIGHT - (bottom - top)) / 2
        top, bottom = top - grow, bottom + grow
    return (left, top, right, bottom)


def lane_boxes(region: Box) -> tuple[Box, Box]:
    """The Domestic (left) and Overseas (right) lanes beside the region box."""
    left, top, right, bottom = region
    domestic = (left - LANE_GAP - LANE_WIDTH, top, left - LANE_GAP, bottom)
    overseas = (right + LANE_GAP, top, right + LANE_GAP + LANE_WIDTH, bottom)
    return domestic, overseas


def place_in_lanes(
    design: Design, positions: Mapping[str, Point], keep: Collection[str] = frozenset()
) -> dict[str, Point]:
    """`positions` with every outside actor (except those in `keep`) moved into its lane.

    The region box is taken from the region actors in `positions`. Actors keep their order
    from top to bottom, start below the lane's title and stand PLACE_STEP apart; when a lane
    is full, further columns open outwards (still on the outside of the region box)."""
    result = dict(positions)
    box = region_box(
        result[a.id]
        for a in design.actors.values()
        if a.location is Location.REGION and a.id in result
    )
    for location, lane, outwards in zip(
        (Location.DOMESTIC, Location.OVERSEAS), lane_boxes(box), (-1, 1), strict=True
    ):
        movers = [
            a.id
            for a in design.actors.values()
            if a.location is location and a.id not in keep and a.id in result
        ]
        movers.sort(key=lambda i: (result[i][1], result[i][0]))
        top = lane[1] + LANE_TITLE
        rows = max(1, int((lane[3] - PLACE_STEP / 2 - top) // PLACE_STEP) + 1)
        first_x = lane[2] - PLACE_STEP / 2 if outwards < 0 else lane[0] + PLACE_STEP / 2
        for n, actor_id in enumerate(movers):
            column, row = divmod(n, rows)
            result[actor_id] = (first_x + outwards * column * PLACE_STEP, top + row * PLACE_STEP)
    return result


def ties_through_actors(
    xy: np.ndarray, src: np.ndarray, dst: np.ndarray, clearance: float = ACTOR_CLEARANCE
) -> np.ndarray:
    """Pairs (tie, actor) where the tie's segment passes nearer than `clearance` to the
    centre of an actor it does not join; rows of `xy` are actors, `src`/`dst` their rows.

    Candidates come from a uniform grid (cells of 2 × clearance): each tie is sampled
    along its length, so the cost follows the total length of the ties, not ties × actors."""
    if len(src) == 0 or len(xy) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    cell = 2.0 * clearance
    a, b = xy[src], xy[dst]
    length = np.hypot(*(b - a).T)
    samples = np.maximum(np.ceil(length / (cell / 2)).astype(np.int64), 1) + 1
    tie = np.repeat(np.arange(len(src)), samples)
    k = np.arange(int(samples.sum())) - np.repeat(np.cumsum(samples) - samples, samples)
    t = k / (samples[tie] - 1).clip(min=1)
    points = a[tie] + (b[tie] - a[tie]) * t[:, None]
    tie_cells = np.floor(points / cell).astype(np.int64)
    actor_cells = np.floor(xy / cell).astype(np.int64)
    # every actor is listed in its cell and the 8 around it, so a near sample always meets it
    offsets = np.array([(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)], dtype=np.int64)
    around = (actor_cells[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    owner = np.repeat(np.arange(len(xy)), len(offsets))
    span = int(max(around[:, 1].max(), tie_cells[:, 1].max())) - int(
        min(around[:, 1].min(), tie_cells[:, 1].min())
    )
    low = int(min(around[:, 1].min(), tie_cells[:, 1].min()))
    width = span + 1

    def key(cells: np.ndarray) -> np.ndarray:
        return np.asarray(cells[:, 0] * width + (cells[:, 1] - low), dtype=np.int64)

    actor_keys, tie_keys = key(around), key(tie_cells)
    order = np.argsort(actor_keys, kind="stable")
    sorted_keys, sorted_owner = actor_keys[order], owner[order]
    lo = np.searchsorted(sorted_keys, tie_keys, side="left")
    hi = np.searchsorted(sorted_keys, tie_keys, side="right")
    count = hi - lo
    pair_tie = np.repeat(tie, count)
    pair_actor = sorted_owner[
        np.repeat(lo, count)
        + np.arange(int(count.sum()))
        - np.repeat(np.cumsum(count) - count, count)
    ]
    pairs = np.unique(pair_tie * len(xy) + pair_actor)
    pair_tie, pair_actor = pairs // len(xy), pairs % len(xy)
    keep = (pair_actor != src[pair_tie]) & (pair_actor != dst[pair_tie])
    pair_tie, pair_actor = pair_tie[keep], pair_actor[keep]
    distance = _segment_distance(xy[pair_actor], a[pair_tie], b[pair_tie])
    near = distance < clearance
    return np.column_stack((pair_tie[near], pair_actor[near]))


def _segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ab = b - a
    denom = np.maximum((ab * ab).sum(axis=1), 1e-12)
    t = np.clip(((p - a) * ab).sum(axis=1) / denom, 0.0, 1.0)
    closest = a + ab * t[:, None]
    return np.asarray(np.hypot(*(p - closest).T), dtype=np.float64)


def clear_ties(
    positions: Mapping[str, Point],
    ties: Sequence[tuple[str, str]],
    bounds: Mapping[str, Box],
    min_spacing: float,
    fixed: Collection[str] = frozenset(),
    passes: int = 16,
) -> dict[str, Point]:
    """Move actors (each within its `bounds`, at least `min_spacing` from any other) until no
    tie is drawn across an actor it does not join.

    A local search: every actor a tie crosses, and now and then an end of such a tie, tries
    points on rings around it and on a lattice over its bounds, and moves to the one where
    the fewest ties cross it and its own ties cross the fewest actors. Deterministic; after
    `passes` rounds the best found is kept (`ties_through_actors` tells what is left)."""
    ids = list(positions)
    row = {actor_id: n for n, actor_id in enumerate(ids)}
    xy = np.array([positions[i] for i in ids], dtype=np.float64).reshape(-1, 2)
    pairs = [(row[s], row[t]) for s, t in ties if s in row and t in row and s != t]
    if not pairs or len(ids) < 3:
        return dict(positions)
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    big = 1e9
    lo = np.array([bounds.get(i, (-big, -big, big, big))[:2] for i in ids], dtype=np.float64)
    hi = np.array([bounds.get(i, (-big, -big, big, big))[2:] for i in ids], dtype=np.float64)
    movable = np.array([i not in fixed for i in ids])
    partners: list[list[int]] = [[] for _ in ids]
    incident: list[list[int]] = [[] for _ in ids]
    for n, (s, t) in enumerate(pairs):
        partners[s].append(t)
        partners[t].append(s)
        incident[s].append(n)
        incident[t].append(n)
    angles = np.linspace(0.0, 2 * math.pi, 12, endpoint=False)
    ring = np.array(
        [(r * math.cos(a), r * math.sin(a)) for r in (30.0, 55.0, 90.0) for a in angles]
    )
    lattice = np.array([(u, v) for u in np.linspace(0, 1, 11) for v in np.linspace(0, 1, 11)])
    fewest, stalled = len(src) * len(ids), 0
    for round_ in range(passes):
        hits = ties_through_actors(xy, src, dst)
        if len(hits) == 0:
            break
        stalled = stalled + 1 if len(hits) >= fewest else 0
        fewest = min(fewest, len(hits))
        if stalled >= 3:  # a local minimum: more rounds would only cost time
            break
        movers = dict.fromkeys(hits[:, 1].tolist())
        if round_ % 3 == 2:  # a blocker boxed in: move an end of the tie instead
            movers.update(dict.fromkeys(dst[hits[:, 0]].tolist()))
            movers.update(dict.fromkeys(src[hits[:, 0]].tolist()))
        for actor in movers:
            if not movable[actor]:
                continue
            span = np.minimum(hi[actor], xy[actor] + 400.0) - np.maximum(
                lo[actor], xy[actor] - 400.0
            )
            corner = np.maximum(lo[actor], xy[actor] - 400.0)
            candidates = np.vstack(
                (
                    xy[actor][None, :],
                    np.clip(xy[actor] + ring, lo[actor], hi[actor]),
                    corner + lattice * span,
                )
            )
            others = np.delete(xy, actor, axis=0)
            gaps = np.hypot(*(candidates[:, None, :] - others[None, :, :]).transpose(2, 0, 1))
            fits = gaps.min(axis=1) >= min_spacing - 1e-9
            fits[0] = True  # staying put is always allowed
            costs = np.full(len(candidates), np.inf)
            costs[fits] = _crossings(
                actor, candidates[fits], xy, src, dst, partners[actor], incident[actor]
            )
            best = int(np.argmin(costs))
            if costs[best] < costs[0]:
                xy[actor] = candidates[best]
    return {i: (float(xy[n, 0]), float(xy[n, 1])) for n, i in enumerate(ids)}


def _crossings(
    actor: int,
    points: np.ndarray,
    xy: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    partners: Sequence[int],
    incident: Sequence[int],
) -> np.ndarray:
    """For each candidate point of `actor`: ties drawn across it there, plus actors its own
    ties would be drawn across."""
    k = len(points)
    far = np.ones(len(src), dtype=bool)
    far[list(incident)] = False
    a, b = xy[src[far]], xy[dst[far]]
    count = np.zeros(k)
    if len(a):
        p = np.repeat(points, len(a), axis=0)
        d = _segment_distance(p, np.tile(a, (k, 1)), np.tile(b, (k, 1))).reshape(k, len(a))
        count += (d < ACTOR_CLEARANCE).sum(axis=1)
    if partners:
        ends = xy[list(partners)]  # (m, 2)
        m, n = len(ends), len(xy)
        start = np.repeat(points, m * n, axis=0)
        end = np.tile(np.repeat(ends, n, axis=0), (k, 1))
        who = np.tile(xy, (k * m, 1))
        reach = _segment_distance(who, start, end).reshape(k, m, n)
        blocked = reach < ACTOR_CLEARANCE
        blocked[:, :, actor] = False
        blocked[:, np.arange(m), list(partners)] = False
        count += blocked.sum(axis=(1, 2))
    return count
