"""Groups in the window: made from a selection, edited, emptied and deleted, each one undo
step named by name; the panel follows undo, and picking a group selects its members."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Sequence
from typing import Any

import pytest

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.commands import RemoveItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.gui.groups import GroupDialog, GroupsPanel
from cluster_designer.model import Design, Group, make_actor
from tests.gui.window_fixtures import sample_design


class Answer:
    """Stands in for the group dialog: records what it was shown, returns `values`."""

    def __init__(self, **values: Any) -> None:
        self.values: dict[str, Any] | None = values or None
        self.shown: list[tuple[Group | None, tuple[str, ...], tuple[str, ...]]] = []

    def __call__(
        self,
        design: Design,
        group: Group | None,
        members: Sequence[str],
        candidates: Sequence[str],
        parent: Any,
    ) -> dict[str, Any] | None:
        self.shown.append((group, tuple(members), tuple(candidates)))
        return None if self.values is None else dict(self.values)


@pytest.fixture
def setup(qtbot: Any) -> tuple[Document, ClusterScene, GroupsPanel]:
    document = Document()
    design = sample_design()
    design.add_actors([make_actor(id="C2", name="Aoba Photonics", sector="company", x=60, y=90)])
    document.set_design(design)
    scene = ClusterScene(document)
    panel = GroupsPanel(document, scene)
    qtbot.addWidget(panel)
    panel.show()
    return document, scene, panel


def make_consortium(document: Document, scene: ClusterScene, panel: GroupsPanel) -> str:
    scene.select_ids(["U1", "C1", "S1"])
    panel.ask = Answer(name="Photonics Consortium", kind="consortium", since="2018", notes="")
    panel.buttons["new"].click()
    (group_id,) = document.design.groups
    return group_id


def rows(panel: GroupsPanel) -> list[list[str]]:
    tree = panel.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(4)] for r in range(tree.topLevelItemCount())
    ]


def test_new_group_from_the_selection_is_one_undo_step(setup: Any) -> None:
    document, scene, panel = setup
    scene.select_ids(["U1"])
    assert not panel.buttons["new"].isEnabled()  # a group needs two or more actors
    group_id = make_consortium(document, scene, panel)
    design, stack = document.design, document.undo_stack
    group = design.group(group_id)
    assert group.members == ("U1", "C1", "S1") and group.since == 2018
    assert rows(panel) == [["Photonics Consortium", "consortium", "3", "2018"]]
    assert stack.undoText() == "Add group Photonics Consortium"
    stack.undo()
    assert not design.groups and rows(panel) == []
    assert panel.empty.isVisibleTo(panel)
    stack.redo()
    assert rows(panel) == [["Photonics Consortium", "consortium", "3", "2018"]]


def test_picking_a_group_selects_its_members_on_the_map(setup: Any) -> None:
    document, scene, panel = setup
    make_consortium(document, scene, panel)
    panel.tree.clearSelection()
    scene.clear_selection_ids()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert scene.selected_actor_ids() == ["U1", "C1", "S1"]
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(1))
    assert scene.selected_actor_ids() == ["C1"]


def test_edit_add_and_remove_members(setup: Any) -> None:
    document, scene, panel = setup
    group_id = make_consortium(document, scene, panel)
    design, stack = document.design, document.undo_stack
    panel.highlight(group_id)
    scene.select_ids(["C2"])
    panel.buttons["add"].click()
    assert design.group(group_id).members == ("U1", "C1", "S1", "C2")
    assert stack.undoText() == "Add Aoba Photonics to group Photonics Consortium"
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    panel.buttons["remove"].click()
    assert design.group(group_id).members == ("C1", "S1", "C2")
    assert stack.undoText() == "Remove 静岡大学 from group Photonics Consortium"
    panel.highlight(group_id)
    answer = Answer(
        name="浜松光コンソーシアム", kind="council", since="", notes="n", members=("C1", "S1")
    )
    panel.ask = answer
    panel.buttons["edit"].click()
    assert answer.shown[0][1] == ("C1", "S1", "C2")
    group = design.group(group_id)
    assert (group.name, group.kind, group.since, group.members) == (
        "浜松光コンソーシアム",
        "council",
        None,
        ("C1", "S1"),
    )
    assert stack.undoText() == "Edit group Photonics Consortium"
    assert rows(panel)[0] == ["浜松光コンソーシアム", "council", "2", ""]
    for _step in range(3):
        stack.undo()
    assert design.group(group_id).members == ("U1", "C1", "S1")
    assert rows(panel)[0] == ["Photonics Consortium", "consortium", "3", "2018"]


def test_delete_a_group_and_undo(setup: Any) -> None:
    document, scene, panel = setup
    group_id = make_consortium(document, scene, panel)
    panel.highlight(group_id)
    panel.buttons["delete"].click()
    assert not document.design.groups
    assert document.undo_stack.undoText() == "Delete group Photonics Consortium"
    document.undo_stack.undo()
    assert list(document.design.groups) == [group_id]


def test_deleting_member_actors_updates_groups_and_undo_restores_them(setup: Any) -> None:
    document, scene, panel = setup
    group_id = make_consortium(document, scene, panel)
    scene.select_ids(["C1", "C2"])
    panel.ask = Answer(name="Pair", kind="", since="", notes="")
    panel.buttons["new"].click()
    pair_id = next(g for g in document.design.groups if g != group_id)
    design, stack = document.design, document.undo_stack
    stack.push(RemoveItemsCommand(design, ["C1"]))
    assert design.group(group_id).members == ("U1", "S1")
    assert pair_id not in design.groups  # left with one member
    assert [r[0] for r in rows(panel)] == ["Photonics Consortium"]
    stack.undo()
    assert list(design.groups) == [group_id, pair_id]
    assert design.group(group_id).members == ("U1", "C1", "S1")
    assert design.group(pair_id).members == ("C1", "C2")
    assert [r[2] for r in rows(panel)] == ["3", "2"]


def test_the_dialog_refuses_bad_values_with_one_line(qtbot: Any) -> None:
    design = sample_design()
    dialog = GroupDialog(design, None, ["U1", "C1"])
    qtbot.addWidget(dialog)
    dialog.name.setText("Council")
    dialog.since.setText("1700")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "outside 1800–2200" in dialog.error.text()
    dialog.since.setText("2020")
    dialog.members.item(1).setCheckState(dialog.members.item(1).checkState().Unchecked)
    dialog.accept()
    assert "two or more members" in dialog.error.text()
    dialog.members.item(1).setCheckState(dialog.members.item(0).checkState())
    dialog.accept()
    assert dialog.values()["members"] == ("U1", "C1")
    assert dialog.values()["since"] == 2020


def test_window_action_needs_two_selected_actors(window: Any) -> None:
    action = window.acts["group_new"]
    assert action in window.menu_edit.actions()
    window.scene.select_ids([])
    assert not action.isEnabled()
    ids = list(window.document.design.actors)[:2]
    window.scene.select_ids(ids)
    assert action.isEnabled()
    window.groups_ui.panel.ask = Answer(name="Pair", kind="", since="", notes="")
    action.trigger()
    assert [g.name for g in window.document.design.groups.values()] == ["Pair"]
