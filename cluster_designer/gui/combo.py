"""Combo boxes for panels: the mouse wheel is left to the panel until the box has the focus,
and a panel's box takes its row's width however long its choices are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

PANEL_COMBO_CHARACTERS = 12  # a panel's box at its narrowest: a dock may be narrower than a choice


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


class PanelComboBox(FocusedWheelComboBox):
    """A choice box of a dock's panel (Properties, Dynamics): as narrow as its row needs,
    however long its choices (the list still shows each whole, the box the current one
    elided), so the panel fits its dock; otherwise the longest choice sets the panel's width
    ("Moved in from elsewhere in the country" made the Properties form wider than its dock,
    cutting every field)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(PANEL_COMBO_CHARACTERS)

    def shown_text(self) -> str:
        """The current choice as the box shows it (elided to the box's width)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width()
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + 4
        return option.fontMetrics.elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        """QComboBox's own painting, with the current choice elided rather than cut off."""
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))  # as QComboBox does
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if not self.isEditable():
            option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
