"""The Trend tab: chosen metrics across the project's timeline (its designs with a year).

The designs are loaded and evaluated on a worker thread, as the Compare view does
(`compare_work`); a stored design is evaluated again only when it was saved since, and the
open design — with its unsaved edits and its year as it is now — is evaluated from a
snapshot. The tab follows the project: a design opened, added, removed, renamed or given
another year, and every edit of the open design, make it stale; it refreshes shortly after,
and only while it is on screen.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis.trend import (
    TREND_METRICS,
    TrendPoint,
    timeline_order,
    trend_point,
)
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design, DesignEvent

from ..figure_files import ask_figure_path, write_figure
from ..threads import Handle
from .compare_work import evaluate_anywhere, executor
from .formatting import GROUPS, label
from .trend_chart import TrendFigure, export_trend, paint_trend, preferred_height

if TYPE_CHECKING:
    from ..main_window import MainWindow

REFRESH_MS = 400
OPEN = "\x00open"  # the cache key of the open design (it may not be stored yet)


class _Results(QObject):
    done = Signal(int, object, object, str)  # generation, [TrendPoint], {name: stamp}, error


class TrendCanvas(QWidget):
    """Paints the figure; the same function writes PNG, SVG and the printed page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trend_canvas")
        self.figure = TrendFigure((), TREND_METRICS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_figure(self, figure: TrendFigure) -> None:
        self.figure = figure
        self.setMinimumHeight(round(preferred_height(figure, self.width()) * 0.8))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
            if self.figure.points and self.figure.metrics:
                area = QRectF(self.rect()).adjusted(12, 8, -12, -8)
                paint_trend(painter, area, self.figure)
        finally:
            painter.end()


class TrendView(QWidget):
    """The tab: a tool bar (metrics, export, print), a note, and the chart."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("trend_view")
        self.window_ = window
        self.document = window.document
        self._design: Design | None = None
        self._stale = True
        self.generation = 0
        self.points: list[TrendPoint] = []
        self.chosen: list[str] = list(TREND_METRICS)
        # name → (updated stamp, point) of stored designs already evaluated
        self._cache: dict[str, tuple[datetime, TrendPoint]] = {}
        self.results = _Results(self)
        self.results.done.connect(self._done)
        self._handle = Handle(self.results)

        self.metrics_button = QToolButton(self)
        self.metrics_button.setObjectName("trend_metrics")
        self.metrics_button.setText(_("Metrics"))
        self.metrics_button.setToolTip(_("Choose the metrics to chart across the timeline"))
        self.metrics_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.metrics_menu = QMenu(self)
        self.metrics_menu.setObjectName("trend_metrics_menu")
        self.metric_actions: dict[str, QAction] = {}
        for title, main, detail in GROUPS:
            sub = self.metrics_menu.addMenu(_(title))
            for key in (*main, *detail):
                action = sub.addAction(label(key))
                action.setObjectName(f"trend_metric:{key}")
                action.setCheckable(True)
                action.setChecked(key in self.chosen)
                action.toggled.connect(lambda on, k=key: self.choose(k, on))
                self.metric_actions[key] = action
        self.metrics_button.setMenu(self.metrics_menu)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("trend_export")
        self.export_button.setText(_("Export…"))
        self.export_button.setToolTip(_("Save the trend chart as PNG or SVG"))
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("trend_print")
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(_("Print the trend chart"))
        self.status = QLabel(self)
        self.status.setObjectName("trend_status")
        self.status.setStyleSheet("color: #6B6B6B")
        bar = QToolBar(self)
        bar.setObjectName("trend_toolbar")
        bar.addWidget(self.metrics_button)
        bar.addSeparator()
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)
        bar.addSeparator()
        bar.addWidget(self.status)

        self.note = QLabel(self)
        self.note.setObjectName("trend_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.note.setContentsMargins(16, 12, 16, 12)
        self.canvas = TrendCanvas(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("trend_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll_area, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.export_button.clicked.connect(lambda _c=False: self.export_dialog())
        self.print_button.clicked.connect(lambda _c=False: self.print_dialog())
        self.document.designChanged.connect(self._set_design)
        self.document.projectChanged.connect(self._project_changed)
        # Designs added, removed, renamed, saved or given a year: the Designs list is rebuilt.
        listed = window.designs_panel.list.model()
        listed.rowsInserted.connect(lambda *_a: self.changed())
        listed.rowsRemoved.connect(lambda *_a: self.changed())
        self._set_design(self.document.design)
        self._show()

    # --- following the project -----------------------------------------------------------
    def _project_changed(self) -> None:
        self._cache.clear()
        self.changed()

    def _set_design(self, design: Design | None) -> None:
        if self._design is not None:
            try:
                self._design.changed.disconnect(self._on_event)
            except (RuntimeError, TypeError):
                pass
        self._design = design
        if design is not None:
            design.changed.connect(self._on_event)
        self.changed()

    def _on_event(self, _event: DesignEvent) -> None:
        self.changed()

    def changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.timer.start(0)

    def choose(self, key: str, on: bool) -> None:
        """Chart a metric (or stop charting it), in the order of the menu."""
        if on and key not in self.chosen:
            self.chosen.append(key)
        elif not on and key in self.chosen:
            self.chosen.remove(key)
        order = list(self.metric_actions)
        self.chosen.sort(key=lambda k: order.index(k) if k in order else len(order))
        self._show()

    # --- computing off the window's thread ------------------------------------------------
    def refresh(self) -> None:
        """Evaluate what changed on a worker thread; the newest answer is shown."""
        self._stale = False
        self.generation += 1
        generation = self.generation
        project = self.document.project
        design = self._design
        stored_name = self.window_.ops.stored_name
        snapshot = design.copy() if design is not None and design.year is not None else None
        cache = dict(self._cache)
        handle = self._handle
        self.status.setText(_("Evaluating the timeline…"))

        def job() -> None:
            try:
                infos = project.design_infos() if project is not None else []
                items: list[tuple[str, int | None, object]] = [
                    (i.name, i.year, i) for i in infos if i.name != stored_name
                ]
                if snapshot is not None:
                    items.append((snapshot.name, snapshot.year, OPEN))
                points, stamps = [], {}
                for name, year, source in timeline_order(items):
                    if source == OPEN:
                        assert snapshot is not None
                        points.append(trend_point(name, year, evaluate_anywhere(snapshot)))
                        continue
                    stamp = source.updated  # type: ignore[attr-defined]
                    known = cache.get(name)
                    if known is not None and known[0] == stamp and known[1].year == year:
                        point = known[1]
                    else:
                        assert project is not None
                        point = trend_point(
                            name, year, evaluate_anywhere(project.load_design(name))
                        )
                    points.append(point)
                    stamps[name] = (stamp, point)
            except (ClusterError, OSError) as exc:
                handle.call("done", generation, [], {}, str(exc))
            else:
                handle.call("done", generation, points, stamps, "")

        executor().submit(job)

    def _done(self, generation: int, points: object, stamps: object, error: str) -> None:
        if generation != self.generation:
            return  # a newer refresh is on its way
        assert isinstance(points, list) and isinstance(stamps, dict)
        self._cache = stamps
        self.points = points
        self.status.setText(error)
        self._show()

    @property
    def busy(self) -> bool:
        return self._stale or self.status.text() == _("Evaluating the timeline…")

    # --- showing --------------------------------------------------------------------------
    def figure(self) -> TrendFigure:
        project = self.document.project
        title = _("Trend across the timeline")
        if project is not None:
            title = _("Trend across the timeline — {project}").format(
                project=Path(str(self.document.project_path or "")).stem or title
            )
        return TrendFigure(tuple(self.points), tuple(self.chosen), title)

    def _show(self) -> None:
        figure = self.figure()
        has_points = bool(figure.points)
        if not has_points:
            self.note.setText(self.no_year_text())
        elif len(figure.points) == 1:
            self.note.setText(
                _(
                    "Only one design has a year. Give another design its year to see how the "
                    "metrics change along the timeline."
                )
            )
        elif not figure.metrics:
            self.note.setText(_("Choose metrics to chart with the Metrics button."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.scroll_area.setVisible(has_points)
        self.canvas.show_figure(figure)
        ready = has_points and bool(figure.metrics)
        self.export_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def no_year_text(self) -> str:
        """How to give a design its year: in the properties when they have the field."""
        if self.window_.findChild(QWidget, "design_year") is not None:
            return _(
                "<b>No design of this project has a year yet.</b><br>Give each design the "
                "year it depicts — today's map 2024, the plan 2030 — in the design's "
                "properties (Year), or with <code>design.year</code> in a JSON file you import. "
                "The designs with a year form the timeline and are charted here, oldest first."
            )
        return _(
            "<b>No design of this project has a year yet.</b><br>Give each design the year it "
            "depicts — today's map 2024, the plan 2030 — with <code>design.year</code> in a "
            "JSON file: export the design as JSON, add the year and import it again with "
            "Replace. The designs with a year form the timeline and are charted here, oldest "
            "first."
        )

    # --- export and print -----------------------------------------------------------------
    def export_dialog(self) -> Path | None:
        if not self.figure().points:
            return None
        filters = [(_("PNG pictures (*.png)"), ".png"), (_("SVG drawings (*.svg)"), ".svg")]
        path = ask_figure_path(
            self, self.window_, _("Export Trend Chart"), _("trend"), "trend", filters
        )
        return None if path is None else self.export_to(path)

    def export_to(self, path: Path) -> Path | None:
        figure = self.figure()
        return write_figure(self, self.window_, path, lambda p: export_trend(figure, p))

    def print_dialog(self) -> None:
        if not self.figure().points:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self.window_.printing.options.page_layout())
        printer.setDocName(_("Trend chart"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print Trend Chart"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """The chart on one page, as large as the page allows at its own proportions."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, _("Printing failed"), _("The printer could not be opened."))
            return
        try:
            page = printer.pageLayout().paintRectPixels(printer.resolution())
            scale = printer.resolution() / 96.0
            width = page.width() / scale
            height = min(page.height() / scale, preferred_height(self.figure(), width) * 1.2)
            painter.scale(scale, scale)
            paint_trend(painter, QRectF(0, 0, width, height), self.figure())
        finally:
            painter.end()


def install_trend(window: MainWindow) -> TrendView:
    """Add the Trend tab beside the map (once)."""
    existing = window.findChild(TrendView, "trend_view")
    if existing is not None:
        return existing
    view = TrendView(window)
    tabs: QTabWidget = window.canvas_tabs
    tabs.addTab(view, _("Trend"))
    tabs.setTabToolTip(
        tabs.indexOf(view),
        _("Chosen metrics across the timeline: the designs of the project that have a year"),
    )
    return view


__all__ = ["TrendCanvas", "TrendView", "install_trend"]
