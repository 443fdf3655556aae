"""The designs panel lists designs with their region and size and asks for operations by name."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtCore import Qt

from cluster_designer.gui.panels import DesignRow, DesignsPanel

DETAIL = Qt.ItemDataRole.UserRole + 1


@pytest.fixture
def panel(qtbot: Any) -> DesignsPanel:
    widget = DesignsPanel()
    qtbot.addWidget(widget)
    widget.set_rows(
        [
            DesignRow("現状 2024", "浜松", 40, 79, current=True, modified=True),
            DesignRow("Plan 2030", "", 1, 0),
        ]
    )
    widget.show()
    return widget


def test_rows_show_name_region_and_counts(panel: DesignsPanel) -> None:
    assert panel.names() == ["現状 2024", "Plan 2030"]
    first, second = panel.list.item(0), panel.list.item(1)
    assert first.text() == "現状 2024 *"  # unsaved changes
    assert first.data(DETAIL) == "浜松 · 40 actors · 79 ties"
    assert second.data(DETAIL) == "no region set · 1 actor · 0 ties"
    assert panel.highlighted_name() == "現状 2024"


def test_enter_and_double_click_ask_to_open(panel: DesignsPanel, qtbot: Any) -> None:
    panel.list.setCurrentRow(1)
    with qtbot.waitSignal(panel.openRequested) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == ["Plan 2030"]
    with qtbot.waitSignal(panel.openRequested) as blocker:
        panel.list.itemDoubleClicked.emit(panel.list.item(0))
    assert blocker.args == ["現状 2024"]


def test_buttons_name_the_highlighted_design(panel: DesignsPanel, qtbot: Any) -> None:
    panel.list.setCurrentRow(1)
    for key, signal in (
        ("rename", panel.renameRequested),
        ("duplicate", panel.duplicateRequested),
        ("delete", panel.deleteRequested),
    ):
        with qtbot.waitSignal(signal) as blocker:
            panel.buttons[key].click()
        assert blocker.args == ["Plan 2030"]
    with qtbot.waitSignal(panel.newRequested):
        panel.buttons["new"].click()


def test_highlight_survives_a_refresh_and_follows_a_newly_opened_design(
    panel: DesignsPanel,
) -> None:
    panel.list.setCurrentRow(1)
    panel.set_rows(
        [DesignRow("現状 2024", "浜松", 41, 79, current=True), DesignRow("Plan 2030", "", 1, 0)]
    )
    assert panel.highlighted_name() == "Plan 2030"
    panel.list.setCurrentRow(0)
    panel.set_rows(
        [DesignRow("現状 2024", "浜松", 41, 79), DesignRow("Plan 2030", "", 1, 0, current=True)]
    )
    assert panel.highlighted_name() == "Plan 2030"


def test_without_a_project_the_panel_is_disabled(panel: DesignsPanel) -> None:
    panel.set_rows([], enabled=False)
    assert not panel.isEnabled() and panel.names() == []


def test_a_design_with_a_year_shows_it_beside_its_name(qtbot: Any) -> None:
    widget = DesignsPanel()
    qtbot.addWidget(widget)
    widget.set_rows(
        [DesignRow("計画 2030", "浜松", 3, 2, year=2030), DesignRow("現状", "浜松", 3, 2)]
    )
    assert widget.list.item(0).text() == "計画 2030 · 2030"
    assert widget.list.item(1).text() == "現状"
    assert widget.names() == ["計画 2030", "現状"]  # requests still name the stored design
