"""Layouts keep the domain true: nobody changes location, titles stay clear, ties avoid actors."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from cluster_designer.analysis.layout import force_layout, sector_location_layout
from cluster_designer.analysis.map_geometry import (
    ACTOR_CLEARANCE,
    LANE_TITLE,
    lane_boxes,
    place_in_lanes,
    region_box,
    ties_through_actors,
)
from cluster_designer.io import read_json
from cluster_designer.model import Design, Location, make_actor, make_tie

SAMPLES = Path(__file__).parents[2] / "resources" / "sample"


def location_on_map(design: Design, pos: dict[str, tuple[float, float]]) -> dict[str, Location]:
    """Where each actor stands: inside the region box, or left or right of it."""
    left, top, right, bottom = region_box(
        pos[a.id] for a in design.actors.values() if a.location is Location.REGION
    )
    where = {}
    for actor_id, (x, y) in pos.items():
        if left < x < right and top < y < bottom:
            where[actor_id] = Location.REGION
        elif x <= left:
            where[actor_id] = Location.DOMESTIC
        elif x >= right:
            where[actor_id] = Location.OVERSEAS
        else:
            where[actor_id] = None  # above or below the box: no lane there
    return where


def crossings(design: Design, pos: dict[str, tuple[float, float]]) -> list[tuple[str, str, str]]:
    """Brute force: (source, target, actor) for every tie drawn across an actor it does not join."""
    found = []
    for tie in design.ties.values():
        a, b = np.array(pos[tie.source]), np.array(pos[tie.target])
        ab = b - a
        for actor_id, where in pos.items():
            if actor_id in (tie.source, tie.target):
                continue
            p = np.array(where)
            t = np.clip(np.dot(p - a, ab) / max(float(np.dot(ab, ab)), 1e-12), 0.0, 1.0)
            if np.hypot(*(p - (a + t * ab))) < ACTOR_CLEARANCE:
                found.append((tie.source, tie.target, actor_id))
    return found


def random_design(seed: int, n: int, ties_per_actor: float) -> Design:
    rng = random.Random(seed)
    design = Design(f"Random {seed}")
    design.add_actors(
        [
            make_actor(
                id=f"A{i}",
                name=f"Actor {i}",
                sector=rng.choice(["university", "company", "support"]),
                location=rng.choices(["region", "domestic", "overseas"], [8, 1, 1])[0],
            )
            for i in range(n)
        ]
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(int(n * ties_per_actor), n * (n - 1) // 2):
        a, b = sorted(rng.sample(range(n), 2))
        pairs.add((a, b))
    design.add_ties(
        [make_tie(source=f"A{a}", target=f"A{b}", kind="collaboration") for a, b in sorted(pairs)]
    )
    return design


def designs() -> list[Design]:
    found = [read_json(path) for path in sorted(SAMPLES.glob("*.json"))]
    return found + [random_design(seed, 8 + 5 * seed, 1.5) for seed in range(8)]


@pytest.mark.parametrize("design", designs(), ids=lambda d: d.name)
@pytest.mark.parametrize("layout", ["force", "sector"])
def test_layouts_never_change_where_an_actor_is(design: Design, layout: str) -> None:
    if layout == "force":
        pos = force_layout(design, set(), iterations=150)
    else:
        pos = sector_location_layout(design, (0.0, 0.0, 1200.0, 800.0))
    where = location_on_map(design, pos)
    assert {a.id: a.location for a in design.actors.values()} == where


@pytest.mark.parametrize("design", designs(), ids=lambda d: d.name)
def test_outside_actors_stand_in_their_lanes_below_the_titles(design: Design) -> None:
    pos = sector_location_layout(design, (0.0, 0.0, 1200.0, 800.0))
    box = region_box(pos[a.id] for a in design.actors.values() if a.location is Location.REGION)
    domestic, overseas = lane_boxes(box)
    for actor in design.actors.values():
        if actor.location is Location.REGION:
            continue
        lane = domestic if actor.location is Location.DOMESTIC else overseas
        x, y = pos[actor.id]
        assert y >= lane[1] + LANE_TITLE - 1e-6, actor.id  # the title is above
        assert (x < box[0]) if actor.location is Location.DOMESTIC else (x > box[2])


def test_place_in_lanes_keeps_order_and_spacing() -> None:
    design = random_design(3, 30, 1.0)
    start = {a.id: (float(n), float(n * 7 % 13)) for n, a in enumerate(design.actors.values())}
    pos = place_in_lanes(design, start)
    for location in (Location.DOMESTIC, Location.OVERSEAS):
        ids = [a.id for a in design.actors.values() if a.location is location]
        before = sorted(ids, key=lambda i: (start[i][1], start[i][0]))
        after = sorted(
            ids, key=lambda i: (pos[i][0] * (1 if location is Location.OVERSEAS else -1), pos[i][1])
        )
        assert len({pos[i] for i in ids}) == len(ids)
        assert set(before) == set(after)


@pytest.mark.parametrize(
    "design",
    [read_json(SAMPLES / "company_town.json")]
    + [random_design(seed, 10 + 4 * seed, 1.2) for seed in range(6)],
    ids=lambda d: d.name,
)
def test_by_sector_and_location_no_tie_is_drawn_across_another_actor(design: Design) -> None:
    pos = sector_location_layout(design, (0.0, 0.0, 1200.0, 800.0))
    assert crossings(design, pos) == []


def test_the_crossing_finder_agrees_with_brute_force() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        n, m = int(rng.integers(3, 40)), int(rng.integers(1, 60))
        xy = rng.uniform(0, 600, size=(n, 2))
        src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
        keep = src != dst
        src, dst = src[keep], dst[keep]
        fast = {tuple(p) for p in ties_through_actors(xy, src, dst).tolist()}
        slow = set()
        for t, (s, d) in enumerate(zip(src, dst, strict=True)):
            a, b = xy[s], xy[d]
            for k in range(n):
                if k in (s, d):
                    continue
                u = np.clip(np.dot(xy[k] - a, b - a) / max(np.dot(b - a, b - a), 1e-12), 0, 1)
                if np.hypot(*(xy[k] - (a + u * (b - a)))) < ACTOR_CLEARANCE:
                    slow.add((t, k))
        assert fast == slow
