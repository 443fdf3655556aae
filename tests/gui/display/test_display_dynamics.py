"""The Dynamics dock on a real X server: the canvas shows what the numbers say after each
step a planner takes (roles coloured, the chain reaction round by round, suggested ties
added and undone)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.spread import spread
from cluster_designer.gui.dynamics.looks import ROLE_COLORS
from cluster_designer.gui.dynamics.panel import OVERLAY_LAYER

TOWN = "Company town (2024)"
CTRL = Qt.KeyboardModifier.ControlModifier


def ready(panel: Any, view: Any) -> Any:
    return lambda: view.result is not None and not view.stale and not panel.runner.running


def test_the_dynamics_on_the_canvas(shown: Any, qtbot: Any) -> None:
    check = shown.screen_check.check
    shown.ops.switch_design(TOWN)
    ui = shown.dynamics_ui
    panel = ui.panel
    ui.dock.raise_()
    roles = panel.roles
    roles.groups_combo.setCurrentIndex(roles.groups_combo.findData("location"))
    qtbot.waitUntil(ready(panel, roles), timeout=20_000)
    qtbot.waitUntil(lambda: roles.result.groups == "location", timeout=20_000)
    design = shown.document.design
    expected = brokerage(design, "location")
    layer = shown.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
    for actor, counts in expected.actors.items():
        if counts.dominant is not None:
            assert QColor(layer.colors[actor]) == QColor(ROLE_COLORS[counts.dominant]), actor
    assert set(expected.region_gatekeepers()) <= set(layer.highlight_actors)
    check("with the canvas coloured by main role")

    chain = panel.spread
    panel.show_view(chain)
    chain.threshold_slider.setValue(25)
    qtbot.waitUntil(
        lambda: ready(panel, chain)() and chain.result.threshold == 0.25, timeout=20_000
    )
    result = chain.result
    assert result == spread(design, None, 0.25)
    for number in range(len(result.rounds) + 1):
        chain.round_slider.setValue(number)
        layer = shown.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
        reached = {a for a, r in result.round_of.items() if r <= number}
        assert set(layer.colors) == reached
        assert set(layer.dimmed_actors) == set(design.actors) - reached
        check(f"with the chain reaction at round {number}")

    suggest = panel.suggest
    panel.show_view(suggest)
    check("with the Suggest tab in front (no overlay)")
    suggest.count_spin.setValue(3)
    suggest.run_button.click()
    qtbot.waitUntil(ready(panel, suggest), timeout=60_000)
    ties = list(suggest.result.ties)
    before = len(design.ties)
    suggest.apply_button.click()
    assert len(design.ties) == before + len(ties)
    assert panel.proposal_item.pairs == []
    check("after adding the suggested ties")
    QTest.keyClick(shown.view, Qt.Key.Key_Z, CTRL)
    assert len(design.ties) == before
    check("after undoing them in one step")
