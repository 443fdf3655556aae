"""A combo box that leaves the mouse wheel to the panel it sits in until it has the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QWidget


class FocusedWheelComboBox(QComboBox):
    """Scrolling a panel past this box must not change it: the wheel changes the choice only
    once the box has the focus (a click or Tab); otherwise the panel scrolls on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not focus it

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # goes on to the scroll area around the panel
            return
        super().wheelEvent(event)
