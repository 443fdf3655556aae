"""After every kind of edit, the canvas on a real X server shows the design as it now is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPushButton

from cluster_designer.io import write_json
from cluster_designer.model import Design, make_actor, make_tie
from tests.gui.display.display_check import CanvasMouse
from tests.gui.window_fixtures import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def action(window: Any, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def child(window: Any, kind: type, name: str) -> Any:
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def undo(window: Any) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)


def redo(window: Any) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)


def wait_layout(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: not window.layouts.running, timeout=60_000)


def open_design_row(window: Any, row: int) -> None:
    """Double-click a design in the Designs panel, as a person switches designs."""
    designs = child(window, QListWidget, "designs_list")
    centre = designs.visualItemRect(designs.item(row)).center()
    QTest.mouseClick(designs.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(designs.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def tie_midpoint(window: Any, uid: int) -> tuple[float, float]:
    tie = window.document.design.tie(uid)
    (x1, y1), (x2, y2) = (window.scene.actor_pos(tie.source), window.scene.actor_pos(tie.target))
    return (x1 + x2) / 2, (y1 + y2) / 2


def test_the_opened_design_is_on_screen(shown: Any) -> None:
    shown.screen_check.check("after opening the project")


def test_adding_actors_undo_and_redo(shown: Any, qtbot: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    action(shown, "tool_add_company").trigger()
    mouse.click((1000.0, 760.0))
    editor = child(shown, QLineEdit, "actorNameEditor")
    editor.selectAll()
    type_text(qtbot, editor, "Aoba Logistics")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "Aoba Logistics" in [a.name for a in shown.document.design.actors.values()]
    check("after adding an actor and naming it")
    action(shown, "tool_add_university").trigger()
    mouse.click((300.0, 620.0))
    QTest.keyClick(child(shown, QLineEdit, "actorNameEditor"), Qt.Key.Key_Escape)
    check("after adding a second actor")
    undo(shown)
    check("after undoing the second actor")
    undo(shown)
    check("after undoing the rename")
    redo(shown)
    check("after redoing the rename")


def test_deleting_an_actor_undo_and_redo(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    before = len(shown.document.design)
    mouse.click("C12")
    check("after selecting an actor")
    mouse.key(Qt.Key.Key_Delete)
    assert len(shown.document.design) == before - 1
    check("after deleting a selected actor with its ties")
    undo(shown)
    check("after undoing the delete")
    redo(shown)
    check("after redoing the delete")


def test_drawing_ties_and_undo(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    ties = len(shown.document.design.ties)
    action(shown, "tool_draw_tie").trigger()
    mouse.drag("C03", "C12")
    assert len(shown.document.design.ties) == ties + 1
    check("after drawing a tie")
    for source, target in (("C20", "U01"), ("C29", "S02"), ("C13", "C27"), ("U03", "C24")):
        mouse.drag(source, target)
    assert len(shown.document.design.ties) == ties + 5
    check("after drawing five ties")
    undo(shown)
    check("after undoing a tie")


def test_deleting_a_tie(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    design = shown.document.design
    uid = next(u for u, t in design.ties.items() if {t.source, t.target} == {"C72", "C01"})
    mouse.click(tie_midpoint(shown, uid))
    assert shown.scene.selected_tie_uids() == [uid]
    check("after selecting a tie")
    mouse.key(Qt.Key.Key_Delete)
    assert uid not in design.ties
    check("after deleting a tie")
    undo(shown)
    check("after undoing the tie's delete")


def test_moving_actors_by_drag_and_keys(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    x, y = shown.scene.actor_pos("C22")
    mouse.drag("C22", (x - 150, y + 120))
    assert shown.document.design.actor("C22").x != x
    check("after dragging an actor")
    mouse.key(Qt.Key.Key_Right, SHIFT)
    check("after nudging it with the arrow keys")
    undo(shown)
    undo(shown)
    check("after undoing the moves")


@pytest.mark.parametrize("layout", ["layout_force", "layout_sector_location"])
def test_layouts_and_undo(shown: Any, qtbot: Any, layout: str) -> None:
    check = shown.screen_check.check
    before = shown.document.undo_stack.count()
    action(shown, layout).trigger()
    wait_layout(shown, qtbot)
    assert shown.document.undo_stack.count() == before + 1  # one undo step
    scene, view = shown.scene, shown.view
    for actor in shown.document.design.actors.values():  # nobody moved across an edge
        where = scene.location_for(actor.id, QPointF(*scene.actor_pos(actor.id)))
        assert where is actor.location, actor.name
    shown_area = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown_area.contains(scene.diagram_rect().adjusted(30, 30, -30, -30))  # refitted
    check(f"after {layout}")
    undo(shown)
    check(f"after undoing {layout}")


def test_switching_designs(shown: Any, qtbot: Any) -> None:
    check = shown.screen_check.check
    first = shown.document.design.name
    open_design_row(shown, 1)
    qtbot.waitUntil(lambda: shown.document.design.name != first, timeout=5000)
    check("after switching to the other design")
    open_design_row(shown, 0)
    qtbot.waitUntil(lambda: shown.document.design.name == first, timeout=5000)
    check("after switching back")


def test_overlays_on_and_off(shown: Any, qtbot: Any) -> None:
    check = shown.screen_check.check
    combo = child(shown, QComboBox, "overlay_size")
    for index in range(1, combo.count()):
        combo.setCurrentIndex(index)
        check(f"after sizing actors by {combo.currentText()}")
    combo.setCurrentIndex(0)
    check("after sizing actors back to the same size")
    for name in ("overlay_brokers", "overlay_isolates", "overlay_inflows"):
        child(shown, QCheckBox, name).click()
        check(f"after ticking {name}")
    for name in ("overlay_brokers", "overlay_isolates", "overlay_inflows"):
        child(shown, QCheckBox, name).click()
        check(f"after unticking {name}")


def test_what_if_dimming_and_reset(shown: Any, qtbot: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    mouse.click("C01")
    mouse.away()
    hide = child(shown, QPushButton, "whatif_hide")
    qtbot.waitUntil(hide.isEnabled, timeout=5000)
    hide.click()
    check("after hiding an actor temporarily (what-if)")
    reset = child(shown, QPushButton, "whatif_reset")
    qtbot.waitUntil(reset.isEnabled, timeout=5000)
    reset.click()
    check("after resetting the what-if")


def test_renaming_actors(shown: Any, qtbot: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    mouse.double_click("C05")
    editor = child(shown, QLineEdit, "actorNameEditor")
    editor.selectAll()
    type_text(qtbot, editor, "Hamaoka")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert shown.document.design.actor("C05").name == "Hamaoka"
    check("after renaming an actor on the map")
    name = child(shown.properties_panel, QLineEdit, "actor_name")
    name.setFocus()
    name.selectAll()
    type_text(qtbot, name, "Hamaoka Stamping and Pressing Works of Asakawa")
    QTest.keyClick(name, Qt.Key.Key_Return)
    check("after giving it a long name in the properties")
    mouse.click((1000.0, 760.0))
    check("after deselecting it")


def test_changing_the_region(shown: Any, qtbot: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    mouse.click((1000.0, 760.0))
    region = child(shown.properties_panel, QLineEdit, "design_region")
    region.setFocus()
    region.selectAll()
    type_text(qtbot, region, "Hamamatsu")
    QTest.keyClick(region, Qt.Key.Key_Return)
    assert shown.document.design.region == "Hamamatsu"
    check("after changing the region's name")


def test_copy_and_paste(shown: Any) -> None:
    mouse, check = CanvasMouse(shown), shown.screen_check.check
    mouse.click("C05")
    mouse.click("C06", CTRL)
    action(shown, "edit_copy").trigger()
    action(shown, "edit_paste").trigger()
    check("after pasting two actors")
    action(shown, "edit_duplicate").trigger()
    check("after duplicating them")
    undo(shown)
    undo(shown)
    check("after undoing the paste")


def test_importing_a_design(shown: Any, qtbot: Any, answers: Any, tmp_path: Path) -> None:
    check = shown.screen_check.check
    design = Design("Imported", region="Imported region")
    design.add_actors(
        [
            make_actor(id="X1", name="Far University", sector="university", x=-900, y=-700),
            make_actor(id="X2", name="Far Company", sector="company", x=900, y=700),
            make_actor(id="X3", name="Overseas Lab", sector="support", location="overseas"),
        ]
    )
    design.add_ties(
        [
            make_tie(source="X1", target="X2", kind="collaboration"),
            make_tie(source="X3", target="X2", kind="funding"),
        ]
    )
    path = tmp_path / "imported.json"
    write_json(design, path)
    answers.open_files.append(str(path))
    answers.names.append("Imported")
    action(shown, "file_import_json").trigger()
    qtbot.waitUntil(lambda: shown.document.design.name == "Imported", timeout=5000)
    check("after importing a design")


def test_zoom_and_scroll_keep_the_picture(shown: Any) -> None:
    check = shown.screen_check.check
    view = shown.view
    view.zoom_in()
    check("after zooming in")
    view.centerOn(QPointF(*shown.scene.actor_pos("C29")))
    check("after scrolling")
    action(shown, "view_fit").trigger()
    check("after fitting the view")
