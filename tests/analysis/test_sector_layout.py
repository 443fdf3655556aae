"""By Sector and Location: no tie is drawn through an actor it does not join, on the dense
sample and on random designs, and quickly.

A tie passes through an actor when its drawn line comes nearer to the actor's centre than
the actor's drawn radius plus a margin (ACTOR_CLEARANCE covers the largest shape; ties that
share a pair are drawn side by side and need PARALLEL_SPREAD more per step from the middle).
The count here is brute force, independent of the layout's own fast finder.
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import pytest

from cluster_designer.analysis.layout import MIN_SPACING, sector_location_layout
from cluster_designer.analysis.map_geometry import LANE_TITLE, lane_boxes, region_box
from cluster_designer.analysis.tie_clearance import ACTOR_CLEARANCE, PARALLEL_SPREAD
from cluster_designer.io import read_json
from cluster_designer.model import Design, Location, make_actor, make_tie

SAMPLES = Path(__file__).parents[2] / "resources" / "sample"
Positions = dict[str, tuple[float, float]]


def crossing_ties(design: Design, pos: Positions) -> list[tuple[str, str, str]]:
    """(source, target, actor) for every tied pair drawn through an actor it does not join."""
    pairs: dict[tuple[str, str], int] = {}
    for tie in design.ties.values():
        key = tuple(sorted((tie.source, tie.target)))
        pairs[key] = pairs.get(key, 0) + 1
    found = []
    for (s, t), count in sorted(pairs.items()):
        reach = ACTOR_CLEARANCE + (count - 1) / 2 * PARALLEL_SPREAD
        (ax, ay), (bx, by) = pos[s], pos[t]
        dx, dy = bx - ax, by - ay
        length2 = max(dx * dx + dy * dy, 1e-12)
        for actor_id, (px, py) in pos.items():
            if actor_id in (s, t):
                continue
            u = min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / length2))
            if math.hypot(px - ax - u * dx, py - ay - u * dy) < reach:
                found.append((s, t, actor_id))
    return found


def random_design(seed: int, n: int, ties_per_actor: float, parallel: float = 0.1) -> Design:
    rng = random.Random(seed)
    design = Design(f"Random {seed}")
    design.add_actors(
        [
            make_actor(
                id=f"A{i}",
                name=f"Actor {i}",
                sector=rng.choice(["university", "company", "company", "support"]),
                location=rng.choices(["region", "domestic", "overseas"], [8, 1, 1])[0],
            )
            for i in range(n)
        ]
    )
    ties = []
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(int(n * ties_per_actor), n * (n - 1) // 2):
        a, b = sorted(rng.sample(range(n), 2))
        pairs.add((a, b))
    for a, b in sorted(pairs):
        ties.append(make_tie(source=f"A{a}", target=f"A{b}", kind="collaboration"))
        if rng.random() < parallel:  # a second tie on the pair: drawn beside the first
            ties.append(make_tie(source=f"A{b}", target=f"A{a}", kind="funding"))
    design.add_ties(ties)
    return design


def sample(name: str) -> Design:
    return read_json(SAMPLES / f"{name}.json")


@pytest.mark.parametrize("name", ["knowledge_cluster", "company_town"])
def test_no_tie_passes_through_an_actor_on_the_samples(name: str) -> None:
    design = sample(name)
    pos = sector_location_layout(design)
    assert crossing_ties(design, pos) == []


@pytest.mark.parametrize(
    ("seed", "n", "density"),
    [(1, 12, 1.0), (2, 30, 2.0), (3, 50, 1.5), (4, 80, 3.0), (5, 120, 1.2), (6, 40, 4.0)],
)
def test_no_tie_passes_through_an_actor_on_random_designs(
    seed: int, n: int, density: float
) -> None:
    design = random_design(seed, n, density)
    pos = sector_location_layout(design)
    assert crossing_ties(design, pos) == []


@pytest.mark.parametrize("seed", range(3))
def test_the_layout_keeps_the_domain_and_the_spacing(seed: int) -> None:
    design = random_design(10 + seed, 60, 2.0)
    pos = sector_location_layout(design)
    assert pos == sector_location_layout(design)  # deterministic
    points = list(pos.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :])
    assert closest >= MIN_SPACING - 1e-6
    box = region_box(pos[a.id] for a in design.actors.values() if a.location is Location.REGION)
    domestic, overseas = lane_boxes(box)
    xs: dict[str, list[float]] = {"university": [], "company": [], "support": []}
    for actor in design.actors.values():
        x, y = pos[actor.id]
        if actor.location is Location.REGION:
            xs[actor.sector.value].append(x)
            continue
        lane = domestic if actor.location is Location.DOMESTIC else overseas
        assert y >= lane[1] + LANE_TITLE - 1e-6  # below the lane's title
        assert x < box[0] if actor.location is Location.DOMESTIC else x > box[2]
    assert max(xs["university"]) < min(xs["company"])
    assert max(xs["company"]) < min(xs["support"])


def test_the_dense_sample_is_laid_out_quickly() -> None:
    """Under 1 s on an idle machine (benchmarks/layout.py); processor time, with room for a
    busy test machine."""
    design = sample("knowledge_cluster")
    start = time.process_time()
    sector_location_layout(design)
    assert time.process_time() - start < 2.5
