"""Ties drawn across actors they do not join, and moving actors until there are none.

A tie *passes through* an actor when its drawn line comes nearer to the actor's centre
than the actor's drawn radius plus a small margin (`ACTOR_CLEARANCE`: a rounded square's
corner at the normal size, 14·√2 ≈ 19.8, plus 4). Ties that join the same pair are drawn
side by side from zoom 0.45 on, `PARALLEL_SPREAD` apart at most, so their pair needs that
much more room on each side for every step away from the middle line.

`resolve` is a local search on numpy arrays: each actor that blocks a tie (and, now and
then, an end of such a tie) tries points around it and across its allowed box, and moves
to the one where the fewest ties pass through it and its own ties pass through the fewest
actors. Moving one actor changes the total by exactly that difference, so the total only
falls; when it stops falling, equally good moves are taken at random (seeded) to leave the
plateau, and when that fails too the caller may give the map more room.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

ACTOR_CLEARANCE = 24.0  # a tie nearer than this to an actor's centre is drawn across it
PARALLEL_SPREAD = 5.0 / 0.45  # the canvas draws parallel ties 5 px apart from zoom 0.45 on


@dataclass(frozen=True)
class Segments:
    """One straight line per tied pair of actors (rows of the positions array)."""

    src: np.ndarray
    dst: np.ndarray
    clearance: np.ndarray  # per segment: how near an actor's centre it may come

    def __len__(self) -> int:
        return len(self.src)


def segments_for(pairs: Sequence[tuple[int, int]]) -> Segments:
    """Ties as rows (source, target) → one segment per pair, wider for parallel ties."""
    counts: dict[tuple[int, int], int] = {}
    for s, t in pairs:
        if s != t:
            key = (s, t) if s < t else (t, s)
            counts[key] = counts.get(key, 0) + 1
    keys = sorted(counts)
    src = np.array([k[0] for k in keys], dtype=np.int64)
    dst = np.array([k[1] for k in keys], dtype=np.int64)
    spread = np.array([(counts[k] - 1) / 2 for k in keys], dtype=np.float64)
    return Segments(src, dst, ACTOR_CLEARANCE + spread * PARALLEL_SPREAD)


def ties_through_actors(
    xy: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    clearance: float | np.ndarray = ACTOR_CLEARANCE,
) -> np.ndarray:
    """Pairs (tie, actor) where the tie's segment passes nearer than its clearance to the
    centre of an actor it does not join; rows of `xy` are actors, `src`/`dst` their rows.

    Candidates come from a uniform grid (cells of 2 × the largest clearance): each tie is
    sampled along its length, so the cost follows the total length of the ties, not
    ties × actors."""
    if len(src) == 0 or len(xy) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    reach = np.broadcast_to(np.asarray(clearance, dtype=np.float64), (len(src),))
    cell = 2.0 * float(reach.max())
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
    low = int(min(around[:, 1].min(), tie_cells[:, 1].min()))
    width = int(max(around[:, 1].max(), tie_cells[:, 1].max())) - low + 1

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
    distance = segment_distance(xy[pair_actor], a[pair_tie], b[pair_tie])
    near = distance < reach[pair_tie]
    return np.column_stack((pair_tie[near], pair_actor[near]))


def segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from points `p` to segments `a`–`b` (broadcasting over leading axes)."""
    ab = b - a
    denom = np.maximum((ab * ab).sum(axis=-1), 1e-12)
    t = np.clip(((p - a) * ab).sum(axis=-1) / denom, 0.0, 1.0)
    closest = a + ab * t[..., None]
    return np.asarray(np.hypot((p - closest)[..., 0], (p - closest)[..., 1]), dtype=np.float64)


def _near_segments(
    px: np.ndarray, py: np.ndarray, a: np.ndarray, b: np.ndarray, reach: np.ndarray
) -> np.ndarray:
    """(points, segments): is the point (columns `px`, `py`) nearer than `reach` to the
    segment a–b? Coordinates kept apart: numpy is much faster on them than on pairs."""
    ax, ay = a[:, 0][None, :], a[:, 1][None, :]
    dx, dy = (b[:, 0] - a[:, 0])[None, :], (b[:, 1] - a[:, 1])[None, :]
    denom = np.maximum(dx * dx + dy * dy, 1e-12)
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / denom, 0.0, 1.0)
    ex, ey = ax + t * dx - px, ay + t * dy - py
    return np.asarray(ex * ex + ey * ey < (reach * reach)[None, :])


_ANGLES = np.linspace(0.0, 2 * math.pi, 12, endpoint=False)
_RING = np.array(
    [
        (r * math.cos(a + r / 50.0), r * math.sin(a + r / 50.0))
        for r in (18.0, 36.0, 60.0, 95.0, 140.0, 200.0)
        for a in _ANGLES
    ]
)


