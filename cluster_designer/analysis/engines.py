"""The costly graph algorithms, twice: networkx (the reference) and igraph (the fast path).

Both engines see the same simple undirected graph G as vertex indices 0..n-1 and an edge
list, and return the same numbers to 1e-9; tests hold them to it. Cheap counts (degrees,
densities, inflows) are not here: they are plain Python over the edge list in `evaluate`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from types import ModuleType
from typing import Protocol

# Betweenness is exact up to this many actors and estimated from sampled sources above it.
EXACT_BETWEENNESS_MAX = 3000
# Number of sampled source actors for the estimate, and the seed that makes it repeatable.
BETWEENNESS_SAMPLE = 300
BETWEENNESS_SEED = 20240611
# "auto" uses networkx up to this many actors and igraph above (when igraph is installed).
AUTO_NETWORKX_MAX = 200
# igraph holds Python's lock for the whole of one call, which would freeze a GUI that
# evaluates in a worker thread; betweenness is summed over calls of about this much work
# (sources × (actors + ties)), some 10 ms each on the reference machine.
BETWEENNESS_CALL_WORK = 600_000

ENGINE_NAMES = ("auto", "networkx", "igraph")


class GraphEngine(Protocol):
    name: str

    def component_sizes(self) -> list[int]: ...

    def average_clustering(self) -> float: ...

    def transitivity(self) -> float: ...

    def raw_betweenness(self, sources: Sequence[int] | None) -> list[float]:
        """Shortest-path counts through each vertex, each unordered pair counted once."""
        ...

    def largest_component_without(self, vertex: int) -> int: ...


class NetworkxEngine:
    name = "networkx"

    def __init__(self, n: int, edges: Sequence[tuple[int, int]]) -> None:
        # Imported on first use: networkx costs the window ~0.5 s of start-up and ~35 MB,
        # and designs of 300+ actors are evaluated in a worker process by igraph anyway.
        import networkx

        self.nx: ModuleType = networkx
        self.n = n
        self.graph: networkx.Graph[int] = networkx.Graph()
        self.graph.add_nodes_from(range(n))
        self.graph.add_edges_from(edges)

    def component_sizes(self) -> list[int]:
        return sorted((len(c) for c in self.nx.connected_components(self.graph)), reverse=True)

    def average_clustering(self) -> float:
        return float(self.nx.average_clustering(self.graph)) if self.n else 0.0

    def transitivity(self) -> float:
        return float(self.nx.transitivity(self.graph))

    def raw_betweenness(self, sources: Sequence[int] | None) -> list[float]:
        if sources is None:
            values = self.nx.betweenness_centrality(self.graph, normalized=False)
        else:
            values = self.nx.betweenness_centrality_subset(
                self.graph, sources=list(sources), targets=list(self.graph), normalized=False
            )
        return [float(values[v]) for v in range(self.n)]

    def largest_component_without(self, vertex: int) -> int:
        rest = self.graph.subgraph(v for v in self.graph if v != vertex)
        return max((len(c) for c in self.nx.connected_components(rest)), default=0)


class IgraphEngine:
    name = "igraph"

    def __init__(self, n: int, edges: Sequence[tuple[int, int]]) -> None:
        import igraph

        self.n = n
        self.graph = igraph.Graph(n=n, edges=list(edges), directed=False)

    def component_sizes(self) -> list[int]:
        return sorted(self.graph.connected_components().sizes(), reverse=True) if self.n else []

    def average_clustering(self) -> float:
        if not self.n:
            return 0.0
        return float(self.graph.transitivity_avglocal_undirected(mode="zero"))

    def transitivity(self) -> float:
        value = self.graph.transitivity_undirected(mode="zero") if self.n else 0.0
        return 0.0 if value != value else float(value)  # NaN when there is no connected triple

    def raw_betweenness(self, sources: Sequence[int] | None) -> list[float]:
        if not self.n:
            return []
        # Betweenness is a sum over source vertices, so summing calls over slices of the
        # sources gives the same numbers (tested against one call) in short steps.
        chosen = list(range(self.n)) if sources is None else list(sources)
        step = max(8, BETWEENNESS_CALL_WORK // (self.n + self.graph.ecount()))
        if len(chosen) <= step:
            return [float(v) for v in self.graph.betweenness(directed=False, sources=chosen)]
        total = [0.0] * self.n
        for start in range(0, len(chosen), step):
            part = self.graph.betweenness(directed=False, sources=chosen[start : start + step])
            total = [a + b for a, b in zip(total, part, strict=True)]
        return total

    def largest_component_without(self, vertex: int) -> int:
        rest = self.graph.copy()
        rest.delete_vertices([vertex])
        return max(rest.connected_components().sizes(), default=0) if rest.vcount() else 0


def igraph_available() -> bool:
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def make_engine(name: str, n: int, edges: Sequence[tuple[int, int]]) -> GraphEngine:
    """The engine asked for; "auto" picks networkx for small designs and igraph for big ones."""
    if name == "auto":
        name = "igraph" if n > AUTO_NETWORKX_MAX and igraph_available() else "networkx"
    if name == "igraph":
        return IgraphEngine(n, edges)
    return NetworkxEngine(n, edges)


def betweenness_sources(n: int) -> list[int] | None:
    """None for exact betweenness; otherwise the sampled source vertices (fixed seed)."""
    if n <= EXACT_BETWEENNESS_MAX:
        return None
    return sorted(random.Random(BETWEENNESS_SEED).sample(range(n), BETWEENNESS_SAMPLE))


def normalized_betweenness(
    raw: Sequence[float], n: int, sources: Sequence[int] | None
) -> list[float]:
    """Normalize as networkx does (pairs not involving v); rescale a sample as networkx 3.6.

    Exact: b(v) = 2·raw(v) / ((n−1)(n−2)). Sampled from k sources: every source accounts
    for n−1 targets, so b(v) = 2·raw(v) / (k_v·(n−2)) with k_v = k−1 when v is itself a
    source (it cannot lie between itself and a target) and k otherwise.
    """
    if n <= 2:
        return [0.0] * n
    if sources is None:
        scale = 2.0 / ((n - 1) * (n - 2))
        return [r * scale for r in raw]
    k = len(sources)
    chosen = set(sources)
    result = []
    for v, r in enumerate(raw):
        k_v = k - 1 if v in chosen else k
        result.append(2.0 * r / (k_v * (n - 2)) if k_v > 0 else 0.0)
    return result
