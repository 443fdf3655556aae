"""evaluate(design) → Evaluation: every metric of docs/reference/metrics.md.

G is the undirected simple graph over all actors (u–v when any tie joins them); R is the
subgraph of G induced by the region actors. Counting metrics are plain Python over G's
edge list; components, clustering and betweenness go to an engine (engines.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations_with_replacement

from ..i18n import _
from ..model import Actor, Design, Location, Sector, Tie, TieKind
from .dynamics import summarize
from .engines import (
    ENGINE_NAMES,
    GraphEngine,
    betweenness_sources,
    make_engine,
    normalized_betweenness,
)
from .origins import arrivals_of, groups_of
from .results import (
    ActorCounts,
    AnalysisError,
    Broker,
    Centralization,
    Clustering,
    Components,
    Densities,
    DominantActor,
    Evaluation,
    EvaluationCancelled,
    Inflows,
    TieCounts,
)

BROKER_COUNT = 5

# The six sector pairs of `density.sector_blocks`, each sorted, as "a-b".
SECTOR_PAIRS: tuple[tuple[str, str], ...] = tuple(
    combinations_with_replacement(sorted(s.value for s in Sector), 2)
)
BLOCK_KEYS: tuple[str, ...] = tuple(f"{a}-{b}" for a, b in SECTOR_PAIRS)


def density(n: int, edges: int) -> float:
    """2L / (n(n−1)); 0.0 when n < 2."""
    return 2.0 * edges / (n * (n - 1)) if n >= 2 else 0.0


def block_key(a: str, b: str) -> str:
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


def evaluate(
    design: Design,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Evaluation:
    """Evaluate a design. `engine` is "auto", "networkx" or "igraph"; `cancelled` is asked
    between stages and, when it returns True, the run stops with EvaluationCancelled."""
    if engine not in ENGINE_NAMES:
        raise AnalysisError(
            _("unknown analysis engine '{engine}' (use {names})").format(
                engine=engine, names=", ".join(ENGINE_NAMES)
            )
        )

    def checkpoint() -> None:
        if cancelled is not None and cancelled():
            raise EvaluationCancelled

    actors = list(design.actors.values())
    ties = list(design.ties.values())
    ids = [a.id for a in actors]
    index = {aid: i for i, aid in enumerate(ids)}
    n = len(ids)
    sector = [a.sector.value for a in actors]
    in_region = [a.location is Location.REGION for a in actors]

    edges = sorted({_pair(index[t.source], index[t.target]) for t in ties})
    degree = [0] * n
    for i, j in edges:
        degree[i] += 1
        degree[j] += 1
    checkpoint()

    graph = make_engine(engine, n, edges)
    sizes = graph.component_sizes()
    checkpoint()
    clustering = Clustering(average=graph.average_clustering(), transitivity=graph.transitivity())
    checkpoint()
    sources = betweenness_sources(n)
    between = normalized_betweenness(graph.raw_betweenness(sources), n, sources)
    checkpoint()

    isolate_ids = tuple(ids[i] for i in range(n) if degree[i] == 0)
    components = Components(
        count=len(sizes),
        largest_share=sizes[0] / n if n else 0.0,
        isolates=len(isolate_ids),
        sizes=tuple(sizes),
    )
    cut_off_ids = _cut_off(ids, edges)
    brokers = _brokers(actors, between, graph)
    inflows, inflow_ties = _inflows(design, ties, in_region, index)
    return Evaluation(
        design=design.name,
        region=design.region,
        actors=ActorCounts(
            total=n,
            by_sector=_count((a.sector.value for a in actors), (s.value for s in Sector)),
            by_location=_count((a.location.value for a in actors), (x.value for x in Location)),
            region_by_sector=_count(
                (s for s, r in zip(sector, in_region, strict=True) if r), (s.value for s in Sector)
            ),
        ),
        ties=TieCounts(
            total=len(ties),
            by_kind=_count((t.kind.value for t in ties), (k.value for k in TieKind)),
        ),
        density=_densities(n, edges, ties, index, sector, in_region),
        centralization=Centralization(degree=_freeman_centralization(degree)),
        components=components,
        clustering=clustering,
        ei_index=_ei_index(edges, sector, in_region),
        inflows=inflows,
        brokers=brokers,
        degree={ids[i]: degree[i] for i in range(n)},
        betweenness={ids[i]: between[i] for i in range(n)},
        betweenness_exact=sources is None,
        betweenness_sample=None if sources is None else len(sources),
        isolate_ids=isolate_ids,
        cut_off_ids=cut_off_ids,
        cut_off_names=tuple(design.actors[i].name for i in cut_off_ids),
        inflow_tie_uids=frozenset(t.uid for t in inflow_ties),
        inflow_tie_keys=tuple(t.key for t in inflow_ties),
        degree_distribution=dict(sorted(Counter(degree).items())),
        dominant=_dominant(actors, degree, edges, sector, in_region),
        engine=graph.name,
        dynamics=summarize(design),
        arrivals=arrivals_of(design),
        groups=groups_of(design),
    )


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _count(values: Iterable[str], keys: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for v in values:
        counts[v] += 1
    return counts


def _densities(
    n: int,
    edges: Sequence[tuple[int, int]],
    ties: Sequence[Tie],
    index: dict[str, int],
    sector: Sequence[str],
    in_region: Sequence[bool],
) -> Densities:
    kind_pairs: dict[str, set[tuple[int, int]]] = {k.value: set() for k in TieKind}
    for t in ties:
        kind_pairs[t.kind.value].add(_pair(index[t.source], index[t.target]))
    region_n = sum(in_region)
    region_sector = Counter(s for s, r in zip(sector, in_region, strict=True) if r)
    block_edges = dict.fromkeys(BLOCK_KEYS, 0)
    region_edges = 0
    for i, j in edges:
        if in_region[i] and in_region[j]:
            region_edges += 1
            block_edges[block_key(sector[i], sector[j])] += 1
    blocks: dict[str, float | None] = {}
    for a, b in SECTOR_PAIRS:
        if a == b:
            pairs = region_sector[a] * (region_sector[a] - 1) / 2
        else:
            pairs = region_sector[a] * region_sector[b]
        blocks[f"{a}-{b}"] = block_edges[f"{a}-{b}"] / pairs if pairs else None
    return Densities(
        overall=density(n, len(edges)),
        region=density(region_n, region_edges),
        by_kind={kind: density(n, len(p)) for kind, p in kind_pairs.items()},
        sector_blocks=blocks,
    )


def _freeman_centralization(degree: Sequence[int]) -> float:
    """Σ(d_max − d_i) / ((n−1)(n−2)); 0.0 when n < 3."""
    n = len(degree)
    if n < 3:
        return 0.0
    top = max(degree)
    return sum(top - d for d in degree) / ((n - 1) * (n - 2))


def _ei_index(
    edges: Sequence[tuple[int, int]], sector: Sequence[str], in_region: Sequence[bool]
) -> float | None:
    external = internal = 0
    for i, j in edges:
        if in_region[i] and in_region[j]:
            if sector[i] == sector[j]:
                internal += 1
            else:
                external += 1
    total = external + internal
    return (external - internal) / total if total else None


def _inflows(
    design: Design, ties: Sequence[Tie], in_region: Sequence[bool], index: dict[str, int]
) -> tuple[Inflows, list[Tie]]:
    """Ties with exactly one end outside the region, except directed ties leaving it."""
    inflow_ties: list[Tie] = []
    reached: set[str] = set()
    sources: set[str] = set()
    overseas = 0
    by_kind = {k.value: 0 for k in TieKind}
    weight_by_kind = {k.value: 0.0 for k in TieKind}
    for t in ties:
        source_inside = in_region[index[t.source]]
        target_inside = in_region[index[t.target]]
        if source_inside == target_inside:
            continue
        if t.directed and source_inside:
            continue  # an outflow: the region gives, it does not draw in
        inside, outside = (t.source, t.target) if source_inside else (t.target, t.source)
        inflow_ties.append(t)
        reached.add(inside)
        sources.add(outside)
        by_kind[t.kind.value] += 1
        weight_by_kind[t.kind.value] += t.weight
        if design.actors[outside].location is Location.OVERSEAS:
            overseas += 1
    region_n = sum(in_region)
    count = len(inflow_ties)
    inflows = Inflows(
        count=count,
        by_kind=by_kind,
        weight_by_kind=weight_by_kind,
        overseas_share=overseas / count if count else None,
        reached_share=len(reached) / region_n if region_n else None,
        reached=len(reached),
        sources=len(sources),
    )
    return inflows, inflow_ties


def _cut_off(ids: Sequence[str], edges: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The actors outside the largest connected group of G (union-find over the edge list).

    Of equally large groups, the one holding the actor that comes first in the design counts
    as the largest, so the same design always names the same actors.
    """
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = [root(i) for i in range(len(ids))]
    if not roots:
        return ()
    sizes = Counter(roots)
    # Roots are the smallest index of their group: on equal sizes the earliest group wins.
    largest = min(sizes, key=lambda r: (-sizes[r], r))
    return tuple(ids[i] for i, r in enumerate(roots) if r != largest)


