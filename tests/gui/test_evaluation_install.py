"""install_evaluation wires the panel, charts and compare view into the main window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QScrollArea

from cluster_designer.gui.evaluation import CompareDialog, install_evaluation


def test_the_main_window_has_the_evaluation_docks_and_actions_that_work(
    window: Any, qtbot: Any
) -> None:
    ui = window.evaluation_ui
    assert install_evaluation(window) is ui  # installing again adds nothing
    assert len(window.findChildren(QDockWidget, "evaluation_dock")) == 1
    assert window.findChild(QDockWidget, "evaluation_dock") is ui.evaluation_dock
    assert window.findChild(QDockWidget, "charts_dock") is ui.charts_dock
    design_menu = window.menuBar().findChild(QMenu, "menu_design")
    assert ui.actions["design_compare"] in design_menu.actions()
    if window.document.design is None:
        window.document.open_design(window.document.project.design_names()[0])
    assert ui.panel.metrics.value_text("actors.total") == str(len(window.document.design))
    assert ui.actions["design_compare"].isEnabled()
    ui.actions["design_compare"].trigger()
    # (the one the window builds and drops while idle, to warm up, is never shown)
    dialogs = [d for d in window.findChildren(CompareDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert len(dialogs[0].chosen()) == 2
    dialogs[0].reject()


def test_hide_selected_in_the_menu_needs_a_selection(window: Any, qtbot: Any) -> None:
    ui = window.evaluation_ui
    if window.document.design is None:
        window.document.open_design(window.document.project.design_names()[0])
    window.scene.select_ids([])
    assert not ui.actions["whatif_hide"].isEnabled()
    window.scene.select_ids([next(iter(window.document.design.actors))])
    assert ui.actions["whatif_hide"].isEnabled()


def test_charts_behind_their_tab_are_built_only_when_the_planner_brings_them_forward(
    window: Any, qtbot: Any
) -> None:
    """Qt keeps a dock behind a tab "visible" off-screen; the charts must not redraw there."""
    ui = window.evaluation_ui
    if window.document.design is None:
        window.document.open_design(window.document.project.design_names()[0])
    window.show()
    qtbot.waitUntil(lambda: ui.panel.evaluation is not None)
    assert set(window.tabifiedDockWidgets(ui.evaluation_dock)) == {
        ui.charts_dock,
        window.dynamics_ui.dock,
    }
    qtbot.wait(0)
    assert ui.charts.inflows is None and ui.charts.tabs.count() == 0
    ui.charts_dock.raise_()
    qtbot.waitUntil(lambda: ui.charts.inflows is not None)
    ev = ui.panel.evaluation
    assert ui.charts.degrees.bars == dict(ev.degree_distribution)
    assert [ui.charts.tabs.tabText(i) for i in range(ui.charts.tabs.count())] == [
        "Inflows",
        "Sector ties",
        "Partners",
    ]


@pytest.mark.parametrize(
    ("dock_name", "default_width"), [("evaluation_dock", 380), ("properties_dock", 340)]
)
def test_a_dock_shows_whole_lines_at_its_default_width_and_narrowed_as_far_as_it_goes(
    window: Any, qtbot: Any, dock_name: str, default_width: int
) -> None:
    """At the dock's default width the panel fits (an actor's longest choice made it 421
    pixels wide, cutting every field at the dock's edge); narrower than the panel can be, it
    scrolls sideways rather than cutting every line with no way to read the rest."""
    if window.document.design is None:
        window.document.open_design(window.document.project.design_names()[0])
    window.scene.select_ids([next(iter(window.document.design.actors))])
    window.resize(1200, 800)
    dock = window.findChild(QDockWidget, dock_name)
    scrolls = [s for s in dock.findChildren(QScrollArea) if s.widget()]
    assert scrolls

    def narrowed_to(width: int) -> None:
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        for _ in range(5):
            QApplication.processEvents()
        for scroll in scrolls:
            if scroll.isVisible():
                fits = scroll.widget().width() <= scroll.viewport().width()
                assert fits or scroll.horizontalScrollBar().isVisible(), scroll.widget()
                assert fits or width < default_width, scroll.widget()

    narrowed_to(default_width)
    assert dock.width() == default_width
    narrowed_to(40)
    if dock_name == "evaluation_dock":  # what-if columns make the panel wider
        panel = window.evaluation_ui.panel
        panel.hide_temporarily([next(iter(window.document.design.actors))])
        qtbot.waitUntil(panel.metrics.rows["actors.total"].whatif.isVisible)
        narrowed_to(40)
