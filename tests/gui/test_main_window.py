"""The main window: title and modified marker, undo/redo actions, save and reopen, prompts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMessageBox

from cluster_designer.storage import Project
from tests.gui.window_fixtures import Answers, type_text

Button = QMessageBox.StandardButton


def action(window: Any, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def rename_actor(window: Any, qtbot: Any, actor_id: str, text: str) -> None:
    window.scene.select_ids([actor_id])
    edit = window.properties_panel.findChild(QLineEdit, "actor_name")
    assert window.properties_panel.current_page is window.properties_panel.actor_form
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_title_names_design_and_project_and_shows_modified(window: Any, qtbot: Any) -> None:
    assert window.windowTitle() == "Today[*] — region.cluster — Cluster Designer"
    assert not window.isWindowModified()
    rename_actor(window, qtbot, "C1", "浜名モータース")
    assert window.isWindowModified()
    assert window.document.design.actor("C1").name == "浜名モータース"


def test_undo_and_redo_actions_carry_the_command_text(window: Any, qtbot: Any) -> None:
    undo, redo = action(window, "edit_undo"), action(window, "edit_redo")
    assert not undo.isEnabled()
    rename_actor(window, qtbot, "C1", "Hamana EV")
    assert undo.isEnabled() and "Change name of Hamana Motors" in undo.text()
    undo.trigger()
    assert window.document.design.actor("C1").name == "Hamana Motors"
    assert not window.isWindowModified()
    assert redo.isEnabled()
    redo.trigger()
    assert window.document.design.actor("C1").name == "Hamana EV"


def test_save_then_reopen_gives_the_same_design(
    window: Any, qtbot: Any, project_path: Path
) -> None:
    rename_actor(window, qtbot, "U1", "国立静岡大学")
    action(window, "file_save").trigger()
    assert not window.isWindowModified()
    with Project.open(project_path) as again:
        stored = again.load_design("Today")
    assert stored.same_content(window.document.design)
    assert stored.actor("U1").name == "国立静岡大学"


def test_switching_design_with_unsaved_changes_asks(
    window: Any, qtbot: Any, answers: Answers
) -> None:
    rename_actor(window, qtbot, "C1", "Changed")
    answers.save_changes = Button.Cancel
    assert not window.ops.switch_design("Plan 2030")
    assert window.document.design.name == "Today" and window.isWindowModified()
    answers.save_changes = Button.Discard
    assert window.ops.switch_design("Plan 2030")
    assert window.document.design.name == "Plan 2030"
    assert window.ops.switch_design("Today")
    assert window.document.design.actor("C1").name == "Hamana Motors"  # discarded
    rename_actor(window, qtbot, "C1", "Kept")
    answers.save_changes = Button.Save
    assert window.ops.switch_design("Plan 2030")
    window.ops.switch_design("Today")
    assert window.document.design.actor("C1").name == "Kept"
    assert answers.asked.count("save Today") == 3


def test_closing_with_unsaved_changes_can_be_cancelled(
    window: Any, qtbot: Any, answers: Answers
) -> None:
    rename_actor(window, qtbot, "C1", "Changed")
    answers.save_changes = Button.Cancel
    assert not window.close()
    assert window.isVisible()
    answers.save_changes = Button.Discard
    assert window.close()


def test_designs_panel_lists_designs_with_counts(window: Any) -> None:
    panel = window.designs_panel
    assert panel.names() == ["Today", "Plan 2030"]
    detail = panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert detail == "浜松 · 3 actors · 2 ties"


def test_new_rename_duplicate_delete_designs(
    window: Any, answers: Answers, project_path: Path
) -> None:
    panel = window.designs_panel
    answers.names = ["Scenario A"]
    panel.buttons["new"].click()
    assert window.document.design.name == "Scenario A" and len(window.document.design) == 0
    answers.names = ["Today (2024)"]
    panel.list.setCurrentRow(0)
    panel.buttons["rename"].click()
    assert panel.names() == ["Today (2024)", "Plan 2030", "Scenario A"]
    answers.names = ["Plan B"]
    panel.list.setCurrentRow(1)
    panel.buttons["duplicate"].click()
    assert window.document.design.name == "Plan B"
    assert window.document.design.actor("C1").name == "Hamana EV"
    answers.confirm = False
    panel.buttons["delete"].click()
    assert "Plan B" in panel.names()
    answers.confirm = True
    panel.buttons["delete"].click()
    assert panel.names() == ["Today (2024)", "Plan 2030", "Scenario A"]
    assert window.document.design is not None and window.document.design.name == "Today (2024)"
    with Project.open(project_path) as again:
        assert again.design_names() == ["Today (2024)", "Plan 2030", "Scenario A"]


def test_duplicate_of_the_open_design_keeps_unsaved_edits(
    window: Any, qtbot: Any, answers: Answers
) -> None:
    rename_actor(window, qtbot, "C1", "Draft name")
    answers.names = ["Scenario"]
    answers.save_changes = Button.Discard
    window.ops.duplicate_design("Today")
    assert window.document.design.name == "Scenario"
    assert window.document.design.actor("C1").name == "Draft name"


def test_recent_files_remember_opened_projects(make_window: Any, tmp_path: Path) -> None:
    from tests.gui.window_fixtures import make_project

    first = make_project(tmp_path / "one.cluster")
    second = make_project(tmp_path / "two.cluster")
    window = make_window()
    window.open_project(str(first))
    window.open_project(str(second))
    assert window.settings.recent_files() == [str(second.resolve()), str(first.resolve())]
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert any(str(first.resolve()) in t for t in texts)
    recent_first = window.recent_menu.findChild(QAction, "recent_2")
    recent_first.trigger()
    assert window.document.project_path == first


def test_missing_file_shows_a_message_and_an_empty_window(
    make_window: Any, answers: Answers, tmp_path: Path
) -> None:
    window = make_window()
    assert not window.open_project(str(tmp_path / "nowhere.cluster"))
    assert answers.warnings and "nowhere.cluster" in answers.warnings[0]
    foreign = tmp_path / "notes.cluster"
    foreign.write_text("just some text", encoding="utf-8")
    assert not window.open_project(str(foreign))
    assert len(answers.warnings) == 2
    assert window.document.design is None
    assert window.windowTitle() == "Cluster Designer"
    assert not action(window, "file_save").isEnabled()


def test_recovery_file_is_written_and_offered(
    make_window: Any, project_path: Path, qtbot: Any, answers: Answers
) -> None:
    first = make_window()
    first.open_project(str(project_path))
    assert first.autosave_now() is None  # nothing to recover yet
    rename_actor(first, qtbot, "C1", "復元される名前")
    written = first.autosave_now()
    assert written is not None and Path(written).exists()
    first.document.close_project()  # as if the program had crashed: no prompt, no cleanup
    second = make_window()
    answers.question = Button.Yes
    second.open_project(str(project_path))
    assert any("Recover Unsaved Changes" in q for q in answers.asked)
    assert second.document.design.actor("C1").name == "復元される名前"
    assert second.isWindowModified()
    action(second, "file_save").trigger()
    assert not Path(written).exists()
    with Project.open(project_path) as again:
        assert again.load_design("Today").actor("C1").name == "復元される名前"


def test_declined_recovery_is_deleted(
    make_window: Any, project_path: Path, qtbot: Any, answers: Answers
) -> None:
    first = make_window()
    first.open_project(str(project_path))
    rename_actor(first, qtbot, "C1", "Lost")
    written = Path(first.autosave_now())
    first.document.close_project()
    answers.question = Button.No
    second = make_window()
    second.open_project(str(project_path))
    assert second.document.design.actor("C1").name == "Hamana Motors"
    assert not written.exists()


def test_export_and_import_json(window: Any, answers: Answers, tmp_path: Path) -> None:
    out = tmp_path / "today.json"
    answers.save_files = [str(out)]
    action(window, "file_export_json").trigger()
    assert out.exists()
    answers.open_files = [str(out)]
    answers.names = ["Imported"]
    action(window, "file_import_json").trigger()
    assert window.document.design.name == "Imported"
    assert "Imported" in window.designs_panel.names()
    original = window.document.project.load_design("Today")
    imported = window.document.design
    assert [a.name for a in imported] == [a.name for a in original]
    assert len(imported.ties) == len(original.ties)


def test_find_actor_selects_and_centres(window: Any, qtbot: Any) -> None:
    from cluster_designer.gui.dialogs import FindActorDialog

    dialog = FindActorDialog(window.document.design, window)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.edit, "浜松")
    assert dialog.list.count() == 1
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.chosen_id == "S1"
    window.show_actor(dialog.chosen_id)
    assert window.scene.selected_actor_ids() == ["S1"]
    assert window.properties_panel.current_page is window.properties_panel.actor_form


def test_every_action_is_named_and_explained(window: Any) -> None:
    actions = [a for a in window.findChildren(QAction) if a.objectName() and not a.isSeparator()]
    names = {a.objectName() for a in actions}
    for expected in (
        "file_save",
        "edit_undo",
        "edit_find_actor",
        "view_zoom_in",
        "design_new",
        "layout_force",
        "help_about",
        "tool_select",
        "tool_add_university",
        "tie_kind_funding",
    ):
        assert expected in names
    for a in window.acts:
        assert a.text() and a.toolTip() and a.statusTip(), a.objectName()
    seen: dict[str, str] = {}
    for a in window.acts:
        for seq in a.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen, f"{key} used by {seen.get(key)} and {a.objectName()}"
            seen[key] = a.objectName()
    assert action(window, "file_save").shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert action(window, "file_quit").shortcut().toString() == "Ctrl+Q"


def test_palette_follows_the_scene_tool(window: Any) -> None:
    from cluster_designer.gui.canvas import Tool
    from cluster_designer.model import Sector, TieKind

    action(window, "tool_add_company").trigger()
    assert window.scene.tool is Tool.ADD_ACTOR and window.scene.last_sector is Sector.COMPANY
    window.scene.set_tool(Tool.SELECT)
    assert action(window, "tool_select").isChecked()
    action(window, "tie_kind_funding").trigger()
    assert window.scene.tool is Tool.DRAW_TIE and window.scene.tie_kind is TieKind.FUNDING
    assert action(window, "tool_draw_tie").isChecked()
    assert window.drawing_tools.kind_button.text() == "Funding"


def test_status_bar_counts_and_selection(window: Any) -> None:
    counts = window.status_labels.counts_label.text()
    assert "3 actors" in counts and "2 ties" in counts and "1 university" in counts
    window.scene.select_ids(["U1", "C1"])
    assert window.status_labels.selection_label.text() == "Selected: 2 actors"
    assert action(window, "align_left").isEnabled()
    assert window.status_labels.zoom_label.text().startswith("Zoom ")


def test_window_geometry_is_remembered(make_window: Any, project_path: Path) -> None:
    window = make_window()
    window.resize(720, 520)  # the offscreen screen is 800×600
    window.show()
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (720, 520)


def test_delete_key_acts_on_the_map_only_when_it_has_focus(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    window.scene.select_ids(["S1"])
    window.designs_panel.list.setFocus()
    qtbot.keyClick(window.designs_panel.list, Qt.Key.Key_Delete)
    assert "S1" in window.document.design.actors
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "S1" not in window.document.design.actors
    assert window.document.undo_stack.count() == 1


def test_every_menu_has_its_entries_and_no_two_actions_share_a_shortcut(window: Any) -> None:
    """Evaluation and printing are part of the window; an ambiguous key would silently do nothing."""
    from PySide6.QtGui import QAction

    file_texts = [a.text() for a in window.menu_file.actions()]
    assert any("Print" in t for t in file_texts) and any("Export &Diagram" in t for t in file_texts)
    assert file_texts[-1] == window.findChild(QAction, "file_quit").text()
    assert window.evaluation_ui.actions["design_compare"] in window.menu_design.actions()
    seen: dict[str, str] = {}
    for act in window.findChildren(QAction):
        for seq in act.shortcuts():
            key = seq.toString()
            if not key:
                continue
            assert key not in seen or seen[key] == act.objectName(), (
                key,
                seen.get(key),
                act.objectName(),
            )
            seen[key] = act.objectName()


def test_status_bar_zoom_follows_every_way_of_zooming(window: Any, qtbot: Any) -> None:
    if window.document.design is None:
        window.document.open_design(window.document.project.design_names()[0])
    window.view.set_zoom(0.5)
    assert window.status_labels.zoom_label.text() == "Zoom 50 %"
    action(window, "view_zoom_reset").trigger()
    assert window.status_labels.zoom_label.text() == "Zoom 100 %"
    window.view.set_zoom(2.0)
    assert window.status_labels.zoom_label.text() == "Zoom 200 %"
