"""Undo commands restore the model exactly, merge typing into one step and drop refused edits."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from cluster_designer.gui.commands import (
    AddItemsCommand,
    MoveActorsCommand,
    RemoveItemsCommand,
    UpdateActorCommand,
    UpdateTieCommand,
)
from cluster_designer.model import Design, Location, make_actor, make_tie


def make_design() -> Design:
    d = Design("T")
    d.add_actors(
        [
            make_actor(id="A", name="静岡大学", sector="university", x=0, y=0),
            make_actor(id="B", name="Beta", sector="company", x=100, y=0),
        ]
    )
    d.add_tie(make_tie(source="A", target="B", kind="funding", weight=3))
    return d


def test_typing_in_one_field_is_one_undo_step(qapp) -> None:
    d = make_design()
    stack = QUndoStack()
    for text in ("H", "Ha", "Hamana"):
        stack.push(UpdateActorCommand(d, "B", "name", text))
    stack.push(UpdateActorCommand(d, "B", "staff", "40"))
    assert stack.count() == 2 and d.actor("B").name == "Hamana"
    stack.undo()
    stack.undo()
    assert d.actor("B").name == "Beta" and d.actor("B").staff is None


def test_refused_edit_leaves_no_undo_step_and_keeps_the_message(qapp) -> None:
    d = make_design()
    stack = QUndoStack()
    bad = UpdateTieCommand(d, 1, "weight", "0")
    stack.push(bad)
    assert stack.count() == 0
    assert bad.error is not None and "greater than 0" in bad.error
    assert d.tie(1).weight == 3


def test_id_change_undoes_back_to_the_old_id_with_ties(qapp) -> None:
    d = make_design()
    before = d.copy()
    stack = QUndoStack()
    stack.push(UpdateActorCommand(d, "A", "id", " U01 "))
    assert "U01" in d.actors and d.tie(1).source == "U01"
    stack.undo()
    assert d.same_content(before)
    stack.redo()
    assert d.tie(1).source == "U01"


def test_delete_move_and_add_round_trip_through_undo_and_redo(qapp) -> None:
    d = make_design()
    before = d.copy()
    stack = QUndoStack()
    stack.push(AddItemsCommand(d, [make_actor(id="C", name="Gamma", sector="support")]))
    stack.push(AddItemsCommand(d, [], [make_tie(source="C", target="A", kind="information")]))
    stack.push(MoveActorsCommand(d, {"A": (50, 60)}, locations={"A": Location.OVERSEAS}))
    stack.push(RemoveItemsCommand(d, ["B"]))
    after = d.copy()
    assert d.actor("A").location is Location.OVERSEAS and len(d.ties) == 1
    while stack.canUndo():
        stack.undo()
    assert d.same_content(before)
    while stack.canRedo():
        stack.redo()
    assert d.same_content(after)
