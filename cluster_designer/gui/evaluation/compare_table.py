"""The Compare view's Metrics tab: every metric of each chosen design, and B − A for the pair.

A table of its own because its layout rules (group rows spanning the table, metric names never
elided, a design's column as wide as its numbers) have nothing to do with choosing designs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cluster_designer.analysis import Evaluation
from cluster_designer.i18n import _, pgettext

from .formatting import (
    GROUPS,
    delta_of,
    explanation,
    format_delta,
    format_value,
    label,
    verdict,
    verdict_mark,
)
from .metric_view import BAD, GOOD


class MetricsTable(QTableWidget):
    """Metrics by group down, designs across; a pair A/B adds the change and its verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_table")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        self._headings: dict[int, str] = {}  # a design's column → its whole heading
        self.horizontalHeader().sectionResized.connect(self._fit_heading)

    def fill(
        self,
        names: list[str],
        evaluations: dict[str, Evaluation],
        a: str | None,
        b: str | None,
    ) -> None:
        """One column per design ("…" while it is evaluated); A and B once they are compared."""
        pair = a is not None and b is not None

        def heading(i: int, name: str) -> str:
            if name == a:
                return pgettext("compare column", "A\n{name}").format(name=name)
            if name == b:
                return pgettext("compare column", "B\n{name}").format(name=name)
            return f"{i + 1}\n{name}"

        headers = [_("Metric"), *(heading(i, n) for i, n in enumerate(names))]
        # Two lines: the letter (or number) stays visible however narrow the column.
        if pair:
            headers += [
                pgettext("compare column", "Change\nB − A"),
                _("For the region"),
            ]
        ordered: list[tuple[str, str | None]] = []
        for title, main, detail in GROUPS:
            ordered.append((_(title), None))
            ordered += [(label(k), k) for k in (*main, *detail)]
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(ordered))
        self.setHorizontalHeaderLabels(headers)
        bold = QFont(self.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        metrics = {n: evaluations[n].metrics() for n in names if n in evaluations}
        for r, (text, key) in enumerate(ordered):
            head = QTableWidgetItem(text)
            if key is None:
                head.setFont(bold)
                head.setBackground(QBrush(QColor("#EEF1F4")))
                self.setItem(r, 0, head)
                if len(headers) > 1:
                    self.setSpan(r, 0, 1, len(headers))
                continue
            head.setToolTip(explanation(key))
            self.setItem(r, 0, head)
            for c, name in enumerate(names, start=1):
                value = format_value(key, metrics[name].get(key)) if name in metrics else "…"
                cell = QTableWidgetItem(value)
                cell.setTextAlignment(right)
                self.setItem(r, c, cell)
            if a is not None and b is not None:
                d = delta_of(metrics[a].get(key), metrics[b].get(key))
                v = verdict(key, d)
                change = QTableWidgetItem(format_delta(key, d))
                change.setTextAlignment(right)
                mark = QTableWidgetItem(verdict_mark(v))
                for cell in (change, mark):
                    if v is not None:
                        color = QColor(GOOD if v == "better" else BAD)
                        cell.setForeground(QBrush(color))
                        cell.setBackground(
                            QBrush(QColor("#E6F4EA" if v == "better" else "#FCE8E6"))
                        )
                self.setItem(r, len(names) + 1, change)
                self.setItem(r, len(names) + 2, mark)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        # The metric names keep their width (never "…"); a design's column is as wide as its
        # numbers, its long name elided in the header with the whole name as the tooltip; with
        # many designs the table scrolls sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        numbers = self.fontMetrics().horizontalAdvance("−0.000 (+0.000)") + 16
        self._headings = {c: headers[c] for c in range(1, len(names) + 1)}
        for c in range(1, self.columnCount() - 1):
            self.setColumnWidth(c, min(self.columnWidth(c), max(numbers, 120)))
            item = self.horizontalHeaderItem(c)
            if item is not None:
                item.setToolTip(self.heading(c))
            self._fit_heading(c)
        header.setStretchLastSection(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def _fit_heading(self, column: int, _old: int = 0, _new: int = 0) -> None:
        """Each line of a design's heading elided to its column's width (Qt's header cuts a
        centred line off at both ends instead); again whenever the column is resized."""
        whole, item = self._headings.get(column), self.horizontalHeaderItem(column)
        if whole is None or item is None:
            return
        header = self.horizontalHeader()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        room = self.columnWidth(column) - 2 * margin - 2
        metrics = header.fontMetrics()
        item.setText(
            "\n".join(
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
                for line in whole.split("\n")
            )
        )

    def heading(self, column: int) -> str:
        """A column's whole heading, however narrow the column (tests, the tooltip)."""
        whole = self._headings.get(column)
        item = self.horizontalHeaderItem(column)
        return whole if whole is not None else "" if item is None else item.text()

    def value_text(self, key: str, column: int) -> str:
        """The text shown for one metric in one column (tests)."""
        for r in range(self.rowCount()):
            head = self.item(r, 0)
            if head is not None and head.text() == label(key) and self.columnSpan(r, 0) == 1:
                item = self.item(r, column)
                return "" if item is None else item.text()
        raise KeyError(key)
