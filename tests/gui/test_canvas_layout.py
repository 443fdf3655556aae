"""Automatic layouts run off the GUI thread and land as one undo step (or not at all)."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from cluster_designer.gui.layout_runner import LayoutRunner
from cluster_designer.model import Design, make_actor, make_tie


def _design() -> Design:
    design = Design("Layout")
    design.load(
        [
            make_actor(id=f"C{n}", name=f"Firm {n}", sector="company", x=n * 3.0, y=0.0)
            for n in range(8)
        ]
        + [
            make_actor(
                id="U1", name="静岡大学", sector="university", x=0.0, y=5.0, extra={"pinned": "1"}
            )
        ],
        [make_tie(source="U1", target=f"C{n}", kind="collaboration") for n in range(8)],
    )
    return design


def test_force_layout_is_one_undo_step_and_keeps_pinned_actors(qtbot, document) -> None:
    document.set_design(_design())
    runner = LayoutRunner(document)
    with qtbot.waitSignal(runner.done, timeout=20000) as blocker:
        assert runner.run_force({"U1"})
    assert blocker.args == [True]
    design = document.design
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Force-directed layout"
    assert (design.actor("U1").x, design.actor("U1").y) == (0.0, 5.0)
    assert len({(a.x, a.y) for a in design.actors.values()}) == 9
    document.undo_stack.undo()
    assert [design.actor(f"C{n}").x for n in range(8)] == [n * 3.0 for n in range(8)]


def test_cancelled_layout_changes_nothing(qtbot, document) -> None:
    document.set_design(_design())
    runner = LayoutRunner(document)
    with qtbot.waitSignal(runner.done, timeout=20000) as blocker:
        runner.run_force(set())
        runner.cancel()
    assert blocker.args == [False]
    assert document.undo_stack.count() == 0 and not document.modified


def test_sector_location_layout_places_region_actors_in_the_rectangle(qtbot, document) -> None:
    document.set_design(_design())
    runner = LayoutRunner(document)
    rect = QRectF(-300, -200, 600, 400)
    with qtbot.waitSignal(runner.done, timeout=20000):
        runner.run_sector_location(rect)
    assert document.undo_stack.undoText() == "Arrange by sector and location"
    assert all(
        rect.adjusted(-1, -1, 1, 1).contains(a.x, a.y) for a in document.design.actors.values()
    )
