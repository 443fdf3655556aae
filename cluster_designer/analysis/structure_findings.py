"""The findings of the diagnosis beside the pattern: a network split into parts, missing or
few ties between sectors, actors whose loss would break the network, and how open the region
is to the outside.

Each finding stands on its own (unlike the pattern, which is one choice among five), so they
sit together here, one function each.
"""

from __future__ import annotations

from ..i18n import _, ngettext, pgettext
from .claims import (
    NAMES_SHOWN,
    Claim,
    Facts,
    Finding,
    Thresholds,
    dec,
    name_list,
    pct,
    sector_plural,
)
from .evaluate import BLOCK_KEYS
from .results import Evaluation

# --- a split network ---------------------------------------------------------------------


def split_finding(ev: Evaluation) -> Finding | None:
    if ev.components.count <= 1 or ev.ties.total == 0:
        return None
    f = Facts(ev)
    count = f.claim("components.count", ">", 1)
    f.exact("components.count")
    cut = f.exact("components.cut_off")
    n = f.exact("actors.total")
    share = f.exact("components.largest_share")
    return f.finding(
        "split",
        ngettext(
            "The network is split into {count} part",
            "The network is split into {count} parts",
            count,
        ).format(count=count),
        [
            ngettext(
                "{cut} of the {n} actors is cut off from the largest connected group, which "
                "holds {share} of them: {names}.",
                "{cut} of the {n} actors are cut off from the largest connected group, which "
                "holds {share} of them: {names}.",
                cut,
            ).format(cut=cut, n=n, share=pct(share), names=name_list(ev.cut_off_names)),
            _("Nothing the others know or do can reach them; a tie to each part would join it."),
        ],
        severity="warning",
        actor_ids=ev.cut_off_ids,
        named=tuple(zip(ev.cut_off_ids, ev.cut_off_names, strict=True))[:NAMES_SHOWN],
    )


# --- missing ties ------------------------------------------------------------------------


def missing_ties(ev: Evaluation, t: Thresholds) -> tuple[Finding, ...]:
    if ev.actors.by_location["region"] == 0:
        return ()
    findings = []
    for s in ("university", "company", "support"):
        if ev.actors.region_by_sector[s] != 0:
            continue
        f = Facts(ev)
        f.claim(f"actors.region_by_sector.{s}", "==", 0)
        findings.append(
            f.finding(
                f"no_{s}",
                _("No {sectors} in the region").format(sectors=sector_plural(s)),
                [
                    _(
                        "The region has no {sectors}, so none of the others can work with one "
                        "locally."
                    ).format(sectors=sector_plural(s)),
                    _("Consider whether one should be attracted or founded."),
                ],
                severity="warning",
                sectors=(s,),
            )
        )
    weak: list[Finding] = []
    for key in BLOCK_KEYS:
        value = ev.density.sector_blocks[key]
        a, b = key.split("-")
        if value is None:
            continue
        f = Facts(ev)
        name = f"density.sector_blocks.{key}"
        if value == 0.0:
            f.claim(name, "==", 0)
            findings.append(
                f.finding(
                    f"missing:{key}",
                    _pair_title(a, b),
                    [
                        _pair_none(a, b),
                        _("Joint projects or regular meetings here would open a new channel."),
                    ],
                    severity="warning",
                    sectors=(a, b),
                )
            )
        elif value < t.weak_block_ratio * ev.density.region:
            f.claim(name, "<", t.weak_block_ratio * ev.density.region)
            f.exact(name)
            f.exact("density.region")
            weak.append(
                f.finding(
                    f"weak:{key}",
                    _pair_few(a, b),
                    [
                        _(
                            "Their density ({value}) is less than half that of the region as a "
                            "whole ({region})."
                        ).format(value=dec(value), region=dec(ev.density.region)),
                    ],
                    severity="info",
                    sectors=(a, b),
                )
            )
    return tuple(findings + weak)


def _pair_title(a: str, b: str) -> str:
    if a == b:
        return _("No ties among {sectors}").format(sectors=sector_plural(a))
    return _("No ties between {a} and {b}").format(a=sector_plural(a), b=sector_plural(b))


def _pair_none(a: str, b: str) -> str:
    if a == b:
        return _("In the region there is not a single tie among {sectors}.").format(
            sectors=sector_plural(a)
        )
    return _("In the region there is not a single tie between {a} and {b}.").format(
        a=sector_plural(a), b=sector_plural(b)
    )


def _pair_few(a: str, b: str) -> str:
    if a == b:
        return _("Few ties among {sectors}").format(sectors=sector_plural(a))
    return _("Few ties between {a} and {b}").format(a=sector_plural(a), b=sector_plural(b))


# --- single points of failure ------------------------------------------------------------


