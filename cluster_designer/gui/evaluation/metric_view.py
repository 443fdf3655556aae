"""The grouped metric table of the evaluation panel, with optional what-if columns.

Each main metric shows its plain-language label, its value right-aligned and, below, a
muted line saying what it means (or, when it has no value, why). Detail metrics (per kind,
per sector) are indented and keep their explanation in the tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from cluster_designer.analysis import Evaluation
from cluster_designer.i18n import _

from ..wrapped_label import WrappedLabel
from .formatting import (
    DASH,
    GROUPS,
    delta_of,
    explanation,
    format_delta,
    format_value,
    label,
    null_reason,
    verdict,
    verdict_mark,
)

MUTED = "#5f6368"
GOOD = "#1a7f37"
BAD = "#b3261e"


def verdict_color(v: str | None) -> str:
    return {"better": GOOD, "worse": BAD}.get(v or "", MUTED)


@dataclass
class _Row:
    key: str
    name: QLabel
    value: QLabel
    whatif: QLabel
    delta: QLabel
    note: QLabel | None
    delta_color: str = ""  # a style sheet change re-polishes the label: set only on change


def _value_label(parent: QWidget) -> QLabel:
    """A number cell of fixed size: a new value repaints the cell and lays out nothing.

    (A label that may change size makes Qt lay out its whole group again, word-wrapped
    names and notes included: about 30 ms of the window's time per evaluation at 1,000
    actors. `MetricTable._put` widens every cell at once if a value ever needs more room.)
    """
    lab = QLabel(DASH, parent)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = lab.font()
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
    lab.setFont(font)
    lab.setFixedSize(_cell_width(lab, "0.000"), lab.sizeHint().height())
    return lab


def _cell_width(lab: QLabel, text: str) -> int:
    return lab.fontMetrics().horizontalAdvance(text) + 6


class MetricTable(QWidget):
    """Every metric of docs/reference/metrics.md in the panel's groups.

    `value_text(key)` is what the user reads.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, _Row] = {}
        self._headers: list[tuple[QLabel, QLabel, QLabel]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for title, main, detail in GROUPS:
            box = QGroupBox(_(title), self)
            box.setObjectName(f"metric_group_{title.lower().replace(' ', '_')}")
            grid = QGridLayout(box)
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(0, 1)
            heads = tuple(self._head(box, text) for text in (_("Now"), _("What-if"), _("Change")))
            for col, head in enumerate(heads, start=1):
                grid.addWidget(head, 0, col)
            self._headers.append(heads)  # type: ignore[arg-type]
            r = 1
            for key in main:
                r = self._add_row(box, grid, r, key, detail=False)
            for key in detail:
                r = self._add_row(box, grid, r, key, detail=True)
            layout.addWidget(box)
        self.set_whatif_visible(False)

    def _head(self, parent: QWidget, text: str) -> QLabel:
        head = QLabel(text, parent)
        head.setAlignment(Qt.AlignmentFlag.AlignRight)
        head.setStyleSheet(f"color: {MUTED}; font-weight: bold;")
        return head

    def _add_row(self, box: QWidget, grid: QGridLayout, r: int, key: str, detail: bool) -> int:
        name = WrappedLabel(label(key), box)
        name.take_any_width()
        name.setToolTip(explanation(key))
        name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if detail:
            name.setContentsMargins(14, 0, 0, 0)
            name.setStyleSheet(f"color: {MUTED};")
        value = _value_label(box)
        value.setObjectName(f"metric_value:{key}")
        value.setToolTip(explanation(key))
        whatif = _value_label(box)
        delta = _value_label(box)
        grid.addWidget(name, r, 0)
        grid.addWidget(value, r, 1)
        grid.addWidget(whatif, r, 2)
        grid.addWidget(delta, r, 3)
        note = None
        if not detail:
            note = WrappedLabel(explanation(key), box)
            note.take_any_width()
            note.setStyleSheet(f"color: {MUTED}; font-size: small;")
            note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            note.setContentsMargins(0, 0, 0, 4)
            grid.addWidget(note, r + 1, 0, 1, 4)
            r += 1
        self.rows[key] = _Row(key, name, value, whatif, delta, note)
        return r + 1

    # --- filling -----------------------------------------------------------------------
    def show_values(self, ev: Evaluation | None) -> None:
        metrics = ev.metrics() if ev is not None else {}
        for key, row in self.rows.items():
            value = metrics.get(key)
            self._put(row, "value", format_value(key, value))
            why = null_reason(key, ev) if ev is not None and value is None else ""
            row.value.setToolTip(why or explanation(key))
            if row.note is not None:
                no_value = _("No value: {reason}").format(reason=why)
                row.note.setText(f"<i>{escape(no_value)}</i>" if why else explanation(key))

    def show_whatif(self, now: Evaluation | None, whatif: Evaluation | None) -> None:
        """Fill the what-if and change columns (None hides them)."""
        self.set_whatif_visible(whatif is not None)
        if whatif is None or now is None:
            return
        a, b = now.metrics(), whatif.metrics()
        for key, row in self.rows.items():
            self._put(row, "whatif", format_value(key, b.get(key)))
            d = delta_of(a.get(key), b.get(key))
            v = verdict(key, d)
            self._put(
                row, "delta", format_delta(key, d) + ("" if v is None else " " + verdict_mark(v)[0])
            )
            row.delta.setToolTip(verdict_mark(v) or _("No change for the better or worse"))
            color = verdict_color(v)
            if row.delta_color != color:
                row.delta_color = color
                row.delta.setStyleSheet(f"color: {color};")

    def _put(self, row: _Row, column: str, text: str) -> None:
        """Show text in a number cell; its whole column grows if it does not fit."""
        cell: QLabel = getattr(row, column)
        if cell.text() == text:
            return
        need = _cell_width(cell, text)
        if need > cell.width():
            for other in self.rows.values():
                getattr(other, column).setFixedWidth(need)
        cell.setText(text)

    def set_whatif_visible(self, visible: bool) -> None:
        for heads in self._headers:
            for head in heads:
                head.setVisible(visible)
        for row in self.rows.values():
            row.whatif.setVisible(visible)
            row.delta.setVisible(visible)

    # --- reading (tests, accessibility) --------------------------------------------------
    def value_text(self, key: str) -> str:
        return self.rows[key].value.text()

    def whatif_text(self, key: str) -> str:
        return self.rows[key].whatif.text()

    def delta_text(self, key: str) -> str:
        return self.rows[key].delta.text()

    def note_text(self, key: str) -> str:
        note = self.rows[key].note
        return "" if note is None else note.text()
