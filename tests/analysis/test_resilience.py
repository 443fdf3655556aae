"""Resilience: the star and the complete graph by hand, the random attack, and an
independent attack written with networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from cluster_designer.analysis import AnalysisError
from cluster_designer.analysis.resilience import resilience, robustness
from cluster_designer.model import Design, Location, make_actor, make_tie
from tests.analysis.analysis_designs import build
from tests.analysis.dynamics_designs import complete_region, random_design, star_region


def test_star_collapses_with_its_hub() -> None:
    # Hub H and four leaves in the region (the overseas partner X does not count):
    # s = 1, then 1/5 while leaves remain, then 0; robustness = (4·1/5 + 0)/5 = 4/25.
    result = resilience(star_region(4))
    assert result.removed == ("H", "L0", "L1", "L2", "L3")
    assert result.largest_share == (1.0, 0.2, 0.2, 0.2, 0.2, 0.0)
    assert result.robustness == pytest.approx(4 / 25)
    assert robustness(star_region(4)) == pytest.approx(4 / 25)


@pytest.mark.parametrize("leaves", [4, 9, 49])
def test_star_robustness_is_about_one_over_n(leaves: int) -> None:
    n = leaves + 1
    assert resilience(star_region(leaves)).robustness == pytest.approx((n - 1) / n**2)


def test_complete_graph_loses_one_actor_per_step() -> None:
    # s(q) = (4 − q)/4, robustness = (3 + 2 + 1 + 0)/16 = 3/8.
    result = resilience(complete_region(4))
    assert result.removed == ("V0", "V1", "V2", "V3")  # equal degrees: by name
    assert result.largest_share == (1.0, 0.75, 0.5, 0.25, 0.0)
    assert result.robustness == pytest.approx(3 / 8)


@pytest.mark.parametrize("n", [5, 20])
def test_complete_graph_robustness_approaches_one_half(n: int) -> None:
    assert resilience(complete_region(n)).robustness == pytest.approx((n - 1) / (2 * n))


def test_random_attack_on_a_complete_graph_is_the_same_curve() -> None:
    result = resilience(complete_region(6), attack="random", runs=7, seed=3)
    assert result.largest_share == pytest.approx(tuple((6 - q) / 6 for q in range(7)))
    assert result.to_dict()["runs"] == 7
    assert result.to_dict()["seed"] == 3
    assert "removed" not in result.to_dict()


def test_random_attack_is_repeatable_and_depends_on_the_seed() -> None:
    design = random_design(5, actors=40, ties=60)
    first = resilience(design, "random", runs=20, seed=1)
    assert first == resilience(design, "random", runs=20, seed=1)
    assert first.largest_share != resilience(design, "random", runs=20, seed=2).largest_share


def test_random_attack_hurts_a_star_less_than_the_degree_attack() -> None:
    design = star_region(9)
    assert resilience(design, "random").robustness > resilience(design).robustness


def test_equal_degrees_are_broken_by_name_then_id() -> None:
    design = build("pair", [("B", "company"), ("A", "company")], [("A", "B")])
    assert resilience(design).removed == ("A", "B")
    # same names: by id
    named = Design("twins")
    named.load(
        [make_actor(id=i, name="Twin", sector="company") for i in ("Z2", "Z1")],
        [make_tie(source="Z1", target="Z2", kind="collaboration")],
    )
    assert resilience(named).removed == ("Z1", "Z2")


def test_no_region_actors() -> None:
    design = build("away", [("X", "company", "overseas")])
    result = resilience(design)
    assert result.largest_share == ()
    assert result.robustness is None
    assert result.to_dict() == {
        "design": "away",
        "attack": "degree",
        "removed": [],
        "largest_share": [],
        "robustness": None,
    }
    assert robustness(design) is None


def test_bad_options_are_refused() -> None:
    with pytest.raises(AnalysisError, match="attack"):
        resilience(star_region(), attack="betweenness")
    with pytest.raises(AnalysisError, match="runs"):
        resilience(star_region(), attack="random", runs=0)


def independent_degree_attack(design: Design) -> tuple[list[str], list[float]]:
    region = [a for a in design.actors.values() if a.location is Location.REGION]
    graph = nx.Graph()
    graph.add_nodes_from(a.id for a in region)
    inside = {a.id for a in region}
    graph.add_edges_from(
        (t.source, t.target)
        for t in design.ties.values()
        if t.source in inside and t.target in inside
    )
    name = {a.id: a.name for a in region}
    n = len(region)
    shares = [max(map(len, nx.connected_components(graph))) / n]
    removed = []
    while graph:
        victim = sorted(graph, key=lambda a: (-graph.degree(a), name[a], a))[0]
        graph.remove_node(victim)
        removed.append(victim)
        shares.append(max(map(len, nx.connected_components(graph)), default=0) / n)
    return removed, shares


@pytest.mark.parametrize("seed", range(15))
def test_degree_attack_matches_an_independent_one(seed: int) -> None:
    design = random_design(seed, actors=35, ties=rng_ties(seed))
    removed, shares = independent_degree_attack(design)
    n = len(shares) - 1
    for engine in ("fast", "networkx"):
        result = resilience(design, engine=engine)
        assert list(result.removed) == removed
        assert list(result.largest_share) == pytest.approx(shares)
        assert result.robustness == pytest.approx(sum(shares[1:]) / n)


def rng_ties(seed: int) -> int:
    return random.Random(seed).randint(20, 90)


@pytest.mark.parametrize("seed", range(4))
def test_random_attack_engines_agree(seed: int) -> None:
    design = random_design(50 + seed, actors=30, ties=50)
    assert resilience(design, "random", runs=10, seed=seed, engine="fast") == resilience(
        design, "random", runs=10, seed=seed, engine="networkx"
    )


@pytest.mark.parametrize("seed", range(3))
def test_fast_degree_attack_equals_networkx_on_bigger_designs(seed: int) -> None:
    design = random_design(200 + seed, actors=250, ties=700)
    assert resilience(design, engine="fast") == resilience(design, engine="networkx")
