"""Groups and origins on a real X server: after each edit the canvas shows the design as it
now is — outlines follow members through edits, undo, deletes and drags; origins toggle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from cluster_designer.gui.commands import UpdateActorCommand
from cluster_designer.model import Origin
from tests.gui.display.display_check import CanvasMouse
from tests.gui.display.test_display_edits import action, redo, undo

SHIFT = Qt.KeyboardModifier.ShiftModifier


class Answer:
    def __init__(self, **values: Any) -> None:
        self.values = values

    def __call__(self, *args: Any) -> dict[str, Any]:
        return dict(self.values)


def make_group(window: Any, ids: list[str], name: str) -> str:
    window.scene.select_ids(ids)
    window.groups_ui.panel.ask = Answer(name=name, kind="consortium", since="2020", notes="")
    action(window, "group_new").trigger()
    return next(g.id for g in window.document.design.groups.values() if g.name == name)


def test_groups_follow_edits_undo_deletes_and_drags(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    design = shown.document.design
    ids = list(design.actors)
    first = make_group(shown, ids[:4], "Photonics Consortium")
    make_group(shown, ids[2:7], "次世代輸送機器研究会")
    shown.scene.clear_selection_ids()
    check("after making two overlapping groups")
    panel = shown.groups_ui.panel
    panel.highlight(first)
    shown.scene.select_ids([ids[9]])
    panel.buttons["add"].click()
    assert ids[9] in design.group(first).members
    check("after adding a member far away")
    undo(shown)
    check("after undoing the new member")
    redo(shown)
    check("after redoing the new member")
    mouse.click(ids[3])
    mouse.key(Qt.Key.Key_Delete)
    assert ids[3] not in design.group(first).members
    check("after deleting an actor that was in both groups")
    undo(shown)
    assert ids[3] in design.group(first).members
    check("after undoing the delete")
    x, y = shown.scene.actor_pos(ids[0])
    seen: list[int] = []
    mouse.drag(ids[0], (x + 160, y + 110), during=seen.append)
    check("after dragging a member")
    undo(shown)
    check("after undoing the drag")
    panel.highlight(first)
    panel.buttons["delete"].click()
    check("after deleting a group")
    action(shown, "view_groups").trigger()
    check("with groups hidden")
    action(shown, "view_groups").trigger()
    check("with groups shown again")


def test_origins_toggle_and_follow_edits(shown: Any) -> None:
    check = shown.screen_check.check
    design, document = shown.document.design, shown.document
    ids = [a.id for a in design if a.location.value == "region"]
    document.push(UpdateActorCommand(design, ids[0], "origin", Origin.DOMESTIC))
    document.push(UpdateActorCommand(design, ids[1], "origin", Origin.OVERSEAS))
    document.push(UpdateActorCommand(design, ids[2], "origin", Origin.SPIN_OFF))
    document.push(UpdateActorCommand(design, ids[2], "parent", ids[5]))
    check("origins set while hidden")
    action(shown, "view_origins").trigger()
    assert shown.scene.origins_visible
    check("after showing origins")
    undo(shown)
    check("after undoing a spin-off's parent")
    redo(shown)
    mouse = CanvasMouse(shown)
    x, y = shown.scene.actor_pos(ids[5])
    mouse.drag(ids[5], (x - 120, y + 90))
    check("after dragging a parent")
    action(shown, "view_origins").trigger()
    check("after hiding origins")
