"""Small dialogs of the main window: unsaved changes, names, find actor, about, shortcuts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, current_language, ngettext, pgettext
from cluster_designer.model import Design

from .resources import resource_path
from .style import sector_icon

Button = QMessageBox.StandardButton


def ask_save_changes(parent: QWidget | None, design_name: str) -> Button:
    """Save, Discard or Cancel for unsaved changes of one design."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(_("Save the changes to design “{design_name}”?").format(design_name=design_name))
    box.setInformativeText(_("Your changes will be lost if you don't save them."))
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.setDefaultButton(Button.Save)
    return Button(box.exec())


def confirm(parent: QWidget | None, title: str, text: str, detail: str, action_text: str) -> bool:
    """A destructive step needs an explicit yes; the safe answer is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    ok = box.addButton(action_text, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(Button.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def design_name_problem(name: str, taken: Iterable[str]) -> str | None:
    """Why a design name cannot be used, in words for users; None when it can."""
    text = name.strip()
    if not text:
        return _("A design needs a name.")
    if len(text) > 200:
        return _("A design name may have at most 200 characters.")
    if text in set(taken):
        return _("The project already has a design named “{name}”.").format(name=text)
    return None


def ask_design_name(
    parent: QWidget | None, title: str, label: str, initial: str, taken: Iterable[str]
) -> str | None:
    """Ask until the name is usable or the user cancels (None)."""
    taken = set(taken)
    text = initial
    while True:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        if not ok:
            return None
        problem = design_name_problem(text, taken)
        if problem is None:
            return text.strip()
        QMessageBox.warning(parent, title, problem)


def unique_name(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base 2`, `base 3`… whichever is free."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


def fold(text: str) -> str:
    """Compare names the way people type them: width- and case-insensitive (全角/半角 too)."""
    return unicodedata.normalize("NFKC", text).casefold()


class FindActorDialog(QDialog):
    """Type part of a name or id and the list narrows; Enter picks the highlighted actor."""

    def __init__(self, design: Design, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Find Actor"))
        self.setMinimumWidth(380)
        self.chosen_id: str | None = None
        self._entries = [(a.id, a.name, a.sector, fold(a.name), fold(a.id)) for a in design]
        self.edit = QLineEdit(self)
        self.edit.setObjectName("find_actor_edit")
        self.edit.setPlaceholderText(_("Name or id, e.g. 静岡大学 or U1"))
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("find_actor_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hint = QLabel(self)
        self.hint.setObjectName("find_actor_hint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Show"))
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._filter)
        self.edit.returnPressed.connect(self._accept_current)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.edit.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        needle = fold(text.strip())
        self.list.clear()
        starts: list[QListWidgetItem] = []
        contains: list[QListWidgetItem] = []
        for actor_id, name, sector, fname, fid in self._entries:
            if needle and needle not in fname and needle not in fid:
                continue
            item = QListWidgetItem(sector_icon(sector, 16), f"{name}  ({actor_id})")
            item.setData(Qt.ItemDataRole.UserRole, actor_id)
            first = not needle or fname.startswith(needle) or fid == needle
            (starts if first else contains).append(item)
        for item in starts + contains:
            self.list.addItem(item)
        count = self.list.count()
        if count:
            self.list.setCurrentRow(0)
        self.hint.setText(
            _("No actor matches.")
            if count == 0
            else ngettext("{count} actor", "{count} actors", count).format(count=count)
        )

    def eventFilter(self, watched: object, event: object) -> bool:
        """Up and Down in the text field move through the list, as in a completer."""
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.list.count()
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def show_about(parent: QWidget | None, version: str) -> None:
    QMessageBox.about(
        parent,
        _("About Cluster Designer"),
        _(
            "<h3>Cluster Designer {version}</h3><p>Draw, evaluate, compare and print regional "
            "knowledge-cluster maps: universities, companies and support organizations, and the "
            "ties between them.</p><p>Works offline. Licensed under the MIT licence.<br>Qt "
            "{qversion}</p>"
        ).format(version=version, qversion=qVersion()),
    )


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every action of the window that has a shortcut.

    Read from the actions themselves — every menu of the menu bar, the toolbars and the
    window's own actions — so the list cannot drift from what the keys do."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(action: QAction, where: str) -> None:
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
            if not k.isEmpty()
        ]
        if keys:
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((where, text.rstrip("…").strip(), ", ".join(keys)))

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{where} ▸ {sub.title().replace('&', '')}")
            else:
                add(action, where)

    menu_bar = window.findChild(QMenuBar)
    if menu_bar is not None:
        for action in menu_bar.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, sub.title().replace("&", ""))
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            add(action, toolbar.windowTitle())
    for action in window.findChildren(QAction):
        add(action, pgettext("shortcuts", "Other"))
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, by menu, read from the actions so it never drifts."""

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(_("Keyboard Shortcuts"))
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcuts_table")
        table.setHorizontalHeaderLabels(
            [pgettext("shortcuts", "Menu"), _("Command"), _("Shortcut")]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setAlternatingRowColors(True)
        for row, (where, text, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(where))
            table.setItem(row, 1, QTableWidgetItem(text))
            table.setItem(row, 2, QTableWidgetItem(keys))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def texts(self) -> list[tuple[str, str, str]]:
        """What the table shows (tests)."""
        rows = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            first, second, third = ("" if cell is None else cell.text() for cell in cells)
            rows.append((first, second, third))
        return rows


class UserGuideDialog(QDialog):
    """The user guide shipped with the program (resources/guide/user-guide.md), rendered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle(_("Cluster Designer User Guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("user_guide_text")
        self.browser.setOpenExternalLinks(True)
        path = None
        if current_language() == "ja":
            path = resource_path("guide", "user-guide.ja.md")
        path = path or resource_path("guide", "user-guide.md")
        if path is None:
            self.browser.setPlainText(_("The user guide is missing from this installation."))
        else:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 820)
