"""The diagnosis's findings about the region's dynamics: gatekeepers, the chain reaction and
resilience, each backed by the figures of `Evaluation.dynamics` (see claims.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _, ngettext
from .claims import Facts, Finding, dec, pct
from .results import Evaluation


@dataclass(frozen=True, slots=True)
class DynamicsThresholds:
    """When the dynamics findings call something good or a warning."""

    min_region_actors: int = 3  # below this there is too little to judge resilience
    spread_good: float = 0.5  # the universities' idea reaches at least half the region
    spread_low: float = 0.2  # … or less than a fifth of it
    robustness_good: float = 0.25  # half of the best possible (0.5)
    robustness_low: float = 0.1
    gatekeeper_concentration: float = 0.5  # one gatekeeper does at least half of it


DEFAULT_DYNAMICS_THRESHOLDS = DynamicsThresholds()


def dynamics_findings(
    ev: Evaluation, t: DynamicsThresholds = DEFAULT_DYNAMICS_THRESHOLDS
) -> tuple[Finding, ...]:
    if ev.dynamics is None:
        return ()
    found = (_gatekeepers(ev, t), _chain_reaction(ev, t), _resilience(ev, t))
    return tuple(f for f in found if f is not None)


def _gatekeepers(ev: Evaluation, t: DynamicsThresholds) -> Finding | None:
    d = ev.dynamics
    assert d is not None
    if ev.inflows.count == 0:
        return None
    f = Facts(ev)
    f.claim("inflows.count", ">", 0)
    count = int(f.value("brokerage.region_gatekeepers") or 0)
    if count == 0:
        f.claim("brokerage.region_gatekeepers", "==", 0)
        return f.finding(
            "gatekeepers:none",
            _("No gatekeeper into the region"),
            [
                _(
                    "Ties reach the region from outside, but no region actor passes what "
                    "comes in on to other region actors."
                ),
            ],
            severity="warning",
        )
    top = d.region_gatekeepers[0]
    name = d.gatekeeper_names[0]
    if count == 1:
        f.claim("brokerage.region_gatekeepers", "==", 1)
        return f.finding(
            "gatekeepers:single",
            _("A single gatekeeper"),
            [
                _("Only {name} passes outside flows on — a single gatekeeper.").format(name=name),
                _("Ties from outside partners to other region actors would spread that risk."),
            ],
            severity="warning",
            actor_ids=(top,),
        )
    f.exact("brokerage.region_gatekeepers")
    share = f.exact("brokerage.top_gatekeeper_share")
    concentrated = share >= t.gatekeeper_concentration
    f.claim(
        "brokerage.top_gatekeeper_share",
        ">=" if concentrated else "<",
        t.gatekeeper_concentration,
    )
    return f.finding(
        "gatekeepers:several",
        _("Gatekeepers into the region"),
        [
            ngettext(
                "{count} region actor passes outside flows on; {name} handles {share} of it.",
                "{count} region actors pass outside flows on; {name} handles {share} of it.",
                count,
            ).format(count=count, name=name, share=pct(share)),
        ],
        severity="info" if concentrated else "good",
        actor_ids=d.region_gatekeepers,
    )


def _chain_reaction(ev: Evaluation, t: DynamicsThresholds) -> Finding | None:
    d = ev.dynamics
    assert d is not None
    region = ev.actors.by_location.get("region", 0)
    if region < t.min_region_actors:
        return None
    f = Facts(ev)
    f.claim("actors.by_location.region", ">=", t.min_region_actors)
    seeds = f.claim("spread.seeds", ">=", 0)
    if seeds == 0:
        f.claim("spread.seeds", "==", 0)
        return f.finding(
            "chain_reaction:no_seeds",
            _("No university to start from"),
            [_("The region has no university, so no chain reaction of ideas starts from one.")],
        )
    share = f.exact("spread.region_reached_share")
    rounds = int(f.value("spread.rounds") or 0)
    if rounds == 0:
        f.claim("spread.rounds", "==", 0)  # said in words
    else:
        f.exact("spread.rounds")
    if share >= t.spread_good:
        severity = "good"
        f.claim("spread.region_reached_share", ">=", t.spread_good)
    elif share < t.spread_low:
        severity = "warning"
        f.claim("spread.region_reached_share", "<", t.spread_low)
    else:
        severity = "info"
        f.claim("spread.region_reached_share", ">=", t.spread_low)
        f.claim("spread.region_reached_share", "<", t.spread_good)
    if rounds == 0:
        sentence = _(
            "An idea from the region's universities goes no further than the universities "
            "themselves ({share} of the region)."
        ).format(share=pct(share))
    else:
        sentence = ngettext(
            "An idea from the region's universities reaches {share} of the region "
            "in {rounds} round.",
            "An idea from the region's universities reaches {share} of the region "
            "in {rounds} rounds.",
            rounds,
        ).format(share=pct(share), rounds=rounds)
    advice = []
    if severity == "warning":
        advice.append(
            _(
                "An actor takes an idea up once half of its partners have; ties between the "
                "universities' partners and the rest help it travel on."
            )
        )
    return f.finding(
        "chain_reaction", _("The chain reaction"), [sentence, *advice], severity=severity
    )


def _resilience(ev: Evaluation, t: DynamicsThresholds) -> Finding | None:
    d = ev.dynamics
    assert d is not None
    if ev.actors.by_location.get("region", 0) < t.min_region_actors:
        return None
    f = Facts(ev)
    f.claim("actors.by_location.region", ">=", t.min_region_actors)
    robustness = f.exact("resilience.robustness")
    halve = int(f.value("resilience.removals_to_half") or 0)
    if robustness >= t.robustness_good:
        severity = "good"
        f.claim("resilience.robustness", ">=", t.robustness_good)
    elif robustness < t.robustness_low:
        severity = "warning"
        f.claim("resilience.robustness", "<", t.robustness_low)
    else:
        severity = "info"
    if halve == 1 and d.first_removed is not None:
        f.claim("resilience.removals_to_half", "==", 1)  # "alone"
        sentence = _(
            "Losing {name} alone leaves at most half of the region connected "
            "(robustness {robustness})."
        ).format(name=d.first_removed_name, robustness=dec(robustness))
        ids: tuple[str, ...] = (d.first_removed,)
    elif halve == 0:
        f.claim("resilience.removals_to_half", "==", 0)  # "already split"
        sentence = _(
            "The region is already split: no connected group holds more than half of it, "
            "even before any actor is lost (robustness {robustness})."
        ).format(robustness=dec(robustness))
        ids = ()
    else:
        f.exact("resilience.removals_to_half")
        sentence = ngettext(
            "Losing the {count} best-connected actor leaves at most half of the region "
            "connected (robustness {robustness}).",
            "Losing the {count} best-connected actors leaves at most half of the region "
            "connected (robustness {robustness}).",
            halve,
        ).format(count=halve, robustness=dec(robustness))
        ids = ()
    return f.finding(
        "resilience",
        _("Dependence on a few actors"),
        [sentence],
        severity=severity,
        actor_ids=ids,
    )
