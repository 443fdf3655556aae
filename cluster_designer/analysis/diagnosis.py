"""diagnose(ev) → Diagnosis: what the design resembles and what a planner could do about it.

Every threshold lives in `Thresholds` (documented in docs/evaluation.md). Every sentence a
finding says about the design is backed by the figures it names: a finding carries those
figures (`figures`, by name, unrounded) and the relations the words assert about them
(`claims`), so a test — or a sceptical reader — can check each one against the numbers.
Figure names are the dotted metric names of `Evaluation.metrics()` plus a few derived ones
(see `FIGURE_NAMES`); `figure_value(ev, name)` reads any of them.

The findings are worked out by kind: the pattern in pattern_findings.py, a split network,
missing ties, single points of failure and openness in structure_findings.py, where actors
came from in origin_findings.py and the dynamics in dynamics_findings.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .claims import (
    DEFAULT_THRESHOLDS,
    FIGURE_NAMES,
    Claim,
    Finding,
    Severity,
    Thresholds,
    figure_value,
    join_sentences,
)
from .dynamics_findings import dynamics_findings
from .origin_findings import origin_findings
from .pattern_findings import pattern_finding
from .results import Evaluation
from .structure_findings import missing_ties, openness_finding, single_points, split_finding

__all__ = [
    "DEFAULT_THRESHOLDS",
    "FIGURE_NAMES",
    "PATTERNS",
    "Claim",
    "Diagnosis",
    "Finding",
    "Severity",
    "Thresholds",
    "diagnose",
    "figure_value",
    "join_sentences",
]

PATTERNS = ("company_town", "hub_and_spoke", "fragmented", "knowledge_cluster", "developing")


@dataclass(frozen=True, slots=True)
class Diagnosis:
    pattern: Finding  # code is one of PATTERNS
    missing_ties: tuple[Finding, ...]
    single_points: tuple[Finding, ...]
    openness: Finding
    thresholds: Thresholds = field(default=DEFAULT_THRESHOLDS)
    split: Finding | None = None  # the network falls apart into several groups
    dynamics: tuple[Finding, ...] = ()  # gatekeepers, the chain reaction, resilience
    origins: tuple[Finding, ...] = ()  # who moved in from outside, what the groups join

    @property
    def findings(self) -> tuple[Finding, ...]:
        split = () if self.split is None else (self.split,)
        return (
            self.pattern,
            *split,
            *self.missing_ties,
            *self.single_points,
            self.openness,
            *self.origins,
            *self.dynamics,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern.code,
            "findings": [f.to_dict() for f in self.findings],
        }


def diagnose(ev: Evaluation, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Diagnosis:
    return Diagnosis(
        pattern=pattern_finding(ev, thresholds),
        missing_ties=missing_ties(ev, thresholds),
        single_points=single_points(ev, thresholds),
        openness=openness_finding(ev, thresholds),
        thresholds=thresholds,
        split=split_finding(ev),
        dynamics=dynamics_findings(ev),
        origins=origin_findings(ev),
    )
