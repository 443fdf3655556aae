"""Every user edit as one QUndoCommand. `redo`/`undo` call model methods only, never items.

A command whose first `redo` is refused by the model (a `ClusterError`) marks itself obsolete,
so `QUndoStack.push` drops it, and keeps the message in `error` for the window to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from cluster_designer.i18n import N_, _, ngettext, pgettext
from cluster_designer.model import (
    Actor,
    ClusterError,
    Design,
    Group,
    Location,
    RemovedActors,
    Tie,
    normalize_actor_value,
)

_MERGE_ACTOR_FIELD = 1001
_MERGE_TIE_FIELD = 1002
_MERGE_META = 1003


class DesignCommand(QUndoCommand):
    """Base: runs `apply` once guarded, then `reapply`/`revert` on later redo/undo."""

    def __init__(self, design: Design, text: str) -> None:
        super().__init__(text)
        self.design = design
        self.error: str | None = None
        self._done_once = False

    def redo(self) -> None:
        if self._done_once:
            self.reapply()
            return
        self._done_once = True
        try:
            self.apply()
        except ClusterError as exc:
            self.error = str(exc)
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.isObsolete():
            self.revert()

    def apply(self) -> None:
        raise NotImplementedError

    def reapply(self) -> None:
        self.apply()

    def revert(self) -> None:
        raise NotImplementedError


class AddItemsCommand(DesignCommand):
    """Add actors and ties together (new actor, paste, duplicate, new tie)."""

    def __init__(
        self, design: Design, actors: Sequence[Actor], ties: Sequence[Tie] = (), text: str = ""
    ) -> None:
        if not text:
            text = _items_text(design, True, [a.name for a in actors], ties)
        super().__init__(design, text)
        self.actors = list(actors)
        self.ties = list(ties)
        self.tie_uids: list[int] = []

    def apply(self) -> None:
        if self.actors:
            self.design.add_actors(self.actors)
        if self.ties:
            try:
                self.tie_uids = self.design.add_ties(self.ties)
            except ClusterError:
                if self.actors:
                    self.design.remove_actors(a.id for a in self.actors)
                raise
            # Keep the uids so redo after undo gives the very same ties back.
            self.ties = [self.design.tie(u) for u in self.tie_uids]

    def revert(self) -> None:
        if self.tie_uids:
            self.design.remove_ties(self.tie_uids)
        if self.actors:
            self.design.remove_actors(a.id for a in self.actors)


class RemoveItemsCommand(DesignCommand):
    """Delete actors (with their ties) and ties; undo puts them back in the same order."""

    def __init__(
        self, design: Design, actor_ids: Sequence[str], tie_uids: Sequence[int] = (), text: str = ""
    ) -> None:
        if not text:
            text = _items_text(
                design,
                False,
                [design.actors[i].name for i in actor_ids if i in design.actors],
                [design.ties[u] for u in tie_uids if u in design.ties],
            )
        super().__init__(design, text)
        self.actor_ids = list(actor_ids)
        self.tie_uids = list(tie_uids)
        self._removed_ties: tuple[tuple[int, Tie], ...] = ()
        self._removed_actors: RemovedActors | None = None

    def apply(self) -> None:
        self._removed_ties = self.design.remove_ties(self.tie_uids)
        self._removed_actors = self.design.remove_actors(self.actor_ids)

    def revert(self) -> None:
        if self._removed_actors is not None:
            self.design.restore_actors(self._removed_actors)
        if self._removed_ties:
            self.design.restore_ties(self._removed_ties)


class SetActorFieldsCommand(DesignCommand):
    """Several fields of several actors in one step: a drag, a layout, align, nudge."""

    def __init__(self, design: Design, values: Mapping[str, Mapping[str, Any]], text: str) -> None:
        super().__init__(design, text)
        self.values = {k: dict(v) for k, v in values.items()}
        self._old: dict[str, dict[str, Any]] = {}

    def apply(self) -> None:
        self._old = self.design.set_actor_fields(self.values)

    def revert(self) -> None:
        self.design.set_actor_fields(self._old)


class MoveActorsCommand(SetActorFieldsCommand):
    """Positions only (and a location when an actor crossed the region boundary)."""

    def __init__(
        self,
        design: Design,
        positions: Mapping[str, tuple[float, float]],
        text: str = "",
        locations: Mapping[str, Any] | None = None,
    ) -> None:
        values: dict[str, dict[str, Any]] = {
            aid: {"x": float(x), "y": float(y)} for aid, (x, y) in positions.items()
        }
        for aid, loc in (locations or {}).items():
            values.setdefault(aid, {})["location"] = loc
        if locations:  # crossing the region's edge changes what the actor is: say so
            text = _crossing_text(design, {k: Location(v) for k, v in locations.items()})
        elif not text:
            text = _moved_text(design, list(values))
        super().__init__(design, values, text)


class UpdateActorCommand(DesignCommand):
    """One field of one actor from the properties panel; typing in a field merges into one step."""

    def __init__(self, design: Design, actor_id: str, field: str, value: Any) -> None:
        super().__init__(
            design,
            _("Change {field} of {actor}").format(
                field=field_label(field), actor=_actor_name(design, actor_id)
            ),
        )
        self.actor_id = actor_id
        self.field = field
        self.value = value
        self._old: Any = None

    def id(self) -> int:
        return _MERGE_ACTOR_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateActorCommand) or other.isObsolete():
            return False
        if self.field == "id" or other.field != self.field or other.actor_id != self.actor_id:
            return False
        self.value = other.value
        return True

    def apply(self) -> None:
        self._old = self.design.update_actor(self.actor_id, **{self.field: self.value})[self.field]

    def reapply(self) -> None:
        self.design.update_actor(self.actor_id, **{self.field: self.value})

    def revert(self) -> None:
        current = normalize_actor_value("id", self.value) if self.field == "id" else self.actor_id
        self.design.update_actor(current, **{self.field: self._old})


class UpdateTieCommand(DesignCommand):
    """One field of one tie; repeated edits of the same field merge."""

    def __init__(self, design: Design, uid: int, field: str, value: Any) -> None:
        super().__init__(design, _tie_field_text(design, uid, field))
        self.uid = uid
        self.field = field
        self.value = value
        self._old: Any = None

    def id(self) -> int:
        return _MERGE_TIE_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateTieCommand) or other.isObsolete():
            return False
        if other.field != self.field or other.uid != self.uid:
            return False
        self.value = other.value
        return True

    def apply(self) -> None:
        self._old = self.design.update_tie(self.uid, **{self.field: self.value})[self.field]

    def revert(self) -> None:
        self.design.update_tie(self.uid, **{self.field: self._old})


class SetDesignMetaCommand(DesignCommand):
    """The design's name, region, description or year."""

    def __init__(self, design: Design, field: str, value: Any, text: str | None = None) -> None:
        super().__init__(
            design, text or _("Change design {field}").format(field=field_label(field))
        )
        self.field = field
        self.value = value
        self._old: Any = None

    def id(self) -> int:
        return _MERGE_META

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetDesignMetaCommand) or other.isObsolete():
            return False
        if other.field != self.field or other.design is not self.design:
            return False
        self.value = other.value
        return True

    def apply(self) -> None:
        self._old = self.design.set_meta(**{self.field: self.value})[self.field]

    def revert(self) -> None:
        self.design.set_meta(**{self.field: self._old})


