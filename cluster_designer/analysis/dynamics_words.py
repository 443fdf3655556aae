"""The dynamics analyses in words: role names, and sentences a planner can check.

Each sentence states something the result's numbers show (the tests hold them to it), so
the diagnosis, the panels, the printed page and the command line say the same thing.
"""

from __future__ import annotations

from ..i18n import _, ngettext, pgettext
from .brokerage import ROLES, Brokerage
from .claims import pct
from .resilience import Resilience
from .spread import Spread
from .suggest import SuggestedTie, Suggestions


def role_label(role: str) -> str:
    """The role's name as a planner reads it ('total' for the sum)."""
    labels = {
        "coordinator": pgettext("brokerage role", "Coordinator"),
        "itinerant": pgettext("brokerage role", "Itinerant"),
        "representative": pgettext("brokerage role", "Representative"),
        "gatekeeper": pgettext("brokerage role", "Gatekeeper"),
        "liaison": pgettext("brokerage role", "Liaison"),
        "total": pgettext("brokerage role", "All roles"),
    }
    return labels[role]


def role_meaning(role: str) -> str:
    """What a brokerage of this role does, in one line."""
    meanings = {
        "coordinator": _("Passes flows between members of its own group."),
        "itinerant": _("An outsider linking two members of another group."),
        "representative": _("Passes its own group's flows out to another group."),
        "gatekeeper": _("Brings flows from another group into its own."),
        "liaison": _("Links two groups it belongs to neither of."),
        "total": _("Every brokerage of the actor, whatever its role."),
    }
    return meanings[role]


def grouping_label(groups: str) -> str:
    return {
        "sector": _("by sector"),
        "location": _("inside and outside the region"),
    }[groups]


def group_label(group: str) -> str:
    """A group of a brokerage result: a sector, or the region and the outside."""
    labels = {
        "university": pgettext("brokerage group", "University"),
        "company": pgettext("brokerage group", "Company"),
        "support": pgettext("brokerage group", "Support organization"),
        "region": pgettext("brokerage group", "In the region"),
        "outside": pgettext("brokerage group", "Outside the region"),
    }
    return labels.get(group, group)


def percent(share: float) -> str:
    """A share as the diagnosis writes it (`claims.pct`: never 0 % or 100 % for a part)."""
    return pct(share)


def gatekeeper_sentence(result: Brokerage) -> str:
    """Who passes what comes from outside on inside the region (groups = location)."""
    keepers = result.region_gatekeepers()
    if not keepers:
        return _("No region actor passes flows from outside the region on to other region actors.")
    if len(keepers) == 1:
        return _("Only {name} passes outside flows on — a single gatekeeper.").format(
            name=result.names[keepers[0]]
        )
    total = sum(result.actors[a].gatekeeper for a in keepers)
    top = keepers[0]
    share = result.actors[top].gatekeeper / total
    return ngettext(
        "{count} region actor passes outside flows on; {name} handles {share} of it.",
        "{count} region actors pass outside flows on; {name} handles {share} of it.",
        len(keepers),
    ).format(count=len(keepers), name=result.names[top], share=percent(share))


def spread_sentence(result: Spread) -> str:
    """How far the chain reaction reaches in the region."""
    if not result.seeds:
        return _("The region has no university to start a chain reaction from.")
    return reach_sentence(result.region_reached_share, len(result.rounds), result.default_seeds)


def reach_sentence(share_reached: float | None, rounds: int, default_seeds: bool = True) -> str:
    """The chain reaction's reach from its figures (`region_reached_share`, rounds)."""
    if share_reached is None:
        return _("The design has no region actors for a chain reaction to reach.")
    share = percent(share_reached)
    if default_seeds:
        return ngettext(
            "An idea from the region's universities reaches {share} of the region "
            "in {rounds} round.",
            "An idea from the region's universities reaches {share} of the region "
            "in {rounds} rounds.",
            rounds,
        ).format(share=share, rounds=rounds)
    return ngettext(
        "An idea from the chosen actors reaches {share} of the region in {rounds} round.",
        "An idea from the chosen actors reaches {share} of the region in {rounds} rounds.",
        rounds,
    ).format(share=share, rounds=rounds)


def resilience_sentence(result: Resilience) -> str:
    """How quickly the region falls apart when its best-connected actors go."""
    return holding_sentence(
        result.robustness,
        result.removals_to_halve(),
        result.names[0] if result.attack == "degree" and result.names else None,
        degree_attack=result.attack == "degree",
    )


def holding_sentence(
    robustness_value: float | None,
    halve: int | None,
    first_name: str | None,
    degree_attack: bool = True,
) -> str:
    """The resilience in words from its figures: robustness, the first q with s(q) ≤ 1/2,
    and the actor the degree attack removes first."""
    if robustness_value is None:
        return _("The design has no region actors to remove.")
    robustness = f"{robustness_value:.3f}"
    if halve == 0:
        return _(
            "The region is already split: no connected group holds more than half of it, "
            "even before any actor is lost (robustness {robustness})."
        ).format(robustness=robustness)
    if degree_attack and halve == 1 and first_name:
        return _(
            "Losing {name} alone leaves at most half of the region connected "
            "(robustness {robustness})."
        ).format(name=first_name, robustness=robustness)
    if degree_attack and halve is not None:
        return ngettext(
            "Losing the {count} best-connected actor leaves at most half of the region "
            "connected (robustness {robustness}).",
            "Losing the {count} best-connected actors leaves at most half of the region "
            "connected (robustness {robustness}).",
            halve,
        ).format(count=halve, robustness=robustness)
    return _("Robustness of the region: {robustness} (about 0.5 at best).").format(
        robustness=robustness
    )


def gain_sentence(result: Suggestions, tie: SuggestedTie) -> str:
    """What one suggested tie does, in the planner's words."""
    pair = f"{tie.source_name} – {tie.target_name}"
    before = tie.value - tie.gain
    if result.goal == "robustness":
        if before > 0:
            return _("{pair}: the region's largest group survives {share} more removals").format(
                pair=pair, share=percent(tie.gain / before)
            )
        return _("{pair}: robustness rises by {gain}").format(pair=pair, gain=f"{tie.gain:.3f}")
    count = round(tie.gain * result.region_actors)
    return ngettext(
        "{pair}: the chain reaction reaches {count} more region actor",
        "{pair}: the chain reaction reaches {count} more region actors",
        count,
    ).format(pair=pair, count=count)


def goal_label(goal: str) -> str:
    return {
        "robustness": _("less dependence on a few actors (robustness)"),
        "spread": _("a wider chain reaction (share of the region reached)"),
    }[goal]


def role_summary(result: Brokerage, limit: int = 3) -> list[tuple[str, int, list[str]]]:
    """Per role: its total, and the names of the actors doing most of it."""
    rows = []
    for role in ROLES:
        leaders = [result.names[a] for a in result.ranked(role)[:limit]]
        rows.append((role, result.totals.count(role), leaders))
    return rows
