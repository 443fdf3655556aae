"""Brokerage roles (Gould and Fernandez, 1989): who passes flows on between which groups.

D is the directed simple graph with u→v when a funding, human-resources or
technology-transfer tie runs from u to v, or a collaboration or information tie joins
them (both directions). Every ordered pair (a, c) of distinct actors other than b with
a→b, b→c and no a→c is one brokerage by b; the groups of a, b and c decide its role.

Two engines give the same counts: `networkx` walks every such pair (the definition,
Σ in(b)·out(b) steps), `fast` counts the pairs per group from b's in- and out-neighbours
and subtracts the closed ones (a→c present), found as out(a) ∩ out(b), which costs the
number of transitive triples instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..i18n import _
from ..model import Design
from .network import DesignGraph, graph_of, grouped, unknown_engine
from .results import AnalysisError, Cancelled

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
GROUPINGS = ("sector", "location")
ENGINES = ("auto", "networkx", "fast")
# The dominant role of an actor with equal counts in several roles: the one a planner most
# needs to see first (gatekeepers bring the outside in).
ROLE_PRIORITY = ("gatekeeper", "liaison", "representative", "itinerant", "coordinator")

REGION_GROUP = "region"
OUTSIDE_GROUP = "outside"


@dataclass(frozen=True, slots=True)
class RoleCounts:
    """How many brokerages of each role one actor (or the whole design) performs."""

    coordinator: int = 0
    itinerant: int = 0
    representative: int = 0
    gatekeeper: int = 0
    liaison: int = 0

    @property
    def total(self) -> int:
        return (
            self.coordinator + self.itinerant + self.representative + self.gatekeeper + self.liaison
        )

    def count(self, role: str) -> int:
        if role == "total":
            return self.total
        if role not in ROLES:
            raise AnalysisError(
                _("unknown brokerage role '{role}' (use {allowed})").format(
                    role=role, allowed=", ".join(ROLES)
                )
            )
        return int(getattr(self, role))

    @property
    def dominant(self) -> str | None:
        """The actor's main role: of the roles that link different groups, the one with
        most brokerages (equal counts: by ROLE_PRIORITY); `coordinator` only for an actor
        that brokers inside its own group alone; None without any brokerage.

        Brokerage inside one group is what most actors do most; what a planner looks for is
        who links groups, so those roles come first."""
        if self.total == 0:
            return None
        across = ROLE_PRIORITY[:-1]  # every role but coordinator
        if not any(self.count(r) for r in across):
            return "coordinator"
        return max(across, key=lambda r: (self.count(r), -ROLE_PRIORITY.index(r)))

    def to_dict(self) -> dict[str, int]:
        values = {role: self.count(role) for role in ROLES}
        values["total"] = self.total
        return values


@dataclass(frozen=True, slots=True)
class Brokerage:
    """Role counts of every actor (in the design's order) and their sums."""

    design: str
    groups: str
    actors: Mapping[str, RoleCounts]
    totals: RoleCounts
    names: Mapping[str, str]
    group_of: Mapping[str, str]

    def ranked(self, role: str = "total") -> list[str]:
        """Actor ids with at least one brokerage of `role`, most first (then by name, id)."""
        chosen = [aid for aid, counts in self.actors.items() if counts.count(role) > 0]
        return sorted(chosen, key=lambda a: (-self.actors[a].count(role), self.names[a], a))

    def region_gatekeepers(self) -> list[str]:
        """With `groups == "location"`: region actors that pass outside flows on inside."""
        return [a for a in self.ranked("gatekeeper") if self.group_of[a] == REGION_GROUP]

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "groups": self.groups,
            "actors": {aid: counts.to_dict() for aid, counts in self.actors.items()},
            "totals": self.totals.to_dict(),
        }


def group_labels(graph: DesignGraph, groups: str) -> list[str]:
    """Each actor's group: its sector, or `region`/`outside`."""
    if groups == "sector":
        return list(graph.sectors)
    if groups == "location":
        return [REGION_GROUP if r else OUTSIDE_GROUP for r in graph.in_region]
    raise AnalysisError(
        _("unknown grouping '{groups}' (use {allowed})").format(
            groups=groups, allowed=", ".join(GROUPINGS)
        )
    )


def role_of(group_a: str, group_b: str, group_c: str) -> str:
    if group_a == group_c:
        return "coordinator" if group_a == group_b else "itinerant"
    if group_a == group_b:
        return "representative"
    if group_b == group_c:
        return "gatekeeper"
    return "liaison"


