"""What the meeting brief says about a design (and its baseline), worked out without Qt.

`brief_content(design, baseline)` evaluates and diagnoses the design, counts its concept
figure, reads the dynamics (who keeps the gate into the region, how far the universities'
chain reaction reaches, what losing the best-connected actors does, which new ties would
help most) and sets the key figures beside the baseline's with the change marked better or
worse by each metric's direction (`METRIC_INFO`). The figures are the evaluation's own
(`Evaluation.metrics()`, the numbers of `evaluate --json`); the printed brief formats them
with `report.format_value`. The window runs this on a worker thread, the command line
directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from ..i18n import N_
from ..model import Design
from .brokerage import Brokerage, brokerage_of_graph
from .concept import ConceptSummary, concept_summary
from .diagnosis import Diagnosis, diagnose
from .evaluate import evaluate
from .metric_info import METRIC_INFO
from .network import graph_of
from .resilience import Resilience, resilience_of_graph
from .results import Cancelled, Evaluation, Number
from .spread import Spread, spread_of_graph
from .suggest import Suggestions, suggest_for_graph

Verdict = Literal["better", "worse"] | None
GATEKEEPERS_SHOWN = 5
SUGGESTED_TIES = 5
SUGGEST_MAX_ACTORS = 3000  # beyond this the search takes minutes: the brief says where to run it

# The key figures of the brief, in groups. The origin figures are left out when neither
# design records an origin, the group figures when neither has a group (`_recorded`).
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Who is on the map"), ("actors.total", "actors.by_location.region", "ties.total")),
    (
        N_("How the region works together"),
        (
            "density.region",
            "ei_index",
            "density.sector_blocks.company-university",
            "density.sector_blocks.company-company",
            "density.sector_blocks.company-support",
            "clustering.average",
        ),
    ),
    (
        N_("Dependence and cohesion"),
        ("centralization.degree", "components.largest_share", "components.isolates"),
    ),
    (
        N_("What flows in from outside"),
        ("inflows.count", "inflows.reached_share", "inflows.overseas_share"),
    ),
    (
        N_("Gatekeepers, chain reaction and resilience"),
        (
            "brokerage.region_gatekeepers",
            "spread.region_reached_share",
            "resilience.robustness",
            "resilience.removals_to_half",
        ),
    ),
    (
        N_("Origins and joint organizations"),
        (
            "arrivals.count",
            "arrivals.share",
            "arrivals.university_spin_offs",
            "groups.count",
            "groups.triple_helix_share",
            "groups.with_outside_share",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class KeyFigure:
    key: str  # the dotted metric name of `evaluate --json`
    value: Number | None
    baseline: Number | None
    delta: Number | None  # value − baseline; None without a baseline or a value
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Gatekeeper:
    id: str
    name: str
    brokerages: int  # times it passes what comes from outside the region on inside it


@dataclass(frozen=True, slots=True)
class BriefSide:
    """One design, analysed for the brief."""

    design: Design
    evaluation: Evaluation
    diagnosis: Diagnosis
    concept: ConceptSummary
    gatekeepers: tuple[Gatekeeper, ...]
    spread: Spread
    resilience: Resilience
    suggestions: Suggestions | None
    suggestions_skipped: bool = False  # a design too large to search in a brief

    @property
    def name(self) -> str:
        return self.design.name


@dataclass(frozen=True, slots=True)
class BriefContent:
    main: BriefSide
    baseline: BriefSide | None
    groups: tuple[tuple[str, tuple[KeyFigure, ...]], ...]  # (heading, figures)

    @property
    def key_figures(self) -> tuple[KeyFigure, ...]:
        return tuple(f for _heading, figures in self.groups for f in figures)


def verdict(key: str, delta: Number | None) -> Verdict:
    """Whether a change is good for the region, by the metric's better direction."""
    better = METRIC_INFO.get(key, (key, "", None))[2]
    if better is None or delta is None or abs(delta) < 1e-12:
        return None
    return "better" if (delta > 0) == (better == "higher") else "worse"


def analyse_side(
    design: Design, suggestions: bool = True, cancelled: Callable[[], bool] | None = None
) -> BriefSide:
    def checkpoint() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled

    evaluation = evaluate(design, cancelled=cancelled)
    diagnosis = diagnose(evaluation)
    checkpoint()
    graph = graph_of(design)
    roles = brokerage_of_graph(graph, "location", cancelled=cancelled)
    checkpoint()
    reaction = spread_of_graph(graph, cancelled=cancelled)
    attack = resilience_of_graph(graph, cancelled=cancelled)
    checkpoint()
    skipped = suggestions and graph.n > SUGGEST_MAX_ACTORS
    suggested = (
        suggest_for_graph(graph, "robustness", SUGGESTED_TIES, cancelled=cancelled)
        if suggestions and not skipped and sum(graph.in_region) >= 2
        else None
    )
    return BriefSide(
        design=design,
        evaluation=evaluation,
        diagnosis=diagnosis,
        concept=concept_summary(design),
        gatekeepers=_gatekeepers(roles),
        spread=reaction,
        resilience=attack,
        suggestions=suggested,
        suggestions_skipped=skipped,
    )


def brief_content(
    design: Design,
    baseline: Design | None = None,
    *,
    suggestions: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> BriefContent:
    """Everything the brief shows about `design` and, when given, its `baseline`."""
    main = analyse_side(design, suggestions, cancelled)
    base = analyse_side(baseline, False, cancelled) if baseline is not None else None
    before = base.evaluation if base is not None else None
    return BriefContent(main, base, key_figure_groups(main.evaluation, before))


def key_figure_groups(
    evaluation: Evaluation, baseline: Evaluation | None
) -> tuple[tuple[str, tuple[KeyFigure, ...]], ...]:
    values = evaluation.metrics()
    before: Mapping[str, Number | None] = baseline.metrics() if baseline is not None else {}
    groups = []
    for heading, keys in KEY_FIGURES:
        figures = []
        for key in keys:
            if key not in values or not _recorded(key, evaluation, baseline):
                continue
            value = values[key]
            old = before.get(key) if baseline is not None else None
            delta = None if value is None or old is None else value - old
            figures.append(KeyFigure(key, value, old, delta, verdict(key, delta)))
        if figures:
            groups.append((heading, tuple(figures)))
    return tuple(groups)


def _recorded(key: str, evaluation: Evaluation, baseline: Evaluation | None) -> bool:
    """Whether the design or its baseline says anything the figure could count."""
    sides = (evaluation,) if baseline is None else (evaluation, baseline)
    if key.startswith("arrivals."):
        return any(e.arrivals.recorded for e in sides)
    if key.startswith("groups."):
        return any(e.groups.count for e in sides)
    return True


def _gatekeepers(roles: Brokerage) -> tuple[Gatekeeper, ...]:
    keepers = roles.region_gatekeepers()[:GATEKEEPERS_SHOWN]
    return tuple(
        Gatekeeper(actor, roles.names[actor], roles.actors[actor].gatekeeper) for actor in keepers
    )


__all__ = [
    "KEY_FIGURES",
    "BriefContent",
    "BriefSide",
    "Gatekeeper",
    "KeyFigure",
    "analyse_side",
    "brief_content",
    "key_figure_groups",
    "verdict",
]
