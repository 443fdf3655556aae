"""The drawing tools toolbar: select, add an actor of a sector, draw a tie of a chosen kind.

Its checked entry follows the scene's tool whoever changed it (a key, a finished gesture, the
toolbar itself), so the toolbar never shows a tool the map is not using.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from cluster_designer.i18n import _
from cluster_designer.model import Sector, TieKind

from .canvas import Tool

if TYPE_CHECKING:
    from .main_window import MainWindow


class DrawingPalette:
    """The palette toolbar of one window and its tie-kind button."""

    def __init__(self, window: MainWindow) -> None:
        self.acts = window.acts
        self.scene = window.scene
        a = self.acts
        toolbar = self.toolbar = QToolBar(_("Drawing tools"), window)
        toolbar.setObjectName("palette_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(a["tool_select"])
        for action in a.add_actor_actions.values():
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(a["tool_draw_tie"])
        self.kind_button = QToolButton(window)
        self.kind_button.setObjectName("tie_kind_button")
        self.kind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.kind_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        kind_menu = QMenu(self.kind_button)
        kind_menu.setObjectName("tie_kind_menu")
        for action in a.tie_kind_actions.values():
            kind_menu.addAction(action)
        self.kind_button.setMenu(kind_menu)
        toolbar.addWidget(self.kind_button)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self._show_tie_kind(TieKind.COLLABORATION)
        scene = self.scene
        a["tool_select"].triggered.connect(lambda _c=False: scene.set_tool(Tool.SELECT))
        a["tool_draw_tie"].triggered.connect(lambda _c=False: scene.set_tool(Tool.DRAW_TIE))
        for sector, action in a.add_actor_actions.items():
            action.triggered.connect(
                lambda _c=False, s=sector: scene.set_tool(Tool.ADD_ACTOR, sector=s)
            )
        for kind, action in a.tie_kind_actions.items():
            action.triggered.connect(lambda _c=False, k=kind: self._choose_tie_kind(k))
        scene.toolChanged.connect(self._on_tool_changed)

    def _choose_tie_kind(self, kind: TieKind) -> None:
        self.scene.tie_kind = kind
        self._show_tie_kind(kind)
        self.scene.set_tool(Tool.DRAW_TIE)

    def _show_tie_kind(self, kind: TieKind) -> None:
        action = self.acts.tie_kind_actions[kind]
        action.setChecked(True)
        self.kind_button.setIcon(action.icon())
        self.kind_button.setText(kind.label)
        self.kind_button.setToolTip(
            _("Kind of tie to draw: {kind} (weight in {unit}). Click to choose another.").format(
                kind=kind.label, unit=kind.unit
            )
        )

    def _on_tool_changed(self, tool: object) -> None:
        a = self.acts
        if tool is Tool.SELECT:
            a["tool_select"].setChecked(True)
        elif tool is Tool.DRAW_TIE:
            a["tool_draw_tie"].setChecked(True)
            self._show_tie_kind(self.scene.tie_kind)
        elif tool is Tool.ADD_ACTOR:
            sector = getattr(self.scene, "last_sector", None)
            if isinstance(sector, Sector):
                a.add_actor_actions[sector].setChecked(True)
