"""The small dialog that makes or edits a group: name, kind, since, notes and its members.

It only collects and checks values (with the model's own messages, one line under the form);
the caller turns the result into one undo command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _
from cluster_designer.model import (
    GROUP_KIND_SUGGESTIONS,
    ClusterError,
    Design,
    Group,
    normalize_group_value,
)

from ..panels.fields import ERROR_STYLE, message_of
from ..style import sector_icon

ID_ROLE = Qt.ItemDataRole.UserRole


class GroupDialog(QDialog):
    """`values()` after `exec()`: the checked fields, members in the list's order."""

    def __init__(
        self,
        design: Design,
        group: Group | None,
        members: Sequence[str],
        candidates: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("group_dialog")
        self.setWindowTitle(
            _("New Group") if group is None else _("Edit Group {name}").format(name=group.name)
        )
        self.setMinimumWidth(420)
        self.design = design
        self._values: dict[str, Any] = {}
        self.name = QLineEdit(self)
        self.name.setObjectName("group_name")
        self.name.setPlaceholderText(_("e.g. Hamamatsu Photonics Consortium"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("group_kind")
        self.kind.setEditable(True)
        self.kind.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.kind.addItems([_(k) for k in GROUP_KIND_SUGGESTIONS])
        self.since = QLineEdit(self)
        self.since.setObjectName("group_since")
        self.since.setPlaceholderText(_("year, e.g. 2018"))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("group_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.members = QListWidget(self)
        self.members.setObjectName("group_members")
        self.members.setMinimumHeight(120)
        for actor_id in dict.fromkeys([*members, *candidates]):
            actor = design.actors.get(actor_id)
            if actor is None:
                continue
            text = actor.name
            if actor_id not in members:
                text = _("{name} (selected on the map)").format(name=actor.name)
            item = QListWidgetItem(sector_icon(actor.sector, 16), text, self.members)
            item.setData(ID_ROLE, actor_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if actor_id in members else Qt.CheckState.Unchecked
            )
        self.error = QLabel(self)
        self.error.setObjectName("group_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Since"), self.since)
        form.addRow(_("Notes"), self.notes)
        form.addRow(_("Members"), self.members)
        hint = QLabel(_("Untick an actor to take it out of the group."), self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if group is not None:
            self.name.setText(group.name)
            self.kind.setEditText(group.kind)
            self.since.setText("" if group.since is None else str(group.since))
            self.notes.setPlainText(group.notes)
        else:
            self.kind.setEditText(_(GROUP_KIND_SUGGESTIONS[0]))

    def checked_members(self) -> list[str]:
        found = []
        for row in range(self.members.count()):
            item = self.members.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(ID_ROLE)))
        return found

    def accept(self) -> None:
        raw = {
            "name": self.name.text(),
            "kind": self.kind.currentText(),
            "since": self.since.text(),
            "notes": self.notes.toPlainText(),
            "members": tuple(self.checked_members()),
        }
        values: dict[str, Any] = {}
        try:
            for key, value in raw.items():
                values[key] = normalize_group_value(key, value)
        except ClusterError as exc:
            self.error.setText(message_of(exc))
            self.error.setVisible(True)
            return
        self._values = values
        super().accept()

    def values(self) -> dict[str, Any]:
        return dict(self._values)
