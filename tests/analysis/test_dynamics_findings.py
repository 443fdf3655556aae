"""The dynamics figures every evaluation carries, and the diagnosis's sentences about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.model import Design
from cluster_designer.storage import Project
from tests.analysis.analysis_designs import build
from tests.analysis.dynamics_designs import random_design
from tests.analysis.test_resilience import independent_degree_attack

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.cluster"


def sample(name: str) -> Design:
    project = Project.open(SAMPLE)
    try:
        return project.load_design(name)
    finally:
        project.close()


def finding(design: Design, code: str):
    return next(f for f in diagnose(evaluate(design)).findings if f.code.startswith(code))


@pytest.mark.parametrize("seed", range(10))
def test_evaluate_json_carries_the_analyses_figures(seed: int) -> None:
    design = random_design(seed, actors=30, ties=50)
    data = evaluate(design).to_dict()
    roles = brokerage(design, "location")
    keepers = roles.region_gatekeepers()
    assert data["brokerage"]["region_gatekeepers"] == len(keepers)
    reaction = spread(design)
    assert data["spread"]["region_reached_share"] == reaction.region_reached_share
    assert data["spread"]["rounds"] == len(reaction.rounds)
    attack = resilience(design)
    assert data["resilience"]["robustness"] == attack.robustness
    assert data["resilience"]["removals_to_half"] == attack.removals_to_halve()


def test_the_company_town_in_words() -> None:
    town = sample("Company town (2024)")
    gate = finding(town, "gatekeepers")
    assert gate.text == (
        "2 region actors pass outside flows on; Asakawa Motor Industries handles 96% of it."
    )
    assert gate.actor_ids[0] == "C01"
    reaction = finding(town, "chain_reaction")
    assert reaction.text.startswith(
        "An idea from the region's universities reaches 8% of the region in 1 round."
    )
    assert reaction.severity == "warning"
    robust = finding(town, "resilience")
    assert robust.text == (
        "Losing Asakawa Motor Industries alone leaves at most half of the region connected "
        "(robustness 0.045)."
    )
    assert robust.actor_ids == ("C01",)


def test_a_single_gatekeeper_is_named() -> None:
    design = build(
        "gate",
        [("X", "company", "overseas"), ("G", "company"), ("R1", "company"), ("R2", "support")],
        [("X", "G", "technology_transfer"), ("G", "R1"), ("G", "R2", "human_resources")],
    )
    found = finding(design, "gatekeepers")
    assert found.code == "gatekeepers:single"
    assert found.text.startswith("Only G passes outside flows on — a single gatekeeper.")
    assert found.actor_ids == ("G",)
    assert found.severity == "warning"


def test_no_gatekeeper_finding_without_inflows() -> None:
    design = build("inside", [("A", "company"), ("B", "university"), ("C", "support")])
    codes = [f.code for f in diagnose(evaluate(design)).findings]
    assert not any(c.startswith("gatekeepers") for c in codes)


def test_no_university_means_no_chain_reaction() -> None:
    design = build("firms", [("A", "company"), ("B", "company"), ("C", "support")], [("A", "B")])
    assert finding(design, "chain_reaction").code == "chain_reaction:no_seeds"


@pytest.mark.parametrize("seed", range(40))
def test_the_named_actors_are_the_right_ones(seed: int) -> None:
    design = random_design(500 + seed, actors=25, ties=40)
    diagnosis = diagnose(evaluate(design))
    for f in diagnosis.dynamics:
        if f.code == "resilience" and f.actor_ids:
            removed, shares = independent_degree_attack(design)
            assert f.actor_ids == (removed[0],)
            assert shares[1] <= 0.5
            assert design.actor(removed[0]).name in f.text
        if f.code.startswith("gatekeepers:") and f.actor_ids:
            roles = brokerage(design, "location")
            counts = {a: roles.actors[a].gatekeeper for a in f.actor_ids}
            top = max(counts.values())
            assert counts[f.actor_ids[0]] == top
            assert design.actor(f.actor_ids[0]).name in f.text
