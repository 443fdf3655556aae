"""A design: one map of one region, with its actors, ties and groups.

Every mutation goes through a method here, which validates, updates the indexes, records
what changed for incremental saving and announces the change. Methods that remove things
return what is needed to put them back exactly (undo restores order too).
"""

from __future__ import annotations

import math
import operator
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, repeat
from typing import Any

from ..i18n import _
from .entities import (
    ACTOR_FIELDS,
    Actor,
    Group,
    Tie,
    check_name,
    check_text,
    normalize_actor_value,
    normalize_group_value,
    normalize_tie_value,
    parse_year,
)
from .enums import TieKind
from .errors import ValidationError
from .events import DesignEvent, Emitter, EventKind

_ACTOR_VALUES = operator.attrgetter(*ACTOR_FIELDS)
_ACTOR_INDEX = {name: n for n, name in enumerate(ACTOR_FIELDS)}


def _changed_actor(actor: Actor, clean: Mapping[str, Any]) -> Actor:
    """`actor.with_changes(**clean)` for already normalized values, about 3x faster than
    `dataclasses.replace` (a layout replaces thousands of actors in one undo step)."""
    values = list(_ACTOR_VALUES(actor))
    for name, value in clean.items():
        values[_ACTOR_INDEX[name]] = value
    return Actor(*values)