def brokerage(
    design: Design,
    groups: str = "sector",
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Brokerage:
    """Every actor's brokerage roles over the sectors or over region/outside."""
    graph = graph_of(design)
    return brokerage_of_graph(graph, groups, engine, cancelled, order=list(design.actors))


def brokerage_of_graph(
    graph: DesignGraph,
    groups: str = "sector",
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
    order: list[str] | None = None,
) -> Brokerage:
    """`brokerage` on an already built graph; `order` lists the actor ids for the result."""
    if engine not in ENGINES:
        raise AnalysisError(unknown_engine(engine, ENGINES))
    labels = group_labels(graph, groups)
    if engine == "networkx":
        table = _networkx_counts(graph, labels, cancelled)
    else:
        table = _fast_counts(graph, labels, cancelled)
    by_actor = {graph.ids[i]: RoleCounts(*table[i]) for i in range(graph.n)}
    ids = order if order is not None else list(graph.ids)
    return Brokerage(
        design=graph.design,
        groups=groups,
        actors={aid: by_actor[aid] for aid in ids},
        totals=RoleCounts(*(sum(row[r] for row in table) for r in range(len(ROLES)))),
        names={graph.ids[i]: graph.names[i] for i in range(graph.n)},
        group_of={graph.ids[i]: labels[i] for i in range(graph.n)},
    )


def _fast_counts(
    graph: DesignGraph, labels: list[str], cancelled: Callable[[], bool] | None
) -> list[list[int]]:
    """Per broker b and groups (x, y): in(b) of group x times out(b) of group y, less the
    pairs a = c (a ↔ b), less the closed pairs (a → c), found by intersecting out-sets."""
    kinds = sorted(set(labels))
    number = {g: i for i, g in enumerate(kinds)}
    group = np.array([number[g] for g in labels], dtype=np.int64)
    k, n = len(kinds), graph.n
    if n == 0:
        return []
    a_of, b_of = graph.arc_sources, graph.arc_targets  # arcs a → b
    in_by = np.zeros((n, k), dtype=np.int64)
    out_by = np.zeros((n, k), dtype=np.int64)
    np.add.at(in_by, (b_of, group[a_of]), 1)
    np.add.at(out_by, (a_of, group[b_of]), 1)
    pairs = in_by[:, :, None] * out_by[:, None, :]  # [b, g(a), g(c)]
    keys = a_of * n + b_of
    back = np.isin(b_of * n + a_of, keys)  # a → b and b → a: (a, a) is no pair
    np.add.at(pairs, (b_of[back], group[a_of[back]], group[a_of[back]]), -1)
    # Closed pairs a → b → c with a → c: for every arc a → b, out(a) ∩ out(b) by group.
    out = graph.successors()
    by_group = []
    for y in range(k):
        to_y = group[b_of] == y
        by_group.append(grouped(a_of[to_y], b_of[to_y], n, frozenset))
    out_in_group = list(zip(*by_group, strict=True)) if k else [() for _ in range(n)]
    groups = group.tolist()
    closed = [0] * (n * k * k)  # [b, g(a), g(c)] flattened: plain ints are fastest here
    for done, (a, b) in enumerate(zip(a_of.tolist(), b_of.tolist(), strict=True)):
        if cancelled is not None and done % 4096 == 0 and cancelled():
            raise Cancelled
        mine = out[a]
        if len(mine) < 2:
            continue  # out(a) holds b, which is not in out(b): nothing to close
        base = (b * k + groups[a]) * k
        for y, theirs in enumerate(out_in_group[b]):
            if theirs:
                closed[base + y] += len(mine & theirs)
    pairs -= np.array(closed, dtype=np.int64).reshape(n, k, k)
    # role of every (g(a), g(b), g(c)), applied with each broker's own group
    role = np.array(
        [[[ROLES.index(role_of(x, gb, y)) for y in kinds] for gb in kinds] for x in kinds]
    )
    table = np.zeros((n, len(ROLES)), dtype=np.int64)
    broker_roles = role[:, group, :].transpose(1, 0, 2)  # [b, g(a), g(c)]
    for r in range(len(ROLES)):
        table[:, r] = np.where(broker_roles == r, pairs, 0).sum(axis=(1, 2))
    return [[int(x) for x in row] for row in table.tolist()]


def _networkx_counts(
    graph: DesignGraph, labels: list[str], cancelled: Callable[[], bool] | None
) -> list[list[int]]:
    import networkx

    d: networkx.DiGraph[int] = networkx.DiGraph()
    d.add_nodes_from(range(graph.n))
    d.add_edges_from(zip(graph.arc_sources.tolist(), graph.arc_targets.tolist(), strict=True))
    table = [[0] * len(ROLES) for _ in range(graph.n)]
    for b in d:
        if cancelled is not None and cancelled():
            raise Cancelled
        for a in d.predecessors(b):
            for c in d.successors(b):
                if c != a and not d.has_edge(a, c):
                    table[b][ROLES.index(role_of(labels[a], labels[b], labels[c]))] += 1
    return table
