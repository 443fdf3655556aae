"""Form rows with an inline message: the building block of the properties panel.

A row shows the editor and, under it, a red line saying why the last input was refused.
The form decides what to do with input; the row only displays.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cluster_designer.i18n import format_datetime
from cluster_designer.model import local_time
from cluster_designer.model.fields import number_text

ERROR_STYLE = "color: #C62828;"


class FieldRow(QWidget):
    """An editor with a hidden-until-needed message line under it."""

    def __init__(self, editor: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.column.addWidget(editor)
        self.column.addWidget(self.error)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.editor.setProperty("invalid", True)
        self.editor.setStyleSheet("border: 1px solid #C62828; border-radius: 3px;")

    def clear_error(self) -> None:
        if self.error.isVisible() or self.editor.property("invalid"):
            self.error.clear()
            self.error.setVisible(False)
            self.editor.setProperty("invalid", False)
            self.editor.setStyleSheet("")

    @property
    def has_error(self) -> bool:
        return bool(self.editor.property("invalid"))


def format_number(value: float | None, decimals: int | None = None) -> str:
    """Numbers as a person would type them: 12, 3.5, 1250000 (no trailing zeros); rounded to
    `decimals` places when given, else exactly as files write them (`number_text`)."""
    if value is None or decimals is None:
        return number_text(value)
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    return format_datetime(local_time(value))


def message_of(exc: Exception) -> str:
    """A validation message as a sentence about the field: 'Name must not be empty'."""
    field = getattr(exc, "field", None)
    text = getattr(exc, "message", None) or str(exc)
    return sentence(text, field)


def sentence(text: str, field: str | None) -> str:
    if field and text.startswith(f"{field}: "):
        text = text[len(field) + 2 :]
    if field and text.startswith(("must ", "is ")):
        text = f"{field.replace('_', ' ')} {text}"
    return text[:1].upper() + text[1:]
