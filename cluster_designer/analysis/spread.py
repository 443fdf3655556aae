"""The chain reaction: a linear-threshold cascade over G from a few seeds.

Round 0 reaches the seeds. In round r ≥ 1 every actor not yet reached, with k ≥ 1
partners of which m were reached by the end of round r − 1, is reached when
m / k ≥ θ − 1e-9; all of round r is decided at once. The cascade stops after the first
round that reaches nobody (that empty round is not listed).

The `fast` engine only looks at the partners of the actors reached in the previous round
(O(ties) in all); `networkx` re-examines every actor each round, as the definition reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..model import Design
from .network import DesignGraph, graph_of, region_universities, unknown_engine
from .results import AnalysisError, Cancelled

DEFAULT_THRESHOLD = 0.5
TOLERANCE = 1e-9
ENGINES = ("auto", "networkx", "fast")


@dataclass(frozen=True, slots=True)
class Spread:
    """Who the chain reaction reaches, round by round."""

    design: str
    seeds: tuple[str, ...]
    threshold: float
    rounds: tuple[tuple[str, ...], ...]  # round 1, 2, …; ids sorted
    reached: int  # seeds included
    actors: int  # all actors of the design
    reached_share: float  # over all actors (0.0 without actors)
    region_reached: int
    region_actors: int
    region_reached_share: float | None  # over region actors; None without any
    default_seeds: bool = True

    @property
    def round_of(self) -> dict[str, int]:
        """The round each reached actor was reached in (0 for the seeds)."""
        found = dict.fromkeys(self.seeds, 0)
        for number, ids in enumerate(self.rounds, start=1):
            found.update(dict.fromkeys(ids, number))
        return found

    @property
    def reach_per_round(self) -> list[int]:
        """Actors reached by the end of each round, round 0 (the seeds) first."""
        totals = [len(self.seeds)]
        for ids in self.rounds:
            totals.append(totals[-1] + len(ids))
        return totals

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "seeds": list(self.seeds),
            "threshold": self.threshold,
            "rounds": [list(r) for r in self.rounds],
            "reached": self.reached,
            "reached_share": self.reached_share,
            "region_reached_share": self.region_reached_share,
        }


def check_threshold(threshold: float) -> float:
    value = float(threshold)
    if not 0.0 < value <= 1.0:  # also refuses NaN
        raise AnalysisError(
            _("threshold {value} is outside (0, 1]: give a number above 0, up to 1").format(
                value=threshold
            )
        )
    return value


def seed_numbers(graph: DesignGraph, seeds: Iterable[str] | None) -> tuple[list[int], bool]:
    """Actor numbers of the seeds (default: the region's universities); unknown ids refused."""
    if seeds is None:
        return [graph.index[s] for s in region_universities(graph)], True
    chosen: list[int] = []
    for seed in seeds:
        if seed not in graph.index:
            raise AnalysisError(
                _("unknown seed: the design has no actor with id '{id}'").format(id=seed)
            )
        number = graph.index[seed]
        if number not in chosen:
            chosen.append(number)
    return chosen, False


def spread(
    design: Design,
    seeds: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Spread:
    """The cascade from `seeds` (default: every region university) at `threshold`."""
    return spread_of_graph(graph_of(design), seeds, threshold, engine, cancelled)


def spread_of_graph(
    graph: DesignGraph,
    seeds: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Spread:
    if engine not in ENGINES:
        raise AnalysisError(unknown_engine(engine, ENGINES))
    theta = check_threshold(threshold)
    start, default = seed_numbers(graph, seeds)
    if engine == "networkx":
        rounds = _networkx_rounds(graph, start, theta, cancelled)
    else:
        rounds = cascade_rounds(graph.neighbours, start, theta, cancelled)
    reached = set(start).union(*rounds) if rounds else set(start)
    region_total = sum(graph.in_region)
    region_reached = sum(1 for v in reached if graph.in_region[v])
    return Spread(
        design=graph.design,
        seeds=tuple(sorted(graph.ids[v] for v in start)),
        threshold=theta,
        rounds=tuple(tuple(sorted(graph.ids[v] for v in r)) for r in rounds),
        reached=len(reached),
        actors=graph.n,
        reached_share=len(reached) / graph.n if graph.n else 0.0,
        region_reached=region_reached,
        region_actors=region_total,
        region_reached_share=region_reached / region_total if region_total else None,
        default_seeds=default,
    )


def cascade_rounds(
    neighbours: Sequence[Sequence[int]],
    seeds: Iterable[int],
    theta: float,
    cancelled: Callable[[], bool] | None = None,
) -> list[list[int]]:
    """The actors reached in rounds 1, 2, … (the seeds are round 0)."""
    reached = bytearray(len(neighbours))
    hits = [0] * len(neighbours)  # reached partners, as of the end of the last round
    frontier = []
    for s in seeds:
        if not reached[s]:
            reached[s] = 1
            frontier.append(s)
    bar = theta - TOLERANCE
    if bar <= 0:  # a threshold within the tolerance of 0: every actor with a partner at once
        everyone = [v for v in range(len(neighbours)) if neighbours[v] and not reached[v]]
        return [everyone] if everyone else []
    rounds: list[list[int]] = []
    seen = [0] * len(neighbours)  # the last round in which an actor's count rose
    number = 0
    while frontier:
        if cancelled is not None and cancelled():
            raise Cancelled
        number += 1
        touched = []
        for v in frontier:
            for w in neighbours[v]:
                if not reached[w]:
                    if seen[w] != number:
                        seen[w] = number
                        touched.append(w)
                    hits[w] += 1
        # Only actors whose count just rose can pass the threshold now; the others were
        # below it at the end of the previous round and nothing changed for them.
        new = [w for w in touched if hits[w] / len(neighbours[w]) >= bar]
        for w in new:
            reached[w] = 1
        frontier = new
        if new:
            rounds.append(new)
    return rounds


def _networkx_rounds(
    graph: DesignGraph, seeds: Sequence[int], theta: float, cancelled: Callable[[], bool] | None
) -> list[list[int]]:
    import networkx

    g: networkx.Graph[int] = networkx.Graph()
    g.add_nodes_from(range(graph.n))
    g.add_edges_from((u, v) for u in range(graph.n) for v in graph.neighbours[u] if u < v)
    reached = set(seeds)
    rounds: list[list[int]] = []
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled
        new = []
        for v in g:
            k = g.degree(v)
            if v in reached or k == 0:
                continue
            m = sum(1 for w in g.neighbors(v) if w in reached)
            if m / k >= theta - TOLERANCE:
                new.append(v)
        if not new:
            return rounds
        reached.update(new)
        rounds.append(new)


def region_share_after(
    graph: DesignGraph, neighbours: Sequence[Sequence[int]], seeds: Sequence[int], theta: float
) -> float | None:
    """`region_reached_share` of the cascade over `neighbours` (used to score new ties)."""
    total = sum(graph.in_region)
    if not total:
        return None
    rounds = cascade_rounds(neighbours, seeds, theta)
    reached = set(seeds).union(*rounds)
    return sum(1 for v in reached if graph.in_region[v]) / total
