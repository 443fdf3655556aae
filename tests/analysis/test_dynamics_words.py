"""Every sentence about the region's dynamics, read back against figures computed
independently, on many random designs (sparse ones too, whose region falls apart early).

The claims test checks the figures a finding carries; this one reads the words: the
counts and percentages in the text, and what the sentence says they mean."""

from __future__ import annotations

import re

import pytest

from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.dynamics_words import (
    gain_sentence,
    gatekeeper_sentence,
    resilience_sentence,
    spread_sentence,
)
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.analysis.suggest import suggest
from cluster_designer.model import Design, Location
from tests.analysis.analysis_designs import build
from tests.analysis.dynamics_designs import random_design
from tests.analysis.test_brokerage import independent_counts
from tests.analysis.test_resilience import independent_degree_attack
from tests.analysis.test_spread import independent_spread

DESIGNS = 160


def design_for(seed: int) -> Design:
    actors = 8 + seed % 23
    ties = (seed * 7) % (2 * actors) + 1  # from almost none to two per actor
    return random_design(9000 + seed, actors=actors, ties=ties)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def check_losing(text: str, design: Design) -> None:
    """'Losing X alone …' / 'Losing the q best-connected actors …' / a split region."""
    removed, shares = independent_degree_attack(design)
    first_half = next(q for q, s in enumerate(shares) if s <= 0.5)
    if "Losing" in text:
        assert first_half >= 1, text  # never "losing the 0 best-connected actors"
        match = re.search(r"Losing the (\d+) best-connected", text)
        if match:
            assert int(match.group(1)) == first_half, text
        else:
            assert first_half == 1, text
            assert design.actor(removed[0]).name in text, text
    else:
        assert first_half == 0, text
        assert "already split" in text, text  # no group holds over half before any loss


def check_reach(text: str, design: Design, theta: float = 0.5) -> None:
    seeds = sorted(
        a.id
        for a in design.actors.values()
        if a.location is Location.REGION and a.sector.value == "university"
    )
    rounds = independent_spread(design, seeds, theta)
    reached = set(seeds).union(*rounds)
    region = [a.id for a in design.actors.values() if a.location is Location.REGION]
    share = sum(1 for a in region if a in reached) / len(region)
    assert percent(share) in text, text
    if rounds:
        plural = "round" if len(rounds) == 1 else "rounds"
        assert f"in {len(rounds)} {plural}" in text, text
    else:
        assert "no further than the universities" in text or "in 0 rounds" in text, text


def check_gatekeepers(text: str, design: Design) -> None:
    counts = independent_counts(design, "location")
    keepers = {
        a: c["gatekeeper"]
        for a, c in counts.items()
        if c["gatekeeper"] and design.actor(a).location is Location.REGION
    }
    if text.startswith("Only "):
        assert len(keepers) == 1, text
        assert design.actor(next(iter(keepers))).name in text
    elif "No " in text or "no region actor" in text:
        assert not keepers, text
    else:
        match = re.match(r"(\d+) region actors? pass", text)
        assert match and int(match.group(1)) == len(keepers), text
        top = max(keepers.values())
        assert percent(top / sum(keepers.values())) in text, text


@pytest.mark.parametrize("chunk", range(4))
def test_the_diagnosis_words_match_the_figures(chunk: int) -> None:
    for seed in range(chunk * DESIGNS // 4, (chunk + 1) * DESIGNS // 4):
        design = design_for(seed)
        for finding in diagnose(evaluate(design)).dynamics:
            if finding.code == "resilience":
                check_losing(finding.text, design)
            elif finding.code == "chain_reaction":
                check_reach(finding.text, design)
            elif finding.code.startswith("gatekeepers:"):
                check_gatekeepers(finding.text, design)


@pytest.mark.parametrize("chunk", range(4))
def test_the_panel_and_command_line_words_match_the_figures(chunk: int) -> None:
    for seed in range(chunk * DESIGNS // 4, (chunk + 1) * DESIGNS // 4):
        design = design_for(seed)
        region = [a for a in design.actors.values() if a.location is Location.REGION]
        check_gatekeepers(gatekeeper_sentence(brokerage(design, "location")), design)
        if region:
            check_losing(resilience_sentence(resilience(design)), design)
            if any(a.sector.value == "university" for a in region):
                check_reach(spread_sentence(spread(design)), design)


@pytest.mark.parametrize("seed", range(12))
def test_the_gain_words_match_the_figures(seed: int) -> None:
    design = random_design(7000 + seed, actors=14, ties=14)
    for goal in ("robustness", "spread"):
        result = suggest(design, goal, 3)
        for tie in result.ties:
            text = gain_sentence(result, tie)
            before = tie.value - tie.gain
            if goal == "robustness" and before > 0:
                assert percent(tie.gain / before) + " more removals" in text, text
            elif goal == "spread":
                count = round(tie.gain * result.region_actors)
                assert count >= 1 and f"reaches {count} more region actor" in text, text


def test_a_region_already_split_in_halves_is_said_so() -> None:
    design = build(
        "halves",
        [("A", "company"), ("B", "company"), ("C", "university"), ("D", "support")],
        [("A", "B"), ("C", "D")],
    )
    finding = next(f for f in diagnose(evaluate(design)).dynamics if f.code == "resilience")
    assert "Losing the 0" not in finding.text
    check_losing(finding.text, design)
    check_losing(resilience_sentence(resilience(design)), design)
