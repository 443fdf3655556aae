"""File ▸ Page Setup, Print Preview, Print and Export Diagram, added to a main window.

`install_printing(window)` uses only the window's public parts (document, scene, acts,
settings, its File menu) so the main window needs a single call and no other knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from cluster_designer.analysis import Diagnosis, Evaluation
from cluster_designer.analysis.suggest import Suggestions
from cluster_designer.i18n import _, pgettext
from cluster_designer.model import ClusterError

from ..evaluation.worker import EvaluationResult, EvaluationRunner
from .composer import PageComposer
from .dialogs import PngOptions, PngOptionsDialog, PrintOptionsDialog
from .export import export_pdf, export_png, export_svg
from .options import PageOptions
from .sheet import SheetInfo

if TYPE_CHECKING:
    from cluster_designer.model import Design

    from ..main_window import MainWindow

PRINT_DPI = 96  # the canvas's cosmetic pens and point-size fonts are laid out in screen units


def ask_print_options(
    parent: QWidget, options: PageOptions, ok_text: str = "OK"
) -> PageOptions | None:
    dialog = PrintOptionsDialog(options, parent, ok_text)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_png_options(parent: QWidget, options: PngOptions) -> PngOptions | None:
    dialog = PngOptionsDialog(options, parent)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def make_printer(options: PageOptions, doc_name: str = "") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setResolution(PRINT_DPI)
    printer.setPageLayout(options.page_layout())
    printer.setDocName(doc_name or _("Cluster Designer diagram"))
    return printer


class PrintingController(QObject):
    """Holds the page setup for the session and runs print, preview and the diagram exports."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("printing_controller")
        self.window = window
        self.options = PageOptions()
        self.png_options = PngOptions()
        self._preview_printer: QPrinter | None = None
        self.actions: dict[str, QAction] = {}
        specs: tuple[
            tuple[str, str, str, tuple[QKeySequence | str, ...], Callable[[], object]], ...
        ] = (
            (
                "file_page_setup",
                _("Page Set&up…"),
                _("Paper, margins, title block, metrics page and poster tiling"),
                (),
                self.page_setup,
            ),
            (
                "file_print_preview",
                _("Print Pre&view…"),
                _("See the printed pages before printing"),
                (),
                self.preview,
            ),
            (
                "file_print",
                _("&Print…"),
                _("Print the diagram with legend and title block"),
                (QKeySequence(QKeySequence.StandardKey.Print), "Ctrl+P"),
                self.print_diagram,
            ),
            (
                "file_export_pdf",
                _("PDF…"),
                _("Save the printed pages as a PDF file (vector)"),
                (),
                self.export_pdf,
            ),
            (
                "file_export_svg",
                _("SVG…"),
                _("Save the diagram as an SVG drawing (vector, for Inkscape or the web)"),
                (),
                self.export_svg,
            ),
            (
                "file_export_png",
                _("PNG…"),
                _("Save the diagram as a PNG picture"),
                (),
                self.export_png,
            ),
        )
        for name, text, tip, keys, slot in specs:
            action = QAction(text, window)
            action.setObjectName(name)
            action.setStatusTip(tip)
            action.setToolTip(text.replace("&", "").rstrip("…"))
            sequences = [QKeySequence(k) if isinstance(k, str) else k for k in keys]
            unique = [
                s for i, s in enumerate(sequences) if not s.isEmpty() and s not in sequences[:i]
            ]
            if unique:
                action.setShortcuts(unique)
            action.triggered.connect(slot)
            self.actions[name] = action
        window.document.designChanged.connect(self._update_enabled)
        self._update_enabled()
        # The metrics page needs an evaluation: the Evaluation panel's when it is up to date,
        # otherwise one run off the window's thread before printing goes on.
        self.runner = EvaluationRunner(parent=self)
        self.runner.finished.connect(self._evaluated)
        self.runner.failed.connect(
            lambda text: self._fail(pgettext("metrics page", "Printing failed"), text)
        )
        self._evaluation: tuple[Evaluation, Diagnosis] | None = None
        self._waiting: Callable[[], object] | None = None
        self._last_outcome: object = None

    # --- menus ---------------------------------------------------------------------------
    def add_to_menu(self, file_menu: QMenu, before: QAction | None) -> QMenu:
        """Put the actions in the File menu (before Quit) with an Export Diagram submenu."""
        export_menu = QMenu(_("Export &Diagram"), file_menu)
        export_menu.setObjectName("menu_export_diagram")
        export_menu.addActions(
            [self.actions[n] for n in ("file_export_pdf", "file_export_svg", "file_export_png")]
        )
        for name in ("file_page_setup", "file_print_preview", "file_print"):
            if before is not None:
                file_menu.insertAction(before, self.actions[name])
            else:
                file_menu.addAction(self.actions[name])
        if before is not None:
            file_menu.insertMenu(before, export_menu)
            file_menu.insertSeparator(before)
        else:
            file_menu.addMenu(export_menu)
        return export_menu

    def _update_enabled(self, *_args: object) -> None:
        has_design = self._design() is not None
        for action in self.actions.values():
            action.setEnabled(has_design)

    def _design(self) -> Design | None:
        return self.window.document.design

    def _shown(self) -> Design:
        """The design on the canvas; every action is disabled while there is none."""
        design = self.window.document.design
        if design is None:
            raise ClusterError(_("no design is open"))
        return design

    def _info(self, options: PageOptions) -> SheetInfo:
        return SheetInfo.for_design(self._shown(), options.author, options.note)

    def _composer(self, options: PageOptions) -> PageComposer:
        return PageComposer(
            self.window.scene,
            options,
            self._info(options),
            self._evaluation,
            suggestions=self._suggestions(),
        )

    def _suggestions(self) -> Suggestions | None:
        """The Suggest tab's ties, if they are for the design as it is now."""
        ui = getattr(self.window, "dynamics_ui", None)
        view = getattr(getattr(ui, "panel", None), "suggest", None)
        if view is None or view.stale or view.result is None:
            return None
        return view.result if view.result.design == self._shown().name else None

    # --- the evaluation for the metrics page ---------------------------------------------
    def _panel_result(self) -> tuple[Evaluation, Diagnosis] | None:
        """The Evaluation panel's numbers, if they are those of the design as it is now."""
        ui = getattr(self.window, "evaluation_ui", None)
        panel = getattr(ui, "panel", None)
        if panel is None or panel.design is not self._design():
            return None
        result = panel.fresh_result()
        return None if result is None else (result.evaluation, result.diagnosis)

    def when_evaluated(self, then: Callable[[], object], options: PageOptions) -> object:
        """Run `then` once the metrics page's evaluation is at hand (at once when no metrics
        page is wanted or the panel's is fresh; else after a background run). Returns what
        `then` returned when it ran at once, None when it will run later."""
        self._evaluation = None
        if not options.include_metrics:
            return then()
        self._evaluation = self._panel_result()
        if self._evaluation is not None:
            return then()
        self._waiting = then
        self.window.statusBar().showMessage(_("Evaluating the design for the metrics page…"))
        self.runner.request(self._shown())
        if self._waiting is None:  # a small design: evaluated at once
            return self._last_outcome
        return None

    def _evaluated(self, result: EvaluationResult) -> None:
        self._evaluation = result.evaluation, result.diagnosis
        then, self._waiting = self._waiting, None
        self.window.statusBar().clearMessage()
        self._last_outcome = then() if then is not None else None

    # --- print ---------------------------------------------------------------------------
    def page_setup(self) -> None:
        chosen = ask_print_options(self.window, self.options)
        if chosen is not None:
            self.options = chosen

    def print_diagram(self) -> None:
        if self._design() is None:
            return
        self.when_evaluated(self._print_now, self.options)

    def _print_now(self) -> None:
        printer = make_printer(self.options, self._shown().name)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(_("Print Diagram"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page on a printer set up by a dialog; paper comes from the printer."""
        self.options = self.options.adopt_layout(printer.pageLayout())
        try:
            return self._composer(self.options).paint(printer)
        except (OSError, ClusterError) as error:
            self._fail(_("Printing failed"), str(error))
            return 0

    def preview(self) -> None:
        if self._design() is None:
            return
        self.when_evaluated(lambda: self.preview_dialog().exec(), self.options)

    def preview_dialog(self) -> QPrintPreviewDialog:
        # The dialog does not own the printer: keep it alive here.
        self._preview_printer = make_printer(self.options, self._shown().name)
        dialog = QPrintPreviewDialog(self._preview_printer, self.window)
        dialog.setObjectName("print_preview_dialog")
        dialog.setWindowTitle(_("Print Preview"))
        dialog.paintRequested.connect(self.print_to)
        return dialog

    # --- export --------------------------------------------------------------------------
    def export_pdf(self) -> Path | None:
        if self._design() is None:
            return None
        chosen = ask_print_options(self.window, self.options, _("Export…"))
        if chosen is None:
            return None
        self.options = chosen
        path = self._ask_path(_("Export Diagram as PDF"), ".pdf", _("PDF documents (*.pdf)"))
        if path is None:
            return None
        result = self.when_evaluated(
            lambda: self._run(
                lambda: export_pdf(
                    self.window.scene, path, chosen, self._info(chosen), self._evaluation
                ),
                path,
            ),
            chosen,
        )
        return result if isinstance(result, Path) else None

    def export_svg(self) -> Path | None:
        if self._design() is None:
            return None
        path = self._ask_path(_("Export Diagram as SVG"), ".svg", _("SVG drawings (*.svg)"))
        if path is None:
            return None
        info = self._info(self.options)
        return self._run(lambda: export_svg(self.window.scene, path, info), path)

    def export_png(self) -> Path | None:
        if self._design() is None:
            return None
        chosen = ask_png_options(self.window, self.png_options)
        if chosen is None:
            return None
        self.png_options = chosen
        path = self._ask_path(_("Export Diagram as PNG"), ".png", _("PNG pictures (*.png)"))
        if path is None:
            return None
        info = self._info(self.options)
        return self._run(
            lambda: export_png(
                self.window.scene,
                path,
                info,
                dpi=chosen.dpi,
                width_px=chosen.width_px,
                transparent=chosen.transparent,
            ),
            path,
        )

    def _ask_path(self, title: str, suffix: str, file_filter: str) -> Path | None:
        stem = re.sub(r'[\\/:*?"<>|]+', "_", self._shown().name).strip() or "diagram"
        folder = self.window.settings.last_directory()
        suggested = str(Path(folder) / f"{stem}{suffix}") if folder else f"{stem}{suffix}"
        answer = ask_save_path(self.window, title, suggested, file_filter)
        if answer is None:
            return None
        path = Path(answer)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.window.settings.set_last_directory(path.parent)
        return path

    def _run(self, job: Callable[[], object], path: Path) -> Path | None:
        try:
            job()
        except (OSError, ClusterError) as error:
            self._fail(_("Export failed"), str(error))
            return None
        self.window.statusBar().showMessage(_("Wrote {path}").format(path=path), 6000)
        return path

    def _fail(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)


def install_printing(window: MainWindow) -> PrintingController:
    """Add print, preview, page setup and diagram export to the window's File menu (once)."""
    existing = window.findChild(PrintingController, "printing_controller")
    if existing is not None:
        return existing
    controller = PrintingController(window)
    file_menu = window.findChild(QMenu, "menu_file")
    quit_action = window.findChild(QAction, "file_quit")
    if file_menu is not None:
        controller.add_to_menu(
            file_menu, quit_action if quit_action in file_menu.actions() else None
        )
    else:
        for action in controller.actions.values():
            window.addAction(action)
    return controller
