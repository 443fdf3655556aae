"""A list's actors and ties as a new design, or as additions to an existing design.

New designs are laid out by sector and location. Merging keeps every existing actor, id,
position and tie as it is: a list actor whose key (after the mapping's decisions) equals an
existing actor's is that actor; the others are added with new ids, the region ones placed
near their partners, and ties already in the design are left alone.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from cluster_designer.analysis.layout import MIN_SPACING, sector_location_layout
from cluster_designer.model import Actor, ActorIdMaker, Design, Location, Sector, Tie

from .build import ListActor, ListResult
from .candidates import Candidate, find_candidates, named_actors
from .names import name_key

ID_PREFIX = {Sector.UNIVERSITY: "U", Sector.COMPANY: "C", Sector.SUPPORT: "S"}
"""New actors' ids, as the window gives them: U1, C7, S3 (numbers above those in use)."""

NEIGHBOUR_DISTANCE = 90.0


class IdMaker:
    """Fresh ids per sector that no design of the project uses yet (the model's rule)."""

    def __init__(self, taken: Collection[str]) -> None:
        self._maker = ActorIdMaker(taken)

    def __call__(self, sector: Sector) -> str:
        return self._maker.make(ID_PREFIX[sector])


def list_actor(actor: ListActor, actor_id: str) -> Actor:
    extra = {"address": actor.address} if actor.address else {}
    return Actor(actor_id, actor.name, actor.sector, location=actor.location, extra=extra)


def _tie_notes(notes: Sequence[str]) -> str:
    return "\n".join(notes)


def make_design(
    result: ListResult,
    name: str,
    region: str = "",
    taken_ids: Collection[str] = (),
    *,
    layout: bool = True,
) -> Design:
    """A new design with every actor and tie of the list (ids unused in `taken_ids`)."""
    new_id = IdMaker(taken_ids)
    ids = {a.ident: new_id(a.sector) for a in result.actors}
    actors = [list_actor(a, ids[a.ident]) for a in result.actors]
    if layout and actors:
        unplaced = Design(name, region=region)
        unplaced.load(actors, ())
        positions = sector_location_layout(unplaced, _region_box(unplaced))
        actors = [
            a.with_changes(x=positions[a.id][0], y=positions[a.id][1]) if a.id in positions else a
            for a in actors
        ]
    ties = [
        Tie(ids[t.source], ids[t.target], t.kind, t.weight, _tie_notes(t.notes), uid=n)
        for n, t in enumerate(result.ties, start=1)
    ]
    design = Design(name, region=region)
    design.load(actors, ties)
    return design


def _region_box(design: Design) -> tuple[float, float, float, float]:
    """A region rectangle big enough for its actors on the layout's grid (at least 1200×800)."""
    inside = sum(1 for a in design.actors.values() if a.location is Location.REGION)
    columns = max(1, math.ceil(math.sqrt(inside * 1.5)))
    rows = max(1, math.ceil(inside / columns))
    width = max(1200.0, columns * MIN_SPACING * 1.15)
    height = max(800.0, rows * MIN_SPACING * 1.15)
    return (0.0, 0.0, width, height)


# --- merging into an existing design -------------------------------------------------------


@dataclass(slots=True)
class MergePlan:
    """What merging a list into a design adds; the design itself is not touched."""

    actors: list[Actor] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    matched: dict[int, str] = field(default_factory=dict)  # list actor → existing actor id
    present_ties: int = 0  # list ties the design already has (left as they are)

    @property
    def empty(self) -> bool:
        return not (self.actors or self.ties)


def existing_idents(result: ListResult, design: Design) -> dict[int, str]:
    """Actor number → the first existing actor whose name resolves to it."""
    found: dict[int, str] = {}
    for actor in design.actors.values():
        found.setdefault(result.resolver.ident(actor.name), actor.id)
    return found


def plan_merge(result: ListResult, design: Design, taken_ids: Collection[str] = ()) -> MergePlan:
    """The actors and ties to add to `design`. Build `result` with the design's actor names as
    `existing_names`, so its spellings and the design's names share actor numbers."""
    existing = existing_idents(result, design)
    new_id = IdMaker({*taken_ids, *design.actors})
    plan = MergePlan()
    ids: dict[int, str] = {}
    for actor in result.actors:
        if actor.ident in existing:
            ids[actor.ident] = existing[actor.ident]
            plan.matched[actor.ident] = existing[actor.ident]
        else:
            ids[actor.ident] = new_id(actor.sector)
            plan.actors.append(list_actor(actor, ids[actor.ident]))
    for tie in result.ties:
        made = Tie(ids[tie.source], ids[tie.target], tie.kind, tie.weight, _tie_notes(tie.notes))
        if design.find_tie(made.source, made.target, made.kind) is not None:
            plan.present_ties += 1
        else:
            plan.ties.append(made)
    plan.actors = _near_partners(design, plan.actors, plan.ties)
    return plan


