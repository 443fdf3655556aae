"""The chain reaction: Krackhardt's kite by hand, the rules, and an independent simulation."""

from __future__ import annotations

import math

import pytest

from cluster_designer.analysis import AnalysisError
from cluster_designer.analysis.spread import spread
from cluster_designer.model import Design, Location
from tests.analysis.analysis_designs import build
from tests.analysis.dynamics_designs import kite, random_design


def test_kite_from_the_universities_reaches_everyone_in_six_rounds() -> None:
    # Seeds Andre (K0) and Diane (K3). Round 1: Beverly 2/4 and Carol 2/3; round 2: Ed 2/3
    # and Fernando 3/5; round 3: Garth 4/5; then Heather 2/3, Ike 1/2, Jane 1/1.
    result = spread(kite())
    assert result.seeds == ("K0", "K3")
    assert result.rounds == (("K1", "K2"), ("K4", "K5"), ("K6",), ("K7",), ("K8",), ("K9",))
    assert result.reached == 10
    assert result.reached_share == 1.0
    assert result.region_reached_share == 1.0
    assert result.reach_per_round == [2, 4, 6, 7, 8, 9, 10]
    assert result.round_of["K6"] == 3


def test_kite_with_a_higher_threshold_stops_early() -> None:
    # θ = 0.6: Beverly's 2/4 is not enough; Carol 2/3, then Fernando 3/5 = 0.6 exactly.
    result = spread(kite(), threshold=0.6)
    assert result.rounds == (("K2",), ("K5",))
    assert result.reached == 4
    assert result.reached_share == pytest.approx(0.4)


def test_kite_from_heather() -> None:
    result = spread(kite(), seeds=["K7"])
    assert result.rounds == (("K8",), ("K9",))
    assert result.to_dict() == {
        "design": "kite",
        "seeds": ["K7"],
        "threshold": 0.5,
        "rounds": [["K8"], ["K9"]],
        "reached": 3,
        "reached_share": 0.3,
        "region_reached_share": 0.3,
    }


def test_threshold_one_needs_every_partner() -> None:
    result = spread(kite(), seeds=["K8"], threshold=1.0)
    assert result.rounds == (("K9",),)


def test_a_share_just_under_the_threshold_counts_within_the_tolerance() -> None:
    # A has partners S, B and C: 1/3 reached. θ a little above 1/3, but within 1e-9 of it:
    # reached (and then B and C, whose only partner is A).
    design = build("third", [(x, "company") for x in "SABC"], [("S", "A"), ("A", "B"), ("A", "C")])
    assert spread(design, seeds=["S"], threshold=1 / 3 + 5e-10).rounds == (("A",), ("B", "C"))
    assert spread(design, seeds=["S"], threshold=1 / 3 + 5e-9).rounds == ()


def test_actors_without_partners_are_never_reached() -> None:
    design = build(
        "island", [("U", "university"), ("C", "company"), ("I", "company")], [("U", "C")]
    )
    result = spread(design)
    assert result.rounds == (("C",),)
    assert result.reached == 2


def test_outside_actors_count_in_reach_but_not_in_the_region_share() -> None:
    design = build(
        "outside",
        [("U", "university"), ("X", "company", "overseas"), ("C", "company")],
        [("U", "X"), ("X", "C")],
    )
    result = spread(design)
    assert result.reached == 3
    assert result.reached_share == 1.0
    assert result.region_reached_share == 1.0  # U and C of the two region actors


def test_no_region_actors_gives_no_region_share() -> None:
    design = build(
        "away", [("X", "university", "domestic"), ("Y", "company", "overseas")], [("X", "Y")]
    )
    result = spread(design, seeds=["X"])
    assert result.region_reached_share is None
    assert result.reached == 2
    assert spread(design).seeds == ()  # no region university to start from


def test_bad_input_is_refused() -> None:
    with pytest.raises(AnalysisError, match="'NOPE'"):
        spread(kite(), seeds=["NOPE"])
    for bad in (0, -0.1, 1.01, math.nan):
        with pytest.raises(AnalysisError, match=r"outside \(0, 1\]"):
            spread(kite(), threshold=bad)


def independent_spread(design: Design, seeds: list[str], theta: float) -> list[list[str]]:
    partners: dict[str, set[str]] = {a: set() for a in design.actors}
    for tie in design.ties.values():
        partners[tie.source].add(tie.target)
        partners[tie.target].add(tie.source)
    reached = set(seeds)
    rounds = []
    while True:
        new = sorted(
            a
            for a in design.actors
            if a not in reached
            and partners[a]
            and len(partners[a] & reached) / len(partners[a]) >= theta - 1e-9
        )
        if not new:
            return rounds
        reached.update(new)
        rounds.append(new)


@pytest.mark.parametrize("seed", range(15))
def test_both_engines_match_an_independent_simulation(seed: int) -> None:
    design = random_design(seed, actors=40, ties=70)
    ids = sorted(design.actors)
    seeds = ids[seed % 5 :: 9]
    theta = (0.2, 0.34, 0.5, 0.67)[seed % 4]
    expected = independent_spread(design, seeds, theta)
    region = [a for a in design.actors.values() if a.location is Location.REGION]
    for engine in ("fast", "networkx"):
        result = spread(design, seeds=seeds, threshold=theta, engine=engine)
        assert [list(r) for r in result.rounds] == expected
        reached = set(seeds).union(*expected)
        assert result.reached == len(reached)
        assert result.region_reached_share == pytest.approx(
            sum(1 for a in region if a.id in reached) / len(region)
        )


def test_an_empty_design() -> None:
    result = spread(Design("empty"))
    assert (result.reached, result.reached_share, result.region_reached_share) == (0, 0.0, None)
