"""Issue 13's smaller things, as a planner meets them in the main window."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QKeySequence

from cluster_designer.gui.commands import AddItemsCommand
from cluster_designer.gui.dialogs import ShortcutsDialog, shortcut_rows
from cluster_designer.model import Sector
from cluster_designer.storage import Project
from tests.gui.window_fixtures import Answers

ROOT = Path(__file__).resolve().parents[2]


def test_renaming_the_open_design_is_one_undo_step_and_saves_as_shown(
    window: Any, answers: Answers, project_path: Path
) -> None:
    panel = window.designs_panel
    assert window.document.design.name == "Today"
    answers.names = ["Today (2024)"]
    panel.list.setCurrentRow(0)
    panel.buttons["rename"].click()
    assert window.document.design.name == "Today (2024)"
    assert window.document.modified
    assert "Today (2024)" in window.document.undo_stack.undoText()
    window.acts["edit_undo"].trigger()
    assert window.document.design.name == "Today"
    window.acts["edit_redo"].trigger()
    assert window.ops.save()
    with Project.open(project_path) as stored:
        assert "Today (2024)" in stored.design_names()
    # Undo after the save, then save: the rename is undone on purpose, and the status says so.
    window.acts["edit_undo"].trigger()
    assert window.ops.save()
    assert "renamed from" in window.statusBar().currentMessage()
    with Project.open(project_path) as stored:
        assert "Today" in stored.design_names()


def test_keyboard_shortcuts_lists_every_shortcut_of_the_window(window: Any, qtbot: Any) -> None:
    rows = shortcut_rows(window)
    listed = {keys for _where, _text, keys in rows}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty():
                native = seq.toString(QKeySequence.SequenceFormat.NativeText)
                assert any(native in keys.split(", ") for keys in listed), action.objectName()
    texts = {text: keys for _where, text, keys in rows}
    assert "Ctrl+P" in texts["Print"]
    assert "Ctrl+Shift+M" in texts["Compare Designs"]
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert len(dialog.texts()) == len(rows)


def test_user_guide_opens_the_bundled_guide(window: Any) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_guide", ROOT / "resources/guide/build_guide.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shipped = (ROOT / "resources/guide/user-guide.md").read_text(encoding="utf-8")
    assert shipped == module.guide_text(readme), "run: uv run python resources/guide/build_guide.py"
    window.acts["help_user_guide"].trigger()
    dialog = window.show_user_guide()
    assert dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "Projects and designs" in text and "Drawing a map" in text


def test_reopening_shows_the_design_last_used(make_window: Any, project_path: Path) -> None:
    first = make_window()
    assert first.open_project(str(project_path))
    assert first.ops.switch_design("Plan 2030")
    first.close()
    again = make_window()
    assert again.open_project(str(project_path))
    assert again.document.design.name == "Plan 2030"


def test_a_new_design_has_no_region_and_new_actors_get_project_wide_ids(
    window: Any, answers: Answers
) -> None:
    project = window.document.project
    used = project.actor_ids()
    assert window.document.design.region  # the open design has one
    answers.names = ["Blank"]
    window.designs_panel.buttons["new"].click()
    design = window.document.design
    assert design.name == "Blank" and design.region == ""
    from cluster_designer.gui.canvas.interactions import add_actor_at

    new_id = add_actor_at(window.scene, QPointF(0, 0), Sector.COMPANY, edit_name=False)
    assert new_id is not None and new_id not in used


def test_autosave_writes_on_a_background_thread_and_a_save_wins(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    import threading

    from cluster_designer.gui.recovery_ops import recovery_key
    from cluster_designer.model import make_actor

    design = window.document.design
    window.document.push(
        AddItemsCommand(design, [make_actor(id="X1", name="Draft", sector="company")], [])
    )
    store = window.recovery
    threads: list[str] = []
    original = store.write

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    store.write = spy
    assert window.recovery_ops.autosave() is None  # returns at once; the write happens elsewhere
    qtbot.waitUntil(lambda: store.find(recovery_key(window.document.project.path)) is not None)
    assert threads and threads[0] != threading.current_thread().name
    # A write that a save (discard) overtakes never brings the recovery copy back.
    epoch = store.epoch
    store.discard(recovery_key(window.document.project.path))
    assert store.write(recovery_key(window.document.project.path), design, "Today", epoch) is None
    assert store.find(recovery_key(window.document.project.path)) is None


def test_a_slow_save_keeps_the_window_alive_and_cannot_start_twice(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """A save waiting for a repository lock (here: 1.2 s) runs off the window's thread."""
    import time

    from PySide6.QtCore import QTimer

    from cluster_designer.model import make_actor

    project = window.document.project
    original = project.save_design

    def slow(design: Any) -> None:
        time.sleep(1.2)
        original(design)

    monkeypatch.setattr(project, "save_design", slow)
    window.document.push(
        AddItemsCommand(
            window.document.design, [make_actor(id="X2", name="Slow", sector="company")], []
        )
    )
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    second: list[bool] = []
    QTimer.singleShot(300, lambda: second.append(window.ops.save()))
    started = time.perf_counter()
    assert window.ops.save()
    timer.stop()
    assert time.perf_counter() - started >= 1.2
    assert second == [False]  # refused while the first one runs
    gaps = [b - a for a, b in pairwise(ticks)]
    # The window's event loop kept running through the 1.2 s save (generous bounds: the
    # test machine may be busy).
    assert len(ticks) >= 5 and max(gaps) < 0.6
    assert not window.document.modified
