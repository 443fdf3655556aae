"""The properties panel edits through undo commands, refuses bad input inline and follows undo."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from cluster_designer.gui.document import Document
from cluster_designer.gui.panels import PropertiesPanel
from cluster_designer.model import Location, Sector, TieKind
from tests.gui.window_fixtures import sample_design, type_text, wheel_down_at


@pytest.fixture
def panel(qtbot: Any) -> PropertiesPanel:
    document = Document()
    document.set_design(sample_design())
    widget = PropertiesPanel(document)
    qtbot.addWidget(widget)
    widget.resize(360, 700)
    widget.show()
    return widget


def editor(panel: PropertiesPanel, name: str) -> Any:
    found = (
        panel.findChild(QLineEdit, name)
        or panel.findChild(QComboBox, name)
        or panel.findChild(QPlainTextEdit, name)
    )
    assert found is not None, name
    return found


def error_text(panel: PropertiesPanel, name: str) -> str:
    label = panel.findChild(QLabel, f"{name}_error")
    return label.text().lower() if label is not None and label.isVisibleTo(panel) else ""


def retype(qtbot: Any, edit: QLineEdit, text: str, enter: bool = True) -> None:
    edit.setFocus()
    edit.selectAll()
    if text:
        type_text(qtbot, edit, text)  # replaces the selection, as typing does
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if enter:
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_nothing_selected_shows_the_design(panel: PropertiesPanel, qtbot: Any) -> None:
    assert panel.current_page is panel.design_form
    assert editor(panel, "design_name").text() == "Today"
    assert editor(panel, "design_region").text() == "浜松"
    retype(qtbot, editor(panel, "design_region"), "Hamamatsu")
    design = panel.document.design
    assert design.region == "Hamamatsu"
    assert panel.document.undo_stack.count() == 1


def test_typing_a_name_is_one_undo_step(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["C1"])
    assert panel.current_page is panel.actor_form
    retype(qtbot, editor(panel, "actor_name"), "Hamana")
    retype(qtbot, editor(panel, "actor_name"), "浜名モータース")
    design, stack = panel.document.design, panel.document.undo_stack
    assert design.actor("C1").name == "浜名モータース"
    assert stack.count() == 1
    stack.undo()
    assert design.actor("C1").name == "Hamana Motors"
    assert editor(panel, "actor_name").text() == "Hamana Motors"
    stack.redo()
    assert editor(panel, "actor_name").text() == "浜名モータース"


def test_empty_name_is_refused_and_reverts_on_focus_out(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["U1"])
    name = editor(panel, "actor_name")
    retype(qtbot, name, "", enter=False)
    assert "must not be empty" in error_text(panel, "actor_name")
    assert panel.document.design.actor("U1").name == "静岡大学"
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == "静岡大学"
    assert "previous value was kept" in error_text(panel, "actor_name")
    assert panel.document.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("staff", "-5", "must not be negative"),
        ("budget", "lots", "is not a number"),
        ("x", "abc", "is not a number"),
    ],
)
def test_bad_numbers_are_refused(
    panel: PropertiesPanel, qtbot: Any, field: str, text: str, message: str
) -> None:
    panel.set_selection(["C1"])
    before = getattr(panel.document.design.actor("C1"), field)
    retype(qtbot, editor(panel, f"actor_{field}"), text, enter=False)
    assert message in error_text(panel, f"actor_{field}")
    assert getattr(panel.document.design.actor("C1"), field) == before


def test_duplicate_id_is_refused_and_a_new_id_repoints_ties(
    panel: PropertiesPanel, qtbot: Any
) -> None:
    panel.set_selection(["C1"])
    ident = editor(panel, "actor_id")
    retype(qtbot, ident, "U1", enter=False)
    assert "already has the id 'u1'" in error_text(panel, "actor_id")
    qtbot.keyClick(ident, Qt.Key.Key_Return)
    assert ident.text() == "C1" and "C1" in panel.document.design.actors
    retype(qtbot, ident, "C100")
    design = panel.document.design
    assert "C100" in design.actors and "C1" not in design.actors
    assert {t.target for t in design.ties.values()} == {"C100"}
    assert editor(panel, "actor_name").text() == "Hamana Motors"


def test_sector_subtype_location_tags(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["S1"])
    subtype = editor(panel, "actor_subtype")
    assert subtype.findText("municipality") >= 0  # suggestions follow the sector
    sector = editor(panel, "actor_sector")
    sector.setCurrentIndex(sector.findData(Sector.COMPANY))
    sector.activated.emit(sector.currentIndex())
    assert panel.document.design.actor("S1").sector is Sector.COMPANY
    assert subtype.findText("start-up") >= 0 and subtype.findText("municipality") < 0
    location = editor(panel, "actor_location")
    location.setCurrentIndex(location.findData(Location.OVERSEAS))
    location.activated.emit(location.currentIndex())
    assert panel.document.design.actor("S1").location is Location.OVERSEAS
    retype(qtbot, editor(panel, "actor_tags"), "EV; ロボット")
    assert panel.document.design.actor("S1").tags == ("EV", "ロボット")


def test_tie_weight_and_kind(panel: PropertiesPanel, qtbot: Any) -> None:
    design = panel.document.design
    uid = next(t.uid for t in design.ties.values() if t.kind is TieKind.FUNDING)
    panel.set_selection([], [uid])
    assert panel.current_page is panel.tie_form
    assert "浜松市" in panel.findChild(QLabel, "tie_source").text()
    assert "million yen" in panel.findChild(QLabel, "tie_unit").text()
    weight = editor(panel, "tie_weight")
    retype(qtbot, weight, "0", enter=False)
    assert "greater than 0" in error_text(panel, "tie_weight")
    assert design.tie(uid).weight == 12.5
    retype(qtbot, weight, "20")
    assert design.tie(uid).weight == 20
    kind = editor(panel, "tie_kind")
    kind.setCurrentIndex(kind.findData(TieKind.INFORMATION))
    kind.activated.emit(kind.currentIndex())
    assert design.tie(uid).kind is TieKind.INFORMATION
    assert "meetings" in panel.findChild(QLabel, "tie_unit").text()


def test_notes_typing_merges(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_selection(["U1"])
    notes = editor(panel, "actor_notes")
    notes.setFocus()
    type_text(qtbot, notes, "工学部")
    assert panel.document.design.actor("U1").notes == "工学部"
    assert panel.document.undo_stack.count() == 1


def test_several_selected_shows_a_summary(panel: PropertiesPanel) -> None:
    panel.set_selection(["U1", "C1"], [1])
    assert panel.current_page is panel.summary
    text = panel.summary.findChild(QLabel).text()
    assert "2 actors and 1 tie selected" in text
    assert "1 university" in text and "1 company" in text


def test_design_name_taken_in_project_is_refused(panel: PropertiesPanel, qtbot: Any) -> None:
    panel.set_taken_design_names(lambda: {"Plan 2030"})
    retype(qtbot, editor(panel, "design_name"), "Plan 2030", enter=False)
    assert "already has a design named" in error_text(panel, "design_name")
    assert panel.document.design.name == "Today"


def test_undo_from_elsewhere_updates_the_form(panel: PropertiesPanel) -> None:
    panel.set_selection(["C1"])
    from cluster_designer.gui.commands import UpdateActorCommand

    panel.document.push(UpdateActorCommand(panel.document.design, "C1", "staff", "1200"))
    assert editor(panel, "actor_staff").text() == "1200"
    panel.document.undo_stack.undo()
    assert editor(panel, "actor_staff").text() == "900"


def test_scrolling_the_panel_past_a_choice_box_changes_nothing(
    panel: PropertiesPanel, qtbot: Any
) -> None:
    """A wheel over the Sector box of a form being scrolled changed the actor's sector."""
    from PySide6.QtWidgets import QApplication

    panel.set_selection(["S1"])
    for name in ("actor_sector", "actor_location", "actor_origin"):
        box = editor(panel, name)
        box.clearFocus()
        event = wheel_down_at(box)
        QApplication.sendEvent(box, event)
        assert not event.isAccepted(), name  # it goes on to the panel, which scrolls
    actor = panel.document.design.actor("S1")
    assert (actor.sector, actor.location, actor.origin) == (Sector.SUPPORT, Location.REGION, None)
    assert panel.document.undo_stack.count() == 0


def test_a_choice_narrower_than_its_box_shows_elided(panel: PropertiesPanel) -> None:
    panel.set_selection(["C1"])
    origin = editor(panel, "actor_origin")
    origin.setCurrentIndex(origin.findText("Moved in from elsewhere in the country"))
    origin.setFixedWidth(120)
    assert origin.shown_text().endswith("…")
    origin.setFixedWidth(600)
    assert origin.shown_text() == "Moved in from elsewhere in the country"
