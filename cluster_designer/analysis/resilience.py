"""Resilience (Schneider et al., PNAS 2011): how the region holds together as actors go.

Region actors are removed from R one at a time. The degree attack removes the actor with
the most partners in what is left (recomputed after every removal; equal degrees by name,
then id); the random attack removes them in random orders and reports the mean curve.
s(q) is the largest connected group after q removals over the original number n of region
actors, and robustness is (1/n)·Σ_{q=1..n} s(q): about 1/2 for a complete network, 1/n for
a company town built on one hub.

The `fast` engine finds the degree-attack order with a heap (O(ties·log n)) and the curve
by adding the actors back in reverse order with a union–find (O(ties)); `networkx`
recomputes degrees and connected components after every removal (O(n·ties)).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..model import Design
from .network import DesignGraph, graph_of, unknown_engine
from .results import AnalysisError, Cancelled

ATTACKS = ("degree", "random")
ENGINES = ("auto", "networkx", "fast")
DEFAULT_RUNS = 100
DEFAULT_SEED = 1
MAX_RUNS = 100_000


@dataclass(frozen=True, slots=True)
class Resilience:
    """The largest connected share of the region after each removal, and its robustness."""

    design: str
    attack: str
    removed: tuple[str, ...]  # degree attack: the actors in the order removed
    largest_share: tuple[float, ...]  # s(0), s(1), …, s(n); empty without region actors
    robustness: float | None
    runs: int | None = None  # random attack only
    seed: int | None = None  # random attack only
    names: tuple[str, ...] = ()  # names of `removed`, same order

    @property
    def region_actors(self) -> int:
        return max(len(self.largest_share) - 1, 0)

    def removals_to_halve(self) -> int | None:
        """How many removals leave the largest group at or under half of the region."""
        for q, share in enumerate(self.largest_share):
            if share <= 0.5:
                return q
        return None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"design": self.design, "attack": self.attack}
        if self.attack == "degree":
            result["removed"] = list(self.removed)
        else:
            result["runs"] = self.runs
            result["seed"] = self.seed
        result["largest_share"] = list(self.largest_share)
        result["robustness"] = self.robustness
        return result


def resilience(
    design: Design,
    attack: str = "degree",
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Resilience:
    """The attack curve of the design's region."""
    return resilience_of_graph(graph_of(design), attack, runs, seed, engine, cancelled)


def robustness(design: Design) -> float | None:
    """The robustness of the region under the degree attack; None without region actors.

    A plain number for charts over time (the Trend view): higher is less dependent on a
    few actors.
    """
    _members, adjacency = graph_of(design).region_adjacency()
    return robustness_of(adjacency)


