"""compare(a, b) → Comparison: metric changes and which actors and ties differ.

Actors are matched by id, ties by `Tie.key` = (source, target, kind) with the ends of
undirected kinds sorted. "Changed" means present in both with different fields; canvas
positions (x, y) do not count, moving an actor on the map changes nothing for the region.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..model import Actor, Design, Tie
from .evaluate import evaluate
from .results import Evaluation, Number

TieKey = tuple[str, str, str]

# Actor fields a comparison looks at: everything but the position on the canvas.
COMPARED_ACTOR_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Actor) if f.name not in ("id", "x", "y")
)
COMPARED_TIE_FIELDS: tuple[str, ...] = ("weight", "notes", "extra")


@dataclass(frozen=True, slots=True)
class MetricChange:
    a: Number | None
    b: Number | None

    @property
    def delta(self) -> Number | None:
        """b − a, or None when either side is not defined."""
        if self.a is None or self.b is None:
            return None
        return self.b - self.a

    def to_dict(self) -> dict[str, Number | None]:
        return {"a": self.a, "b": self.b, "delta": self.delta}


@dataclass(frozen=True, slots=True)
class Comparison:
    a: str
    b: str
    metrics: Mapping[str, MetricChange]
    actors_added: tuple[str, ...]
    actors_removed: tuple[str, ...]
    actors_changed: tuple[str, ...]
    ties_added: tuple[TieKey, ...]
    ties_removed: tuple[TieKey, ...]
    ties_changed: tuple[TieKey, ...]
    evaluation_a: Evaluation
    evaluation_b: Evaluation
    actor_names: Mapping[str, str] = field(default_factory=dict)  # id → name, b's name preferred

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `cluster-designer compare --json`; ties as [source, target, kind]."""
        return {
            "a": self.a,
            "b": self.b,
            "metrics": {name: change.to_dict() for name, change in self.metrics.items()},
            "actors": {
                "added": list(self.actors_added),
                "removed": list(self.actors_removed),
                "changed": list(self.actors_changed),
            },
            "ties": {
                "added": [list(k) for k in self.ties_added],
                "removed": [list(k) for k in self.ties_removed],
                "changed": [list(k) for k in self.ties_changed],
            },
        }


def compare(
    design_a: Design,
    design_b: Design,
    engine: str = "auto",
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    ev_a = evaluate(design_a, engine=engine, cancelled=cancelled)
    ev_b = evaluate(design_b, engine=engine, cancelled=cancelled)
    return compare_evaluated(design_a, design_b, ev_a, ev_b)


def compare_evaluated(
    design_a: Design, design_b: Design, ev_a: Evaluation, ev_b: Evaluation
) -> Comparison:
    """Compare with evaluations already at hand (the GUI keeps the current one)."""
    ma, mb = ev_a.metrics(), ev_b.metrics()
    names = list(ma) + [k for k in mb if k not in ma]
    metrics = {k: MetricChange(ma.get(k), mb.get(k)) for k in names}

    actors_a, actors_b = design_a.actors, design_b.actors
    ties_a = {t.key: t for t in design_a.ties.values()}
    ties_b = {t.key: t for t in design_b.ties.values()}
    names_by_id = {a.id: a.name for a in actors_a.values()}
    names_by_id.update({a.id: a.name for a in actors_b.values()})
    return Comparison(
        a=design_a.name,
        b=design_b.name,
        metrics=metrics,
        actors_added=tuple(sorted(set(actors_b) - set(actors_a))),
        actors_removed=tuple(sorted(set(actors_a) - set(actors_b))),
        actors_changed=tuple(
            sorted(
                i for i in set(actors_a) & set(actors_b) if _actor_differs(actors_a[i], actors_b[i])
            )
        ),
        ties_added=tuple(sorted(set(ties_b) - set(ties_a))),
        ties_removed=tuple(sorted(set(ties_a) - set(ties_b))),
        ties_changed=tuple(
            sorted(k for k in set(ties_a) & set(ties_b) if _tie_differs(ties_a[k], ties_b[k]))
        ),
        evaluation_a=ev_a,
        evaluation_b=ev_b,
        actor_names=names_by_id,
    )


def _actor_differs(a: Actor, b: Actor) -> bool:
    return any(getattr(a, f) != getattr(b, f) for f in COMPARED_ACTOR_FIELDS)


def _tie_differs(a: Tie, b: Tie) -> bool:
    return any(getattr(a, f) != getattr(b, f) for f in COMPARED_TIE_FIELDS)
