"""Brokerage roles: a hand-worked case, closure, groupings, and an independent count."""

from __future__ import annotations

import pytest

from cluster_designer.analysis import AnalysisError
from cluster_designer.analysis.brokerage import ROLES, RoleCounts, brokerage, role_of
from cluster_designer.model import Design, Location, TieKind, make_tie
from tests.analysis.analysis_designs import build
from tests.analysis.dynamics_designs import four_brokers, random_design


def _counts(result, actor: str) -> dict[str, int]:
    return result.to_dict()["actors"][actor]


def test_four_actors_by_sector_worked_by_hand() -> None:
    # D: A→B, B→A, B→C, C→D, D→C, A→D. Open two-paths a→b→c (no a→c):
    # B→A→D (liaison: company, university, support), A→B→C (gatekeeper: university into
    # companies), B→C→D (representative: companies out to support), A→D→C (liaison).
    result = brokerage(four_brokers(), "sector")
    assert _counts(result, "A") == {**dict.fromkeys(ROLES, 0), "liaison": 1, "total": 1}
    assert _counts(result, "B") == {**dict.fromkeys(ROLES, 0), "gatekeeper": 1, "total": 1}
    assert _counts(result, "C") == {**dict.fromkeys(ROLES, 0), "representative": 1, "total": 1}
    assert _counts(result, "D") == {**dict.fromkeys(ROLES, 0), "liaison": 1, "total": 1}
    assert result.to_dict()["totals"] == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 1,
        "gatekeeper": 1,
        "liaison": 2,
        "total": 4,
    }


def test_four_actors_by_location_worked_by_hand() -> None:
    # The same paths with D outside the region: region, region, outside → representative;
    # A→B→C stays inside → coordinator; A→D→C passes through the outside → itinerant.
    result = brokerage(four_brokers(domestic_support=True), "location")
    assert _counts(result, "A")["representative"] == 1
    assert _counts(result, "B")["coordinator"] == 1
    assert _counts(result, "C")["representative"] == 1
    assert _counts(result, "D")["itinerant"] == 1
    assert result.totals.total == 4
    assert result.groups == "location"
    assert result.group_of == {"A": "region", "B": "region", "C": "region", "D": "outside"}


def test_a_direct_tie_closes_the_brokerage() -> None:
    design = four_brokers()
    design.add_tie(make_tie(source="A", target="C", kind="funding"))
    result = brokerage(design, "sector")
    assert _counts(result, "B")["gatekeeper"] == 0  # A reaches C without B now


def test_region_gatekeeper_brings_the_outside_in() -> None:
    design = build(
        "gate",
        [("X", "company", "overseas"), ("G", "company"), ("R1", "company"), ("R2", "support")],
        [("X", "G", "technology_transfer"), ("G", "R1"), ("G", "R2", "human_resources")],
    )
    result = brokerage(design, "location")
    assert _counts(result, "G")["gatekeeper"] == 2  # X→G→R1 and X→G→R2
    assert result.region_gatekeepers() == ["G"]
    assert result.actors["G"].dominant == "gatekeeper"


def test_every_actor_and_role_is_present_even_without_ties() -> None:
    design = build("lonely", [("A", "company"), ("B", "university")])
    data = brokerage(design).to_dict()
    assert set(data) == {"design", "groups", "actors", "totals"}
    assert data["actors"] == {a: {**dict.fromkeys(ROLES, 0), "total": 0} for a in ("A", "B")}
    assert brokerage(design).actors["A"].dominant is None


def test_actors_are_listed_in_the_design_order() -> None:
    design = build("order", [("Z", "company"), ("A", "company"), ("M", "support")])
    assert list(brokerage(design).to_dict()["actors"]) == ["Z", "A", "M"]


def test_role_of_covers_the_five_roles() -> None:
    assert role_of("x", "x", "x") == "coordinator"
    assert role_of("y", "x", "y") == "itinerant"
    assert role_of("x", "x", "y") == "representative"
    assert role_of("y", "x", "x") == "gatekeeper"
    assert role_of("y", "x", "z") == "liaison"


def test_dominant_role_prefers_gatekeepers_on_equal_counts() -> None:
    assert RoleCounts(coordinator=2, gatekeeper=2).dominant == "gatekeeper"
    assert RoleCounts(liaison=1, representative=1).dominant == "liaison"
    assert RoleCounts(representative=3, gatekeeper=2).dominant == "representative"


def test_dominant_role_is_a_role_between_groups_when_there_is_one() -> None:
    # Brokering inside its own group is what most actors do most; linking groups shows.
    assert RoleCounts(coordinator=30, gatekeeper=2).dominant == "gatekeeper"
    assert RoleCounts(coordinator=30, itinerant=1).dominant == "itinerant"
    assert RoleCounts(coordinator=3).dominant == "coordinator"
    assert RoleCounts().dominant is None


def test_unknown_grouping_and_engine_are_refused() -> None:
    with pytest.raises(AnalysisError, match="grouping"):
        brokerage(four_brokers(), "region")
    with pytest.raises(AnalysisError, match="engine"):
        brokerage(four_brokers(), engine="magic")


def independent_counts(design: Design, groups: str) -> dict[str, dict[str, int]]:
    """The definition read literally from the design's ties."""
    arcs: set[tuple[str, str]] = set()
    for tie in design.ties.values():
        arcs.add((tie.source, tie.target))
        if tie.kind in (TieKind.COLLABORATION, TieKind.INFORMATION):
            arcs.add((tie.target, tie.source))

    def group(actor_id: str) -> str:
        actor = design.actor(actor_id)
        if groups == "sector":
            return actor.sector.value
        return "region" if actor.location is Location.REGION else "outside"

    ids = list(design.actors)
    result = {a: {**dict.fromkeys(ROLES, 0), "total": 0} for a in ids}
    for b in ids:
        for a in ids:
            for c in ids:
                if len({a, b, c}) < 3 or (a, b) not in arcs or (b, c) not in arcs:
                    continue
                if (a, c) in arcs:
                    continue
                result[b][role_of(group(a), group(b), group(c))] += 1
                result[b]["total"] += 1
    return result


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("groups", ["sector", "location"])
def test_both_engines_match_an_independent_count(seed: int, groups: str) -> None:
    design = random_design(seed, actors=18, ties=45)
    expected = independent_counts(design, groups)
    for engine in ("fast", "networkx"):
        assert brokerage(design, groups, engine=engine).to_dict()["actors"] == expected


@pytest.mark.parametrize("seed", range(4))
def test_fast_path_equals_networkx_on_bigger_designs(seed: int) -> None:
    design = random_design(100 + seed, actors=150, ties=600)
    for groups in ("sector", "location"):
        assert brokerage(design, groups, engine="fast") == brokerage(
            design, groups, engine="networkx"
        )


def test_an_empty_design() -> None:
    result = brokerage(Design("empty"))
    assert result.to_dict() == {
        "design": "empty",
        "groups": "sector",
        "actors": {},
        "totals": {**dict.fromkeys(ROLES, 0), "total": 0},
    }