def resilience_of_graph(
    graph: DesignGraph,
    attack: str = "degree",
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Resilience:
    if engine not in ENGINES:
        raise AnalysisError(unknown_engine(engine, ENGINES))
    if attack not in ATTACKS:
        raise AnalysisError(
            _("unknown attack '{attack}' (use {allowed})").format(
                attack=attack, allowed=", ".join(ATTACKS)
            )
        )
    members, adjacency = graph.region_adjacency()
    n = len(members)
    if attack == "degree":
        if engine == "networkx":
            order, largest = _networkx_degree_attack(adjacency)
        else:
            order = degree_attack_order(adjacency)
            largest = largest_after_removals(adjacency, order)
        shares = tuple(size / n for size in largest) if n else ()
        return Resilience(
            design=graph.design,
            attack=attack,
            removed=tuple(graph.ids[members[v]] for v in order),
            largest_share=shares,
            robustness=curve_robustness(largest, n),
            names=tuple(graph.names[members[v]] for v in order),
        )
    runs = _check_runs(runs)
    seed = _check_seed(seed)
    totals = [0] * (n + 1)
    rng = random.Random(seed)
    for _run in range(runs):
        if cancelled is not None and cancelled():
            raise Cancelled
        order = list(range(n))
        rng.shuffle(order)
        if engine == "networkx":
            largest = _networkx_curve(adjacency, order)
        else:
            largest = largest_after_removals(adjacency, order)
        for q, size in enumerate(largest):
            totals[q] += size
    shares = tuple(total / (runs * n) for total in totals) if n else ()
    return Resilience(
        design=graph.design,
        attack=attack,
        removed=(),
        largest_share=shares,
        robustness=sum(shares[1:]) / n if n else None,
        runs=runs,
        seed=seed,
    )


def _check_runs(runs: object) -> int:
    if isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= MAX_RUNS:
        raise AnalysisError(
            _("runs must be a whole number from 1 to {most} (got {runs})").format(
                most=MAX_RUNS, runs=runs
            )
        )
    return runs


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise AnalysisError(
            _("the random seed must be a whole number (got {seed})").format(seed=seed)
        )
    return seed


def curve_robustness(largest: Sequence[int], n: int) -> float | None:
    """(1/n)·Σ_{q=1..n} s(q) from the largest group sizes L(0..n)."""
    if n == 0:
        return None
    return sum(largest[1:]) / (n * n)


def robustness_of(adjacency: Sequence[Sequence[int]]) -> float | None:
    """Degree-attack robustness of a graph given as neighbour lists (numbered by name order)."""
    order = degree_attack_order(adjacency)
    return curve_robustness(largest_after_removals(adjacency, order), len(adjacency))


def degree_attack_order(adjacency: Sequence[Sequence[int]]) -> list[int]:
    """The removal order: most partners in what is left first, equal degrees by number.

    A heap of keys −degree·n + actor (one int sorts faster than a pair) with stale entries
    skipped: degrees only fall, so an outdated entry always comes out before the actor's
    current one and is recognised by its degree.
    """
    n = len(adjacency)
    degree = [len(partners) for partners in adjacency]
    heap = [v - d * n for v, d in enumerate(degree)]
    heapq.heapify(heap)
    gone = bytearray(n)
    order: list[int] = []
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        key = pop(heap)
        v = key % n
        if gone[v] or key != v - degree[v] * n:
            continue
        gone[v] = 1
        order.append(v)
        for w in adjacency[v]:
            if not gone[w]:
                degree[w] -= 1
                push(heap, w - degree[w] * n)
    return order


def largest_after_removals(adjacency: Sequence[Sequence[int]], order: Sequence[int]) -> list[int]:
    """L(q), the largest connected group after the first q removals of `order`, q = 0..n.

    The actors are added back from the last removed to the first with a union–find, so
    each state costs only the ties of the actor added.
    """
    n = len(adjacency)
    parent = list(range(n))
    size = [1] * n
    alive = bytearray(n)
    largest = [0] * (n + 1)
    best = 0
    for q in range(n - 1, -1, -1):
        v = order[q]
        alive[v] = 1
        best = max(best, 1)
        for w in adjacency[v]:
            if not alive[w]:
                continue
            # find both roots, halving paths on the way
            a = v
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            b = w
            while parent[b] != b:
                parent[b] = parent[parent[b]]
                b = parent[b]
            if a == b:
                continue
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
            if size[a] > best:
                best = size[a]
        largest[q] = best
    return largest


def _networkx_graph(adjacency: Sequence[Sequence[int]]) -> Any:
    import networkx

    g: networkx.Graph[int] = networkx.Graph()
    g.add_nodes_from(range(len(adjacency)))
    g.add_edges_from((v, w) for v, ws in enumerate(adjacency) for w in ws if v < w)
    return g


def _largest(g: Any) -> int:
    import networkx

    return max((len(c) for c in networkx.connected_components(g)), default=0)


def _networkx_degree_attack(adjacency: Sequence[Sequence[int]]) -> tuple[list[int], list[int]]:
    g = _networkx_graph(adjacency)
    order: list[int] = []
    largest = [_largest(g)]
    while g.number_of_nodes():
        victim = min(g.nodes, key=lambda v: (-g.degree(v), v))
        g.remove_node(victim)
        order.append(victim)
        largest.append(_largest(g))
    return order, largest


def _networkx_curve(adjacency: Sequence[Sequence[int]], order: Sequence[int]) -> list[int]:
    g = _networkx_graph(adjacency)
    largest = [_largest(g)]
    for v in order:
        g.remove_node(v)
        largest.append(_largest(g))
    return largest
