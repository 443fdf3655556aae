"""Automatic layouts: deterministic, pinned actors stay, sensible spacing, no overlaps."""

from __future__ import annotations

import math
import statistics

import networkx as nx
import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import EvaluationCancelled
from cluster_designer.analysis.layout import MIN_SPACING, force_layout, sector_location_layout
from cluster_designer.model import Design


def _grid(side: int = 10) -> Design:
    return designs.from_networkx(
        "grid", nx.convert_node_labels_to_integers(nx.grid_2d_graph(side, side))
    )


def _tie_lengths(design: Design, pos: dict[str, tuple[float, float]]) -> list[float]:
    return [math.dist(pos[t.source], pos[t.target]) for t in design.ties.values()]


def test_force_layout_places_everyone_deterministically() -> None:
    design = _grid()
    first = force_layout(design, set(), seed=3, iterations=200)
    assert set(first) == set(design.actors)
    assert first == force_layout(design, set(), seed=3, iterations=200)
    assert first != force_layout(design, set(), seed=4, iterations=200)
    assert all(math.isfinite(c) for p in first.values() for c in p)


def test_neighbours_are_about_80_px_apart() -> None:
    design = _grid()
    lengths = _tie_lengths(design, force_layout(design, set(), iterations=300))
    assert 60 <= statistics.median(lengths) <= 100


def test_pinned_actors_stay_exactly() -> None:
    design = _grid()
    pins = {"0": (0.0, 0.0), "9": (720.0, 0.0), "99": (720.0, 720.0), "90": (0.0, 720.0)}
    design.move_actors(pins)
    progress: list[float] = []
    pos = force_layout(design, set(pins), iterations=300, progress=progress.append)
    for actor_id, point in pins.items():
        assert pos[actor_id] == point
    assert progress[-1] == 1.0
    centre = pos["55"]
    assert 0 < centre[0] < 720 and 0 < centre[1] < 720  # the grid is spread between its corners
    assert 40 <= statistics.median(_tie_lengths(design, pos)) <= 140


def test_force_layout_can_be_cancelled() -> None:
    with pytest.raises(EvaluationCancelled):
        force_layout(_grid(), set(), cancelled=lambda: True)


def test_force_layout_of_nothing() -> None:
    assert force_layout(designs.empty(), set()) == {}
    assert set(force_layout(designs.one_actor(), set())) == {"C1"}


def _mixed(n: int) -> Design:
    sectors = ("university", "company", "company", "support")
    locations = ("region", "region", "region", "domestic", "overseas")
    return designs.build(
        "mixed", [(f"A{i}", sectors[i % 4], locations[i % 5]) for i in range(n)], []
    )


@pytest.mark.parametrize("n", [8, 60, 400])
def test_sector_location_layout_groups_without_overlaps(n: int) -> None:
    design = _mixed(n)
    rect = (100.0, 50.0, 1000.0, 600.0)
    pos = sector_location_layout(design, rect)
    assert set(pos) == set(design.actors)
    points = list(pos.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :])
    assert closest >= MIN_SPACING - 1e-9
    x, y, w, _h = rect
    xs = {s: [] for s in ("university", "company", "support")}
    for actor in design.actors.values():
        px, py = pos[actor.id]
        if actor.location.value == "region":
            # from the rectangle's corner; wider only when its ties need more room
            assert x < px < x + (w if n < 400 else 3 * w) and py > y
            xs[actor.sector.value].append(px)
        elif actor.location.value == "domestic":
            assert px < x
        else:
            assert px > x + w
    # universities, companies and support organizations in bands from left to right
    assert all(xs.values())
    assert max(xs["university"]) < min(xs["company"])
    assert max(xs["company"]) < min(xs["support"])
    assert pos == sector_location_layout(design, rect)


def test_sector_layout_fits_a_few_actors_inside_the_rectangle() -> None:
    pos = sector_location_layout(designs.star(), (0.0, 0.0, 1200.0, 800.0))
    for px, py in pos.values():
        assert 0 < px < 1200 and 0 < py < 800
