"""The Compare view: metrics of two or more designs, key charts, and what differs between A and B.

The design open in the window counts as itself with its unsaved edits (it is snapshotted,
never reloaded). Differences can be marked on the main canvas through the shared overlay
and exported to CSV.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis import Comparison, Evaluation
from cluster_designer.i18n import N_, _, ngettext, pgettext
from cluster_designer.model import ClusterError, Design
from cluster_designer.storage import Project

from ..dynamics.compare_tab import ResilienceComparison
from .compare_data import (
    CHANGE_COLORS,
    StructuralRow,
    compare_overlay,
    design_color,
    write_comparison_csv,
)
from .compare_work import CompareWork, PairResult

if TYPE_CHECKING:
    from .compare_charts import CompareCharts
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
from .metric_view import BAD, GOOD, MUTED
from .overlay import CanvasOverlay

TREE_ROWS_SHOWN = 500  # per group; the CSV export holds every row
OVERLAY_LAYER = "compare"


def cmp_name(combo: QComboBox) -> str:
    return str(combo.currentData())


def matching_text(cmp: Comparison) -> str:
    """How the actors of A and B were paired, in a sentence above the differences."""
    if cmp.same_lineage:
        return ngettext(
            "B and A are of one lineage (a duplicate or copy): actors are matched by id "
            "({by_id}), then by name ({by_name} actor).",
            "B and A are of one lineage (a duplicate or copy): actors are matched by id "
            "({by_id}), then by name ({by_name} actors).",
            cmp.matched_by_name,
        ).format(by_id=cmp.matched_by_id, by_name=cmp.matched_by_name)
    return ngettext(
        "A and B were drawn separately: actors are matched by name only, ignoring case, "
        "width and spaces ({by_name} actor matched).",
        "A and B were drawn separately: actors are matched by name only, ignoring case, "
        "width and spaces ({by_name} actors matched).",
        cmp.matched_by_name,
    ).format(by_name=cmp.matched_by_name)


# Headings of the differences list, marked with N_() ("Actors added (3)").
CHANGE_HEADINGS = {
    ("actor", "added"): N_("Actors added ({count})"),
    ("actor", "removed"): N_("Actors removed ({count})"),
    ("actor", "changed"): N_("Actors changed ({count})"),
    ("tie", "added"): N_("Ties added ({count})"),
    ("tie", "removed"): N_("Ties removed ({count})"),
    ("tie", "changed"): N_("Ties changed ({count})"),
}


class CompareDialog(QDialog):
    """Choose designs of the project; see their metrics, charts and the A/B differences."""

    compared = Signal(object)  # the Comparison of A and B after each update

    def __init__(
        self,
        project: Project | None,
        current_design: Design | None,
        parent: QWidget | None = None,
        overlay: CanvasOverlay | None = None,
        current_evaluation: Evaluation | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.setWindowTitle(_("Compare Designs"))
        self.project = project
        self.current = current_design
        self.overlay = overlay
        self.designs: dict[str, Design] = {}
        self.evaluations: dict[str, Evaluation] = {}
        self.comparison: Comparison | None = None
        self.rows: list[StructuralRow] = []
        self._matched: list[StructuralRow] = []
        self._loading: set[str] = set()
        self._errors: dict[str, str] = {}
        self._comparing = False
        self._starting = True  # until the first update (see the end of __init__)
        self.work = CompareWork(self)
        self.work.evaluated.connect(self._evaluated)
        self.work.compared.connect(self._compared)
        if current_design is not None and current_evaluation is not None:
            # The Evaluation panel's up-to-date numbers: nothing to evaluate again.
            self.designs[current_design.name] = current_design.copy()
            self.evaluations[current_design.name] = current_evaluation
        self._names = self._design_names()
        self._build()
        self.resize(1150, 760)
        self.finished.connect(self.clear_canvas)
        self.list.blockSignals(True)  # one update for the first two ticks, not one each
        for i in range(min(2, self.list.count())):
            self.list.item(i).setCheckState(Qt.CheckState.Checked)
        self.list.blockSignals(False)
        # Filling the table (and snapshotting the open design) waits for the next turn of the
        # event loop: the window's thread builds and shows the frame in one turn and fills
        # it in another, never both in one block (issue 13: ≤ 50 ms at 10,000 actors).
        QTimer.singleShot(0, self, self._first_update)

    def _first_update(self) -> None:
        if self._starting:
            self._starting = False
            self._update()

    # --- designs -----------------------------------------------------------------------
    def _design_names(self) -> list[str]:
        names = list(self.project.design_names()) if self.project is not None else []
        if self.current is not None and self.current.name not in names:
            names.insert(0, self.current.name)
        return names

    def is_current(self, name: str) -> bool:
        return self.current is not None and name == self.current.name

    def design(self, name: str) -> Design:
        """A design already loaded (see `_request`)."""
        return self.designs[name]

    def evaluation(self, name: str) -> Evaluation:
        return self.evaluations[name]

    @property
    def ready(self) -> bool:
        """Every ticked design is evaluated and the A/B comparison shown is the newest."""
        return not self._starting and not self._loading and not self._comparing

    def _request(self, name: str) -> None:
        """Load and evaluate a design off the window's thread (once)."""
        if name in self.evaluations or name in self._loading:
            return
        self._loading.add(name)
        if self.is_current(name):
            assert self.current is not None
            snapshot = self.current.copy()  # the open design as shown, unsaved edits included
            self.work.load_and_evaluate(name, lambda: snapshot)
        else:
            assert self.project is not None
            project = self.project
            self.work.load_and_evaluate(name, lambda: project.load_design(name))

    def _evaluated(self, name: str, design: object, evaluation: object, error: str) -> None:
        self._loading.discard(name)
        if error or not isinstance(design, Design) or not isinstance(evaluation, Evaluation):
            self._errors[name] = error
        else:
            self.designs[name] = design
            self.evaluations[name] = evaluation
        names = self.chosen()
        self._fill_charts([n for n in names if n in self.evaluations])
        self._update_pair()

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(_("<b>Designs to compare</b> (tick two or more):"), left))
        self.list = QListWidget(left)
        self.list.setObjectName("compare_designs")
        for name in self._names:
            shown = _("{name} (open)").format(name=name) if self.is_current(name) else name
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if self.is_current(name):
                item.setToolTip(_("The design open in the window, including edits not yet saved"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._update())
        lay.addWidget(self.list, 1)
        form = QFormLayout()
        self.a_combo = QComboBox(left)
        self.a_combo.setObjectName("compare_a")
        self.b_combo = QComboBox(left)
        self.b_combo.setObjectName("compare_b")
        for combo in (self.a_combo, self.b_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(lambda _i: self._update_pair())
        form.addRow(_("A (before):"), self.a_combo)
        form.addRow(_("B (after):"), self.b_combo)
        lay.addLayout(form)
        self.show_button = QPushButton(_("Show on Canvas"), left)
        self.show_button.setObjectName("compare_show")
        self.show_button.clicked.connect(self.show_on_canvas)
        self.clear_button = QPushButton(_("Clear Canvas Marks"), left)
        self.clear_button.setObjectName("compare_clear")
        self.clear_button.clicked.connect(self.clear_canvas)
        self.export_button = QPushButton(_("Export CSV…"), left)
        self.export_button.setObjectName("compare_export")
        self.export_button.clicked.connect(self.export_csv_dialog)
        for button in (self.show_button, self.clear_button, self.export_button):
            lay.addWidget(button)
        self.show_button.setVisible(self.overlay is not None)
        self.clear_button.setVisible(self.overlay is not None)
        self.canvas_note = QLabel(left)
        self.canvas_note.setObjectName("compare_canvas_note")
        self.canvas_note.setWordWrap(True)
        self.canvas_note.setStyleSheet(f"color: {MUTED};")
        lay.addWidget(self.canvas_note)
        self.status = QLabel(left)
        self.status.setObjectName("compare_status")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        self.table = QTableWidget(self)
        self.table.setObjectName("compare_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        # The charts (pyqtgraph, a second's import the first time) are built when their tab
        # is first shown, so opening the view never waits for them.
        self.charts: CompareCharts | None = None
        charts_page = QWidget(self)
        self._charts_layout = QVBoxLayout(charts_page)
        self.legend = QLabel(charts_page)
        self.legend.setObjectName("compare_legend")
        self.legend.setWordWrap(True)
        self._charts_layout.addWidget(self.legend)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("compare_differences")
        self.tree.setHeaderLabels(
            [
                pgettext("compare column", "What changed"),
                pgettext("compare column", "Kind"),
                pgettext("compare column", "Matched by"),
                pgettext("compare column", "Details"),
            ]
        )
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("compare_matching")
        self.match_label.setWordWrap(True)
        differences = QWidget(self)
        dl = QVBoxLayout(differences)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.match_label)
        dl.addWidget(self.tree, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, _("Metrics"))
        self._charts_index = self.tabs.addTab(charts_page, _("Charts"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.tabs.addTab(differences, _("Differences A → B"))
        self.resilience_page = ResilienceComparison(self)
        self.tabs.addTab(self.resilience_page, pgettext("dynamics", "Resilience"))

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 870])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        outer.addLayout(bottom)

    # --- choosing ----------------------------------------------------------------------
    def chosen(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, names: list[str], a: str | None = None, b: str | None = None) -> None:
        """Tick exactly these designs and pick A and B (tests, and callers that know)."""
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update(a, b)

    def _update(self, a: str | None = None, b: str | None = None) -> None:
        self._starting = False  # a caller's update comes first: the deferred one is not needed
        names = self.chosen()
        old_a, old_b = a or self.a_combo.currentData(), b or self.b_combo.currentData()
        for name in names:
            self._request(name)
        for combo in (self.a_combo, self.b_combo):
            combo.blockSignals(True)
            combo.clear()
            for name in names:
                combo.addItem(name, name)
        if len(names) >= 2:
            self._select(self.a_combo, old_a if old_a in names and old_a != old_b else names[0])
            fallback = next(n for n in names if n != self.a_combo.currentData())
            self._select(
                self.b_combo,
                old_b if old_b in names and old_b != self.a_combo.currentData() else fallback,
            )
        for combo in (self.a_combo, self.b_combo):
            combo.blockSignals(False)
        self._fill_charts([n for n in names if n in self.evaluations])
        self._update_pair()

    @staticmethod
    def _select(combo: QComboBox, name: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(name)))

    def _update_pair(self) -> None:
        names = self.chosen()
        a, b = self.a_combo.currentData(), self.b_combo.currentData()
        chosen = len(names) >= 2 and a is not None and b is not None and a != b
        ok = chosen and a in self.evaluations and b in self.evaluations
        for button in (self.show_button, self.export_button):
            button.setEnabled(False)
        errors = [f"{n}: {self._errors[n]}" for n in names if n in self._errors]
        waiting = [n for n in names if n in self._loading]
        if errors:
            self.status.setText(f"<span style='color:{BAD}'>{escape('; '.join(errors))}</span>")
        elif waiting:
            self.status.setText(
                ngettext(
                    "Evaluating {n} design… the table fills in as results arrive.",
                    "Evaluating {n} designs… the table fills in as results arrive.",
                    len(waiting),
                ).format(n=len(waiting))
            )
        elif not chosen:
            self.status.setText(
                _("Tick at least two designs and choose two different ones as A and B.")
            )
        else:
            self.status.setText("")
        if not ok:
            self.comparison = None
            self.rows = []
            self._comparing = False
            self.work.generation += 1  # a comparison still running is no longer wanted
            self._fill_table(names, None, None)
            self.tree.clear()
            self.match_label.setText("")
            self._update_canvas_note()
            return
        self._fill_table(names, None, None)
        self._comparing = True
        self.work.compare(
            a, b, self.design(a), self.design(b), self.evaluation(a), self.evaluation(b)
        )

    def _compared(self, result: PairResult) -> None:
        if not self.work.is_current(result.generation):
            return  # A or B changed since: a newer comparison is on its way
        self._comparing = False
        self.comparison = result.comparison
        self.rows = result.rows
        self._matched = result.matched
        self._fill_table(self.chosen(), result.a, result.b)
        self._fill_tree()
        for button in (self.show_button, self.export_button):
            button.setEnabled(True)
        self._update_canvas_note()
        self.compared.emit(self.comparison)

    # --- filling -----------------------------------------------------------------------
    def _fill_table(self, names: list[str], a: str | None, b: str | None) -> None:
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
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(ordered))
        self.table.setHorizontalHeaderLabels(headers)
        bold = QFont(self.table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        metrics = {n: self.evaluations[n].metrics() for n in names if n in self.evaluations}
        for r, (text, key) in enumerate(ordered):
            head = QTableWidgetItem(text)
            if key is None:
                head.setFont(bold)
                head.setBackground(QBrush(QColor("#EEF1F4")))
                self.table.setItem(r, 0, head)
                if len(headers) > 1:
                    self.table.setSpan(r, 0, 1, len(headers))
                continue
            head.setToolTip(explanation(key))
            self.table.setItem(r, 0, head)
            for c, name in enumerate(names, start=1):
                value = format_value(key, metrics[name].get(key)) if name in metrics else "…"
                cell = QTableWidgetItem(value)
                cell.setTextAlignment(right)
                self.table.setItem(r, c, cell)
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
                self.table.setItem(r, len(names) + 1, change)
                self.table.setItem(r, len(names) + 2, mark)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        # The metric names keep their width (never "…"); a design's column is as wide as its
        # numbers, its long name elided in the header with the whole name as the tooltip; with
        # many designs the table scrolls sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        numbers = self.table.fontMetrics().horizontalAdvance("−0.000 (+0.000)") + 16
        for c in range(1, self.table.columnCount() - 1):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), max(numbers, 120)))
            item = self.table.horizontalHeaderItem(c)
            if item is not None:
                item.setToolTip(item.text())
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def _tab_shown(self, index: int) -> None:
        if index == self._charts_index and self.charts is None:
            from .compare_charts import CompareCharts  # pyqtgraph, loaded on first use

            self.charts = CompareCharts(self)
            self._charts_layout.insertWidget(0, self.charts, 1)
            self._fill_charts([n for n in self.chosen() if n in self.evaluations])

    def _fill_charts(self, names: list[str]) -> None:
        if self.charts is not None:
            self.charts.show_designs(names, self.evaluations)
        self.resilience_page.show_designs(
            names, [design_color(i) for i in range(len(names))], self.design
        )
        self.legend.setText(
            "   ".join(
                f"<span style='color:{design_color(i).name()}'>■</span> {i + 1}. {n}"
                for i, n in enumerate(names)
            )
        )

    def _fill_tree(self) -> None:
        self.tree.clear()
        cmp = self.comparison
        if cmp is not None:
            self.match_label.setText(matching_text(cmp))
            matched = self._matched
            if matched:
                top = QTreeWidgetItem([_("Actors matched by name ({n})").format(n=len(matched))])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                for row in matched:
                    child = QTreeWidgetItem(
                        [row.name, row.kind, pgettext("matched by", "name"), row.details]
                    )
                    child.setToolTip(3, row.details)
                    top.addChild(child)
                self.tree.addTopLevelItem(top)
                top.setExpanded(cmp.same_lineage and len(matched) <= 50)
        for item_kind in ("actor", "tie"):
            for change in ("added", "removed", "changed"):
                rows = [r for r in self.rows if r.item == item_kind and r.change == change]
                heading = _(CHANGE_HEADINGS[item_kind, change]).format(count=len(rows))
                top = QTreeWidgetItem([heading])
                top.setForeground(0, QBrush(CHANGE_COLORS[change].darker(120)))
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                for row in rows[:TREE_ROWS_SHOWN]:
                    by = {
                        "id": pgettext("matched by", "id"),
                        "name": pgettext("matched by", "name"),
                    }.get(row.matched, "")
                    child = QTreeWidgetItem([row.name, row.kind, by, row.details])
                    child.setToolTip(3, row.details)
                    child.setToolTip(0, row.id.replace("|", " · "))
                    top.addChild(child)
                if len(rows) > TREE_ROWS_SHOWN:
                    more = len(rows) - TREE_ROWS_SHOWN
                    top.addChild(
                        QTreeWidgetItem(
                            [
                                ngettext(
                                    "… and {n} more (Export CSV… lists every one)",
                                    "… and {n} more (Export CSV… lists every one)",
                                    more,
                                ).format(n=more)
                            ]
                        )
                    )
                self.tree.addTopLevelItem(top)
                top.setExpanded(0 < len(rows) <= 50)

    def structural_texts(self) -> dict[str, list[str]]:
        """What the Differences tab lists, by group heading without the count (tests)."""
        out: dict[str, list[str]] = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            heading = top.text(0).rsplit(" (", 1)[0]
            children = (top.child(j) for j in range(top.childCount()))
            out[heading] = [child.text(0) for child in children if child is not None]
        return out

    def value_text(self, key: str, column: int) -> str:
        for r in range(self.table.rowCount()):
            head = self.table.item(r, 0)
            if head is not None and head.text() == label(key) and self.table.columnSpan(r, 0) == 1:
                item = self.table.item(r, column)
                return "" if item is None else item.text()
        raise KeyError(key)

    # --- canvas and export -------------------------------------------------------------
    def _current_side(self) -> str | None:
        if self.comparison is None:
            return None
        if self.is_current(self.b_combo.currentData()):
            return "b"
        if self.is_current(self.a_combo.currentData()):
            return "a"
        return None

    def _update_canvas_note(self) -> None:
        side = self._current_side()
        if self.overlay is None:
            self.canvas_note.setText("")
            return
        self.show_button.setEnabled(side is not None)
        if self.comparison is None:
            self.canvas_note.setText("")
        elif side is None:
            self.canvas_note.setText(
                _("Open A or B in the window to mark the differences on its map.")
            )
        elif side == "b":
            self.canvas_note.setText(
                _(
                    "The open design is B: green marks what was added, amber what changed. Actors "
                    "removed since A are not on this map; they are listed under Differences."
                )
            )
        else:
            self.canvas_note.setText(
                _(
                    "The open design is A: red marks what B removes, amber what B changes. What B "
                    "adds is not on this map; it is listed under Differences."
                )
            )

    def show_on_canvas(self) -> None:
        side = self._current_side()
        if self.overlay is None or self.comparison is None or side is None or self.current is None:
            return
        self.overlay.set_layer(OVERLAY_LAYER, compare_overlay(self.comparison, self.current, side))  # type: ignore[arg-type]

    def clear_canvas(self) -> None:
        if self.overlay is not None:
            self.overlay.set_layer(OVERLAY_LAYER, None)

    def export_csv(self, path: str) -> None:
        if self.comparison is None:
            return
        a, b = self.a_combo.currentData(), self.b_combo.currentData()
        write_comparison_csv(path, self.comparison, self.design(a), self.design(b))

    def export_csv_dialog(self) -> None:
        if self.comparison is None:
            return
        suggested = f"{self.comparison.a} vs {self.comparison.b}.csv".replace("/", "-").replace(
            "\\", "-"
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export Comparison"), suggested, _("CSV files (*.csv)")
        )
        if not path:
            return
        try:
            self.export_csv(path)
        except ClusterError as exc:
            QMessageBox.warning(self, _("Export Comparison"), str(exc))
