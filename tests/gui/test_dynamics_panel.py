"""The Dynamics dock as a planner uses it: roles, the chain reaction, resilience, suggestions."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.gui.dynamics import install as dynamics_install
from cluster_designer.gui.dynamics import install_dynamics
from cluster_designer.gui.dynamics.looks import ROLE_COLORS
from cluster_designer.gui.dynamics.panel import OVERLAY_LAYER
from cluster_designer.model import make_actor, make_tie
from cluster_designer.storage import Project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.cluster"
TOWN = "Company town (2024)"


@pytest.fixture
def town(make_window: Any, tmp_path: Path, qtbot: Any) -> Any:
    """The main window on a copy of the bundled sample, today's map open, Dynamics in front."""
    path = tmp_path / "sample.cluster"
    shutil.copyfile(SAMPLE, path)
    window = make_window()
    assert window.open_project(str(path))
    window.show()
    window.ops.switch_design(TOWN)
    ui = window.dynamics_ui
    ui.dock.raise_()
    qtbot.waitUntil(ui.panel.on_screen)
    return window


def wait_for(qtbot: Any, panel: Any, view: Any) -> None:
    qtbot.waitUntil(lambda: view.result is not None and not panel.runner.running, timeout=20000)


def test_the_dock_is_installed_once_tabbed_with_the_evaluation(window: Any) -> None:
    ui = window.dynamics_ui
    assert install_dynamics(window) is ui
    assert len(window.findChildren(QDockWidget, "dynamics_dock")) == 1
    tabbed = window.tabifiedDockWidgets(window.evaluation_ui.evaluation_dock)
    assert ui.dock in tabbed
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    assert ui.dock.toggleViewAction() in view_menu.actions()
    assert [ui.panel.tabs.tabText(i) for i in range(4)] == [
        "Roles",
        "Chain Reaction",
        "Resilience",
        "Suggest",
    ]


def test_scrolling_a_tab_past_its_choice_boxes_changes_none(window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from cluster_designer.gui.combo import PanelComboBox
    from tests.gui.window_fixtures import wheel_down_at

    boxes = window.dynamics_ui.panel.findChildren(PanelComboBox)
    assert len(boxes) == 5  # groups and role, attack order, goal and kind
    for box in boxes:
        box.clearFocus()
        index = box.currentIndex()
        event = wheel_down_at(box)
        QApplication.sendEvent(box, event)
        assert box.currentIndex() == index and not event.isAccepted(), box.objectName()


def test_nothing_is_computed_while_the_dock_is_behind_its_tab(window: Any, qtbot: Any) -> None:
    ui = window.dynamics_ui
    window.evaluation_ui.evaluation_dock.raise_()
    qtbot.wait(600)
    assert ui.panel.roles.result is None
    ui.dock.raise_()
    wait_for(qtbot, ui.panel, ui.panel.roles)


def test_roles_table_sorts_and_filters_by_role(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    roles = panel.roles
    wait_for(qtbot, panel, roles)
    expected = brokerage(town.document.design, "sector")
    assert roles.result.to_dict() == expected.to_dict()
    table = roles.table
    model = table.model()
    assert model.rowCount() == len(expected.ranked())  # actors with any brokerage
    first = model.index(0, 0).data(Qt.ItemDataRole.UserRole)
    assert first == expected.ranked()[0]  # most brokerages first
    roles.role_combo.setCurrentIndex(roles.role_combo.findData("gatekeeper"))
    shown = {model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())}
    assert shown == set(expected.ranked("gatekeeper"))
    # sort by actor name, ascending
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.lower)


