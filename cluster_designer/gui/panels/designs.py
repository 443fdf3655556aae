"""The designs panel: every design of the project with its region and size.

The panel only shows and asks; the window decides (unsaved changes, confirmation, storage).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, ngettext

NAME_ROLE = Qt.ItemDataRole.UserRole
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True, slots=True)
class DesignRow:
    """One line of the list: what the project stores, or the live state of the open design."""

    name: str
    region: str
    actors: int
    ties: int
    current: bool = False
    modified: bool = False
    year: int | None = None

    @property
    def title(self) -> str:
        """The name, with the year the design depicts: '計画 2030 · 2030'."""
        return self.name if self.year is None else f"{self.name} · {self.year}"

    @property
    def detail(self) -> str:
        where = self.region or _("no region set")
        actors = ngettext("{count} actor", "{count} actors", self.actors).format(count=self.actors)
        ties = ngettext("{count} tie", "{count} ties", self.ties).format(count=self.ties)
        return f"{where} · {actors} · {ties}"


class DesignDelegate(QStyledItemDelegate):
    """Two lines per design: the name (bold when open) and region with counts in grey."""

    PAD = 6

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + self.PAD * 2 + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        rect = opt.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        fm = QFontMetrics(opt.font)
        name_font = QFont(opt.font)
        name_font.setBold(bool(index.data(CURRENT_ROLE)))
        painter.save()
        painter.setFont(name_font)
        painter.setPen(text_color)
        name_rect = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        name = QFontMetrics(name_font).elidedText(
            str(index.data(TITLE_ROLE)), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name
        )
        painter.setFont(opt.font)
        if not selected:
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
        detail_rect = QRect(rect.left(), rect.top() + fm.height() + 2, rect.width(), fm.height())
        detail = fm.elidedText(
            str(index.data(DETAIL_ROLE)), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            detail_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), detail
        )
        painter.restore()


class DesignList(QListWidget):
    """Enter opens the highlighted design, like a double click."""

    openRequested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.openRequested.emit(str(self.currentItem().data(NAME_ROLE)))
            return
        super().keyPressEvent(event)


class DesignsPanel(QWidget):
    """List plus New / Rename / Duplicate / Delete; each request names the stored design."""

    openRequested = Signal(str)
    newRequested = Signal()
    renameRequested = Signal(str)
    duplicateRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("designs_panel")
        self.list = DesignList(self)
        self.list.setObjectName("designs_list")
        self.list.setItemDelegate(DesignDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setToolTip(_("Double-click or press Enter to open a design"))
        self.list.itemDoubleClicked.connect(
            lambda item: self.openRequested.emit(str(item.data(NAME_ROLE)))
        )
        self.list.openRequested.connect(self.openRequested)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip in (
            ("new", _("New"), _("Add an empty design to the project")),
            ("rename", _("Rename"), _("Rename the highlighted design")),
            (
                "duplicate",
                _("Duplicate"),
                _("Copy the highlighted design, e.g. to start a scenario"),
            ),
            ("delete", _("Delete"), _("Delete the highlighted design from the project")),
        ):
            button = QToolButton(self)
            button.setObjectName(f"designs_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        self.buttons["new"].clicked.connect(self.newRequested)
        self.buttons["rename"].clicked.connect(lambda: self._emit_for(self.renameRequested))
        self.buttons["duplicate"].clicked.connect(lambda: self._emit_for(self.duplicateRequested))
        self.buttons["delete"].clicked.connect(lambda: self._emit_for(self.deleteRequested))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._current_name: str | None = None
        self.set_rows([], enabled=False)

    def _emit_for(self, signal: SignalInstance) -> None:
        name = self.highlighted_name()
        if name is not None:
            signal.emit(name)

    def highlighted_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(NAME_ROLE))

    def names(self) -> list[str]:
        return [str(self.list.item(i).data(NAME_ROLE)) for i in range(self.list.count())]

    def set_rows(self, rows: list[DesignRow], enabled: bool = True) -> None:
        """Replace the list; the highlight stays where it was unless another design was opened."""
        current = next((r.name for r in rows if r.current), None)
        keep = self.highlighted_name() if current == self._current_name else current
        self._current_name = current
        self.list.blockSignals(True)
        self.list.clear()
        select: QListWidgetItem | None = None
        for row in rows:
            item = QListWidgetItem()
            label = f"{row.title} *" if row.modified else row.title
            item.setData(NAME_ROLE, row.name)
            item.setData(TITLE_ROLE, row.title)
            item.setData(Qt.ItemDataRole.DisplayRole, label)
            item.setData(DETAIL_ROLE, row.detail)
            item.setData(CURRENT_ROLE, row.current)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {row.detail}")
            if row.current:
                item.setToolTip(_("Open now"))
            self.list.addItem(item)
            if row.name == keep or (select is None and row.current and keep is None):
                select = item
        if select is not None:
            self.list.setCurrentItem(select)
        self.list.blockSignals(False)
        self.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for key in ("rename", "duplicate", "delete"):
            self.buttons[key].setEnabled(has)
