"""The Roles tab: every actor's brokerage roles in a sortable, filterable table, and the
canvas coloured by each actor's dominant role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QTableView,
)

from cluster_designer.analysis.brokerage import Brokerage
from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.analysis.dynamics_words import (
    gatekeeper_sentence,
    group_label,
    role_label,
    role_meaning,
)
from cluster_designer.i18n import _, ngettext, pgettext

from ..combo import PanelComboBox
from ..evaluation.overlay import OverlayLayer
from ..wrapped_label import WrappedLabel
from .looks import ROLE_COLORS, ROLE_ORDER, role_overlay, swatch
from .view_base import AnalysisView, muted, narrow_form

if TYPE_CHECKING:
    from .panel import DynamicsPanel

ModelIndex = QModelIndex | QPersistentModelIndex
# Columns: the actor, its main role, then the counts (all roles first, gatekeepers next),
# and its group last: the counts a planner sorts by fit in the dock without scrolling.
COUNT_COLUMNS = ("total", *ROLE_ORDER)
FIRST_COUNT = 2
GROUP_COLUMN = FIRST_COUNT + len(COUNT_COLUMNS)
NAME_WIDTH = 170


class RoleTableModel(QAbstractTableModel):
    """The actors of a brokerage result, read straight from it (fast at 10,000 actors)."""

    def __init__(self) -> None:
        super().__init__()
        self.result: Brokerage | None = None
        self.ids: list[str] = []

    def set_result(self, result: Brokerage | None) -> None:
        self.beginResetModel()
        self.result = result
        self.ids = list(result.actors) if result is not None else []
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else GROUP_COLUMN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return pgettext("dynamics", "Actor")
            if section == 1:
                return pgettext("dynamics", "Main role")
            if section == GROUP_COLUMN:
                return pgettext("dynamics", "Group")
            return role_label(COUNT_COLUMNS[section - FIRST_COUNT])
        if role == Qt.ItemDataRole.ToolTipRole and FIRST_COUNT <= section < GROUP_COLUMN:
            return role_meaning(COUNT_COLUMNS[section - FIRST_COUNT])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.result is None or not index.isValid():
            return None
        actor_id = self.ids[index.row()]
        counts = self.result.actors[actor_id]
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return actor_id
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{self.result.names[actor_id]} ({actor_id})"
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and counts.dominant:
            return QBrush(ROLE_COLORS[counts.dominant])
        if role == Qt.ItemDataRole.TextAlignmentRole and FIRST_COUNT <= column < GROUP_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        if column == 0:
            return self.result.names[actor_id]
        if column == GROUP_COLUMN:
            return group_label(self.result.group_of[actor_id])
        if column == 1:
            dominant = counts.dominant
            if dominant is None:
                return "" if role == Qt.ItemDataRole.DisplayRole else len(ROLE_ORDER)
            return (
                role_label(dominant)
                if role == Qt.ItemDataRole.DisplayRole
                else (ROLE_ORDER.index(dominant))
            )
        value = counts.count(COUNT_COLUMNS[column - FIRST_COUNT])
        return f"{value:,}" if role == Qt.ItemDataRole.DisplayRole else value


SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RoleFilter(QSortFilterProxyModel):
    """Sorts numbers as numbers; shows only actors with at least one brokerage of a role."""

    def __init__(self) -> None:
        super().__init__()
        self.role = "total"
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_role(self, role: str) -> None:
        self.role = role
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RoleTableModel)
        if model.result is None:
            return False
        counts = model.result.actors[model.ids[source_row]]
        return counts.count(self.role) > 0


class RolesView(AnalysisView):
    kind = "roles"

    def __init__(self, panel: DynamicsPanel) -> None:
        super().__init__(panel)
        self.setObjectName("dynamics_roles")
        form = narrow_form()
        self.groups_combo = PanelComboBox(self)
        self.groups_combo.setObjectName("roles_groups")
        self.groups_combo.addItem(pgettext("dynamics", "Sectors"), "sector")
        self.groups_combo.addItem(_("Inside and outside the region"), "location")
        self.groups_combo.setToolTip(
            _(
                "Between which groups brokerage is counted: the three sectors, or the region "
                "and the outside"
            )
        )
        self.groups_combo.currentIndexChanged.connect(lambda _i: self.parametersChanged.emit())
        form.addRow(pgettext("dynamics", "Groups:"), self.groups_combo)
        self.role_combo = PanelComboBox(self)
        self.role_combo.setObjectName("roles_filter")
        for role in ("total", *ROLE_ORDER):
            self.role_combo.addItem(role_label(role), role)
            self.role_combo.setItemData(
                self.role_combo.count() - 1, role_meaning(role), Qt.ItemDataRole.ToolTipRole
            )
        self.role_combo.currentIndexChanged.connect(self._filter_changed)
        form.addRow(pgettext("dynamics", "Show actors in role:"), self.role_combo)
        self.layout_.addLayout(form)
        self.canvas_check = QCheckBox(pgettext("dynamics", "Colour the canvas by main role"), self)
        self.canvas_check.setObjectName("roles_canvas")
        self.canvas_check.setChecked(True)
        self.canvas_check.setToolTip(
            _(
                "Actors take the colour of the role they play most; gatekeepers are ringed; "
                "actors that broker nothing fade"
            )
        )
        self.canvas_check.toggled.connect(lambda _c: self.overlayChanged.emit())
        self.layout_.addWidget(self.canvas_check)
        self.legend = WrappedLabel(parent=self)
        self.legend.setObjectName("roles_legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(
            "&nbsp; ".join(swatch(ROLE_COLORS[r], role_label(r)) for r in ROLE_ORDER)
        )
        self.layout_.addWidget(self.legend)
        self.summary = WrappedLabel(parent=self)
        self.summary.setObjectName("roles_summary")
        self.layout_.addWidget(self.summary)
        self.model = RoleTableModel()
        self.proxy = RoleFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("roles_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(self._activated)
        self.table.setToolTip(_("Double-click an actor to show it on the canvas"))
        self.layout_.addWidget(self.table, 1)
        self.hint = muted(WrappedLabel(parent=self))
        self.layout_.addWidget(self.hint)
        self.result_widgets = [self.summary, self.table, self.hint]

    @property
    def groups(self) -> str:
        return str(self.groups_combo.currentData())

    @property
    def role(self) -> str:
        return str(self.role_combo.currentData())

    def compute(self) -> Request | None:
        return Request("roles", {"groups": self.groups})

    def show_result(self, result: Brokerage) -> None:
        super().show_result(result)
        self.model.set_result(result)
        self.table.sortByColumn(FIRST_COUNT, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(0) > NAME_WIDTH:
            self.table.setColumnWidth(0, NAME_WIDTH)
        self._describe()
        self.overlayChanged.emit()

    def clear(self) -> None:
        super().clear()
        self.model.set_result(None)
        self.summary.setText("")
        self.hint.setText("")

    def _filter_changed(self) -> None:
        self.proxy.set_role(self.role)
        self._describe()

    def _describe(self) -> None:
        result: Brokerage | None = self.result
        if result is None:
            return
        if result.groups == "location":
            self.summary.setText(gatekeeper_sentence(result))
        else:
            brokers = result.ranked()
            if brokers:
                top = brokers[0]
                self.summary.setText(
                    ngettext(
                        "{count} actor passes flows on between others; {name} does most "
                        "({total} brokerages).",
                        "{count} actors pass flows on between others; {name} does most "
                        "({total} brokerages).",
                        len(brokers),
                    ).format(
                        count=len(brokers),
                        name=result.names[top],
                        total=f"{result.actors[top].total:,}",
                    )
                )
            else:
                self.summary.setText(_("No actor passes flows on between two others."))
        shown = self.proxy.rowCount()
        self.hint.setText(
            ngettext(
                "{shown} actor in this role. A brokerage: the actor is the only one-step way "
                "from one partner to another.",
                "{shown} actors in this role. A brokerage: the actor is the only one-step way "
                "from one partner to another.",
                shown,
            ).format(shown=shown)
        )

    def _activated(self, index: QModelIndex) -> None:
        actor_id = self.proxy.data(index, Qt.ItemDataRole.UserRole)
        if actor_id:
            self.actorActivated.emit(str(actor_id))

    def overlay(self) -> OverlayLayer | None:
        if self.result is None or not self.canvas_check.isChecked():
            return None
        return role_overlay(self.result)
