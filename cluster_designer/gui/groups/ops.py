"""Group edits the menus and the Groups panel call; each pushes exactly one command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design, Group, make_group

from ..commands import (
    AddGroupCommand,
    RemoveGroupCommand,
    UpdateGroupCommand,
    member_removed_text,
    members_added_text,
)
from ..document import Document
from .dialog import GroupDialog

if TYPE_CHECKING:
    from ..canvas import ClusterScene

# (design, group or None, members, candidates, parent) -> the dialog's values, None if cancelled
Ask = Callable[[Design, Group | None, Sequence[str], Sequence[str], QWidget | None], Any]


def ask_group(
    design: Design,
    group: Group | None,
    members: Sequence[str],
    candidates: Sequence[str],
    parent: QWidget | None,
) -> dict[str, Any] | None:
    dialog = GroupDialog(design, group, members, candidates, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()


def new_group(
    document: Document, scene: ClusterScene, parent: QWidget | None, ask: Ask = ask_group
) -> str | None:
    """A group of the selected actors (two or more), named in the dialog; its id or None."""
    design = document.design
    selected = scene.selected_actor_ids()
    if design is None or len(selected) < 2:
        return None
    values = ask(design, None, selected, (), parent)
    if not values:
        return None
    values = {"members": tuple(selected), **values}
    try:
        group = make_group(id=design.unique_group_id(), **values)
    except ClusterError as exc:
        document.commandFailed.emit(str(exc))
        return None
    return group.id if document.push(AddGroupCommand(design, group)) else None


def edit_group(
    document: Document,
    scene: ClusterScene,
    group_id: str,
    parent: QWidget | None,
    ask: Ask = ask_group,
) -> bool:
    """The group's fields and members in the dialog (the selected actors offered to add)."""
    design = document.design
    if design is None or group_id not in design.groups:
        return False
    group = design.group(group_id)
    candidates = [a for a in scene.selected_actor_ids() if a not in group.members]
    values = ask(design, group, group.members, candidates, parent)
    if not values:
        return False
    changes = {k: v for k, v in values.items() if getattr(group, k) != v}
    if not changes:
        return False
    return document.push(UpdateGroupCommand(design, group_id, changes))


def add_selected(document: Document, scene: ClusterScene, group_id: str) -> bool:
    design = document.design
    if design is None or group_id not in design.groups:
        return False
    group = design.group(group_id)
    new = [a for a in scene.selected_actor_ids() if a not in group.members]
    if not new:
        return False
    text = members_added_text(design, group, new)
    return document.push(
        UpdateGroupCommand(design, group_id, {"members": (*group.members, *new)}, text)
    )


def remove_member(document: Document, group_id: str, actor_id: str) -> bool:
    """Take one actor out; a group needs two members, so the last two cannot be split."""
    design = document.design
    if design is None or group_id not in design.groups:
        return False
    group = design.group(group_id)
    if actor_id not in group.members:
        return False
    members = tuple(m for m in group.members if m != actor_id)
    if len(members) < 2:
        document.commandFailed.emit(
            _("A group needs two or more members: delete the group instead.")
        )
        return False
    text = member_removed_text(design, group, actor_id)
    return document.push(UpdateGroupCommand(design, group_id, {"members": members}, text))


def delete_group(document: Document, group_id: str) -> bool:
    design = document.design
    if design is None or group_id not in design.groups:
        return False
    return document.push(RemoveGroupCommand(design, group_id))