def test_location_groups_name_the_gatekeepers(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    roles = panel.roles
    wait_for(qtbot, panel, roles)
    roles.groups_combo.setCurrentIndex(roles.groups_combo.findData("location"))
    qtbot.waitUntil(lambda: roles.result.groups == "location" and not panel.runner.running)
    assert roles.summary.text() == (
        "2 region actors pass outside flows on; Asakawa Motor Industries handles 96% of it."
    )


def test_the_canvas_shows_each_actors_main_role(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    wait_for(qtbot, panel, panel.roles)
    result = panel.roles.result
    layer = town.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
    assert layer is not None
    for actor_id, counts in result.actors.items():
        item = town.scene.actor_item(actor_id)
        if counts.dominant is None:
            assert item.dimmed, actor_id
        else:
            assert item.fill_override == ROLE_COLORS[counts.dominant], actor_id
        assert item.highlighted == (counts.gatekeeper > 0), actor_id
    panel.roles.canvas_check.setChecked(False)
    assert town.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER) is None
    assert town.scene.actor_item("C01").fill_override is None


def test_the_chain_reaction_plays_round_by_round(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    view = panel.spread
    panel.show_view(view)
    wait_for(qtbot, panel, view)
    assert view.result == spread(town.document.design)
    # seeds chosen by selecting actors
    town.scene.select_ids(["C01"])
    view.use_selection.click()
    qtbot.waitUntil(lambda: view.result.seeds == ("C01",) and not panel.runner.running)
    expected = spread(town.document.design, ["C01"], 0.5)
    assert view.result == expected
    assert view.seeds_label.text() == "1 seed: Asakawa Motor Industries."
    # the threshold slider
    view.threshold_slider.setValue(20)
    qtbot.waitUntil(lambda: view.result.threshold == 0.2 and not panel.runner.running)
    result = view.result
    assert result == spread(town.document.design, ["C01"], 0.2)
    rounds = len(result.rounds)
    assert rounds >= 2
    assert view.round_slider.maximum() == rounds
    # round 0: only the seed coloured, everyone else faded
    view.round_slider.setValue(0)
    layer = town.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
    assert set(layer.colors) == {"C01"}
    assert len(layer.dimmed_actors) == len(town.document.design) - 1
    assert view.chart.values == result.reach_per_round
    # play: the slider walks to the last round by itself
    view.play_timer.setInterval(20)
    view.play_button.setChecked(True)
    qtbot.waitUntil(lambda: view.round_slider.value() == rounds, timeout=5000)
    qtbot.waitUntil(lambda: not view.play_button.isChecked(), timeout=5000)
    layer = town.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
    assert set(layer.colors) == set(result.round_of)
    view.use_universities.click()
    qtbot.waitUntil(lambda: view.result.seeds == ("U01", "U02", "U03"))


def test_resilience_curve_and_the_attacked_order(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    view = panel.resilience
    panel.show_view(view)
    wait_for(qtbot, panel, view)
    expected = resilience(town.document.design)
    assert view.result == expected
    assert view.chart.values == {TOWN: list(expected.largest_share)}
    assert view.order_list.item(0).text() == "1. Asakawa Motor Industries — 46% still connected"
    assert view.figure.text().startswith("Losing Asakawa Motor Industries alone")
    layer = town.evaluation_ui.panel.overlay.layer(OVERLAY_LAYER)
    assert layer.highlight_actors == {"C01"}
    view.attack_combo.setCurrentIndex(view.attack_combo.findData("random"))
    qtbot.waitUntil(lambda: view.result.attack == "random" and not panel.runner.running)
    assert view.order_list.isHidden()


def test_suggestions_apply_as_one_undo_step(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    view = panel.suggest
    panel.show_view(view)
    qtbot.wait(500)
    assert view.result is None  # a search runs only when asked
    view.count_spin.setValue(3)
    view.run_button.click()
    wait_for(qtbot, panel, view)
    result = view.result
    assert len(result.ties) == 3
    assert view.list.count() == 3
    assert "survives" in view.list.item(0).text()
    assert panel.proposal_item.pairs == [(t.source, t.target) for t in result.ties]
    assert len(panel.proposal_item.lines) == 3
    view.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert len(panel.proposal_item.pairs) == 2
    design = town.document.design
    before = len(design.ties)
    view.apply_button.click()
    assert len(design.ties) == before + 2
    for tie in result.ties[:2]:
        assert design.find_tie(tie.source, tie.target, "collaboration") is not None
    assert town.document.undo_stack.undoText() == "Add 2 suggested ties"
    # the suggestions were for the design before: they are gone, with a note
    assert view.list.count() == 0
    assert "changed" in view.note.text()
    assert panel.proposal_item.pairs == []
    town.document.undo_stack.undo()
    assert len(design.ties) == before


def test_make_a_scenario_adds_a_design_with_the_ties(
    town: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dynamics_install, "ask_design_name", lambda *a: "Town with new ties")
    panel = town.dynamics_ui.panel
    view = panel.suggest
    panel.show_view(view)
    view.count_spin.setValue(2)
    view.run_button.click()
    wait_for(qtbot, panel, view)
    ties = [(t.source, t.target) for t in view.result.ties]
    view.scenario_button.click()
    project = town.document.project
    assert "Town with new ties" in project.design_names()
    assert town.document.design.name == "Town with new ties"
    for source, target in ties:
        assert town.document.design.find_tie(source, target, "collaboration") is not None
    today = project.load_design(TOWN)
    assert all(today.find_tie(s, t, "collaboration") is None for s, t in ties)


def test_a_search_can_be_cancelled(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    view = panel.suggest
    panel.show_view(view)
    view.count_spin.setValue(20)
    view.run_button.click()
    assert view.cancel_button.isVisible()
    view.cancel_button.click()
    assert not panel.runner.busy("suggest")
    assert view.run_button.isEnabled()
    qtbot.wait(1500)
    assert view.result is None  # whatever the cancelled run produced is never shown


def test_results_for_an_earlier_state_are_never_shown(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    roles = panel.roles
    wait_for(qtbot, panel, roles)
    design = town.document.design
    # edit twice in a row; the first request's result must not be the one shown
    design.add_actor(make_actor(id="NEW1", name="New lab", sector="support"))
    panel.refresh()
    design.add_tie(make_tie(source="NEW1", target="C01", kind="collaboration"))
    design.add_tie(make_tie(source="NEW1", target="U01", kind="collaboration"))
    assert roles.stale and not roles.table.isEnabled()  # the old result is greyed
    qtbot.waitUntil(lambda: not roles.stale and not panel.runner.running, timeout=20000)
    assert roles.result.to_dict() == brokerage(design, "sector").to_dict()
    assert "NEW1" in roles.result.actors
    assert roles.table.isEnabled()


def test_a_different_design_clears_everything(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    wait_for(qtbot, panel, panel.roles)
    town.ops.switch_design("Knowledge cluster plan (2030)")
    qtbot.waitUntil(
        lambda: (
            panel.roles.result is not None
            and panel.roles.result.design == "Knowledge cluster plan (2030)"
        )
    )
    with Project.open(town.document.project_path) as project:
        plan = project.load_design("Knowledge cluster plan (2030)")
    assert panel.roles.result.to_dict() == brokerage(plan, "sector").to_dict()


def test_compare_puts_the_resilience_curves_of_the_designs_on_one_chart(
    town: Any, qtbot: Any
) -> None:
    from cluster_designer.gui.evaluation import CompareDialog

    dialog = CompareDialog(town.document.project, town.document.design, town)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    dialog.tabs.setCurrentWidget(dialog.resilience_page)
    page = dialog.resilience_page
    qtbot.waitUntil(lambda: page.chart is not None and len(page.chart.values) == 2)
    chosen = dialog.chosen()
    for name in chosen:
        assert page.chart.values[name] == list(resilience(dialog.design(name)).largest_share)
    assert "Company town (2024): robustness 0.045" in page.summary.text()
    dialog.reject()


def test_the_metrics_page_can_carry_the_dynamics(qtbot: Any) -> None:
    from cluster_designer.analysis import diagnose, evaluate
    from cluster_designer.analysis.suggest import suggest
    from cluster_designer.gui.printing.metrics_page import metrics_html

    with Project.open(SAMPLE) as project:
        design = project.load_design(TOWN)
    ev = evaluate(design)
    plain = metrics_html(design, 2, (ev, diagnose(ev)))
    assert "dynamics" not in plain
    ideas = suggest(design, "robustness", 2)
    page = metrics_html(design, 2, (ev, diagnose(ev)), dynamics=True, suggestions=ideas)
    assert "The region&#x27;s dynamics" in page
    assert "page-break-before" in page
    assert "data:image/png;base64," in page  # the resilience curve
    assert ">593<" in page.replace(",", "")  # coordinator brokerages by region/outside
    assert "round 0: 3 · round 1: 4" in page
    for tie in ideas.ties:
        assert escape(tie.source_name) in page and escape(tie.target_name) in page
    # suggestions for another design are left out
    other = metrics_html(design, 2, (ev, diagnose(ev)), dynamics=True, suggestions=None)
    assert "Suggested new ties" not in other


def test_the_print_dialog_offers_the_dynamics_with_the_metrics_page(qtbot: Any) -> None:
    from cluster_designer.gui.printing.dialogs import PrintOptionsDialog
    from cluster_designer.gui.printing.options import PageOptions

    dialog = PrintOptionsDialog(PageOptions())
    qtbot.addWidget(dialog)
    assert not dialog.dynamics.isEnabled()
    dialog.metrics.setChecked(True)
    dialog.dynamics.setChecked(True)
    assert dialog.options().include_dynamics
    dialog.metrics.setChecked(False)
    assert not dialog.options().include_dynamics


def test_suggest_keeps_to_the_planners_constraints(town: Any, qtbot: Any) -> None:
    """Only ties touching the selected actors, none with the left-out ones, of the chosen
    kind, k from 1 to 20; the list equals the command line's search."""
    from cluster_designer.analysis.suggest import suggest

    panel = town.dynamics_ui.panel
    view = panel.suggest
    panel.show_view(view)
    assert (view.count_spin.minimum(), view.count_spin.maximum()) == (1, 20)
    town.scene.select_ids(["U01", "S02"])
    view.touching.take.click()
    assert sorted(view.touching.ids) == ["S02", "U01"]
    town.scene.select_ids(["C21"])
    view.excluding.take.click()
    assert view.excluding.ids == ["C21"]
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("funding"))
    view.count_spin.setValue(4)
    view.run_button.click()
    wait_for(qtbot, panel, view)
    result = view.result
    expected = suggest(
        town.document.design,
        "robustness",
        4,
        kind="funding",
        touching=view.touching.ids,
        exclude=["C21"],
    )
    assert result.to_dict() == expected.to_dict()
    assert result.ties
    for tie in result.ties:
        assert {tie.source, tie.target} & {"U01", "S02"}
        assert "C21" not in (tie.source, tie.target)
        assert tie.kind == "funding"
    design = town.document.design
    before = len(design.ties)
    view.apply_button.click()
    assert len(design.ties) == before + len(result.ties)
    for tie in result.ties:
        assert design.find_tie(tie.source, tie.target, "funding") is not None
    town.document.undo_stack.undo()
    assert len(design.ties) == before


def test_a_search_shows_its_progress(town: Any, qtbot: Any) -> None:
    panel = town.dynamics_ui.panel
    view = panel.suggest
    panel.show_view(view)
    seen: list[int] = []
    panel.runner.progressed.connect(lambda _kind, fraction: seen.append(round(fraction * 100)))
    view.count_spin.setValue(3)
    view.run_button.click()
    assert view.busy_bar.isVisible() and view.cancel_button.isVisible()
    wait_for(qtbot, panel, view)
    assert seen and max(seen) == 100
    assert seen == sorted(seen)  # never goes back
    assert not view.busy_bar.isVisible() and not view.cancel_button.isVisible()


NARROW_DOCK = 300  # what each tab must fit without scrolling sideways (a 1280-wide window
# gives the dock about 380 pixels, less its margins and a vertical scroll bar)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_tab_fits_a_narrow_dock(make_window: Any, qtbot: Any, language: str) -> None:
    """Nothing in a Dynamics tab needs more width than a narrow dock has: no control, list
    or sentence is cut off at the right edge, and no tab scrolls sideways."""
    from cluster_designer.gui.language import apply_language

    apply_language(language)
    try:
        window = make_window()
        panel = window.dynamics_ui.panel
        # long names in the choices, as a planner's selection gives them
        panel.suggest.touching.label.setText("Minami-Tōkai University, Asakawa Motor Industries")
        wide = {
            view.kind: view.minimumSizeHint().width()
            for view in panel.views.values()
            if view.minimumSizeHint().width() > NARROW_DOCK
        }
        assert not wide, wide
    finally:
        apply_language("en")


def test_the_printed_dynamics_say_what_the_panels_say(qtbot: Any) -> None:
    """The page states the chain reaction's share of the region and how the region holds,
    in the sentences of the Dynamics tabs, and heads the roles column 'Role'."""
    from cluster_designer.analysis import evaluate
    from cluster_designer.analysis.dynamics_words import resilience_sentence, spread_sentence
    from cluster_designer.gui.dynamics.print_page import dynamics_html

    with Project.open(SAMPLE) as project:
        design = project.load_design(TOWN)
    page = dynamics_html(evaluate(design))
    assert escape(spread_sentence(spread(design))) in page
    assert "reaches 8% of the region in 1 round" in page
    assert escape(resilience_sentence(resilience(design))) in page
    assert "<b>Role</b>" in page and "Main role" not in page


def test_the_canvas_legend_says_what_the_dynamics_marks_mean() -> None:
    """Rings, fills and pale actors on the canvas are explained in its legend (and on paper)."""
    from cluster_designer.gui.dynamics.looks import role_overlay, spread_overlay

    with Project.open(SAMPLE) as project:
        design = project.load_design(TOWN)
    roles = role_overlay(brokerage(design, "location"))
    notes = {(n.kind, n.text) for n in roles.notes}
    assert notes == {("ring", "Ring: gatekeeper"), ("dim", "Pale: brokers nothing")}
    reaction = spread(design)
    chain = spread_overlay(reaction, list(design.actors), 0)
    notes = {(n.kind, n.text) for n in chain.notes}
    assert notes == {("ring", "Ring: seed"), ("dim", "Pale: not reached yet")}