def _spiral(step: float, reach: float) -> np.ndarray:
    """Offsets on rings `step` apart, about `step` apart along each ring, nearest first."""
    points = [(0.0, 0.0)]
    for k in range(1, int(reach / step) + 1):
        r = k * step
        count = max(6, int(2 * math.pi * r / step))
        turn = 0.5 * k  # rings turned against each other: no spokes
        points += [
            (
                r * math.cos(2 * math.pi * (i + turn) / count),
                r * math.sin(2 * math.pi * (i + turn) / count),
            )
            for i in range(count)
        ]
    return np.array(points)


_SPIRAL = _spiral(14.0, 330.0)
_SPIRAL_BATCHES = ((0, 60), (60, 400), (400, len(_SPIRAL)))
_WIDE = np.array([(u, v) for u in np.linspace(0, 1, 31) for v in np.linspace(0, 1, 31)])
_LATTICE = np.array([(u, v) for u in np.linspace(0, 1, 9) for v in np.linspace(0, 1, 9)])
WINDOW = 320.0  # how far one move may take an actor


class Resolver:
    """The local search on one map: positions `xy` (changed in place), each actor within
    its box `lo`–`hi` and at least `min_spacing` from every other."""

    def __init__(
        self,
        xy: np.ndarray,
        segs: Segments,
        lo: np.ndarray,
        hi: np.ndarray,
        min_spacing: float,
        stop: Callable[[], bool] = lambda: False,
        seed: int = 1,
    ) -> None:
        self.xy, self.segs, self.lo, self.hi = xy, segs, lo, hi
        self.min_spacing = min_spacing
        self.stop = stop  # asked now and then: True ends the search where it is
        self.growths = 0
        self.rng = random.Random(seed)
        n = len(xy)
        self.incident: list[list[int]] = [[] for _ in range(n)]
        for e, (s, t) in enumerate(zip(segs.src.tolist(), segs.dst.tolist(), strict=True)):
            self.incident[s].append(e)
            self.incident[t].append(e)

    def hits(self) -> np.ndarray:
        return ties_through_actors(self.xy, self.segs.src, self.segs.dst, self.segs.clearance)

    def run(self, max_rounds: int = 40) -> int:
        """Rounds of moves until no tie passes through an actor, the search is stuck, or
        `stop()`; returns the hits left.

        Each round takes the hits one by one: of the actor in the way and the tie's two
        ends, the one whose best move removes the most hits moves; when no move removes
        any, one of them takes an equally good place at random (leaving a plateau)."""
        hits = self.hits()
        best, stalled = len(hits), 0
        for _ in range(max_rounds):
            if len(hits) == 0 or self.stop():
                break
            done: set[int] = set()
            for tie, blocker in hits.tolist():
                if self.stop():
                    break
                trio = [blocker, int(self.segs.src[tie]), int(self.segs.dst[tie])]
                if done.intersection(trio) and not self._still_hit(tie, blocker):
                    continue
                options = [(self.best_move(actor), actor) for actor in trio]
                (gain, point), actor = max(options, key=lambda o: o[0][0])
                if gain > 0:
                    self.xy[actor] = point
                    done.add(actor)
                elif stalled:
                    actor = trio[self.rng.randrange(3)]
                    aside = self.plateau_move(actor)
                    if aside is not None:
                        self.xy[actor] = aside
                        done.add(actor)
            hits = self.hits()
            if len(hits) < best:
                best, stalled = len(hits), 0
            else:
                stalled += 1
                if stalled > 3:
                    break
        return len(hits)

    def place(
        self,
        order: Sequence[int],
        grow: Callable[[], None] | None = None,
        max_growths: int = 0,
    ) -> None:
        """Put the actors down one by one in `order`, each at the free point nearest where
        it stands now: no tie among the actors already down passes through it, and its
        ties to them pass through none of them. Where no point is free, the actors in the
        way try to step aside (`_repair`); where that fails too, `grow` gives the map more
        room (up to `max_growths` times in all) and the actor tries again. Without `grow`,
        or when `stop()`, the actor takes the point with the fewest hits found (`run` may
        clear those)."""
        active = np.zeros(len(self.xy), dtype=bool)
        for actor in order:
            if self.stop():
                return
            while True:
                left = self._place_one(actor, active)
                if left == 0 or (left > 0 and self._repair(actor, active)):
                    break
                if grow is None or self.growths >= max_growths or self.stop():
                    break
                grow()
                self.growths += 1
            active[actor] = True

    def _place_one(self, actor: int, active: np.ndarray) -> int:
        """Move the actor to the free point nearest where it is (among the active actors);
        without one, to the point with the fewest hits found. Returns the hits left, or -1
        when no point has room (at `min_spacing` from the others).

        Points are tried nearest first, in chunks, and the costly test (its own ties) only
        where no other tie passes: most actors find a free point among the first few."""
        here = self.xy[actor].copy()
        lo, hi = self.lo[actor], self.hi[actor]
        wide = lo + _WIDE * (hi - lo)  # anywhere it may stand, after the spiral around it
        wide = wide[np.argsort(np.hypot(*(wide - here).T), kind="stable")]
        points = np.vstack((here[None, :], np.clip(here + _SPIRAL[1:], lo, hi), wide))
        fallback: tuple[int, int] | None = None  # (hits, index)
        start, size = 0, 48
        while start < len(points):
            chunk = points[start : start + size]
            room = np.flatnonzero(self._room_all(actor, chunk, active))
            if len(room):
                crossed = self._crossed(actor, chunk[room], active)
                calm = room[crossed == 0]
                for sub in range(0, len(calm), 32):  # nearest first
                    blocked = self._blocked(actor, chunk[calm[sub : sub + 32]], active)
                    free = np.flatnonzero(blocked == 0)
                    if len(free):
                        self.xy[actor] = chunk[calm[sub + int(free[0])]]
                        return 0
                if fallback is None:  # the least crossed of the first chunk, for lack of better
                    few = room[np.argsort(crossed, kind="stable")[:16]]
                    total = self._crossed(actor, chunk[few], active) + self._blocked(
                        actor, chunk[few], active
                    )
                    k = int(np.argmin(total))
                    fallback = (int(total[k]), start + int(few[k]))
            start += size
            size *= 2
        if fallback is None:
            return -1
        self.xy[actor] = points[fallback[1]]
        return fallback[0]

    def _repair(self, actor: int, active: np.ndarray) -> bool:
        """After `actor` found no free point: move the actors in its way (and the ends of
        the ties through it), each to its best point, a few times; True if that cleared it."""
        active[actor] = True
        try:
            for _ in range(3):
                rows = np.flatnonzero(active)
                local = np.full(len(self.xy), -1)
                local[rows] = np.arange(len(rows))
                keep = active[self.segs.src] & active[self.segs.dst]
                hits = ties_through_actors(
                    self.xy[rows],
                    local[self.segs.src[keep]],
                    local[self.segs.dst[keep]],
                    self.segs.clearance[keep],
                )
                src, dst = self.segs.src[keep], self.segs.dst[keep]
                # all hits among the actors down: before this one came, there were none
                mine = [(int(src[t]), int(dst[t]), int(rows[k])) for t, k in hits.tolist()]
                if not mine:
                    return True
                for movers in mine:
                    for other in movers:
                        gain, point = self.best_move(other, active)
                        if gain > 0:
                            self.xy[other] = point
                            break
            return False
        finally:
            active[actor] = False

    def _room_all(self, actor: int, points: np.ndarray, active: np.ndarray) -> np.ndarray:
        """`_room` without the exception for the first point."""
        ok = self._room(actor, np.vstack((points[:1], points)), active)[1:]
        return ok

    def _still_hit(self, tie: int, blocker: int) -> bool:
        a, b = self.xy[self.segs.src[tie]], self.xy[self.segs.dst[tie]]
        d = segment_distance(self.xy[blocker], a, b)
        return bool(d < self.segs.clearance[tie])

    def _candidates(self, actor: int, active: np.ndarray | None = None) -> np.ndarray:
        here = self.xy[actor]
        lo, hi = self.lo[actor], self.hi[actor]
        corner = np.maximum(lo, here - WINDOW)
        span = np.minimum(hi, here + WINDOW) - corner
        points = np.vstack((here[None, :], here + _RING, corner + _LATTICE * span))
        points = np.clip(points, lo, hi)
        return np.asarray(points[self._room(actor, points, active)])

    def best_move(self, actor: int, active: np.ndarray | None = None) -> tuple[int, np.ndarray]:
        """How many hits the actor's best move removes, and where it goes (0: stay)."""
        here = self.xy[actor]
        if np.all(self.hi[actor] - self.lo[actor] < 1e-9):
            return 0, here
        points = self._candidates(actor, active)
        if len(points) < 2:
            return 0, here
        conflicts = self._conflicts(actor, points, active)
        fewest = conflicts.min()
        if fewest >= conflicts[0]:
            return 0, here
        length = self._tie_length(actor, points)
        choice = int(np.argmin(np.where(conflicts == fewest, length, np.inf)))
        return int(conflicts[0] - fewest), points[choice]

    def plateau_move(self, actor: int) -> np.ndarray | None:
        """A random other place where the actor is in as many hits as now, if any."""
        if np.all(self.hi[actor] - self.lo[actor] < 1e-9):
            return None
        points = self._candidates(actor)
        if len(points) < 2:
            return None
        conflicts = self._conflicts(actor, points)
        equal = np.flatnonzero(conflicts[1:] <= conflicts[0]) + 1
        if len(equal) == 0:
            return None
        return np.asarray(points[int(equal[self.rng.randrange(len(equal))])])

    def _room(self, actor: int, points: np.ndarray, active: np.ndarray | None = None) -> np.ndarray:
        """Which points stand at least `min_spacing` from every other actor (the first, where
        the actor is now, always counts as allowed)."""
        box_lo, box_hi = (
            points.min(axis=0) - self.min_spacing,
            points.max(axis=0) + self.min_spacing,
        )
        inside = np.all((self.xy >= box_lo) & (self.xy <= box_hi), axis=1)
        if active is not None:
            inside &= active
        near = np.flatnonzero(inside)
        near = near[near != actor]
        ok = np.ones(len(points), dtype=bool)
        if len(near):
            d = np.hypot(*(points[:, None, :] - self.xy[near][None, :, :]).transpose(2, 0, 1))
            ok = d.min(axis=1) >= self.min_spacing - 1e-9
        ok[0] = True
        return ok

    def _conflicts(
        self, actor: int, points: np.ndarray, active: np.ndarray | None = None
    ) -> np.ndarray:
        """For each point: ties passing through the actor there, plus actors its own ties
        would pass through (only ties and actors among `active` ones, if given)."""
        return np.asarray(
            self._crossed(actor, points, active) + self._blocked(actor, points, active)
        )

    def _crossed(
        self, actor: int, points: np.ndarray, active: np.ndarray | None = None
    ) -> np.ndarray:
        """For each point: ties (not the actor's) that would pass through it there."""
        xy, segs = self.xy, self.segs
        count = np.zeros(len(points), dtype=np.int64)
        reach = float(segs.clearance.max()) if len(segs) else ACTOR_CLEARANCE
        box_lo, box_hi = points.min(axis=0) - reach, points.max(axis=0) + reach
        a, b = xy[segs.src], xy[segs.dst]
        crossing = np.all((np.minimum(a, b) <= box_hi) & (np.maximum(a, b) >= box_lo), axis=1)
        crossing[self.incident[actor]] = False
        if active is not None:
            crossing &= active[segs.src] & active[segs.dst]
        others = np.flatnonzero(crossing)
        px, py = points[:, 0:1], points[:, 1:2]
        if len(others):
            near = _near_segments(px, py, a[others], b[others], segs.clearance[others])
            count += near.sum(axis=1)
        return count

    def _blocked(
        self, actor: int, points: np.ndarray, active: np.ndarray | None = None
    ) -> np.ndarray:
        """For each point: actors the actor's own ties would pass through from there."""
        xy, segs = self.xy, self.segs
        count = np.zeros(len(points), dtype=np.int64)
        own = self.incident[actor]
        if own:
            ends = np.where(segs.src[own] == actor, segs.dst[own], segs.src[own])
            if active is not None:
                keep = active[ends]
                own, ends = [e for e, k in zip(own, keep.tolist(), strict=True) if k], ends[keep]
        if own:
            far = xy[ends]  # (d, 2)
            reach_own = segs.clearance[own]
            lo = np.minimum(points.min(axis=0), far.min(axis=0)) - reach_own.max()
            hi = np.maximum(points.max(axis=0), far.max(axis=0)) + reach_own.max()
            inside = np.all((xy >= lo) & (xy <= hi), axis=1)
            if active is not None:
                inside &= active
            near = np.flatnonzero(inside)
            near = near[near != actor]
            if len(near):
                # segments from every point to every partner; actors `near` close to them
                ax, ay = points[:, 0][:, None, None], points[:, 1][:, None, None]
                dx, dy = far[:, 0][None, :, None] - ax, far[:, 1][None, :, None] - ay
                qx, qy = xy[near, 0][None, None, :], xy[near, 1][None, None, :]
                denom = np.maximum(dx * dx + dy * dy, 1e-12)
                t = np.clip(((qx - ax) * dx + (qy - ay) * dy) / denom, 0.0, 1.0)
                ex, ey = ax + t * dx - qx, ay + t * dy - qy
                blocked = ex * ex + ey * ey < (reach_own * reach_own)[None, :, None]
                blocked &= near[None, None, :] != ends[None, :, None]
                count += blocked.sum(axis=(1, 2))
        return count

    def _tie_length(self, actor: int, points: np.ndarray) -> np.ndarray:
        """Total length of the actor's ties from each point, plus how far it would move."""
        own = self.incident[actor]
        moved = np.hypot(*(points - points[0]).T)
        if not own:
            return np.asarray(moved)
        segs = self.segs
        ends = np.where(segs.src[own] == actor, segs.dst[own], segs.src[own])
        far = self.xy[ends]
        return np.asarray(
            np.hypot(*(points[:, None, :] - far[None]).transpose(2, 0, 1)).sum(axis=1) + 0.5 * moved
        )
