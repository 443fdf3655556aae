"""compare(a, b) → Comparison: metric changes and which actors and ties differ.

Actors are matched before anything is compared. Designs of one lineage (a duplicate, a copy,
a JSON round trip — `model.same_lineage`) share ids, so equal ids are the same actor; what
is left, and every actor of designs not derived from each other, is matched by normalised
name (NFKC, case-folded, white space removed). Each pair remembers how it was matched.
Ties are matched by `Tie.key` = (source, target, kind) after A's ids are translated into
B's through the actor pairs, the ends of undirected kinds sorted. "Changed" means matched
with different fields; canvas positions (x, y) do not count, moving an actor on the map
changes nothing for the region.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

from ..model import Actor, Design, Tie, same_lineage, tie_key
from .evaluate import evaluate
from .results import Evaluation, Number

TieKey = tuple[str, str, str]
MatchedBy = Literal["id", "name"]

# Actor fields a comparison looks at: everything but the id and the position on the canvas.
COMPARED_ACTOR_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Actor) if f.name not in ("id", "x", "y")
)
COMPARED_TIE_FIELDS: tuple[str, ...] = ("weight", "notes", "extra")
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """How names are compared: Unicode NFKC (全角/半角 alike), case-folded, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name).casefold())


@dataclass(frozen=True, slots=True)
class ActorPair:
    """One actor of A matched with one of B, and how."""

    a: str  # id in A
    b: str  # id in B
    by: MatchedBy

    def to_dict(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b, "by": self.by}


def match_actors(design_a: Design, design_b: Design) -> tuple[ActorPair, ...]:
    """Pairs of the same actor in A and B, in A's order: by id within one lineage, then by
    normalised name among those left (equal names pair up in design order)."""
    pairs: dict[str, ActorPair] = {}
    taken_b: set[str] = set()
    actors_a, actors_b = design_a.actors, design_b.actors
    if same_lineage(design_a, design_b):
        for actor_id in actors_a:
            if actor_id in actors_b:
                pairs[actor_id] = ActorPair(actor_id, actor_id, "id")
                taken_b.add(actor_id)
    waiting: dict[str, list[str]] = defaultdict(list)
    for actor in actors_b.values():
        if actor.id not in taken_b:
            waiting[name_key(actor.name)].append(actor.id)
    for actor in actors_a.values():
        if actor.id in pairs:
            continue
        candidates = waiting.get(name_key(actor.name))
        if candidates:
            pairs[actor.id] = ActorPair(actor.id, candidates.pop(0), "name")
    return tuple(pairs[i] for i in actors_a if i in pairs)


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
    actors_added: tuple[str, ...]  # ids in B
    actors_removed: tuple[str, ...]  # ids in A
    actors_changed: tuple[str, ...]  # ids in B of matched actors whose fields differ
    ties_added: tuple[TieKey, ...]  # keys in B's ids
    ties_removed: tuple[TieKey, ...]  # keys in A's ids
    ties_changed: tuple[TieKey, ...]  # keys in B's ids
    evaluation_a: Evaluation
    evaluation_b: Evaluation
    actor_names: Mapping[str, str] = field(default_factory=dict)  # id → name, B's preferred
    actor_pairs: tuple[ActorPair, ...] = ()
    same_lineage: bool = False
    names_a: Mapping[str, str] = field(default_factory=dict)  # A's ids → A's names
    names_b: Mapping[str, str] = field(default_factory=dict)  # B's ids → B's names

    @property
    def matched_by_id(self) -> int:
        return sum(1 for p in self.actor_pairs if p.by == "id")

    @property
    def matched_by_name(self) -> int:
        return sum(1 for p in self.actor_pairs if p.by == "name")

    def pair_of_b(self, b_id: str) -> ActorPair | None:
        return next((p for p in self.actor_pairs if p.b == b_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `cluster-designer compare --json`; ties as [source, target, kind]."""
        return {
            "a": self.a,
            "b": self.b,
            "metrics": {name: change.to_dict() for name, change in self.metrics.items()},
            "matching": {
                "same_lineage": self.same_lineage,
                "by_id": self.matched_by_id,
                "by_name": self.matched_by_name,
            },
            "actors": {
                "added": list(self.actors_added),
                "removed": list(self.actors_removed),
                "changed": list(self.actors_changed),
                "matched": [p.to_dict() for p in self.actor_pairs],
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
    pairs = match_actors(design_a, design_b)
    to_b = {p.a: p.b for p in pairs}
    matched_b = set(to_b.values())
    ties_a = {t.key: t for t in design_a.ties.values()}
    ties_b = {t.key: t for t in design_b.ties.values()}
    in_b: dict[TieKey, TieKey] = {}  # A's tie key → the same tie's key in B's ids
    for key, tie in ties_a.items():
        if tie.source in to_b and tie.target in to_b:
            in_b[key] = key_through(tie, to_b)
    from_a = {moved: key for key, moved in in_b.items() if moved in ties_b}
    names_a = {a.id: a.name for a in actors_a.values()}
    names_b = {a.id: a.name for a in actors_b.values()}
    return Comparison(
        a=design_a.name,
        b=design_b.name,
        metrics=metrics,
        actors_added=tuple(sorted(i for i in actors_b if i not in matched_b)),
        actors_removed=tuple(sorted(i for i in actors_a if i not in to_b)),
        actors_changed=tuple(
            sorted(p.b for p in pairs if _actor_differs(actors_a[p.a], actors_b[p.b]))
        ),
        ties_added=tuple(sorted(k for k in ties_b if k not in from_a)),
        ties_removed=tuple(sorted(k for k in ties_a if in_b.get(k) not in ties_b)),
        ties_changed=tuple(
            sorted(k for k, old in from_a.items() if _tie_differs(ties_a[old], ties_b[k]))
        ),
        evaluation_a=ev_a,
        evaluation_b=ev_b,
        actor_names={**names_a, **names_b},
        actor_pairs=pairs,
        same_lineage=same_lineage(design_a, design_b),
        names_a=names_a,
        names_b=names_b,
    )


# The compared fields of an entity as one tuple, read in one call (numbers are finite in the
# model, so two tuples differ exactly when a field does).
_actor_fields = attrgetter(*COMPARED_ACTOR_FIELDS)
_tie_fields = attrgetter(*COMPARED_TIE_FIELDS)


def key_through(tie: Tie, ids: Mapping[str, str]) -> TieKey:
    """The tie's key with both ends renamed through `ids` (A's ids to B's, or back), without
    making a tie for it (at 150,000 ties that took most of a comparison's time)."""
    return tie_key(ids[tie.source], ids[tie.target], tie.kind)


def _actor_differs(a: Actor, b: Actor) -> bool:
    return bool(_actor_fields(a) != _actor_fields(b))


def _tie_differs(a: Tie, b: Tie) -> bool:
    return bool(_tie_fields(a) != _tie_fields(b))
