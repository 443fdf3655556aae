"""What every tab of the Dynamics panel shares: its parameters, its result, its canvas look."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.i18n import pgettext

from ..evaluation.metric_view import BAD, MUTED
from ..evaluation.overlay import OverlayLayer
from ..wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from .panel import DynamicsPanel


class AnalysisView(QWidget):
    """One analysis: widgets for its options, the newest result, and its canvas overlay.

    The panel asks `compute()` for the work to run on a snapshot, hands the result to
    `show_result`, and applies `overlay()` to the canvas while the tab is in front.
    """

    kind = ""
    parametersChanged = Signal()  # the options changed: compute again
    overlayChanged = Signal()  # the canvas look changed (e.g. the round shown)
    actorActivated = Signal(str)  # show this actor on the canvas

    def __init__(self, panel: DynamicsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.result: Any = None
        self.stale = True  # the shown result (if any) is not for the design as it is now
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(6)
        busy_row = QHBoxLayout()
        self.busy_label = QLabel(pgettext("dynamics", "Computing…"), self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        self.layout_.addLayout(busy_row)
        self.error_label = WrappedLabel(parent=self)
        self.error_label.setStyleSheet(f"color: {BAD};")
        self.error_label.hide()
        self.layout_.addWidget(self.error_label)
        self.result_widgets: list[QWidget] = []  # greyed while the result is out of date
        self.show_busy(False)

    # --- what the panel calls ------------------------------------------------------------
    def compute(self) -> Request | None:
        """The analysis to run, with this view's options; None: nothing to run."""
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        self.result = result
        self.stale = False
        self.error_label.hide()
        for widget in self.result_widgets:
            widget.setEnabled(True)

    def clear(self) -> None:
        """No design, or a different one: forget the result."""
        self.result = None
        self.stale = True
        for widget in self.result_widgets:
            widget.setEnabled(True)

    def mark_stale(self) -> None:
        """The design changed: the result shown no longer holds, so it is greyed until the
        new one arrives (or cleared by views that do not recompute by themselves)."""
        self.stale = True
        if self.result is not None:
            for widget in self.result_widgets:
                widget.setEnabled(False)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def show_progress(self, fraction: float) -> None:
        """Runs that report progress turn the busy bar into a measured one."""
        self.busy_bar.setRange(0, 100)
        self.busy_bar.setValue(round(fraction * 100))

    def overlay(self) -> OverlayLayer | None:
        return None

    def proposals(self) -> list[tuple[str, str]]:
        """Ties to draw on the canvas as dashed proposals (source id, target id)."""
        return []

    def automatic(self) -> bool:
        """True when edits of the design recompute this view by themselves."""
        return True


def muted(label: QLabel) -> QLabel:
    label.setStyleSheet(f"color: {MUTED};")
    return label


# A tab must fit a narrow dock (about 300 pixels) without scrolling sideways: forms put a
# field under its label when both do not fit, choices shrink (`combo.PanelComboBox`: their
# full text stays in the open list) and long check-box texts wrap.


def narrow_form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


class _CheckText(WrappedLabel):
    """The wrapped text of a check box: clicking it toggles the box, as its own text would."""

    def __init__(self, text: str, check: QCheckBox) -> None:
        super().__init__(text, check.parentWidget())
        self.check = check
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.check.isEnabled():
            self.check.toggle()
        super().mouseReleaseEvent(event)


def wrapping_check(check: QCheckBox, text: str) -> QHBoxLayout:
    """A row with the check box and its text wrapped beside it (the box keeps the text as
    its accessible name and tool tip)."""
    check.setText("")
    check.setAccessibleName(text)
    if not check.toolTip():
        check.setToolTip(text)
    label = _CheckText(text, check)
    label.setObjectName(f"{check.objectName()}_text")
    label.setToolTip(check.toolTip())
    row = QHBoxLayout()
    row.setSpacing(4)
    row.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label, 1)
    return row
