"""The pattern finding of the diagnosis: which of the five patterns (PATTERNS in
diagnosis.py) the design resembles, and what a planner could do about it.

The patterns are tried in the documented order (docs/evaluation.md); a design that is not
yet a knowledge cluster is told the first two conditions it misses. Apart from the other
findings because the order of the tests, not any one sentence, decides the pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _, ngettext, pgettext
from .claims import Claim, Facts, Finding, Thresholds, dec, is_open, pct, sector_plural
from .origin_findings import unrecorded_actors, with_unrecorded
from .results import Evaluation

CROSS_PAIRS = ("company-university", "company-support", "support-university")


def pattern_finding(ev: Evaluation, t: Thresholds) -> Finding:
    f = Facts(ev)
    n = ev.actors.total
    if n < t.min_actors:
        f.claim("actors.total", "<", t.min_actors)
        return f.finding(
            "developing",
            _("Developing network"),
            [
                ngettext(
                    "With {n} actor there is too little to recognise a pattern.",
                    "With {n} actors there is too little to recognise a pattern.",
                    n,
                ).format(n=n),
                _("Add the organizations of the region and how they work together."),
            ],
        )
    if ev.ties.total == 0:
        f.claim("ties.total", "==", 0)
        return f.finding(
            "developing",
            _("Developing network"),
            [
                _(
                    "No tie is drawn yet between the {n} actors, so there is no pattern to see."
                ).format(n=f.exact("actors.total")),
                _("Add how the organizations work together."),
            ],
        )
    if ev.components.largest_share < t.fragmented_largest_share:
        return _fragmented_by_groups(f, ev, t)
    if ev.components.isolates / n >= t.fragmented_isolate_share:
        return _fragmented_by_isolates(f, ev, t)
    hub = ev.dominant
    if ev.centralization.degree >= t.hub_centralization and hub is not None:
        if (
            hub.sector == "company"
            and hub.location == "region"
            and (hub.peer_density is None or hub.peer_density <= t.company_town_peer_density)
        ):
            return _company_town(f, ev, t)
        return _hub_and_spoke(f, ev, t)
    gaps = _cluster_gaps(ev, t)
    if not gaps:
        return _knowledge_cluster(f, ev, t)
    return _developing(f, ev, t, gaps)


def _fragmented_by_groups(f: Facts, ev: Evaluation, t: Thresholds) -> Finding:
    count = f.exact("components.count")
    share = f.claim("components.largest_share", "<", t.fragmented_largest_share)
    f.exact("components.largest_share")
    sentences = [
        _(
            "The actors form {count} separate groups; the largest holds only {share} of them."
        ).format(count=count, share=pct(share, t.fragmented_largest_share))
    ]
    isolates = ev.components.isolates
    if isolates:
        sentences.append(
            ngettext(
                "{n} actor has no tie at all.", "{n} actors have no tie at all.", isolates
            ).format(n=f.exact("components.isolates"))
        )
    sentences.append(_("Ties between the groups would let knowledge travel from one to another."))
    return f.finding(
        "fragmented",
        _("Fragmented network"),
        sentences,
        severity="warning",
        actor_ids=ev.isolate_ids,
    )


def _fragmented_by_isolates(f: Facts, ev: Evaluation, t: Thresholds) -> Finding:
    isolates = f.exact("components.isolates")
    share = f.claim("isolate_share", ">=", t.fragmented_isolate_share)
    f.exact("isolate_share")
    return f.finding(
        "fragmented",
        _("Fragmented network"),
        [
            ngettext(
                "{isolates} of the {n} actors ({share}) has no tie at all.",
                "{isolates} of the {n} actors ({share}) have no tie at all.",
                isolates,
            ).format(
                isolates=isolates,
                n=f.exact("actors.total"),
                share=pct(share, t.fragmented_isolate_share),
            ),
            _("Actors without ties take no part in the cluster; tie them to partners."),
        ],
        severity="warning",
        actor_ids=ev.isolate_ids,
    )


def _hub_sentence(f: Facts, ev: Evaluation, t: Thresholds) -> str:
    hub = ev.dominant
    assert hub is not None
    degree = f.exact(f"degree:{hub.id}")
    f.claim(f"degree:{hub.id}", "==", ev.max_degree)
    f.exact("degree.max")
    value = f.claim("centralization.degree", ">=", t.hub_centralization)
    f.exact("centralization.degree")
    others = ev.actors.total - 1
    return ngettext(
        "{name} has the most partners, {degree} of the other {others} actor, and degree "
        "centralization is {value} (from {threshold} on, one actor dominates).",
        "{name} has the most partners, {degree} of the other {others} actors, and degree "
        "centralization is {value} (from {threshold} on, one actor dominates).",
        others,
    ).format(
        name=hub.name,
        degree=degree,
        others=others,
        value=dec(value),
        threshold=f"{t.hub_centralization:.1f}",
    )


def _company_town(f: Facts, ev: Evaluation, t: Thresholds) -> Finding:
    hub = ev.dominant
    assert hub is not None
    sentences = [_hub_sentence(f, ev, t)]
    peers = f.exact("dominant.peers")
    if peers == 0:
        sentences.append(_("It is the only company in the region."))
    elif hub.peer_density is None:
        sentences.append(
            ngettext(
                "Besides it the region has {n} other company.",
                "Besides it the region has {n} other companies.",
                peers,
            ).format(n=peers)
        )
    else:
        density = f.claim("dominant.peer_density", "<=", t.company_town_peer_density)
        f.exact("dominant.peer_density")
        sentences.append(
            _(
                "The other {n} companies of the region are barely tied to one another "
                "(density {density})."
            ).format(n=peers, density=dec(density))
        )
    if ev.arrivals.recorded and ev.arrivals.count == 0:
        f.claim("arrivals.recorded", ">", 0)
        f.claim("arrivals.count", "==", 0)
        unknown = ev.arrivals.by_origin["unknown"]
        if unknown:
            f.exact("arrivals.by_origin.unknown")
            sentences.append(
                with_unrecorded(
                    _("No organization is recorded as moved into the region from outside"),
                    unrecorded_actors(unknown),
                )
            )
        else:
            f.claim("arrivals.by_origin.unknown", "==", 0)
            sentences.append(_("No organization has moved into the region from outside."))
    sentences.append(
        _(
            "The region depends on one employer; ties among the smaller firms and to "
            "universities would spread the risk."
        )
    )
    return f.finding(
        "company_town", _("Company town"), sentences, severity="warning", actor_ids=(hub.id,)
    )


def _hub_and_spoke(f: Facts, ev: Evaluation, t: Thresholds) -> Finding:
    hub = ev.dominant
    assert hub is not None
    return f.finding(
        "hub_and_spoke",
        _("Hub-and-spoke network"),
        [
            _hub_sentence(f, ev, t),
            _(
                "Direct ties between the other actors would make the network less dependent "
                "on {name}."
            ).format(name=hub.name),
        ],
        severity="warning",
        actor_ids=(hub.id,),
    )


@dataclass(frozen=True, slots=True)
class _Gap:
    """One condition of a knowledge cluster that the design does not meet, in words."""

    text: str
    claim: Claim
    shown: tuple[str, ...] = ()  # figures the text states as they are
    also: tuple[Claim, ...] = ()  # further relations the text asserts


def _cluster_gaps(ev: Evaluation, t: Thresholds) -> list[_Gap]:
    """Every condition of a knowledge cluster the design misses, in the documented order."""
    gaps: list[_Gap] = []
    blocks = ev.density.sector_blocks
    for sector in ("university", "company", "support"):
        if ev.actors.region_by_sector[sector] == 0:
            gaps.append(
                _Gap(
                    _("the region has no {sectors}").format(sectors=sector_plural(sector)),
                    Claim(f"actors.region_by_sector.{sector}", "==", 0),
                )
            )
    for key in CROSS_PAIRS:
        a, b = key.split("-")
        if blocks[key] == 0.0:
            gaps.append(
                _Gap(
                    _("no {a} are tied to {b} in the region").format(
                        a=sector_plural(a), b=sector_plural(b)
                    ),
                    Claim(f"density.sector_blocks.{key}", "==", 0),
                )
            )
    if blocks["company-company"] == 0.0:
        gaps.append(
            _Gap(
                _("the region's companies are not tied to one another"),
                Claim("density.sector_blocks.company-company", "==", 0),
            )
        )
    if ev.components.largest_share < t.cluster_largest_share:
        gaps.append(
            _Gap(
                _(
                    "only {share} of the actors are in the largest connected group ({need} needed)"
                ).format(
                    share=pct(ev.components.largest_share, t.cluster_largest_share),
                    need=pct(t.cluster_largest_share),
                ),
                Claim("components.largest_share", "<", t.cluster_largest_share),
                ("components.largest_share",),
            )
        )
    if ev.centralization.degree >= t.cluster_max_centralization:
        gaps.append(
            _Gap(
                _("one actor dominates (degree centralization {value})").format(
                    value=dec(ev.centralization.degree)
                ),
                Claim("centralization.degree", ">=", t.cluster_max_centralization),
                ("centralization.degree",),
            )
        )
    if ev.clustering.average < t.cluster_min_clustering:
        gaps.append(
            _Gap(
                _(
                    "partners of an actor seldom work with each other "
                    "(average clustering {value}, {need} needed)"
                ).format(value=dec(ev.clustering.average), need=f"{t.cluster_min_clustering:.1f}"),
                Claim("clustering.average", "<", t.cluster_min_clustering),
                ("clustering.average",),
            )
        )
    if ev.mean_degree < t.cluster_min_mean_degree:
        gaps.append(
            _Gap(
                _("actors have {value} partners on average ({need} needed)").format(
                    value=f"{ev.mean_degree:.2f}", need=f"{t.cluster_min_mean_degree:.1f}"
                ),
                Claim("degree.mean", "<", t.cluster_min_mean_degree),
                ("degree.mean",),
            )
        )
    if ev.arrivals.recorded and ev.arrivals.count == 0:
        unknown = ev.arrivals.by_origin["unknown"]
        if unknown:
            gaps.append(
                _Gap(
                    _(
                        "no actor is recorded as moved into the region from outside ({unrecorded})"
                    ).format(unrecorded=unrecorded_actors(unknown)),
                    Claim("arrivals.count", "==", 0),
                    ("arrivals.by_origin.unknown",),
                )
            )
        else:
            gaps.append(
                _Gap(
                    _("no actor has moved into the region from outside"),
                    Claim("arrivals.count", "==", 0),
                    also=(Claim("arrivals.by_origin.unknown", "==", 0),),
                )
            )
    if not is_open(ev, t):
        gaps.append(
            _Gap(
                _("the region is not yet open to the outside (see below)"),
                Claim("openness.open", "==", 0),
            )
        )
    return gaps


def _knowledge_cluster(f: Facts, ev: Evaluation, t: Thresholds) -> Finding:
    for key in CROSS_PAIRS:
        f.claim(f"density.sector_blocks.{key}", ">", 0)
    if ev.density.sector_blocks["company-company"] is None:
        f.claim("actors.region_by_sector.company", "<=", 1)
    else:
        f.claim("density.sector_blocks.company-company", ">", 0)
    share = f.claim("components.largest_share", ">=", t.cluster_largest_share)
    f.exact("components.largest_share")
    f.claim("centralization.degree", "<", t.cluster_max_centralization)
    clustering = f.claim("clustering.average", ">=", t.cluster_min_clustering)
    f.exact("clustering.average")
    f.claim("degree.mean", ">=", t.cluster_min_mean_degree)
    f.claim("openness.open", "==", 1)
    reached = f.exact("inflows.reached")
    arrivals = ""
    if ev.arrivals.recorded:
        f.claim("arrivals.recorded", ">", 0)
        f.claim("arrivals.count", ">", 0)
        count = f.exact("arrivals.count")
        unknown = ev.arrivals.by_origin["unknown"]
        if unknown:
            f.exact("arrivals.by_origin.unknown")
            arrivals = with_unrecorded(
                ngettext(
                    "It draws organizations in as well: {count} of its actors is recorded as "
                    "moved in from outside",
                    "It draws organizations in as well: {count} of its actors are recorded as "
                    "moved in from outside",
                    count,
                ).format(count=count),
                unrecorded_actors(unknown),
            )
        else:
            f.claim("arrivals.by_origin.unknown", "==", 0)
            arrivals = ngettext(
                "It draws organizations in as well: {count} of its actors moved in from outside.",
                "It draws organizations in as well: {count} of its actors moved in from outside.",
                count,
            ).format(count=count)
    return f.finding(
        "knowledge_cluster",
        _("Knowledge cluster"),
        [
            _(
                "Universities, companies and support organizations of the region are tied across "
                "every pair of sectors, {share} of the actors are in one connected group, partners "
                "of an actor also work with each other (average clustering {clustering}), and "
                "{reached} region actors draw in from outside."
            ).format(share=pct(share), clustering=dec(clustering), reached=reached),
            arrivals,
            _("This is the pattern a knowledge cluster aims for."),
        ],
        severity="good",
    )


def _developing(f: Facts, ev: Evaluation, t: Thresholds, gaps: list[_Gap]) -> Finding:
    if ev.components.count == 1:
        f.claim("components.count", "==", 1)
        first = _("The network is connected but does not yet show a clear pattern.")
    else:
        share = f.exact("components.largest_share")
        first = _(
            "{share} of the actors are in the largest connected group, but the network does not "
            "yet show a clear pattern."
        ).format(share=pct(share))
    for gap in gaps[:2]:
        for claim in (gap.claim, *gap.also):
            f.claims.append(claim)
            f.value(claim.figure)
        for name in gap.shown:
            f.exact(name)
    reasons = pgettext("list separator", "; ").join(g.text for g in gaps[:2])
    return f.finding(
        "developing",
        _("Developing network"),
        [
            first,
            _("It is not yet a knowledge cluster: {reasons}.").format(reasons=reasons),
            _("The findings below show which ties would move it towards one."),
        ],
    )
