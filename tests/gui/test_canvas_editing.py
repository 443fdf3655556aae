"""Drawing and editing a cluster with the mouse and keyboard, as a planner would."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cluster_designer.gui import editing
from cluster_designer.gui.canvas import Tool
from cluster_designer.gui.commands import AddItemsCommand, UpdateActorCommand
from cluster_designer.model import Location, Sector, TieKind, make_actor, make_tie


def _snapshot(design):
    return (
        [(a.id, a.name, a.sector, a.location, a.x, a.y) for a in design.actors.values()],
        sorted((t.source, t.target, t.kind) for t in design.ties.values()),
    )


def _add(document, *actors, ties=()):
    document.push(AddItemsCommand(document.design, list(actors), list(ties)))


def _type_name(qtbot, view, text: str | None) -> None:
    editor = view.name_editor
    assert editor is not None and editor.isVisible()
    if text is None:
        QTest.keyClick(editor, Qt.Key.Key_Escape)
    elif text.isascii():
        QTest.keyClicks(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Return)
    else:  # Japanese arrives from the input method as a committed string
        editor.selectAll()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.name_editor is None


def test_draw_a_small_cluster_then_undo_everything_and_redo_it(
    qtbot, document, canvas, mouse
) -> None:
    scene, view = canvas
    tools = []
    scene.toolChanged.connect(tools.append)
    for sector, x, name in (
        (Sector.UNIVERSITY, -200, "静岡大学"),
        (Sector.COMPANY, 0, "Suzuki Parts"),
        (Sector.SUPPORT, 200, None),
    ):
        scene.set_tool(Tool.ADD_ACTOR, sector=sector)
        mouse.click(x, 0)
        _type_name(qtbot, view, name)
    assert tools[-1] is Tool.SELECT  # back to selecting after each placement
    design = document.design
    assert [a.name for a in design.actors.values()] == [
        "静岡大学",
        "Suzuki Parts",
        "New support organization",
    ]
    assert [a.sector for a in design.actors.values()] == [
        Sector.UNIVERSITY,
        Sector.COMPANY,
        Sector.SUPPORT,
    ]
    assert all(a.location is Location.REGION for a in design.actors.values())
    u, c, s = design.actors
    scene.set_tool(Tool.DRAW_TIE)
    scene.tie_kind = TieKind.FUNDING
    mouse.drag((-200, 0), (0, 0))
    scene.tie_kind = TieKind.COLLABORATION
    mouse.drag((200, 0), (0, 0))
    mouse.drag((0, 0), (0, 250))  # released on empty canvas: nothing
    mouse.drag((-200, 0), (-195, 3))  # released on the same actor: nothing
    ties = sorted((t.source, t.target, t.kind) for t in design.ties.values())
    assert ties == sorted([(u, c, TieKind.FUNDING), (s, c, TieKind.COLLABORATION)])
    final = _snapshot(design)
    steps = document.undo_stack.count()
    assert steps == 3 + 2 + 2  # three adds, two renames, two ties
    for _ in range(steps):
        document.undo_stack.undo()
    assert len(design.actors) == 0 and len(design.ties) == 0
    assert scene.items_by_id == {}
    for _ in range(steps):
        document.undo_stack.redo()
    assert _snapshot(design) == final
    assert set(scene.items_by_id) == {u, c, s}


def test_shift_drag_in_select_mode_draws_a_tie_and_duplicates_are_refused(
    qtbot, document, canvas, mouse
) -> None:
    scene, _ = canvas
    _add(
        document,
        make_actor(id="A", name="A", sector="company", x=-100, y=0),
        make_actor(id="B", name="B", sector="company", x=100, y=0),
    )
    messages = []
    document.commandFailed.connect(messages.append)
    mouse.drag((-100, 0), (100, 0), Qt.KeyboardModifier.ShiftModifier)
    assert len(document.design.ties) == 1
    assert scene.selected_tie_uids() == list(document.design.ties)
    mouse.drag((100, 0), (-100, 0), Qt.KeyboardModifier.ShiftModifier)  # collaboration is mutual
    assert len(document.design.ties) == 1
    assert messages and "already exists" in messages[0]


def test_a_drag_moves_the_selection_as_one_undo_step(qtbot, document, canvas, mouse) -> None:
    scene, _ = canvas
    _add(
        document,
        make_actor(id="A", name="A", sector="company", x=-100, y=0),
        make_actor(id="B", name="B", sector="university", x=100, y=0),
        make_actor(id="C", name="C", sector="support", x=0, y=150),
        ties=[make_tie(source="A", target="C", kind="collaboration")],
    )
    before = document.undo_stack.count()
    mouse.click(-100, 0)
    mouse.click(100, 0, Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_actor_ids() == ["A", "B"]
    mouse.drag((-100, 0), (-60, -30), steps=8)
    design = document.design
    assert document.undo_stack.count() == before + 1
    assert (design.actor("A").x, design.actor("A").y) == (-60, -30)
    assert (design.actor("B").x, design.actor("B").y) == (140, -30)
    assert (design.actor("C").x, design.actor("C").y) == (0, 150)
    x1, y1, _, _ = scene.tie_layer.segments(1.0)  # the tie follows its actor
    assert (x1[0], y1[0]) == (-60, -30)
    document.undo_stack.undo()
    assert (design.actor("A").x, design.actor("A").y) == (-100, 0)
    assert scene.actor_pos("B") == (100, 0)
    assert scene.items_by_id["B"].pos() == QPointF(100, 0)


def test_moving_across_the_region_boundary_changes_location_in_the_same_step(
    qtbot, document, canvas, mouse
) -> None:
    scene, view = canvas
    _add(
        document,
        make_actor(id="A", name="A", sector="company", x=0, y=0),
        make_actor(id="B", name="B", sector="company", x=100, y=50),
    )
    view.set_zoom(0.5)
    view.centerOn(0, 0)
    region = scene.region_rect()
    left = region.left() - 120
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, mouse.at(0, 0))
    QTest.mouseMove(vp, mouse.at(left / 2, 0))
    QTest.mouseMove(vp, mouse.at(left, 0))
    assert scene.region_rect() == region  # no jumping while dragging
    assert document.design.actor("A").x == 0  # the model hears of it on release only
    QTest.mouseRelease(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, mouse.at(left, 0)
    )
    design = document.design
    assert design.actor("A").location is Location.DOMESTIC
    assert not scene.region_rect().contains(QPointF(left, 0))  # recomputed on drop
    steps = document.undo_stack.count()
    document.undo_stack.undo()
    assert design.actor("A").location is Location.REGION and design.actor("A").x == 0
    assert document.undo_stack.count() == steps
    right = scene.region_rect().right() + 120
    mouse.drag((0, 0), (right, 0))
    assert design.actor("A").location is Location.OVERSEAS
    mouse.drag((right, 0), (0, 0))
    assert design.actor("A").location is Location.REGION


def test_rubber_band_selects_the_actors_inside(qtbot, document, canvas, mouse) -> None:
    scene, _ = canvas
    _add(
        document,
        *(
            make_actor(id=i, name=i, sector="company", x=x, y=y)
            for i, x, y in (("A", -100, -50), ("B", -40, 20), ("C", 200, 100))
        ),
    )
    mouse.drag((-150, -100), (0, 60))
    assert sorted(scene.selected_actor_ids()) == ["A", "B"]
    mouse.drag((150, 50), (250, 150), Qt.KeyboardModifier.ControlModifier)
    assert sorted(scene.selected_actor_ids()) == ["A", "B", "C"]
    mouse.click(0, -150)
    assert scene.selected_actor_ids() == []


def test_delete_key_removes_actors_with_their_ties_and_undo_restores_them(
    qtbot, document, canvas, mouse
) -> None:
    scene, view = canvas
    _add(
        document,
        make_actor(id="A", name="A", sector="company", x=-100, y=0),
        make_actor(id="B", name="B", sector="company", x=100, y=0),
        make_actor(id="C", name="C", sector="company", x=0, y=120),
        ties=[
            make_tie(source="A", target="B", kind="funding", weight=3),
            make_tie(source="B", target="C", kind="information"),
        ],
    )
    ties_before = dict(document.design.ties)
    mouse.click(100, 0)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert list(document.design.actors) == ["A", "C"] and len(document.design.ties) == 0
    assert "B" not in scene.items_by_id
    document.undo_stack.undo()
    assert list(document.design.actors) == ["A", "B", "C"]
    assert dict(document.design.ties) == ties_before
    mouse.click(0, 0)  # the A–B tie, back and selectable
    assert [document.design.tie(u).target for u in scene.selected_tie_uids()] == ["B"]


def test_copy_paste_and_duplicate_add_fresh_actors_with_their_ties(qtbot, document, canvas) -> None:
    scene, _ = canvas
    _add(
        document,
        make_actor(id="C1", name="浜松ホトニクス", sector="company", x=0, y=0),
        make_actor(id="U1", name="静岡大学", sector="university", x=100, y=0),
        ties=[make_tie(source="U1", target="C1", kind="technology_transfer")],
    )
    scene.select_ids(["C1", "U1"])
    assert editing.copy_selection(document, scene)
    steps = document.undo_stack.count()
    assert editing.paste(document, scene)
    design = document.design
    assert len(design.actors) == 4 and len(design.ties) == 2
    assert document.undo_stack.count() == steps + 1
    new_ids = scene.selected_actor_ids()
    assert len(new_ids) == 2 and not {"C1", "U1"} & set(new_ids)
    assert sorted(design.actor(i).name for i in new_ids) == ["浜松ホトニクス", "静岡大学"]
    assert design.actor(new_ids[0]).x == 40.0
    assert editing.duplicate_selection(document, scene)
    assert len(design.actors) == 6 and len(design.ties) == 3
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert list(design.actors) == ["C1", "U1"] and len(design.ties) == 1


def test_align_distribute_and_nudge_with_keys(qtbot, document, canvas) -> None:
    scene, view = canvas
    _add(
        document,
        *(
            make_actor(id=i, name=i, sector="support", x=x, y=y)
            for i, x, y in (("A", -100, 10), ("B", 10, -40), ("C", 200, 30))
        ),
    )
    scene.select_ids(["A", "B", "C"])
    assert editing.align(document, scene, "top")
    assert {a.y for a in document.design.actors.values()} == {-40.0}
    editing.align(document, scene, "left")
    assert {a.x for a in document.design.actors.values()} == {-100.0}
    document.undo_stack.undo()
    assert editing.distribute(document, scene, "horizontal")
    assert [document.design.actor(i).x for i in "ABC"] == [-100.0, 50.0, 200.0]
    steps = document.undo_stack.count()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert document.undo_stack.count() == steps + 2
    assert (document.design.actor("A").x, document.design.actor("A").y) == (-99.0, -20.0)


def test_double_click_adds_an_actor_and_edits_names_in_place(
    qtbot, document, canvas, mouse
) -> None:
    scene, view = canvas
    scene.set_tool(Tool.ADD_ACTOR, sector=Sector.UNIVERSITY)
    scene.set_tool(Tool.SELECT)
    mouse.double_click(50, 50)
    assert list(document.design.actors) == ["U1"]
    _type_name(qtbot, view, "Shizuoka University")
    mouse.double_click(50, 50)
    _type_name(qtbot, view, "静岡大学 浜松キャンパス")
    assert document.design.actor("U1").name == "静岡大学 浜松キャンパス"
    assert scene.items_by_id["U1"].label.text == "静岡大学 浜松キャンパス"
    long_name = "Hamamatsu Technology Transfer Office"
    document.push(UpdateActorCommand(document.design, "U1", "name", long_name))
    assert scene.items_by_id["U1"].label.text.endswith("…")
    assert long_name in scene.items_by_id["U1"].toolTip()


def test_pin_toggle_marks_actors(qtbot, document, canvas) -> None:
    scene, _ = canvas
    _add(document, make_actor(id="A", name="A", sector="company", x=0, y=0))
    scene.select_ids(["A"])
    assert editing.toggle_pin(document, scene)
    assert editing.pinned_ids(document) == {"A"}
    assert "Pinned" in scene.items_by_id["A"].toolTip()
    editing.toggle_pin(document, scene)
    assert editing.pinned_ids(document) == set()


_COPY_THEN_EXIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from cluster_designer.gui import editing
from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.commands import AddItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import Design, make_actor

def main():
    app = QApplication(sys.argv)
    doc = Document()
    doc.set_design(Design("T", region="R"))
    doc.push(AddItemsCommand(doc.design, [make_actor(id="U1", name="静岡大学", sector="university")], []))
    scene = ClusterScene(doc)
    scene.select_ids(["U1"])
    assert editing.copy_selection(doc, scene)
    if sys.argv[1] == "quit":
        QTimer.singleShot(0, app.quit)
        app.exec()
        assert QApplication.clipboard().text().startswith("静岡大学")
    globals()["kept"] = app  # the test harness keeps its application until interpreter exit
    return 0

sys.exit(main())
"""


def test_quitting_after_a_copy_exits_cleanly_and_leaves_the_text_on_the_clipboard(tmp_path) -> None:
    """A QMimeData made in Python must not outlive the interpreter (that ended in a segfault)."""
    import subprocess
    import sys

    script = tmp_path / "copy_then_exit.py"
    script.write_text(_COPY_THEN_EXIT, encoding="utf-8")
    for how in ("quit", "exit"):
        done = subprocess.run(
            [sys.executable, str(script), how], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (how, done.returncode, done.stderr[-2000:])
