"""diagnose(ev) → Diagnosis: what the design resembles and what a planner could do about it.

Every threshold lives in `Thresholds` (documented in docs/evaluation.md). Findings are
short titles with one or two plain sentences, so the GUI and the text report can show
them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model.enums import SECTOR_PLURALS
from .evaluate import BLOCK_KEYS
from .results import Evaluation

Severity = Literal["good", "info", "warning"]

PATTERNS = ("company_town", "hub_and_spoke", "fragmented", "knowledge_cluster", "developing")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers the diagnosis compares against — the only place they are set."""

    min_actors: int = 3  # below this there is too little to judge
    fragmented_largest_share: float = 0.6  # largest connected group under this share …
    fragmented_isolate_share: float = 0.25  # … or at least this share of actors without ties
    hub_centralization: float = 0.4  # degree centralization from which one actor dominates
    company_town_peer_density: float = 0.1  # at most this among the other region companies
    cluster_largest_share: float = 0.8  # knowledge cluster: almost everyone connected
    cluster_max_centralization: float = 0.4  # … no single dominant actor
    cluster_min_clustering: float = 0.2  # … partners of an actor also work together
    cluster_min_mean_degree: float = 2.5  # … each actor has several partners
    cluster_min_reached_share: float = 0.15  # … and draws in from outside the region
    weak_block_ratio: float = 0.5  # a sector pair under half the region's density is weak
    failure_drop: float = 0.2  # losing a broker shrinks the largest group by this share
    open_reached_share: float = 0.25  # this share of region actors drawing in = open


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    title: str
    text: str
    severity: Severity = "info"
    actor_ids: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "text": self.text,
            "severity": self.severity,
            "actor_ids": list(self.actor_ids),
            "sectors": list(self.sectors),
        }


@dataclass(frozen=True, slots=True)
class Diagnosis:
    pattern: Finding  # code is one of PATTERNS
    missing_ties: tuple[Finding, ...]
    single_points: tuple[Finding, ...]
    openness: Finding
    thresholds: Thresholds = field(default=DEFAULT_THRESHOLDS)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.pattern, *self.missing_ties, *self.single_points, self.openness)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern.code,
            "findings": [f.to_dict() for f in self.findings],
        }