class AddGroupCommand(DesignCommand):
    """A new group (from the selection); undo removes it."""

    def __init__(self, design: Design, group: Group) -> None:
        super().__init__(design, _("Add group {name}").format(name=group.name))
        self.group = group

    def apply(self) -> None:
        self.design.add_group(self.group)

    def revert(self) -> None:
        self.design.remove_group(self.group.id)


class RemoveGroupCommand(DesignCommand):
    """Delete a group (its members stay); undo puts it back in the same place."""

    def __init__(self, design: Design, group_id: str) -> None:
        group = design.groups.get(group_id)
        name = group.name if group is not None else group_id
        super().__init__(design, _("Delete group {name}").format(name=name))
        self.group_id = group_id
        self._removed: tuple[int, Group] | None = None

    def apply(self) -> None:
        if self.group_id not in self.design.groups:
            raise ClusterError(_("The group no longer exists."))
        self._removed = self.design.remove_group(self.group_id)

    def revert(self) -> None:
        if self._removed is not None:
            index, group = self._removed
            self.design.add_group(group, index)


class UpdateGroupCommand(DesignCommand):
    """Several fields of one group in one step (the group dialog, adding or removing members)."""

    def __init__(
        self, design: Design, group_id: str, changes: Mapping[str, Any], text: str = ""
    ) -> None:
        group = design.groups.get(group_id)
        name = group.name if group is not None else group_id
        super().__init__(design, text or _("Edit group {name}").format(name=name))
        self.group_id = group_id
        self.changes = dict(changes)
        self._old: dict[str, Any] = {}

    def apply(self) -> None:
        self._old = self.design.update_group(self.group_id, **self.changes)

    def revert(self) -> None:
        current = self.changes.get("id", self.group_id)
        self.design.update_group(current, **self._old)


