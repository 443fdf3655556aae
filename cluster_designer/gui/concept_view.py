"""The Concept tab beside the map: the open design as the cluster concept figure, kept up to
date while drawing, optionally beside another design of the project on the same scale.

The numbers come from `analysis.concept.concept_summary` (one pass over the ties); it runs
only while the tab is shown, a moment after the last edit. The other design is loaded on a
worker thread. Export writes SVG, PDF or PNG; Print puts the figure on a page with the title
block.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis.concept import ConceptSummary, concept_summary
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design, DesignEvent

from .evaluation.compare_work import executor
from .figure_files import ask_figure_path, write_figure
from .printing.concept_export import concept_figures, export_concept
from .printing.concept_figure import ConceptOptions, paint_concepts
from .printing.concept_page import print_concept_page
from .threads import Handle

if TYPE_CHECKING:
    from .main_window import MainWindow

REFRESH_MS = 250
SCREEN_TEXT_SCALE = 1.15  # a screen is read from further away than paper (one figure)
MIN_FIGURE_MM = (125.0, 135.0)
NONE = ""


class _Loader(QObject):
    """Reports a design loaded (and summarised) on a worker thread."""

    loaded = Signal(str, object, str)  # name, ConceptSummary | None, error


class _DesignChoice(QComboBox):
    """Lists the project's other designs afresh each time it opens."""

    aboutToShow = Signal()

    def showPopup(self) -> None:
        self.aboutToShow.emit()
        super().showPopup()


class _Scroll(QScrollArea):
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ConceptCanvas(QWidget):
    """Paints the figures; nothing to click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concept_canvas")
        self.across = True
        self.summaries: list[ConceptSummary] = []
        self.titles: list[str] = []
        self.options = ConceptOptions()

    def show_figures(
        self, summaries: list[ConceptSummary], titles: list[str], options: ConceptOptions
    ) -> None:
        self.summaries, self.titles, self.options = summaries, titles, options
        self.update()

    def text_scale(self) -> float:
        """Larger text for one figure; two share the room at the paper's size."""
        return SCREEN_TEXT_SCALE if len(self.summaries) < 2 else 1.0

    def fit(self, viewport: QSize) -> None:
        """Side by side or one above the other, whichever needs less scrolling in `viewport`;
        each figure gets at least MIN_FIGURE_MM (grown with the screen's text scale)."""
        mm = self.logicalDpiX() / 25.4
        n = max(1, len(self.summaries))
        w, h = (v * mm * self.text_scale() for v in MIN_FIGURE_MM)
        gap, pad = 8 * mm, 8 * mm
        across = QSize(round(n * w + (n - 1) * gap + pad), round(h + pad))
        stacked = QSize(round(w + pad), round(n * h + (n - 1) * gap + pad))

        def overflow(need: QSize) -> int:
            return max(0, need.width() - viewport.width()) + max(
                0, need.height() - viewport.height()
            )

        self.across = n == 1 or overflow(across) <= overflow(stacked)
        self.setMinimumSize(across if self.across else stacked)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.summaries:
            mm = self.logicalDpiX() / 25.4
            area = QRectF(self.rect()).adjusted(4 * mm, 4 * mm, -4 * mm, -4 * mm)
            figures = concept_figures(self.summaries, self.options, self.titles)
            paint_concepts(painter, area, mm, figures, SCREEN_TEXT_SCALE, side_by_side=self.across)
        painter.end()