def _normalized(name: str, value: Any) -> Any:
    """`normalize_actor_value`, without parsing a coordinate that is already a finite float."""
    if (name == "x" or name == "y") and type(value) is float and math.isfinite(value):
        return value
    return normalize_actor_value(name, value)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def local_time(moment: datetime) -> datetime:
    """`moment` in the computer's time zone, for showing; a date at the very end of the
    calendar (from a damaged file) that the zone would push past year 9999 stays in UTC."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment


@dataclass(slots=True)
class ChangeJournal:
    """What changed since the design was last loaded or saved; lets storage write only that."""

    actors: set[str] = field(default_factory=set)
    removed_actors: set[str] = field(default_factory=set)
    ties: set[int] = field(default_factory=set)
    removed_ties: set[int] = field(default_factory=set)
    meta: bool = False
    groups: bool = False  # groups are few: any change rewrites the design's groups
    everything: bool = True

    def clear(self) -> None:
        self.actors.clear()
        self.removed_actors.clear()
        self.ties.clear()
        self.removed_ties.clear()
        self.meta = False
        self.groups = False
        self.everything = False

    @property
    def empty(self) -> bool:
        return (
            not (
                self.actors
                or self.removed_actors
                or self.ties
                or self.removed_ties
                or self.meta
                or self.groups
            )
            and not self.everything
        )


@dataclass(slots=True)
class _Unlinked:
    """Ties `Design.load` took whose partner sets are still to be filled, as columns."""

    uids: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    done: int = 0  # how many are linked


@dataclass(frozen=True, slots=True)
class RemovedActors:
    """Enough to undo `Design.remove_actors`: actors with their former positions, their ties,
    the groups they belonged to as they were (position, group), and the spin-offs whose
    `parent` named them (actor id, former parent)."""

    actors: tuple[tuple[int, Actor], ...]
    ties: tuple[tuple[int, Tie], ...]
    groups: tuple[tuple[int, Group], ...] = ()
    parents: tuple[tuple[str, str], ...] = ()


class Design:
    """Actors (by id, in order) and ties (by internal uid, in order) plus the design's metadata."""

    def __init__(
        self,
        name: str,
        region: str = "",
        description: str = "",
        created: datetime | None = None,
        updated: datetime | None = None,
        lineage: str | None = None,
        year: int | None = None,
    ) -> None:
        self.name = check_name(name)
        # Which family of designs this one belongs to: a duplicate, a copy into another
        # project or a JSON round trip keeps it; a new design or an import of foreign ids
        # starts its own. Only designs of one lineage have ids that mean the same actors
        # (see `same_lineage`). None until a store or a file gives it one.
        self.lineage = lineage
        self.region = check_text("region", region or "")
        self.description = check_text("description", description or "")
        # The year the design depicts (today's map 2024, the plan 2030); designs with a
        # year form the project's timeline.
        self.year = parse_year("year", year)
        self.created = created or now_utc()
        self.updated = updated or self.created
        self._actors: dict[str, Actor] = {}
        self._ties: dict[int, Tie] = {}
        # Each actor's tie uids (read through `_ties_of`), in sets never changed in place
        # once complete (frozensets, or the sets `load` filled): a copy shares them (copying
        # 10,000 sets took the window 20 ms at every autosave and Compare); a change
        # replaces the set.
        self._partners: dict[str, AbstractSet[int]] = {}
        self._unlinked: _Unlinked | None = None  # loaded ties not yet in `_partners`
        # (events sent at `load`, each tie's source's and target's place among the actors)
        self._loaded_rows: tuple[int, list[int], list[int]] | None = None
        self._keys: dict[tuple[str, str, str], int] = {}
        self._groups: dict[str, Group] = {}
        self._next_uid = 1
        self.changed = Emitter()
        self.journal = ChangeJournal()
        # Set by storage: which stored row this design is, and the version it was read at.
        self.store_id: int | None = None
        self.store_version: int = 0

    # --- reading -----------------------------------------------------------------------
    @property
    def actors(self) -> Mapping[str, Actor]:
        return self._actors

    @property
    def ties(self) -> Mapping[int, Tie]:
        return self._ties

    @property
    def groups(self) -> Mapping[str, Group]:
        return self._groups

    def actor(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def group(self, group_id: str) -> Group:
        return self._groups[group_id]

    def groups_of(self, actor_id: str) -> list[Group]:
        return [g for g in self._groups.values() if actor_id in g.members]

    def spin_offs_of(self, actor_id: str) -> list[Actor]:
        return [a for a in self._actors.values() if a.parent == actor_id]

    def unique_group_id(self) -> str:
        return ActorIdMaker(self._groups).make("G")

    def tie(self, uid: int) -> Tie:
        return self._ties[uid]

    @property
    def _ties_of(self) -> dict[str, AbstractSet[int]]:
        """Each actor's tie uids; those `load` left to link are linked first."""
        if self._unlinked is not None:
            self.link_loaded_ties()
        return self._partners

    def take_loaded_tie_rows(self) -> tuple[list[int], list[int]] | None:
        """Where each tie's source and target come in the order of actors, tie by tie in the
        order of ties, as `load` was given them (storage looks them up converting rows);
        None once the design changed since, or when `load` had none. Given out once, then
        forgotten: a drawing of the ties needs them once, to place its first frame's lines
        without looking up 300,000 ids again (about 0.12 s at 50,000 actors)."""
        loaded, self._loaded_rows = self._loaded_rows, None
        if loaded is None or loaded[0] != self.changed.emitted:
            return None
        return loaded[1], loaded[2]

    def link_loaded_ties(self, limit: int | None = None) -> bool:
        """Record the ties `load` took in their actors' partner sets, all or the next `limit`
        of them; True when none is left. Anything that needs the partner sets links the
        rest first, so calling this is never required: the window does it in small pieces
        after a big design's first frame (at 50,000 actors linking 150,000 ties takes
        about 0.2 s, which `load` used to spend before anything could be drawn)."""
        unlinked = self._unlinked
        if unlinked is None:
            return True
        start = unlinked.done
        stop = len(unlinked.uids) if limit is None else min(len(unlinked.uids), start + limit)
        of = self._partners
        for uid, a, b in zip(
            unlinked.uids[start:stop],
            unlinked.sources[start:stop],
            unlinked.targets[start:stop],
            strict=True,
        ):
            of[a].add(uid)  # type: ignore[attr-defined]  # sets `load` made, not yet shared
            of[b].add(uid)  # type: ignore[attr-defined]
        unlinked.done = stop
        if stop < len(unlinked.uids):
            return False
        self._unlinked = None
        return True

    def ties_of(self, actor_id: str) -> list[Tie]:
        return [self._ties[u] for u in sorted(self._ties_of.get(actor_id, ()))]

    def tie_uids_of(self, actor_id: str) -> set[int]:
        return set(self._ties_of.get(actor_id, ()))

    def find_tie(self, source: str, target: str, kind: Any) -> Tie | None:
        probe = Tie(source, target, normalize_tie_value("kind", kind))
        uid = self._keys.get(probe.key)
        return None if uid is None else self._ties[uid]

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __repr__(self) -> str:
        return f"<Design {self.name!r}: {len(self._actors)} actors, {len(self._ties)} ties>"

    def unique_actor_id(self, prefix: str, taken: Collection[str] = ()) -> str:
        """A fresh id such as 'U13' for the next university a user draws: one more than the
        highest number after `prefix` in this design and in `taken` (the ids used anywhere
        else in the project), so a new actor never shares an id with another design's."""
        return ActorIdMaker(chain(self._actors, taken)).make(prefix)

    # --- metadata ----------------------------------------------------------------------
    def set_meta(self, **changes: Any) -> dict[str, Any]:
        """Change name, region, description or year; returns the old values (for undo)."""
        old: dict[str, Any] = {}
        for key, value in changes.items():
            clean: Any
            if key == "name":
                clean = check_name(value)
            elif key == "year":
                clean = parse_year("year", value)
            elif key in ("region", "description"):
                clean = check_text(key, "" if value is None else str(value))
            else:
                raise ValidationError(key, _("is not a field of a design"))
            old[key] = getattr(self, key)
            setattr(self, key, clean)
        self._touch()
        self.journal.meta = True
        self.changed.emit(DesignEvent(EventKind.META_CHANGED, fields=frozenset(changes)))
        return old

    # --- actors ------------------------------------------------------------------------
    def add_actor(self, actor: Actor, index: int | None = None) -> None:
        self.add_actors([actor], None if index is None else [index])

    def add_actors(self, actors: Sequence[Actor], indexes: Sequence[int] | None = None) -> None:
        """Add actors at the end, or at the given former positions (undo of a removal)."""
        seen: set[str] = set()
        for a in actors:
            if a.id in self._actors or a.id in seen:
                raise ValidationError(
                    "id", _("an actor with id '{id}' already exists").format(id=a.id)
                )
            seen.add(a.id)
        if indexes is None:
            for a in actors:
                self._actors[a.id] = a
        else:
            items = list(self._actors.items())
            for index, a in sorted(zip(indexes, actors, strict=True), key=lambda p: p[0]):
                items.insert(min(index, len(items)), (a.id, a))
            self._actors = dict(items)
        for a in actors:
            self._ties_of.setdefault(a.id, frozenset())
            self.journal.actors.add(a.id)
            self.journal.removed_actors.discard(a.id)
        try:
            for a in actors:
                self._check_parent(a)
        except ValidationError:
            for a in actors:
                del self._actors[a.id]
                self._ties_of.pop(a.id, None)
                self.journal.actors.discard(a.id)
            raise
        self._touch()
        self.changed.emit(
            DesignEvent(EventKind.ACTORS_ADDED, actor_ids=tuple(a.id for a in actors))
        )

    def remove_actors(self, actor_ids: Iterable[str]) -> RemovedActors:
        """Remove actors and every tie touching them; take them out of their groups (a group
        left with fewer than two members goes too) and clear `parent` where it named them."""
        ids = [i for i in dict.fromkeys(actor_ids) if i in self._actors]
        gone = set(ids)
        tie_uids: set[int] = set()
        for i in ids:
            tie_uids |= self._ties_of.get(i, set())
        removed_ties = self._remove_ties(tie_uids)
        removed_groups = self._drop_members(gone)
        orphans = tuple(
            (a.id, a.parent) for a in self._actors.values() if a.parent in gone and a.id not in gone
        )
        if orphans:
            self.set_actor_fields({actor_id: {"parent": ""} for actor_id, _p in orphans})
        positions = {aid: n for n, aid in enumerate(self._actors)}
        removed = tuple(sorted(((positions[i], self._actors[i]) for i in ids), key=lambda p: p[0]))
        for i in ids:
            del self._actors[i]
            self._ties_of.pop(i, None)
            self.journal.actors.discard(i)
            self.journal.removed_actors.add(i)
        self._touch()
        if ids:
            self.changed.emit(DesignEvent(EventKind.ACTORS_REMOVED, actor_ids=tuple(ids)))
        return RemovedActors(
            actors=removed, ties=removed_ties, groups=removed_groups, parents=orphans
        )

    def restore_actors(self, removed: RemovedActors) -> None:
        """Put back what `remove_actors` took: the actors at the same positions, with the
        same ties, groups and spin-off parents."""
        if removed.actors:
            self.add_actors(
                [a for _index, a in removed.actors], [i for i, _actor in removed.actors]
            )
        if removed.ties:
            self.restore_ties(removed.ties)
        if removed.groups:
            self._put_groups(removed.groups)
        if removed.parents:
            self.set_actor_fields({actor_id: {"parent": p} for actor_id, p in removed.parents})

    def update_actor(self, actor_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of one actor (validated); returns the old values (for undo).

        Changing `id` re-points the actor's ties to the new id.
        """
        actor = self._actors[actor_id]
        clean = {k: normalize_actor_value(k, v) for k, v in changes.items()}
        old = {k: getattr(actor, k) for k in clean}
        new_id = clean.get("id", actor_id)
        if new_id != actor_id and new_id in self._actors:
            raise ValidationError(
                "id", _("an actor with id '{id}' already exists").format(id=new_id)
            )
        updated = actor.with_changes(**clean)
        if "parent" in clean:
            self._check_parent(updated, own_id=actor_id)
        if new_id != actor_id:
            self._rename(actor_id, updated)
        else:
            self._actors[actor_id] = updated
            self.journal.actors.add(actor_id)
            self._touch()
            self.changed.emit(
                DesignEvent(
                    EventKind.ACTORS_CHANGED, actor_ids=(actor_id,), fields=frozenset(clean)
                )
            )
        return old

    def _rename(self, old_id: str, actor: Actor) -> None:
        uids = self._ties_of.pop(old_id, frozenset())
        for uid in uids:
            tie = self._ties[uid]
            del self._keys[tie.key]
            tie = tie.with_changes(
                source=actor.id if tie.source == old_id else tie.source,
                target=actor.id if tie.target == old_id else tie.target,
            )
            self._ties[uid] = tie
            self._keys[tie.key] = uid
            self.journal.ties.add(uid)
        self._ties_of[actor.id] = uids
        self._actors = {
            (actor.id if k == old_id else k): (
                actor
                if k == old_id
                else _changed_actor(v, {"parent": actor.id})
                if v.parent == old_id
                else v
            )
            for k, v in self._actors.items()
        }
        for k, v in self._actors.items():
            if v.parent == actor.id and k != actor.id:
                self.journal.actors.add(k)
        for gid, g in self._groups.items():
            if old_id in g.members:
                self._groups[gid] = g.with_changes(
                    members=tuple(actor.id if m == old_id else m for m in g.members)
                )
                self.journal.groups = True
        self.journal.actors.discard(old_id)
        self.journal.removed_actors.add(old_id)
        self.journal.actors.add(actor.id)
        self.journal.removed_actors.discard(actor.id)
        self._touch()
        self.changed.emit(
            DesignEvent(
                EventKind.ACTOR_RENAMED,
                actor_ids=(actor.id,),
                tie_uids=tuple(sorted(uids)),
                renamed=(old_id, actor.id),
            )
        )

    def move_actors(
        self, positions: Mapping[str, tuple[float | None, float | None]]
    ) -> dict[str, tuple[float | None, float | None]]:
        """Set positions of many actors in one change; returns the old positions (for undo)."""
        old: dict[str, tuple[float | None, float | None]] = {}
        for actor_id, (x, y) in positions.items():
            actor = self._actors[actor_id]
            old[actor_id] = (actor.x, actor.y)
            self._actors[actor_id] = _changed_actor(
                actor, {"x": None if x is None else float(x), "y": None if y is None else float(y)}
            )
            self.journal.actors.add(actor_id)
        self._touch()
        if positions:
            self.changed.emit(
                DesignEvent(
                    EventKind.ACTORS_CHANGED,
                    actor_ids=tuple(positions),
                    fields=frozenset({"x", "y"}),
                )
            )
        return old

    def set_actor_fields(
        self, values: Mapping[str, Mapping[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        """Change several fields of several actors at once (layouts, location by region)."""
        cleaned: dict[str, dict[str, Any]] = {}
        for actor_id, changes in values.items():
            if "id" in changes:
                raise ValidationError("id", _("use update_actor to change an id"))
            if actor_id not in self._actors:
                raise ValidationError("id", _("unknown actor id '{id}'").format(id=actor_id))
            cleaned[actor_id] = {k: _normalized(k, v) for k, v in changes.items()}
            parent = cleaned[actor_id].get("parent")
            if parent:
                self._check_parent(self._actors[actor_id].with_changes(parent=parent))
        old: dict[str, dict[str, Any]] = {}
        all_fields: set[str] = set()
        actors = self._actors
        for actor_id, clean in cleaned.items():
            actor = actors[actor_id]
            old[actor_id] = {k: getattr(actor, k) for k in clean}
            actors[actor_id] = _changed_actor(actor, clean)
            all_fields.update(clean)
        self.journal.actors.update(cleaned)
        self._touch()
        if values:
            self.changed.emit(
                DesignEvent(
                    EventKind.ACTORS_CHANGED, actor_ids=tuple(values), fields=frozenset(all_fields)
                )
            )
        return old

    # --- ties --------------------------------------------------------------------------
    def add_tie(self, tie: Tie) -> int:
        return self.add_ties([tie])[0]

    def add_ties(self, ties: Sequence[Tie]) -> list[int]:
        """Add ties at the end; a tie with uid 0 gets a fresh uid. Returns the uids."""
        prepared: list[Tie] = []
        keys: set[tuple[str, str, str]] = set()
        for t in ties:
            self._check_tie(t)
            if t.key in self._keys or t.key in keys:
                raise ValidationError("kind", _("{tie} already exists").format(tie=_describe(t)))
            keys.add(t.key)
            prepared.append(self._numbered(t))
        for t in prepared:
            self._insert_tie(t)
        self._touch()
        uids = [t.uid for t in prepared]
        if uids:
            self.changed.emit(DesignEvent(EventKind.TIES_ADDED, tie_uids=tuple(uids)))
        return uids

    def remove_ties(self, uids: Iterable[int]) -> tuple[tuple[int, Tie], ...]:
        removed = self._remove_ties(set(uids))
        self._touch()
        return removed

    def restore_ties(self, removed: Sequence[tuple[int, Tie]]) -> None:
        """Undo of `remove_ties`: the same ties, same uids, same order."""
        for _index, t in removed:
            self._check_tie(t)
        items = list(self._ties.items())
        for index, t in sorted(removed, key=lambda p: p[0]):
            items.insert(min(index, len(items)), (t.uid, t))
        self._ties = dict(items)
        for _index, t in removed:
            self._link_tie(t)
            self._next_uid = max(self._next_uid, t.uid + 1)
            self.journal.ties.add(t.uid)
            self.journal.removed_ties.discard(t.uid)
        self._touch()
        if removed:
            self.changed.emit(
                DesignEvent(EventKind.TIES_ADDED, tie_uids=tuple(t.uid for _index, t in removed))
            )

    def update_tie(self, uid: int, **changes: Any) -> dict[str, Any]:
        tie = self._ties[uid]
        clean = {k: normalize_tie_value(k, v) for k, v in changes.items()}
        old = {k: getattr(tie, k) for k in clean}
        updated = tie.with_changes(**clean)
        self._check_tie(updated)
        if updated.key != tie.key and updated.key in self._keys:
            raise ValidationError("kind", _("{tie} already exists").format(tie=_describe(updated)))
        self._unlink_tie(tie)
        self._ties[uid] = updated
        self._link_tie(updated)
        self.journal.ties.add(uid)
        self._touch()
        self.changed.emit(
            DesignEvent(EventKind.TIES_CHANGED, tie_uids=(uid,), fields=frozenset(clean))
        )
        return old

    # --- groups ------------------------------------------------------------------------
    def add_group(self, group: Group, index: int | None = None) -> None:
        """Add a group at the end (or at a former position, for undo)."""
        if group.id in self._groups:
            raise ValidationError(
                "id", _("a group with id '{id}' already exists").format(id=group.id)
            )
        self._check_group(group)
        self._put_groups(((len(self._groups) if index is None else index, group),))

    def remove_group(self, group_id: str) -> tuple[int, Group]:
        """Remove a group; returns its position and itself (for undo)."""
        index = list(self._groups).index(group_id)
        group = self._groups.pop(group_id)
        self.journal.groups = True
        self._touch()
        self.changed.emit(DesignEvent(EventKind.GROUPS_CHANGED, group_ids=(group_id,)))
        return index, group

    def update_group(self, group_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of one group (validated); returns the old values (for undo)."""
        group = self._groups[group_id]
        clean = {k: normalize_group_value(k, v) for k, v in changes.items()}
        updated = group.with_changes(**clean)
        new_id = updated.id
        if new_id != group_id and new_id in self._groups:
            raise ValidationError(
                "id", _("a group with id '{id}' already exists").format(id=new_id)
            )
        self._check_group(updated)
        old = {k: getattr(group, k) for k in clean}
        self._groups = {
            (new_id if k == group_id else k): (updated if k == group_id else v)
            for k, v in self._groups.items()
        }
        self.journal.groups = True
        self._touch()
        self.changed.emit(
            DesignEvent(
                EventKind.GROUPS_CHANGED,
                group_ids=tuple(dict.fromkeys((group_id, new_id))),
                fields=frozenset(clean),
            )
        )
        return old

    def _check_group(self, group: Group) -> None:
        if len(set(group.members)) < 2:
            raise ValidationError(
                "members",
                _("a group needs two or more members (got {count})").format(
                    count=len(set(group.members))
                ),
            )
        for member in group.members:
            if member not in self._actors:
                raise ValidationError("members", _("unknown actor id '{id}'").format(id=member))

    def _put_groups(self, placed: Iterable[tuple[int, Group]]) -> None:
        """Insert or replace groups at positions (undo puts groups back as they were)."""
        items = [(k, v) for k, v in self._groups.items()]
        ids: list[str] = []
        for index, group in sorted(placed, key=lambda p: p[0]):
            items = [(k, v) for k, v in items if k != group.id]
            items.insert(min(index, len(items)), (group.id, group))
            ids.append(group.id)
        self._groups = dict(items)
        self.journal.groups = True
        self._touch()
        self.changed.emit(DesignEvent(EventKind.GROUPS_CHANGED, group_ids=tuple(ids)))

    def _drop_members(self, gone: set[str]) -> tuple[tuple[int, Group], ...]:
        """Take `gone` actors out of every group; returns the touched groups as they were."""
        touched = tuple(
            (n, g) for n, g in enumerate(self._groups.values()) if gone.intersection(g.members)
        )
        if not touched:
            return ()
        for _index, g in touched:
            members = tuple(m for m in g.members if m not in gone)
            if len(members) < 2:
                del self._groups[g.id]
            else:
                self._groups[g.id] = g.with_changes(members=members)
        self.journal.groups = True
        self.changed.emit(
            DesignEvent(EventKind.GROUPS_CHANGED, group_ids=tuple(g.id for _n, g in touched))
        )
        return touched

    def _check_parent(self, actor: Actor, own_id: str | None = None) -> None:
        parent = actor.parent
        if not parent:
            return
        if parent in (actor.id, own_id):
            raise ValidationError("parent", _("an actor cannot be its own parent"))
        if parent not in self._actors:
            raise ValidationError("parent", _("unknown parent actor id '{id}'").format(id=parent))

    # --- whole design ------------------------------------------------------------------
    def copy(self, name: str | None = None) -> Design:
        """An independent copy (the start of a scenario); not yet stored anywhere.

        Actors and ties are values that edits replace, never change in place, so the copy
        shares them: copying 10,000 actors takes milliseconds, and a snapshot for a worker
        thread costs the GUI thread next to nothing.
        """
        if self.lineage is None:  # the copy descends from this design: they share a lineage
            self.lineage = new_lineage()
        other = Design(
            name or self.name, self.region, self.description, lineage=self.lineage, year=self.year
        )
        other._actors = dict(self._actors)
        other._groups = dict(self._groups)
        other._ties = dict(self._ties)
        other._partners = dict(self._ties_of)  # sets: shared, never changed in place
        other._keys = dict(self._keys)
        other._next_uid = self._next_uid
        return other

    def load(
        self,
        actors: Iterable[Actor],
        ties: Iterable[Tie],
        groups: Iterable[Group] = (),
        tie_rows: tuple[list[int], list[int]] | None = None,
    ) -> None:
        """Fill an empty design in bulk (from a file or the store) without per-item events.
        `tie_rows`: where each tie's source and target come in `actors`, tie by tie, when
        the caller looked them up already (storage does, converting rows: storage.rows.
        TieEnds); the ends are then known to be actors and are not looked up again (a tie
        to itself is still refused), and the rows are kept for `take_loaded_tie_rows`."""
        if self._actors or self._ties or self._groups:
            raise ValueError("load() needs an empty design")
        for a in actors:
            if a.id in self._actors:
                raise ValidationError("id", _("duplicate actor id '{id}'").format(id=a.id))
            self._actors[a.id] = a
            # Filled in place by `link_loaded_ties` only; afterwards kept as they are (not
            # copied into frozensets: 50,000 of them took 70 ms of an open), since no later
            # change alters a set in place (`_link_tie` and `_unlink_tie` replace it).
            self._partners[a.id] = set()
        self._load_ties(ties, tie_rows)
        for a in self._actors.values():
            if a.parent:
                self._check_parent(a)
        for g in groups:
            if g.id in self._groups:
                raise ValidationError("id", _("duplicate group id '{id}'").format(id=g.id))
            self._check_group(g)
            self._groups[g.id] = g

    def _load_ties(
        self, ties: Iterable[Tie], rows: tuple[list[int], list[int]] | None = None
    ) -> None:
        """What `_check_tie`, `_numbered` and `_insert_tie` do for each tie, in one loop: a
        stored design of 150,000 ties spent most of its loading time in those calls. With
        `rows` (see `load`) the ends need no lookup, and the rows are kept for
        `take_loaded_tie_rows`."""
        if rows is not None:
            ties = ties if isinstance(ties, list) else list(ties)
            if self._load_sound_ties(ties, rows):
                return
        actors, by_uid, keys = self._actors, self._ties, self._keys
        mutual = {kind: not kind.directed for kind in TieKind}
        values = {kind: kind.value for kind in TieKind}
        next_uid = self._next_uid
        # The partner sets are filled later (`link_loaded_ties`), from these columns.
        unlinked = self._unlinked = _Unlinked()
        uids, sources, targets = unlinked.uids, unlinked.sources, unlinked.targets
        lookup = rows is None
        given = zip(ties, repeat(0), repeat(0)) if rows is None else zip(ties, *rows, strict=True)
        try:
            for given_tie, row_a, row_b in given:
                t = given_tie
                a, b, kind = t.source, t.target, t.kind
                if (a == b or a not in actors or b not in actors) if lookup else row_a == row_b:
                    self._check_tie(t)  # raises the exact message
                key = (b, a, values[kind]) if mutual[kind] and b < a else (a, b, values[kind])
                if key in keys:
                    raise ValidationError("kind", _("{tie} appears twice").format(tie=_describe(t)))
                uid = t.uid
                if uid == 0 or uid in by_uid:
                    uid = next_uid
                    t = t.with_changes(uid=uid)
                if uid >= next_uid:
                    next_uid = uid + 1
                by_uid[uid] = t
                keys[key] = uid
                uids.append(uid)
                sources.append(a)
                targets.append(b)
        finally:
            self._next_uid = next_uid
            self.journal.ties.update(by_uid)
            self.journal.removed_ties.difference_update(by_uid)
        if rows is not None:
            self._loaded_rows = (self.changed.emitted, rows[0], rows[1])

    def _load_sound_ties(self, ties: list[Tie], rows: tuple[list[int], list[int]]) -> bool:
        """`_load_ties` a column at a time, for ties whose ends are known actors (`rows`)
        and which need nothing done to them: no tie to itself, no key twice, every uid set
        and different. Anything else (False) is left to the tie-by-tie loop, which renumbers
        and raises the exact message; nothing is changed then. 150,000 stored ties: about
        a third of the loop's time."""
        n = len(ties)
        if len(rows[0]) != n or len(rows[1]) != n or self._ties or self._keys:
            return False
        if any(map(operator.eq, rows[0], rows[1])):
            return False
        uids = [t.uid for t in ties]
        if 0 in uids or len(set(uids)) != n:
            return False
        sources = [t.source for t in ties]
        targets = [t.target for t in ties]
        values = {kind: kind.value for kind in TieKind}
        mutual = {kind: not kind.directed for kind in TieKind}
        keys = dict(
            zip(
                [
                    (b, a, values[kind]) if mutual[kind] and b < a else (a, b, values[kind])
                    for a, b, kind in zip(sources, targets, [t.kind for t in ties], strict=True)
                ],
                uids,
                strict=True,
            )
        )
        if len(keys) != n:
            return False
        by_uid = dict(zip(uids, ties, strict=True))
        self._ties.update(by_uid)
        self._keys.update(keys)
        self._next_uid = max(self._next_uid, max(uids, default=0) + 1)
        self._unlinked = _Unlinked(uids, sources, targets)
        self.journal.ties.update(by_uid)
        self.journal.removed_ties.difference_update(by_uid)
        self._loaded_rows = (self.changed.emitted, rows[0], rows[1])
        return True

    def _numbered(self, tie: Tie) -> Tie:
        """The tie with a uid of its own: a fresh one when it has none or it is taken."""
        if tie.uid == 0 or tie.uid in self._ties:
            tie = tie.with_changes(uid=self._next_uid)
        self._next_uid = max(self._next_uid, tie.uid + 1)
        return tie

    def same_content(self, other: Design) -> bool:
        """Same metadata, actors (ids, fields, order) and ties (by key, with fields)."""
        if (self.name, self.region, self.description, self.year) != (
            other.name,
            other.region,
            other.description,
            other.year,
        ):
            return False
        if list(self._groups.items()) != list(other._groups.items()):
            return False
        if list(self._actors.items()) != list(other._actors.items()):
            return False
        mine = {
            t.key: (t.source, t.target, t.weight, t.notes, t.extra) for t in self._ties.values()
        }
        theirs = {
            t.key: (t.source, t.target, t.weight, t.notes, t.extra) for t in other._ties.values()
        }
        return mine == theirs

    # --- internals ---------------------------------------------------------------------
    def _touch(self) -> None:
        self.updated = now_utc()

    def _check_tie(self, t: Tie) -> None:
        if t.source == t.target:
            raise ValidationError("target", _("a tie must join two different actors"))
        for end in ("source", "target"):
            if getattr(t, end) not in self._actors:
                raise ValidationError(end, _("unknown actor id '{id}'").format(id=getattr(t, end)))

    def _insert_tie(self, t: Tie) -> None:
        self._ties[t.uid] = t
        self._link_tie(t)
        self.journal.ties.add(t.uid)
        self.journal.removed_ties.discard(t.uid)

    def _link_tie(self, t: Tie) -> None:
        self._keys[t.key] = t.uid
        for end in (t.source, t.target):
            linked = self._ties_of.get(end)
            if linked is None:
                self._ties_of[end] = frozenset((t.uid,))
            else:  # a new set: a copy of the design may share this one
                self._ties_of[end] = linked | {t.uid}

    def _unlink_tie(self, t: Tie) -> None:
        self._keys.pop(t.key, None)
        for end in (t.source, t.target):
            linked = self._ties_of.get(end)
            if linked is not None and t.uid in linked:
                self._ties_of[end] = frozenset(linked - {t.uid})

    def _remove_ties(self, uids: set[int]) -> tuple[tuple[int, Tie], ...]:
        uids = {u for u in uids if u in self._ties}
        if not uids:
            return ()
        removed = tuple((n, t) for n, (u, t) in enumerate(self._ties.items()) if u in uids)
        for _index, t in removed:
            self._unlink_tie(t)
            del self._ties[t.uid]
            self.journal.ties.discard(t.uid)
            self.journal.removed_ties.add(t.uid)
        self.changed.emit(
            DesignEvent(EventKind.TIES_REMOVED, tie_uids=tuple(t.uid for _index, t in removed))
        )
        return removed


class ActorIdMaker:
    """Hands out ids 'prefix + number' above every number already used with that prefix."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def make(self, prefix: str) -> str:
        if prefix not in self._next:
            highest = 0
            for actor_id in self.taken:
                digits = actor_id[len(prefix) :]
                if actor_id.startswith(prefix) and digits.isascii() and digits.isdigit():
                    highest = max(highest, int(digits))
            self._next[prefix] = highest + 1
        while f"{prefix}{self._next[prefix]}" in self.taken:
            self._next[prefix] += 1
        new = f"{prefix}{self._next[prefix]}"
        self.taken.add(new)
        return new


def new_lineage() -> str:
    """A fresh lineage key (random, 32 hex digits)."""
    return uuid.uuid4().hex


def same_lineage(a: Design, b: Design) -> bool:
    """True when both designs descend from one design, so equal ids mean the same actor."""
    return a.lineage is not None and a.lineage == b.lineage


def _describe(t: Tie) -> str:
    arrow = "→" if t.directed else "–"
    if t.kind.value[0] in "aeiou":
        text = _("an {kind} tie {source} {arrow} {target}")
    else:
        text = _("a {kind} tie {source} {arrow} {target}")
    return text.format(kind=t.kind.value, source=t.source, arrow=arrow, target=t.target)
