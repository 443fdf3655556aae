"""Suggestions: the new ties between region actors of different sectors that raise a goal most.

Greedy: the tie with the largest gain is picked, added, and the search starts again, k
times (fewer when no remaining tie raises the goal). Every gain, `before` and `after` is
computed exactly on the design with the ties picked so far; only *which* ties are tried
may be narrowed on big designs (docs/reference/analyses.md).

This module checks the request and words the result; the search itself, with how it narrows
the tries, is suggest_search.py, and what its robustness heuristic estimates from the degree
attack is suggest_attack.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..model import Design, TieKind
from .network import DesignGraph, graph_of
from .results import AnalysisError
from .spread import DEFAULT_THRESHOLD, check_threshold, seed_numbers
from .suggest_search import Progress, Search

GOALS = ("robustness", "spread")
METHODS = ("auto", "exact", "heuristic")
DEFAULT_TIES = 5
MAX_TIES = 20


@dataclass(frozen=True, slots=True)
class SuggestedTie:
    source: str
    target: str
    kind: str
    gain: float  # the rise of the goal this tie added when it was picked
    source_name: str = ""
    target_name: str = ""
    value: float = 0.0  # the goal with this tie and the earlier ones

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind, "gain": self.gain}


@dataclass(frozen=True, slots=True)
class Suggestions:
    design: str
    goal: str
    before: float | None
    after: float | None
    ties: tuple[SuggestedTie, ...]
    k: int
    kind: str
    method: str  # "exact" or "heuristic" (the first pick's search)
    candidates: int  # candidate ties at the first pick
    region_actors: int = 0
    touching: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    seeds: tuple[str, ...] | None = None  # goal spread
    threshold: float | None = None  # goal spread

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "design": self.design,
            "goal": self.goal,
            "k": self.k,
            "kind": self.kind,
            "touching": list(self.touching),
            "exclude": list(self.exclude),
        }
        if self.goal == "spread":
            result["seeds"] = list(self.seeds or ())
            result["threshold"] = self.threshold
        result.update(
            {
                "method": self.method,
                "before": self.before,
                "after": self.after,
                "ties": [t.to_dict() for t in self.ties],
            }
        )
        return result


def check_tie_count(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_TIES:
        raise AnalysisError(
            _("the number of ties must be from 1 to {most} (got {k})").format(most=MAX_TIES, k=k)
        )
    return k


def suggest(
    design: Design,
    goal: str = "robustness",
    k: int = DEFAULT_TIES,
    *,
    kind: str = TieKind.COLLABORATION.value,
    touching: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    seeds: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "auto",
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Suggestions:
    """Up to k new ties of `kind` that raise `goal` most, picked greedily."""
    return suggest_for_graph(
        graph_of(design),
        goal,
        k,
        kind=kind,
        touching=touching,
        exclude=exclude,
        seeds=seeds,
        threshold=threshold,
        method=method,
        cancelled=cancelled,
        progress=progress,
    )


def suggest_for_graph(
    graph: DesignGraph,
    goal: str = "robustness",
    k: int = DEFAULT_TIES,
    *,
    kind: str = TieKind.COLLABORATION.value,
    touching: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    seeds: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "auto",
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Suggestions:
    if goal not in GOALS:
        raise AnalysisError(
            _("unknown goal '{goal}' (use {allowed})").format(goal=goal, allowed=", ".join(GOALS))
        )
    if method not in METHODS:
        raise AnalysisError(
            _("unknown search method '{method}' (use {allowed})").format(
                method=method, allowed=", ".join(METHODS)
            )
        )
    k = check_tie_count(k)
    try:
        tie_kind = TieKind(str(kind).strip().lower())
    except ValueError:
        allowed = ", ".join(x.value for x in TieKind)
        raise AnalysisError(
            _("unknown tie kind '{kind}' (use {allowed})").format(kind=kind, allowed=allowed)
        ) from None
    touch_ids = _known_ids(graph, touching, "--touching")
    exclude_ids = _known_ids(graph, exclude, "--exclude")
    for aid in touch_ids:
        if not graph.in_region[graph.index[aid]]:
            raise AnalysisError(
                _(
                    "'{id}' is outside the region; new ties are suggested between region "
                    "actors only"
                ).format(id=aid)
            )
    if not any(graph.in_region):
        raise AnalysisError(_("the design has no region actors to suggest ties between"))
    search = Search(graph, touch_ids, exclude_ids, cancelled)
    if goal == "robustness":
        picks, before, after, used, count = search.robustness(k, method, progress)
        seed_ids: tuple[str, ...] | None = None
        theta: float | None = None
    else:
        theta = check_threshold(threshold)
        start, _default = seed_numbers(graph, seeds)
        picks, before, after, used, count = search.spread(k, method, start, theta, progress)
        seed_ids = tuple(sorted(graph.ids[v] for v in start))
    ties = tuple(
        SuggestedTie(
            source=graph.ids[u],
            target=graph.ids[v],
            kind=tie_kind.value,
            gain=gain,
            source_name=graph.names[u],
            target_name=graph.names[v],
            value=value,
        )
        for u, v, gain, value in picks
    )
    return Suggestions(
        design=graph.design,
        goal=goal,
        before=before,
        after=after,
        ties=ties,
        k=k,
        kind=tie_kind.value,
        method=used,
        candidates=count,
        region_actors=sum(graph.in_region),
        touching=tuple(touch_ids),
        exclude=tuple(exclude_ids),
        seeds=seed_ids,
        threshold=theta,
    )


def _known_ids(graph: DesignGraph, ids: Iterable[str] | None, option: str) -> list[str]:
    chosen: list[str] = []
    for aid in ids or ():
        if aid not in graph.index:
            raise AnalysisError(
                _("{option}: the design has no actor with id '{id}'").format(option=option, id=aid)
            )
        if aid not in chosen:
            chosen.append(aid)
    return chosen
