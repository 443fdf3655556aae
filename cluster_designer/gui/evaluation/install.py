"""Wiring the evaluation features into the main window, through its public attributes only.

`install_evaluation(window)` adds the Evaluation and Charts docks, their View menu toggles
and, in the Design menu, Compare Designs…, Hide Selected Temporarily and Reset What-if.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from cluster_designer.i18n import _

from .charts import ChartsPanel
from .compare import CompareDialog
from .panel import EvaluationPanel


@dataclass
class EvaluationUi:
    panel: EvaluationPanel
    charts: ChartsPanel
    evaluation_dock: QDockWidget
    charts_dock: QDockWidget
    actions: dict[str, QAction]
    dialogs: list[CompareDialog] = field(default_factory=list)


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    toggle = dock.toggleViewAction()
    toggle.setObjectName(f"view_{name}")
    toggle.setText(_("{title} Panel").format(title=title))
    toggle.setStatusTip(_("Show or hide the {title} panel").format(title=title.lower()))
    return dock


def _action(
    window: QMainWindow, name: str, text: str, tip: str, shortcut: str | None = None
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    return action


COMPARE_WARM_UP_MS = 1500


def install_evaluation(window: QMainWindow) -> EvaluationUi:
    """Add the evaluation docks and actions to a MainWindow (document, scene, view, menus), once."""
    existing = getattr(window, "evaluation_ui", None)
    if isinstance(existing, EvaluationUi):
        return existing
    document, scene, view = window.document, window.scene, window.view  # type: ignore[attr-defined]
    panel = EvaluationPanel(document, scene, view, window)
    charts = ChartsPanel(window)
    panel.updated.connect(charts.show_evaluation)
    if panel.evaluation is not None:
        charts.show_evaluation(panel.evaluation)
    evaluation_dock = _dock(window, _("Evaluation"), "evaluation_dock", panel)
    charts_dock = _dock(window, _("Charts"), "charts_dock", charts)
    charts_dock.visibilityChanged.connect(charts.dock_visibility_changed)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, evaluation_dock)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, charts_dock)
    window.tabifyDockWidget(evaluation_dock, charts_dock)
    evaluation_dock.raise_()
    window.resizeDocks([evaluation_dock], [380], Qt.Orientation.Horizontal)

    actions = {
        "design_compare": _action(
            window,
            "design_compare",
            _("&Compare Designs…"),
            _("Compare the metrics and contents of designs of this project"),
            "Ctrl+Shift+M",
        ),
        "whatif_hide": _action(
            window,
            "whatif_hide",
            _("&Hide Selected Temporarily"),
            _("What-if: recompute the numbers without the selected actors and ties"),
        ),
        "whatif_reset": _action(
            window,
            "whatif_reset",
            _("&Reset What-if"),
            _("Show the numbers of the whole design again"),
        ),
    }
    ui = EvaluationUi(panel, charts, evaluation_dock, charts_dock, actions)
    window.evaluation_ui = ui  # type: ignore[attr-defined]

    def open_compare() -> None:
        if document.project is None and document.design is None:
            return
        fresh = panel.fresh_result()
        dialog = CompareDialog(
            document.project,
            document.design,
            window,
            overlay=panel.overlay,
            current_evaluation=None if fresh is None else fresh.evaluation,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ui.dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: ui.dialogs.remove(d) if d in ui.dialogs else None
        )
        dialog.show()

    actions["design_compare"].triggered.connect(lambda _c=False: open_compare())

    def warm_up() -> None:
        """Build and drop one Compare dialog while the window is idle: the first dialog of a
        session pays one-time costs (PySide6 makes Qt's enum types on first use, the metric
        tables and texts are looked up; 20–30 ms of the window's thread, measured), which
        would otherwise land in the same block as opening Compare on a big design."""
        CompareDialog(None, None, window).deleteLater()

    QTimer.singleShot(COMPARE_WARM_UP_MS, window, warm_up)
    actions["whatif_hide"].triggered.connect(lambda _c=False: panel.hide_selected())
    actions["whatif_reset"].triggered.connect(lambda _c=False: panel.reset_whatif())

    def enable() -> None:
        has_design = document.design is not None
        actions["design_compare"].setEnabled(has_design and document.project is not None)
        actions["whatif_hide"].setEnabled(panel.hide_button.isEnabled())  # a design and a selection
        actions["whatif_reset"].setEnabled(has_design)

    document.designChanged.connect(lambda _d: enable())
    document.projectChanged.connect(enable)
    scene.selectionChangedIds.connect(enable)
    enable()

    bar = window.menuBar()
    design_menu = bar.findChild(QMenu, "menu_design")
    if design_menu is not None:
        design_menu.addSeparator()
        design_menu.addActions(list(actions.values()))
    view_menu = bar.findChild(QMenu, "menu_view")
    if view_menu is not None:
        view_menu.addSeparator()
        view_menu.addActions([evaluation_dock.toggleViewAction(), charts_dock.toggleViewAction()])
    return ui