class ConceptView(QWidget):
    """The tab: options on top, the figure below."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("concept_view")
        self.window_ = window
        self.document = window.document
        self._design: Design | None = None
        self._stale = True
        self._beside: ConceptSummary | None = None
        self._beside_name = NONE
        self._summary: ConceptSummary | None = None
        self.loader = _Loader(self)
        self.loader.loaded.connect(self._beside_loaded)
        self.loader_handle = Handle(self.loader)

        self.width_by = QComboBox(self)
        self.width_by.setObjectName("concept_width_by")
        self.width_by.addItem(_("Number of ties"), "ties")
        self.width_by.addItem(_("Density"), "density")
        self.width_by.setToolTip(_("What the width of the bands between sectors shows"))
        self.subtypes = QCheckBox(_("Split by subtype"), self)
        self.subtypes.setObjectName("concept_subtypes")
        self.subtypes.setToolTip(
            _("Divide each sector by its actors' subtypes (SME, municipality…)")
        )
        self.beside = _DesignChoice(self)
        self.beside.setObjectName("concept_beside")
        self.beside.setToolTip(
            _("Draw another design of the project first, beside this one, on the same scale")
        )
        self.beside.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.beside.addItem(_("(no other design)"), NONE)
        self.export_button = QPushButton(_("Export…"), self)
        self.export_button.setObjectName("concept_export")
        self.export_button.setToolTip(_("Save the concept figure as SVG, PDF or PNG"))
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setObjectName("concept_print")
        self.print_button.setToolTip(_("Print the concept figure with the title block"))
        self.status = QLabel(self)
        self.status.setObjectName("concept_status")
        self.status.setStyleSheet("color: #6B6B6B")

        # A tool bar, not a row of widgets: in a narrow window what does not fit goes into
        # its overflow menu (the least used options last) instead of widening the window.
        bar = QToolBar(self)
        bar.setObjectName("concept_toolbar")
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)
        bar.addSeparator()
        bar.addWidget(QLabel(_("Beside:"), self))
        bar.addWidget(self.beside)
        bar.addSeparator()
        bar.addWidget(QLabel(_("Band width:"), self))
        bar.addWidget(self.width_by)
        bar.addWidget(self.subtypes)
        bar.addWidget(self.status)
        self.canvas = ConceptCanvas(self)
        self.scroll_area = _Scroll(self)
        self.scroll_area.setObjectName("concept_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.resized.connect(self._fit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.scroll_area, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.width_by.currentIndexChanged.connect(lambda _i: self._show())
        self.subtypes.toggled.connect(lambda _on: self._show())
        self.beside.activated.connect(lambda _i: self._choose_beside())
        self.beside.aboutToShow.connect(self._fill_beside)
        self.export_button.clicked.connect(self.export_dialog)
        self.print_button.clicked.connect(self.print_dialog)
        self.document.designChanged.connect(self._set_design)
        self.document.projectChanged.connect(self._fill_beside)
        self._set_design(self.document.design)

    # --- following the design --------------------------------------------------------
    def options(self) -> ConceptOptions:
        return ConceptOptions(
            width_by=str(self.width_by.currentData()), subtypes=self.subtypes.isChecked()
        )

    def _set_design(self, design: Design | None) -> None:
        if self._design is not None:
            self._design.changed.disconnect(self._on_event)
        self._design = design
        if design is not None:
            design.changed.connect(self._on_event)
        self._fill_beside()
        self._changed()

    def _on_event(self, _event: DesignEvent) -> None:
        self._changed()

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Recount the open design (only while the tab is shown)."""
        self._stale = False
        design = self._design
        self._summary = None if design is None else concept_summary(design)
        self._show()

    def _show(self) -> None:
        summaries, titles = [], []
        if self._beside is not None and self._summary is not None:
            summaries.append(self._beside)
            titles.append(self._beside.design)
        if self._summary is not None:
            summaries.append(self._summary)
            titles.append(self._summary.design)
        self.canvas.show_figures(summaries, titles, self.options())
        self._fit()
        enabled = self._summary is not None
        self.export_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def _fit(self) -> None:
        self.canvas.fit(self.scroll_area.viewport().size())

    def shown_summaries(self) -> list[ConceptSummary]:
        return list(self.canvas.summaries)

    # --- the other design -------------------------------------------------------------
    def _fill_beside(self) -> None:
        project = self.document.project
        shown = {
            self._design.name if self._design is not None else "",
            self.window_.ops.stored_name,
        }
        try:
            stored = project.design_names() if project is not None else []
        except ClusterError:
            stored = []
        names = sorted((n for n in stored if n not in shown), key=str.casefold)
        current = self._beside_name
        self.beside.blockSignals(True)
        self.beside.clear()
        self.beside.addItem(_("(no other design)"), NONE)
        for name in names:
            self.beside.addItem(name, name)
        index = self.beside.findData(current)
        self.beside.setCurrentIndex(max(index, 0))
        self.beside.blockSignals(False)
        if index < 0 and current != NONE:
            self._beside_name, self._beside = NONE, None
            self._show()

    def _choose_beside(self) -> None:
        name = str(self.beside.currentData() or NONE)
        self._beside_name = name
        self._beside = None
        self._show()
        project = self.document.project
        if name == NONE or project is None:
            self.status.clear()
            return
        self.status.setText(_("Loading {name}…").format(name=name))
        loaded = self.loader_handle  # the worker never holds the view (gui/threads.py)

        def job() -> None:
            try:
                summary = concept_summary(project.load_design(name))
            except ClusterError as exc:
                loaded.call("loaded", name, None, str(exc))
            else:
                loaded.call("loaded", name, summary, "")

        executor().submit(job)

    def _beside_loaded(self, name: str, summary: ConceptSummary | None, error: str) -> None:
        if name != self._beside_name:
            return  # another choice came meanwhile
        self.status.setText(error)
        self._beside = summary
        self._show()

    # --- export and print -------------------------------------------------------------
    def export_dialog(self) -> Path | None:
        summaries = self.shown_summaries()
        if not summaries:
            return None
        filters = [
            (_("SVG drawings (*.svg)"), ".svg"),
            (_("PDF documents (*.pdf)"), ".pdf"),
            (_("PNG pictures (*.png)"), ".png"),
        ]
        path = ask_figure_path(
            self,
            self.window_,
            _("Export Concept Figure"),
            summaries[-1].design,
            "concept",
            filters,
        )
        return None if path is None else self.export_to(path)

    def export_to(self, path: Path) -> Path | None:
        summaries, options = self.shown_summaries(), self.options()
        return write_figure(
            self, self.window_, path, lambda p: export_concept(summaries, p, options)
        )

    def print_dialog(self) -> None:
        summaries = self.shown_summaries()
        if not summaries or self._design is None:
            return
        options = self.window_.printing.options
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(options.page_layout())
        printer.setDocName(_("Concept figure"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print Concept Figure"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_concept_page(printer, self._design, summaries, self.options(), options)
        except (OSError, ClusterError) as error:
            QMessageBox.warning(self, _("Printing failed"), str(error))


def install_concept(window: MainWindow) -> ConceptView:
    """Add the Concept tab beside the map (once)."""
    existing = window.findChild(ConceptView, "concept_view")
    if existing is not None:
        return existing
    view = ConceptView(window)
    tabs: QTabWidget = window.canvas_tabs
    tabs.addTab(view, _("Concept"))
    tabs.setTabToolTip(
        tabs.indexOf(view),
        _("The design as the cluster concept: sectors, the ties between them, what flows in"),
    )
    return view


__all__ = ["ConceptCanvas", "ConceptView", "Qt", "install_concept"]
