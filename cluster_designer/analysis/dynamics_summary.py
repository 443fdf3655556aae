"""The figures of the dynamics analyses that every evaluation carries (and compare, the
timeline and the diagnosis read): who brings the outside in, how far the universities'
ideas travel, how robust the region is. The full analyses are in brokerage.py, spread.py
and resilience.py; `dynamics.summarize` computes this from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..i18n import N_


@dataclass(frozen=True, slots=True)
class DynamicsSummary:
    region_gatekeepers: tuple[str, ...]  # region actors passing outside flows on, most first
    gatekeeper_brokerages: tuple[int, ...]  # their gatekeeper brokerages, same order
    gatekeeper_names: tuple[str, ...]
    spread_seeds: int  # region universities (the default seeds)
    spread_rounds: int
    region_reached_share: float | None  # default seeds and threshold; None without region
    robustness: float | None  # degree attack over the region; None without region actors
    removals_to_half: int | None  # first q with s(q) ≤ 1/2
    first_removed: str | None  # the actor the degree attack removes first
    first_removed_name: str | None
    # For the printed page (not metrics): role totals with the region/outside groups (in the
    # order of brokerage.ROLES) and the names of the three busiest actors in each role, the
    # actors reached by the end of each round, and the degree attack's curve s(0)…s(n).
    role_totals: tuple[int, ...] = ()
    role_leaders: tuple[tuple[str, ...], ...] = ()
    reach_per_round: tuple[int, ...] = ()
    largest_share: tuple[float, ...] = ()

    @property
    def top_gatekeeper_share(self) -> float | None:
        """The busiest region gatekeeper's share of all their gatekeeper brokerages."""
        total = sum(self.gatekeeper_brokerages)
        return self.gatekeeper_brokerages[0] / total if total else None

    def to_dict(self) -> dict[str, Any]:
        """The keys `evaluate --json` adds (see docs/reference/analyses.md)."""
        return {
            "brokerage": {
                "region_gatekeepers": len(self.region_gatekeepers),
                "top_gatekeeper_share": self.top_gatekeeper_share,
            },
            "spread": {
                "seeds": self.spread_seeds,
                "rounds": self.spread_rounds,
                "region_reached_share": self.region_reached_share,
            },
            "resilience": {
                "robustness": self.robustness,
                "removals_to_half": self.removals_to_half,
            },
        }


# Label, meaning and better direction of each figure, for METRIC_INFO (texts marked for the
# catalogue; shown through _()).
DYNAMICS_METRIC_INFO: dict[str, tuple[str, str, Literal["higher", "lower"] | None]] = {
    "brokerage.region_gatekeepers": (
        N_("Gatekeepers into the region"),
        N_("Region actors that pass what comes from outside the region on to other region actors."),
        "higher",
    ),
    "brokerage.top_gatekeeper_share": (
        N_("Busiest gatekeeper's share"),
        N_("Share of all gatekeeping into the region done by the busiest gatekeeper."),
        "lower",
    ),
    "spread.seeds": (
        N_("Seeds of the chain reaction"),
        N_("Universities in the region, where the chain reaction starts."),
        None,
    ),
    "spread.rounds": (
        N_("Rounds of the chain reaction"),
        N_("How many rounds the chain reaction from the universities goes on for."),
        None,
    ),
    "spread.region_reached_share": (
        N_("Reach of the chain reaction"),
        N_(
            "Share of the region reached by an idea from the region's universities "
            "(an actor follows once half of its partners have)."
        ),
        "higher",
    ),
    "resilience.robustness": (
        N_("Robustness of the region"),
        N_(
            "How well the region holds together as its best-connected actors go: about 0.5 "
            "when everyone works with everyone, near 0 when all hangs on one hub."
        ),
        "higher",
    ),
    "resilience.removals_to_half": (
        N_("Losses until half is cut off"),
        N_(
            "How many of the best-connected region actors can go before at most half of the "
            "region is still connected."
        ),
        "higher",
    ),
}
