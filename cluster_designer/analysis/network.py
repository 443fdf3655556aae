"""The graphs the dynamics analyses read (brokerage, spread, resilience, suggestions).

`DesignGraph` numbers the actors 0..n−1 in the order "by name, then id", so wherever an
analysis must break a tie between actors it compares their numbers. It holds G (the
undirected simple graph of all ties) and D (the directed graph of the brokerage roles);
R, the region part of G, is `region_adjacency()`. The graphs are built with numpy, which
handles the 30,000 ties of a big design in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..i18n import _
from ..model import Design, Location, Sector, TieKind

_DIRECTED = frozenset(k for k in TieKind if k.directed)


@dataclass(frozen=True, slots=True, eq=False)
class DesignGraph:
    """A design as numbered actors, G's neighbour lists and D's arcs."""

    design: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    sectors: tuple[str, ...]
    in_region: tuple[bool, ...]
    neighbours: tuple[tuple[int, ...], ...]  # G: partners of each actor
    arc_sources: NDArray[np.int64]  # D: u → v for every arc, each once …
    arc_targets: NDArray[np.int64]  # … sorted by source, then target
    index: Mapping[str, int]

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def region(self) -> tuple[int, ...]:
        """Region actors, by name then id."""
        return tuple(i for i in range(self.n) if self.in_region[i])

    def edge_count(self) -> int:
        return sum(len(p) for p in self.neighbours) // 2

    def region_adjacency(self) -> tuple[tuple[int, ...], list[list[int]]]:
        """R renumbered 0..m−1 (still by name, then id): (actor numbers, neighbour lists)."""
        members = self.region
        local = {v: i for i, v in enumerate(members)}
        adjacency = [[local[w] for w in self.neighbours[v] if w in local] for v in members]
        return members, adjacency

    def successors(self) -> list[frozenset[int]]:
        """D's out-neighbours of every actor."""
        return grouped(self.arc_sources, self.arc_targets, self.n, frozenset)

    def predecessors(self) -> list[tuple[int, ...]]:
        """D's in-neighbours of every actor."""
        order = np.lexsort((self.arc_sources, self.arc_targets))
        return grouped(self.arc_targets[order], self.arc_sources[order], self.n, tuple)


def grouped(keys: NDArray[np.int64], values: NDArray[np.int64], n: int, kind: Any) -> list[Any]:
    """`values` split by `keys` (sorted) into n containers of type `kind`."""
    bounds = np.searchsorted(keys, np.arange(n + 1)).tolist()
    flat = values.tolist()
    return [kind(flat[bounds[i] : bounds[i + 1]]) for i in range(n)]


def graph_of(design: Design) -> DesignGraph:
    """Number the actors by name, then id, and build G and D from the ties."""
    actors = sorted(design.actors.values(), key=lambda a: (a.name, a.id))
    ties = design.ties.values()
    return _build(
        design.name,
        [(a.id, a.name, a.sector.value, a.location is Location.REGION) for a in actors],
        [t.source for t in ties],
        [t.target for t in ties],
        [t.kind in _DIRECTED for t in ties],
    )


def graph_from_rows(
    name: str,
    actors: Sequence[tuple[str, str, str, bool]],
    ties: Iterable[tuple[str, str, TieKind | str]],
) -> DesignGraph:
    """The same graph from plain rows (id, name, sector, in region) and (source, target, kind)."""
    ordered = sorted(actors, key=lambda a: (a[1], a[0]))
    rows = list(ties)
    return _build(
        name,
        ordered,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] in _DIRECTED for r in rows],  # a StrEnum member and its value compare alike
    )


def _build(
    name: str,
    actors: Sequence[tuple[str, str, str, bool]],
    sources: Sequence[str],
    targets: Sequence[str],
    directed: Sequence[bool],
) -> DesignGraph:
    """Simple graphs from the tie list with numpy: duplicates of a pair (several kinds, or a
    collaboration beside a funding tie) collapse into one edge of G and one arc of D."""
    ids = tuple(a[0] for a in actors)
    index = {aid: i for i, aid in enumerate(ids)}
    n = len(ids)
    u = np.fromiter((index[s] for s in sources), dtype=np.int64, count=len(sources))
    v = np.fromiter((index[t] for t in targets), dtype=np.int64, count=len(targets))
    one_way = np.fromiter(directed, dtype=bool, count=len(directed))
    keep = u != v
    u, v, one_way = u[keep], v[keep], one_way[keep]
    # G: each unordered pair once, both directions listed
    low, high = np.minimum(u, v), np.maximum(u, v)
    pairs = np.unique(low * n + high)
    ends = np.concatenate((pairs // n, pairs % n))
    others = np.concatenate((pairs % n, pairs // n))
    order = np.lexsort((others, ends))
    neighbours = grouped(ends[order], others[order], n, tuple)
    # D: a directed tie gives u → v, a mutual one both directions
    arc_u = np.concatenate((u, v[~one_way]))
    arc_v = np.concatenate((v, u[~one_way]))
    arcs = np.unique(arc_u * n + arc_v)
    return DesignGraph(
        design=name,
        ids=ids,
        names=tuple(a[1] for a in actors),
        sectors=tuple(str(a[2]) for a in actors),
        in_region=tuple(bool(a[3]) for a in actors),
        neighbours=tuple(neighbours),
        arc_sources=arcs // n if n else arcs,
        arc_targets=arcs % n if n else arcs,
        index=index,
    )


def region_universities(graph: DesignGraph) -> tuple[str, ...]:
    """The default seeds of the chain reaction: every university in the region, by id."""
    return tuple(
        sorted(
            graph.ids[i]
            for i in range(graph.n)
            if graph.in_region[i] and graph.sectors[i] == Sector.UNIVERSITY.value
        )
    )


def unknown_engine(engine: str, engines: tuple[str, ...]) -> str:
    """The message for an engine name that is not one of `engines`."""
    return _("unknown analysis engine '{engine}' (use {allowed})").format(
        engine=engine, allowed=", ".join(engines)
    )
