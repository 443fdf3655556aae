"""The Compare view: metrics of two or more designs, key charts, and what differs between A and B.

The metrics table (compare_table.py) and the differences (compare_differences.py) are tabs
of their own; this dialog chooses the designs and A and B, and has them evaluated and
compared off the window's thread (compare_work.py).

The design open in the window counts as itself with its unsaved edits (it is snapshotted,
never reloaded). Differences can be marked on the main canvas through the shared overlay
and exported to CSV.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis import Comparison, Evaluation
from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.model import ClusterError, Design
from cluster_designer.storage import Project

from ..dynamics.compare_tab import ResilienceComparison
from .compare_data import StructuralRow, compare_overlay, design_color, write_comparison_csv
from .compare_differences import DifferencesTab
from .compare_table import MetricsTable
from .compare_work import CompareWork, PairResult
from .metric_view import BAD, MUTED
from .overlay import CanvasOverlay

if TYPE_CHECKING:
    from .compare_charts import CompareCharts

OVERLAY_LAYER = "compare"


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

        self.table = MetricsTable(self)
        # The charts (pyqtgraph, a second's import the first time) are built when their tab
        # is first shown, so opening the view never waits for them.
        self.charts: CompareCharts | None = None
        charts_page = QWidget(self)
        self._charts_layout = QVBoxLayout(charts_page)
        self.legend = QLabel(charts_page)
        self.legend.setObjectName("compare_legend")
        self.legend.setWordWrap(True)
        self._charts_layout.addWidget(self.legend)
        self.differences = DifferencesTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, _("Metrics"))
        self._charts_index = self.tabs.addTab(charts_page, _("Charts"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.tabs.addTab(self.differences, _("Differences A → B"))
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
            self.table.fill(names, self.evaluations, None, None)
            self.differences.show_nothing()
            self._update_canvas_note()
            return
        self.table.fill(names, self.evaluations, None, None)
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
        self.table.fill(self.chosen(), self.evaluations, result.a, result.b)
        self.differences.fill(result.comparison, result.rows, result.matched)
        for button in (self.show_button, self.export_button):
            button.setEnabled(True)
        self._update_canvas_note()
        self.compared.emit(self.comparison)

    # --- filling -----------------------------------------------------------------------
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