def _brokers(
    actors: Sequence[Actor], between: Sequence[float], graph: GraphEngine
) -> tuple[Broker, ...]:
    """Top actors by betweenness (ties by name, then id) and the largest group without each."""
    order = sorted(range(len(actors)), key=lambda i: (-between[i], actors[i].name, actors[i].id))
    n = len(actors)
    result = []
    for i in order[:BROKER_COUNT]:
        rest = graph.largest_component_without(i)
        result.append(
            Broker(
                id=actors[i].id,
                name=actors[i].name,
                betweenness=between[i],
                largest_share_without=rest / (n - 1) if n > 1 else 0.0,
            )
        )
    return tuple(result)


def _dominant(
    actors: Sequence[Actor],
    degree: Sequence[int],
    edges: Sequence[tuple[int, int]],
    sector: Sequence[str],
    in_region: Sequence[bool],
) -> DominantActor | None:
    """The actor with most partners (ties by name, then id), for the pattern diagnosis."""
    if not actors or max(degree) == 0:
        return None
    top = min(range(len(actors)), key=lambda i: (-degree[i], actors[i].name, actors[i].id))
    own = sector[top]
    peers = [i for i in range(len(actors)) if i != top and in_region[i] and sector[i] == own]
    peer_set = set(peers)
    peer_edges = sum(1 for i, j in edges if i in peer_set and j in peer_set)
    return DominantActor(
        id=actors[top].id,
        name=actors[top].name,
        sector=own,
        location=actors[top].location.value,
        degree=degree[top],
        peer_density=density(len(peers), peer_edges) if len(peers) >= 2 else None,
    )