def single_points(ev: Evaluation, t: Thresholds) -> tuple[Finding, ...]:
    findings = []
    for broker in ev.brokers:
        if broker.betweenness <= 0:
            continue
        drop = ev.components.largest_share - broker.largest_share_without
        if drop < t.failure_drop:
            continue
        f = Facts(ev)
        before = f.exact("components.largest_share")
        after = f.exact(f"largest_share_without:{broker.id}")
        f.claim(f"largest_share_without:{broker.id}", "<=", before - t.failure_drop)
        findings.append(
            f.finding(
                f"single_point:{broker.id}",
                _("Single point of failure: {name}").format(name=broker.name),
                [
                    _(
                        "If {name} dropped out, the largest connected group would shrink from "
                        "{before} of the actors to {after} of the remaining ones."
                    ).format(name=broker.name, before=pct(before), after=pct(after)),
                    _("A second route around it would make the network sturdier."),
                ],
                severity="warning",
                actor_ids=(broker.id,),
            )
        )
    return tuple(findings)


# --- openness ----------------------------------------------------------------------------


def _open_gaps(ev: Evaluation, t: Thresholds) -> list[tuple[str, Claim]]:
    """The rules of 'open to the outside' the design misses, each as "only …" with its claim
    (empty when it is open)."""
    inflows = ev.inflows
    gaps: list[tuple[str, Claim]] = []
    if inflows.count < t.open_min_inflows:
        gaps.append(
            (
                ngettext("only {n} inflow", "only {n} inflows", inflows.count).format(
                    n=inflows.count
                ),
                Claim("inflows.count", "<", t.open_min_inflows),
            )
        )
    if inflows.sources < t.open_min_sources:
        gaps.append(
            (
                ngettext(
                    "only {n} outside partner", "only {n} outside partners", inflows.sources
                ).format(n=inflows.sources),
                Claim("inflows.sources", "<", t.open_min_sources),
            )
        )
    if inflows.reached < t.open_min_reached:
        gaps.append(
            (
                ngettext(
                    "only {n} region actor reached",
                    "only {n} region actors reached",
                    inflows.reached,
                ).format(n=inflows.reached),
                Claim("inflows.reached", "<", t.open_min_reached),
            )
        )
    share = inflows.reached_share or 0.0
    if share < t.open_reached_share:
        gaps.append(
            (
                _("only {share} of the region's actors reached").format(
                    share=pct(share, t.open_reached_share)
                ),
                Claim("inflows.reached_share", "<", t.open_reached_share),
            )
        )
    return gaps


def openness_finding(ev: Evaluation, t: Thresholds) -> Finding:
    inflows = ev.inflows
    f = Facts(ev)
    if inflows.reached_share is None:
        f.claim("actors.by_location.region", "==", 0)
        return f.finding(
            "openness:none",
            _("No actors inside the region"),
            [_("Mark the actors that are located in the region to see how open it is.")],
        )
    if inflows.count == 0:
        f.claim("inflows.count", "==", 0)
        return f.finding(
            "openness:closed",
            _("Closed to the outside"),
            [
                _(
                    "Nothing flows into the region from outside: no people, funding, technology "
                    "or information from domestic or overseas partners."
                ),
                _("Ties to outside partners would bring in new knowledge."),
            ],
            severity="warning",
        )
    count = f.exact("inflows.count")
    sources = f.exact("inflows.sources")
    reached = f.exact("inflows.reached")
    region = f.exact("actors.by_location.region")
    share = f.exact("inflows.reached_share")
    overseas = f.exact("inflows.overseas_share")
    partners = ngettext("{n} outside partner", "{n} outside partners", sources).format(n=sources)
    detail = [
        ngettext(
            "{count} tie from {partners} brings people, money, technology or information into "
            "the region.",
            "{count} ties from {partners} bring people, money, technology or information into "
            "the region.",
            count,
        ).format(count=count, partners=partners),
        _(
            "They reach {share} of the region's actors ({reached} of {region}); {overseas} of "
            "them come from overseas."
        ).format(
            share=pct(share, t.open_reached_share),
            reached=reached,
            region=region,
            overseas=pct(overseas),
        ),
    ]
    gaps = _open_gaps(ev, t)
    if not gaps:
        f.claim("inflows.count", ">=", t.open_min_inflows)
        f.claim("inflows.sources", ">=", t.open_min_sources)
        f.claim("inflows.reached", ">=", t.open_min_reached)
        f.claim("inflows.reached_share", ">=", t.open_reached_share)
        return f.finding("openness:open", _("Open to the outside"), detail, severity="good")
    for _text, claim in gaps:
        f.claims.append(claim)
    shortfalls = pgettext("list separator", ", ").join(text for text, _claim in gaps)
    return f.finding(
        "openness:narrow",
        _("Not yet open to the outside"),
        [
            *detail,
            _(
                "A region counts as open with at least {inflows} inflows from {sources} or more "
                "outside partners, reaching at least {reached} region actors and {share} of "
                "them; here: {shortfalls}."
            ).format(
                inflows=t.open_min_inflows,
                sources=t.open_min_sources,
                reached=t.open_min_reached,
                share=pct(t.open_reached_share),
                shortfalls=shortfalls,
            ),
        ],
        severity="info",
    )
