"""Wiring the Dynamics dock into the main window, through its public attributes only.

`install_dynamics(window)` adds the dock (tabbed with the Evaluation and Charts docks), its
View menu toggle, and what the Suggest tab's buttons do to the document: adding ties as one
undo step, or a new design of the project with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox

from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.model import ClusterError, make_tie

from ..commands import AddItemsCommand
from ..dialogs import ask_design_name, unique_name
from .panel import DynamicsPanel


@dataclass
class DynamicsUi:
    panel: DynamicsPanel
    dock: QDockWidget


def install_dynamics(window: Any) -> DynamicsUi:
    """Add the Dynamics dock to a MainWindow (document, scene, evaluation_ui), once."""
    existing = getattr(window, "dynamics_ui", None)
    if isinstance(existing, DynamicsUi):
        return existing
    evaluation_ui = getattr(window, "evaluation_ui", None)
    overlay = evaluation_ui.panel.overlay if evaluation_ui is not None else None
    panel = DynamicsPanel(window.document, window.scene, overlay, window)
    dock = QDockWidget(pgettext("dynamics", "Dynamics"), window)
    dock.setObjectName("dynamics_dock")
    dock.setWidget(panel)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    toggle = dock.toggleViewAction()
    toggle.setObjectName("view_dynamics_dock")
    toggle.setText(pgettext("dynamics", "Dynamics Panel"))
    toggle.setStatusTip(
        _("Show or hide the panel of roles, chain reaction, resilience and suggestions")
    )
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    if evaluation_ui is not None:
        window.tabifyDockWidget(evaluation_ui.charts_dock, dock)
        evaluation_ui.evaluation_dock.raise_()
    dock.visibilityChanged.connect(panel.set_on_screen)
    panel.set_on_screen(False)  # behind the Evaluation tab until brought to the front
    panel.actorActivated.connect(window.show_actor)
    panel.suggest.applyRequested.connect(lambda ties: add_suggested_ties(window, ties))
    panel.suggest.scenarioRequested.connect(lambda ties: make_scenario(window, ties))
    view_menu = window.menuBar().findChild(QMenu, "menu_view")
    if view_menu is not None:
        view_menu.addAction(toggle)
    ui = DynamicsUi(panel, dock)
    window.dynamics_ui = ui
    return ui


def _ties(rows: Sequence[tuple[str, str, str]]) -> list[Any]:
    return [make_tie(source=s, target=t, kind=k) for s, t, k in rows]


def add_suggested_ties(window: Any, rows: Sequence[tuple[str, str, str]]) -> bool:
    """Add the ties to the open design as one undo step."""
    design = window.document.design
    if design is None or not rows:
        return False
    text = ngettext("Add {count} suggested tie", "Add {count} suggested ties", len(rows)).format(
        count=len(rows)
    )
    return bool(window.document.push(AddItemsCommand(design, [], _ties(rows), text=text)))


def make_scenario(window: Any, rows: Sequence[tuple[str, str, str]]) -> str | None:
    """A new design of the project: a copy of the open one (as shown) with the ties added."""
    document = window.document
    project, design = document.project, document.design
    if project is None or design is None or not rows:
        return None
    names = project.design_names()
    name = ask_design_name(
        window,
        pgettext("dynamics", "Make a Scenario"),
        _("Name of the new design, a copy of “{name}” with the suggested ties:").format(
            name=design.name
        ),
        unique_name(_("{name} with new ties").format(name=design.name), names),
        names,
    )
    if name is None:
        return None
    try:
        copy = design.copy(name)
        copy.add_ties(_ties(rows))
        project.import_design(copy)
    except ClusterError as exc:
        QMessageBox.warning(window, _("Cannot make the scenario"), str(exc))
        return None
    window.ops.refresh_designs()
    window.ops.switch_design(name)
    return name