def members_added_text(design: Design, group: Group, actor_ids: Sequence[str]) -> str:
    """'Add Hamana Motors to group Photonics Consortium', 'Add 3 actors to group …'."""
    if len(actor_ids) == 1:
        return _("Add {actor} to group {group}").format(
            actor=_actor_name(design, actor_ids[0]), group=group.name
        )
    return ngettext(
        "Add {count} actor to group {group}", "Add {count} actors to group {group}", len(actor_ids)
    ).format(count=len(actor_ids), group=group.name)


def member_removed_text(design: Design, group: Group, actor_id: str) -> str:
    return _("Remove {actor} from group {group}").format(
        actor=_actor_name(design, actor_id), group=group.name
    )


def _count_text(n_actors: int, n_ties: int) -> str:
    """'actor', '3 actors and 2 ties': what an add or delete step works on."""
    parts = []
    if n_actors:
        parts.append(ngettext("actor", "{count} actors", n_actors).format(count=n_actors))
    if n_ties:
        parts.append(ngettext("tie", "{count} ties", n_ties).format(count=n_ties))
    if not parts:
        return _("nothing")
    return pgettext("joining two items", " and ").join(parts)


# The fields' names in undo steps ("Change budget of C3"); marked with N_().
FIELD_LABELS = {
    "id": N_("id"),
    "name": N_("name"),
    "sector": N_("sector"),
    "subtype": N_("subtype"),
    "location": N_("location"),
    "x": N_("position"),
    "y": N_("position"),
    "staff": N_("staff"),
    "budget": N_("budget"),
    "tags": N_("tags"),
    "notes": N_("notes"),
    "extra": N_("other attributes"),
    "kind": N_("kind"),
    "weight": N_("weight"),
    "region": N_("region"),
    "description": N_("description"),
    "year": N_("year"),
    "origin": N_("origin"),
    "arrived": N_("arrival year"),
    "parent": N_("parent"),
}


def field_label(field: str) -> str:
    """A field's name in words; a field without a label shows its own name."""
    label = FIELD_LABELS.get(field)
    return _(label) if label is not None else field.replace("_", " ")


# --- undo texts name actors and ties by name, never by id -----------------------------------
_CROSSING_ONE = {
    Location.REGION: N_("Move {name} into the region"),
    Location.DOMESTIC: N_("Move {name} to Domestic"),
    Location.OVERSEAS: N_("Move {name} to Overseas"),
}


def _actor_name(design: Design, actor_id: str) -> str:
    actor = design.actors.get(actor_id)
    return actor.name if actor is not None else actor_id


def _tie_ends(design: Design, tie: Tie) -> dict[str, str]:
    return {
        "source": _actor_name(design, tie.source),
        "target": _actor_name(design, tie.target),
    }


def _tie_field_text(design: Design, uid: int, field: str) -> str:
    tie = design.ties.get(uid)
    if tie is None:
        return _("Change tie {field}").format(field=field_label(field))
    return _("Change {field} of tie {source} – {target}").format(
        field=field_label(field), **_tie_ends(design, tie)
    )


def _items_text(design: Design, adding: bool, names: Sequence[str], ties: Sequence[Tie]) -> str:
    """'Add Hamana University', 'Delete tie Aoba – Hamana', 'Delete 3 actors and 4 ties'."""
    if len(names) == 1 and not ties:
        return (_("Add {name}") if adding else _("Delete {name}")).format(name=names[0])
    if not names and len(ties) == 1:
        text = _("Add tie {source} – {target}") if adding else _("Delete tie {source} – {target}")
        return text.format(**_tie_ends(design, ties[0]))
    items = _count_text(len(names), len(ties))
    return (_("Add {items}") if adding else _("Delete {items}")).format(items=items)


def _moved_text(design: Design, actor_ids: Sequence[str]) -> str:
    if len(actor_ids) == 1:
        return _("Move {name}").format(name=_actor_name(design, actor_ids[0]))
    return ngettext("Move actor", "Move {count} actors", len(actor_ids)).format(
        count=len(actor_ids)
    )


def _crossing_text(design: Design, locations: Mapping[str, Location]) -> str:
    """'Move Aoba Rubber Products to Overseas': the undo text of a drag across an edge."""
    n = len(locations)
    if n == 1:
        ((actor_id, location),) = locations.items()
        return _(_CROSSING_ONE[location]).format(name=_actor_name(design, actor_id))
    targets = set(locations.values())
    if targets == {Location.REGION}:
        text = ngettext("Move {n} actor into the region", "Move {n} actors into the region", n)
    elif targets == {Location.DOMESTIC}:
        text = ngettext("Move {n} actor to Domestic", "Move {n} actors to Domestic", n)
    elif targets == {Location.OVERSEAS}:
        text = ngettext("Move {n} actor to Overseas", "Move {n} actors to Overseas", n)
    else:
        text = ngettext(
            "Move {n} actor across the region's edge", "Move {n} actors across the region's edge", n
        )
    return text.format(n=n)
