"""Origin, arrival year and spin-off parent of an actor, and the design's year, in the
properties panel: one undo step each, the model's messages for bad input."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from cluster_designer.gui.document import Document
from cluster_designer.gui.panels import PropertiesPanel
from cluster_designer.model import Origin, make_actor
from tests.gui.test_properties_panel import error_text, retype
from tests.gui.window_fixtures import sample_design


@pytest.fixture
def panel(qtbot: Any) -> PropertiesPanel:
    document = Document()
    design = sample_design()
    design.add_actors(
        [
            make_actor(id="C2", name="Aoba Photonics", sector="company", x=60, y=-60),
            make_actor(id="C9", name="Berlin Optics", sector="company", location="overseas"),
        ]
    )
    document.set_design(design)
    widget = PropertiesPanel(document)
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    return widget


def combo(panel: PropertiesPanel, name: str) -> QComboBox:
    found = panel.findChild(QComboBox, name)
    assert found is not None, name
    return found


def line(panel: PropertiesPanel, name: str) -> QLineEdit:
    found = panel.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def choose(box: QComboBox, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, text
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_origin_is_chosen_from_the_four_labels_and_unknown(panel: PropertiesPanel) -> None:
    panel.set_selection(["C2"])
    box = combo(panel, "actor_origin")
    assert [box.itemText(i) for i in range(box.count())] == [
        "Unknown",
        "Founded locally",
        "Spin-off",
        "Moved in from elsewhere in the country",
        "Moved in from abroad",
    ]
    assert box.currentText() == "Unknown"
    choose(box, "Moved in from abroad")
    design, stack = panel.document.design, panel.document.undo_stack
    assert design.actor("C2").origin is Origin.OVERSEAS
    assert stack.undoText() == "Change origin of Aoba Photonics"
    stack.undo()
    assert design.actor("C2").origin is None
    assert box.currentText() == "Unknown"
    stack.redo()
    assert box.currentText() == "Moved in from abroad"
    choose(box, "Unknown")
    assert design.actor("C2").origin is None


def test_origin_is_disabled_with_a_hint_outside_the_region(panel: PropertiesPanel) -> None:
    panel.set_selection(["C9"])
    assert not combo(panel, "actor_origin").isEnabled()
    hint = panel.findChild(QLabel, "actor_origin_hint")
    assert hint is not None and hint.isVisibleTo(panel)
    assert "in the region" in hint.text()
    panel.set_selection(["C2"])
    assert combo(panel, "actor_origin").isEnabled()
    assert not hint.isVisibleTo(panel)


def test_arrived_takes_a_year_or_nothing(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["C2"])
    edit = line(panel, "actor_arrived")
    retype(qtbot, edit, "2015")
    design = panel.document.design
    assert design.actor("C2").arrived == 2015
    retype(qtbot, edit, "1700")
    assert "outside 1800–2200" in error_text(panel, "actor_arrived")
    assert design.actor("C2").arrived == 2015
    retype(qtbot, edit, "soon")
    assert "is not" in error_text(panel, "actor_arrived")
    retype(qtbot, edit, "")
    assert design.actor("C2").arrived is None
    assert error_text(panel, "actor_arrived") == ""


def test_parent_is_picked_by_name_for_a_spin_off(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["C2"])
    box = combo(panel, "actor_parent")
    assert not box.isEnabled()  # only meaningful for spin-offs
    choose(combo(panel, "actor_origin"), "Spin-off")
    assert box.isEnabled()
    names = [box.itemText(i) for i in range(box.count())]
    assert "静岡大学" in names and "Aoba Photonics" not in names  # never itself
    design, stack = panel.document.design, panel.document.undo_stack
    choose(box, "静岡大学")
    assert design.actor("C2").parent == "U1"
    assert stack.undoText() == "Change parent of Aoba Photonics"
    retype(qtbot, box.lineEdit(), "Nobody Inc")
    assert "no actor is named 'nobody inc'" in error_text(panel, "actor_parent")
    assert design.actor("C2").parent == "U1"
    retype(qtbot, box.lineEdit(), "Hamana Motors")
    assert design.actor("C2").parent == "C1"
    stack.undo()  # choosing the parent again merged into one step, like typing
    assert design.actor("C2").parent == ""
    assert box.currentText() == ""
    stack.undo()
    assert design.actor("C2").origin is None
    assert not box.isEnabled()


def test_the_design_year_is_edited_with_name_and_region(panel: PropertiesPanel, qtbot: Any) -> None:
    edit = line(panel, "design_year")
    design, stack = panel.document.design, panel.document.undo_stack
    retype(qtbot, edit, "2030")
    assert design.year == 2030
    assert stack.undoText() == "Change design year"
    retype(qtbot, edit, "3000")
    assert "outside 1800–2200" in error_text(panel, "design_year")
    assert design.year == 2030
    stack.undo()
    assert design.year is None
    assert edit.text() == ""
