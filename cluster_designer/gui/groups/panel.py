"""The Groups panel: the design's groups (name, kind, members, since) with their members.

Selecting a group selects its members on the map; the buttons edit through `ops`, one undo
step each. The panel follows the design's change events, so undo and redo show at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _
from cluster_designer.model import Design, DesignEvent, EventKind

from ..canvas import ClusterScene
from ..document import Document
from ..style import sector_icon
from . import ops

GROUP_ROLE = Qt.ItemDataRole.UserRole
ACTOR_ROLE = Qt.ItemDataRole.UserRole + 1


class GroupsPanel(QWidget):
    def __init__(
        self, document: Document, scene: ClusterScene, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groups_panel")
        self.document = document
        self.scene = scene
        self.ask: ops.Ask = ops.ask_group  # tests answer the dialog here
        self._design: Design | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("groups_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_("Name"), _("Kind"), _("Members"), _("Since")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 90)  # a long kind is elided; the name gets the room
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumWidth(120)
        self.tree.itemSelectionChanged.connect(self._on_pick)
        self.tree.itemDoubleClicked.connect(lambda *_a: self.edit())
        self.empty = QLabel(
            _(
                "No groups yet. Select two or more actors and choose "
                "Edit ▸ New Group from Selection."
            ),
            self,
        )
        self.empty.setObjectName("groups_empty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        buttons = QGridLayout()  # short rows: the panel shares a narrow dock with Properties
        buttons.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for n, (key, text, tip) in enumerate(
            (
                ("new", _("New"), _("Make a group of the actors selected on the map")),
                (
                    "edit",
                    _("Edit…"),
                    _("Change the highlighted group's name, kind, year or members"),
                ),
                ("add", _("Add Selected"), _("Add the actors selected on the map to the group")),
                ("remove", _("Remove Member"), _("Take the highlighted member out of its group")),
                ("delete", _("Delete"), _("Delete the highlighted group (its members stay)")),
            )
        ):
            button = QToolButton(self)
            button.setObjectName(f"groups_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        self.buttons["new"].clicked.connect(self.new)
        self.buttons["edit"].clicked.connect(self.edit)
        self.buttons["add"].clicked.connect(self.add_selected)
        self.buttons["remove"].clicked.connect(self.remove_member)
        self.buttons["delete"].clicked.connect(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        document.designChanged.connect(self._attach)
        scene.selectionChangedIds.connect(self._update_buttons)
        self._attach(document.design)

    # --- what is highlighted -----------------------------------------------------------
    def _picked(self) -> QTreeWidgetItem | None:
        items = self.tree.selectedItems()
        return items[0] if items else None

    def current_group(self) -> str | None:
        item = self._picked()
        if item is None:
            return None
        return str(item.data(0, GROUP_ROLE))

    def current_member(self) -> str | None:
        item = self._picked()
        if item is None or item.data(0, ACTOR_ROLE) is None:
            return None
        return str(item.data(0, ACTOR_ROLE))

    def highlight(self, group_id: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, GROUP_ROLE) == group_id:
                self.tree.setCurrentItem(item)
                return

    # --- actions -----------------------------------------------------------------------
    def new(self) -> None:
        group_id = ops.new_group(self.document, self.scene, self.window(), self.ask)
        if group_id is not None:
            self.highlight(group_id)

    def edit(self) -> None:
        group_id = self.current_group()
        if group_id is not None:
            ops.edit_group(self.document, self.scene, group_id, self.window(), self.ask)

    def add_selected(self) -> None:
        group_id = self.current_group()
        if group_id is not None:
            ops.add_selected(self.document, self.scene, group_id)

    def remove_member(self) -> None:
        group_id, actor_id = self.current_group(), self.current_member()
        if group_id is not None and actor_id is not None:
            ops.remove_member(self.document, group_id, actor_id)

    def delete(self) -> None:
        group_id = self.current_group()
        if group_id is not None:
            ops.delete_group(self.document, group_id)

    # --- following the model -----------------------------------------------------------
    def _attach(self, design: Design | None) -> None:
        if self._design is not None:
            self._design.changed.disconnect(self._on_design_event)
        self._design = design
        if design is not None:
            design.changed.connect(self._on_design_event)
        self.rebuild()

    def _on_design_event(self, event: DesignEvent) -> None:
        if event.kind in (EventKind.TIES_ADDED, EventKind.TIES_REMOVED, EventKind.TIES_CHANGED):
            return
        if event.kind is EventKind.ACTORS_CHANGED and not event.fields - {"x", "y", "location"}:
            return  # a drag or a layout: nothing shown here changed
        self.rebuild()

    def rebuild(self) -> None:
        """Groups are few: redraw the list, keeping the highlighted group and member."""
        design = self._design
        keep_group, keep_member = self.current_group(), self.current_member()
        self.tree.blockSignals(True)
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        for group in design.groups.values() if design is not None else ():
            item = QTreeWidgetItem(
                [
                    group.name,
                    group.kind,
                    str(len(group.members)),
                    "" if group.since is None else str(group.since),
                ]
            )
            item.setData(0, GROUP_ROLE, group.id)
            item.setToolTip(0, group.notes or group.name)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for actor_id in group.members:
                actor = design.actors.get(actor_id) if design is not None else None
                child = QTreeWidgetItem([actor.name if actor is not None else actor_id])
                if actor is not None:
                    child.setIcon(0, sector_icon(actor.sector, 16))
                child.setData(0, GROUP_ROLE, group.id)
                child.setData(0, ACTOR_ROLE, actor_id)
                item.addChild(child)
                if group.id == keep_group and actor_id == keep_member:
                    select = child
            self.tree.addTopLevelItem(item)
            if group.id == keep_group and (select is None or keep_member is None):
                select = item if keep_member is None or select is None else select
        if select is not None:
            self.tree.setCurrentItem(select)
        self.tree.blockSignals(False)
        has_groups = self.tree.topLevelItemCount() > 0
        self.tree.setVisible(has_groups)
        self.empty.setVisible(not has_groups)
        self.setEnabled(design is not None)
        self._update_buttons()

    def _on_pick(self) -> None:
        """Selecting a group selects its members on the map; a member row selects that actor."""
        design = self._design
        group_id = self.current_group()
        if design is not None and group_id is not None and group_id in design.groups:
            member = self.current_member()
            self.scene.select_ids([member] if member else design.group(group_id).members)
        self._update_buttons()

    def _update_buttons(self) -> None:
        design = self._design
        group_id = self.current_group()
        selected = self.scene.selected_actor_ids() if design is not None else []
        has = design is not None and group_id is not None and group_id in design.groups
        self.buttons["new"].setEnabled(design is not None and len(selected) >= 2)
        self.buttons["edit"].setEnabled(has)
        self.buttons["delete"].setEnabled(has)
        members = design.group(group_id).members if has and design and group_id else ()
        self.buttons["add"].setEnabled(has and any(a not in members for a in selected))
        self.buttons["remove"].setEnabled(has and self.current_member() is not None)