def diagnose(ev: Evaluation, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Diagnosis:
    return Diagnosis(
        pattern=_pattern(ev, thresholds),
        missing_ties=_missing_ties(ev, thresholds),
        single_points=_single_points(ev, thresholds),
        openness=_openness(ev, thresholds),
        thresholds=thresholds,
    )


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _pattern(ev: Evaluation, t: Thresholds) -> Finding:
    n = ev.actors.total
    if n < t.min_actors or ev.ties.total == 0:
        return Finding(
            "developing",
            "Developing network",
            "There are too few actors or ties yet to recognise a pattern. "
            "Add the organizations of the region and how they work together.",
        )
    isolate_share = ev.components.isolates / n
    if ev.components.largest_share < t.fragmented_largest_share or (
        isolate_share >= t.fragmented_isolate_share
    ):
        return Finding(
            "fragmented",
            "Fragmented network",
            f"The actors form {ev.components.count} separate groups; the largest holds only "
            f"{_pct(ev.components.largest_share)} of them and {ev.components.isolates} have no tie "
            "at all. Knowledge cannot travel between groups that never meet.",
            "warning",
            actor_ids=ev.isolate_ids,
        )
    hub = ev.dominant
    central = ev.centralization.degree >= t.hub_centralization
    if central and hub is not None:
        if (
            hub.sector == "company"
            and hub.location == "region"
            and (hub.peer_density is None or hub.peer_density <= t.company_town_peer_density)
        ):
            return Finding(
                "company_town",
                "Company town",
                f"Most ties run to {hub.name} ({hub.degree} partners), while the other firms "
                "of the region are barely tied to one another. The region depends on one "
                "employer; ties among the smaller firms and to universities would spread the risk.",
                "warning",
                actor_ids=(hub.id,),
            )
        return Finding(
            "hub_and_spoke",
            "Hub-and-spoke network",
            f"The network is organised around {hub.name} ({hub.degree} partners); most other "
            "actors reach each other only through it. Direct ties between the spokes would make "
            "the network less dependent on one actor.",
            "warning",
            actor_ids=(hub.id,),
        )
    if _is_knowledge_cluster(ev, t):
        return Finding(
            "knowledge_cluster",
            "Knowledge cluster",
            "Universities, companies and support organizations are tied across sectors, "
            "partners of an actor also work with each other, and the region draws in "
            "from outside. This is the pattern a knowledge cluster aims for.",
            "good",
        )
    return Finding(
        "developing",
        "Developing network",
        "The network is connected but does not yet show a clear pattern. The findings below "
        "show which ties would move it towards a knowledge cluster.",
    )


def _is_knowledge_cluster(ev: Evaluation, t: Thresholds) -> bool:
    region_sectors_present = all(
        ev.density.sector_blocks[key] is not None
        for key in ("company-university", "company-support", "support-university")
    )
    if not region_sectors_present:
        return False
    cross_tied = all(
        (ev.density.sector_blocks[key] or 0.0) > 0
        for key in ("company-university", "company-support", "support-university")
    )
    firms_tied = ev.density.sector_blocks["company-company"] != 0.0
    return (
        cross_tied
        and firms_tied
        and ev.components.largest_share >= t.cluster_largest_share
        and ev.centralization.degree < t.cluster_max_centralization
        and ev.clustering.average >= t.cluster_min_clustering
        and ev.mean_degree >= t.cluster_min_mean_degree
        and (ev.inflows.reached_share or 0.0) >= t.cluster_min_reached_share
    )


def _missing_ties(ev: Evaluation, t: Thresholds) -> tuple[Finding, ...]:
    if ev.actors.by_location["region"] == 0:
        return ()
    absent = [s for s in ("university", "company", "support") if ev.actors.region_by_sector[s] == 0]
    findings = [
        Finding(
            f"no_{s}",
            f"No {SECTOR_PLURALS[s]} in the region",
            f"The region has no {SECTOR_PLURALS[s]}, so none of the others can work with one "
            "locally. Consider whether one should be attracted or founded.",
            "warning",
            sectors=(s,),
        )
        for s in absent
    ]
    weak: list[Finding] = []
    for key in BLOCK_KEYS:
        value = ev.density.sector_blocks[key]
        a, b = key.split("-")
        if value is None:
            continue
        pair = _pair_words(a, b)
        if value == 0.0:
            findings.append(
                Finding(
                    f"missing:{key}",
                    f"No ties {pair}",
                    f"In the region there is not a single tie {pair}. "
                    "Joint projects or regular meetings here would open a new channel.",
                    "warning",
                    sectors=(a, b),
                )
            )
        elif value < t.weak_block_ratio * ev.density.region:
            weak.append(
                Finding(
                    f"weak:{key}",
                    f"Few ties {pair}",
                    f"Ties {pair} are much sparser ({value:.3f}) than in the region as a whole "
                    f"({ev.density.region:.3f}).",
                    "info",
                    sectors=(a, b),
                )
            )
    return tuple(findings + weak)


def _pair_words(a: str, b: str) -> str:
    if a == b:
        return f"among {SECTOR_PLURALS[a]}"
    return f"between {SECTOR_PLURALS[a]} and {SECTOR_PLURALS[b]}"


def _single_points(ev: Evaluation, t: Thresholds) -> tuple[Finding, ...]:
    findings = []
    for broker in ev.brokers:
        if broker.betweenness <= 0:
            continue
        drop = ev.components.largest_share - broker.largest_share_without
        if drop >= t.failure_drop:
            findings.append(
                Finding(
                    f"single_point:{broker.id}",
                    f"Single point of failure: {broker.name}",
                    f"If {broker.name} dropped out, the largest connected group would shrink "
                    f"from {_pct(ev.components.largest_share)} to "
                    f"{_pct(broker.largest_share_without)} of the actors. A second route "
                    "around it would make the network sturdier.",
                    "warning",
                    actor_ids=(broker.id,),
                )
            )
    return tuple(findings)


def _openness(ev: Evaluation, t: Thresholds) -> Finding:
    inflows = ev.inflows
    if inflows.reached_share is None:
        return Finding(
            "openness:none",
            "No actors inside the region",
            "Mark the actors that are located in the region to see how open it is.",
        )
    if inflows.count == 0:
        return Finding(
            "openness:closed",
            "Closed to the outside",
            "Nothing flows into the region from outside: no people, funding, technology or "
            "information from domestic or overseas partners. Ties to outside partners would "
            "bring in new knowledge.",
            "warning",
        )
    overseas = inflows.overseas_share or 0.0
    ties = "1 tie brings" if inflows.count == 1 else f"{inflows.count} ties bring"
    detail = (
        f"{ties} people, money, technology or information in, reaching "
        f"{_pct(inflows.reached_share)} of the region's actors; {_pct(overseas)} of them "
        "come from overseas."
    )
    if inflows.reached_share >= t.open_reached_share:
        return Finding("openness:open", "Open to the outside", detail, "good")
    return Finding(
        "openness:narrow",
        "Only a few actors draw in from outside",
        detail + " Spreading outside ties over more actors would make the region less "
        "dependent on a few gatekeepers.",
        "info",
    )
