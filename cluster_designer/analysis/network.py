"""The graphs the dynamics analyses read (brokerage, spread, resilience, suggestions).

`DesignGraph` numbers the actors 0..n−1 in the order "by name, then id", so wherever an
analysis must break a tie between actors it compares their numbers. It holds G (the
undirected simple graph of all ties) and D (the directed graph of the brokerage roles);
R, the region part of G, is `region_adjacency()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Design, Location, Sector, TieKind

_DIRECTED = frozenset(k for k in TieKind if k.directed)


@dataclass(frozen=True, slots=True)
class DesignGraph:
    """A design as numbered actors, G's neighbour lists and what D is made of."""

    design: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    sectors: tuple[str, ...]
    in_region: tuple[bool, ...]
    neighbours: tuple[tuple[int, ...], ...]  # G: partners of each actor
    arcs: frozenset[tuple[int, int]]  # (u, v) for a directed tie u → v
    mutual: frozenset[tuple[int, int]]  # (u, v), u < v, for a collaboration/information tie
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

    def directed(self) -> tuple[list[set[int]], list[list[int]]]:
        """D as successor sets and predecessor lists: u → v for a directed tie from u to v,
        both ways for a collaboration or information tie."""
        successors: list[set[int]] = [set() for _ in range(self.n)]
        for u, v in self.mutual:
            successors[u].add(v)
            successors[v].add(u)
        for u, v in self.arcs:
            successors[u].add(v)
        predecessors: list[list[int]] = [[] for _ in range(self.n)]
        for u, out in enumerate(successors):
            for v in out:
                predecessors[v].append(u)
        return successors, predecessors


def graph_of(design: Design) -> DesignGraph:
    """Number the actors by name, then id, and build G and D from the ties."""
    actors = sorted(design.actors.values(), key=lambda a: (a.name, a.id))
    return _build(
        design.name,
        [(a.id, a.name, a.sector.value, a.location is Location.REGION) for a in actors],
        ((t.source, t.target, t.kind) for t in design.ties.values()),
    )


def graph_from_rows(
    name: str,
    actors: Sequence[tuple[str, str, str, bool]],
    ties: Iterable[tuple[str, str, TieKind | str]],
) -> DesignGraph:
    """The same graph from plain rows (id, name, sector, in region) and (source, target, kind)."""
    ordered = sorted(actors, key=lambda a: (a[1], a[0]))
    return _build(name, ordered, ties)


def _build(
    name: str,
    actors: Sequence[tuple[str, str, str, bool]],
    ties: Iterable[tuple[str, str, TieKind | str]],
) -> DesignGraph:
    ids = tuple(a[0] for a in actors)
    index = {aid: i for i, aid in enumerate(ids)}
    n = len(ids)
    partners: list[set[int]] = [set() for _ in range(n)]
    arcs: set[tuple[int, int]] = set()
    mutual: set[tuple[int, int]] = set()
    for source, target, kind in ties:
        u, v = index[source], index[target]
        if u == v:
            continue
        partners[u].add(v)
        partners[v].add(u)
        if kind in _DIRECTED:  # a StrEnum member and its value hash alike
            arcs.add((u, v))
        else:
            mutual.add((u, v) if u < v else (v, u))
    return DesignGraph(
        design=name,
        ids=ids,
        names=tuple(a[1] for a in actors),
        sectors=tuple(str(a[2]) for a in actors),
        in_region=tuple(bool(a[3]) for a in actors),
        neighbours=tuple(map(tuple, partners)),
        arcs=frozenset(arcs),
        mutual=frozenset(mutual),
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
