"""The dynamics summary of one design (see dynamics_summary.py), from the full analyses."""

from __future__ import annotations

from ..model import Design
from .brokerage import ROLES, brokerage_of_graph
from .dynamics_summary import DynamicsSummary
from .network import DesignGraph, graph_of
from .resilience import resilience_of_graph
from .spread import spread_of_graph

LEADERS = 3  # busiest actors named per role on the printed page


def summarize(design: Design | DesignGraph) -> DynamicsSummary:
    """Region gatekeepers (groups by location), the chain reaction from the region's
    universities at the default threshold, and the degree attack's robustness."""
    graph = design if isinstance(design, DesignGraph) else graph_of(design)
    roles = brokerage_of_graph(graph, "location")
    keepers = roles.region_gatekeepers()
    reaction = spread_of_graph(graph)
    attack = resilience_of_graph(graph)
    return DynamicsSummary(
        region_gatekeepers=tuple(keepers),
        gatekeeper_brokerages=tuple(roles.actors[a].gatekeeper for a in keepers),
        gatekeeper_names=tuple(roles.names[a] for a in keepers),
        spread_seeds=len(reaction.seeds),
        spread_rounds=len(reaction.rounds),
        region_reached_share=reaction.region_reached_share,
        robustness=attack.robustness,
        removals_to_half=attack.removals_to_halve(),
        first_removed=attack.removed[0] if attack.removed else None,
        first_removed_name=attack.names[0] if attack.names else None,
        role_totals=tuple(roles.totals.count(r) for r in ROLES),
        role_leaders=tuple(tuple(roles.names[a] for a in roles.ranked(r)[:LEADERS]) for r in ROLES),
        reach_per_round=tuple(reaction.reach_per_round),
        largest_share=attack.largest_share,
    )
