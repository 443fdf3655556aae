"""Wiring groups into the main window through its public attributes only.

`install_groups(window)` adds the Groups dock (under Properties), puts New Group from
Selection in the Edit menu and the main toolbar, and keeps it enabled only with two or more
actors selected.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from cluster_designer.i18n import _

from .panel import GroupsPanel


@dataclass
class GroupsUi:
    panel: GroupsPanel
    dock: QDockWidget


def install_groups(window: QMainWindow) -> GroupsUi:
    existing = getattr(window, "groups_ui", None)
    if isinstance(existing, GroupsUi):
        return existing
    document, scene, acts = window.document, window.scene, window.acts  # type: ignore[attr-defined]
    panel = GroupsPanel(document, scene, window)
    dock = QDockWidget(_("Groups"), window)
    dock.setObjectName("groups_dock")
    dock.setWidget(panel)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    toggle = dock.toggleViewAction()
    toggle.setObjectName("view_groups_dock")
    toggle.setText(_("{title} Panel").format(title=_("Groups")))
    toggle.setStatusTip(_("Show or hide the {title} panel").format(title=_("Groups").lower()))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    properties = getattr(window, "properties_dock", None)
    if isinstance(properties, QDockWidget):  # under Properties, in the same column
        window.splitDockWidget(properties, dock, Qt.Orientation.Vertical)
    ui = GroupsUi(panel, dock)
    window.groups_ui = ui  # type: ignore[attr-defined]

    action = acts["group_new"]
    action.triggered.connect(lambda _c=False: panel.new())

    def enable() -> None:
        action.setEnabled(document.design is not None and len(scene.selected_actor_ids()) >= 2)

    document.designChanged.connect(lambda _d: enable())
    scene.selectionChangedIds.connect(enable)
    enable()

    bar = window.menuBar()
    edit_menu = bar.findChild(QMenu, "menu_edit")
    if edit_menu is not None:
        pin = acts["edit_toggle_pin"]
        edit_menu.insertAction(pin, action)
    view_menu = bar.findChild(QMenu, "menu_view")
    if view_menu is not None:
        view_menu.addAction(toggle)
    toolbar = window.findChild(QToolBar, "main_toolbar")
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(action)
    return ui