def _near_partners(design: Design, actors: list[Actor], ties: Iterable[Tie]) -> list[Actor]:
    """Region actors placed beside their placed region partners, on free spots of a ring;
    outside actors and those without placed partners are left for the window to place."""
    location = {a.id: a.location for a in design.actors.values()}
    location.update({a.id: a.location for a in actors})
    positions = {
        a.id: (a.x, a.y)
        for a in design.actors.values()
        if a.placed and a.location is Location.REGION
    }
    partners: dict[str, list[str]] = {a.id: [] for a in actors}
    for tie in ties:
        for one, other in ((tie.source, tie.target), (tie.target, tie.source)):
            if one in partners and location.get(other) is Location.REGION:
                partners[one].append(other)
    occupied = {_cell(p) for p in positions.values()}
    placed: dict[str, tuple[float, float]] = {}
    pending = [a.id for a in actors if a.location is Location.REGION and partners[a.id]]
    while pending:
        ready = [
            (sum(1 for p in partners[i] if p in positions), n, i)
            for n, i in enumerate(pending)
            if any(p in positions for p in partners[i])
        ]
        if not ready:
            break
        ready.sort(key=lambda r: (-r[0], r[1]))
        for _count, _n, actor_id in ready:
            points = [positions[p] for p in partners[actor_id] if p in positions]
            centre = (
                sum(p[0] for p in points) / len(points),  # type: ignore[misc]
                sum(p[1] for p in points) / len(points),  # type: ignore[misc]
            )
            spot = _free_spot(centre, occupied, len(placed))
            positions[actor_id] = spot
            placed[actor_id] = spot
            occupied.add(_cell(spot))
        done = {r[2] for r in ready}
        pending = [i for i in pending if i not in done]
    return [
        a.with_changes(x=placed[a.id][0], y=placed[a.id][1]) if a.id in placed else a
        for a in actors
    ]


def _cell(point: tuple[float | None, float | None]) -> tuple[int, int]:
    x, y = point
    size = NEIGHBOUR_DISTANCE * 0.75
    return (round((x or 0.0) / size), round((y or 0.0) / size))


def _free_spot(
    centre: tuple[float, float], occupied: set[tuple[int, int]], turn: int
) -> tuple[float, float]:
    """The first free spot on rings around `centre` (the start angle turns per actor)."""
    for ring in range(1, 60):
        steps = 6 * ring
        radius = NEIGHBOUR_DISTANCE * ring
        for step in range(steps):
            angle = 2 * math.pi * (step / steps) + turn * 0.9
            spot = (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))
            if _cell(spot) not in occupied:
                return (round(spot[0], 1), round(spot[1], 1))
    return centre


# --- candidates ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamePair:
    """Two actors that are probably the same organization, as the review shows them."""

    a: int
    b: int
    a_name: str
    b_name: str
    reason: str
    score: float
    a_existing: bool = False
    b_existing: bool = False


def list_candidates(result: ListResult, design: Design | None = None) -> list[NamePair]:
    """Probable duplicates among the list's actors (and the design's, when merging)."""
    resolver = result.resolver
    named: list[tuple[int, str, Sequence[str]]] = [
        (a.ident, a.name, tuple(a.spellings)) for a in result.actors
    ]
    existing_names: dict[int, str] = {}
    if design is not None:
        matched = {a.ident for a in result.actors}
        for actor in design.actors.values():
            ident = resolver.ident(actor.name)
            if ident not in matched and ident not in existing_names:
                existing_names[ident] = actor.name
                named.append((ident, actor.name, (actor.name,)))
    spellings = {ident: spelled for ident, _name, spelled in named}
    keys = {ident: {name_key(s) for s in spelled} for ident, spelled in spellings.items()}
    different = {
        frozenset((resolver.ident(x), resolver.ident(y))) for x, y in resolver.decisions.different
    }

    def skip(a: int, b: int) -> bool:
        if a in existing_names and b in existing_names:
            return True  # the design's own actors are the planner's business
        if frozenset((a, b)) in different:
            return True
        # Two actors sharing a key were split by hand: not offered back together.
        return not keys[a].isdisjoint(keys[b])

    names = {ident: name for ident, name, _s in named}
    found: list[Candidate] = find_candidates(named_actors(named), skip)
    return [
        NamePair(
            c.a,
            c.b,
            names[c.a],
            names[c.b],
            c.reason,
            c.score,
            c.a in existing_names,
            c.b in existing_names,
        )
        for c in found
    ]
