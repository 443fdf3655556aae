"""File ▸ Print Brief…: the meeting brief of the open design, printed or saved as a PDF.

The dialog asks for the baseline (another design of the project), the paper and the texts
of the cover. The analyses (evaluation, diagnosis, dynamics, suggestions) and the loading of
the baseline run on a worker thread on a snapshot of the open design; the window stays
usable meanwhile. A PDF is painted there too; a printer gets the pages on the window's
thread once the content is ready.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis.brief import BriefContent, brief_content
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design

from ..evaluation.compare_work import executor
from ..threads import Handle
from .brief import BriefComposer, BriefOptions, export_brief_pdf
from .concept_figure import ConceptOptions
from .options import PAGE_SIZES, PageOptions
from .sheet import SheetInfo

if TYPE_CHECKING:
    from ..main_window import MainWindow

NONE = ""


class BriefDialog(QDialog):
    """What goes into the brief, and whether it is printed or saved."""

    def __init__(
        self,
        options: BriefOptions,
        designs: list[str],
        baseline: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("brief_dialog")
        self.setWindowTitle(_("Print Brief"))
        self.choice = ""  # "print" or "pdf"
        self.baseline = QComboBox(self)
        self.baseline.setObjectName("brief_baseline")
        self.baseline.addItem(_("(none)"), NONE)
        for name in designs:
            self.baseline.addItem(name, name)
        self.baseline.setCurrentIndex(max(0, self.baseline.findData(baseline)))
        self.paper = QComboBox(self)
        self.paper.setObjectName("brief_paper")
        for name in ("A4", "A3"):
            if name in PAGE_SIZES:
                self.paper.addItem(name, name)
        self.paper.setCurrentIndex(max(0, self.paper.findData(options.page.page_size)))
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("brief_orientation")
        self.orientation.addItem(_("Landscape"), True)
        self.orientation.addItem(_("Portrait"), False)
        self.orientation.setCurrentIndex(0 if options.page.landscape else 1)
        self.author = QLineEdit(options.page.author, self)
        self.author.setObjectName("brief_author")
        self.author.setPlaceholderText(_("e.g. Regional Planning Office"))
        self.note = QLineEdit(options.page.note, self)
        self.note.setObjectName("brief_note")
        self.note.setPlaceholderText(_("e.g. Draft for the council meeting"))
        self.width_by = QComboBox(self)
        self.width_by.setObjectName("brief_width_by")
        self.width_by.addItem(_("Number of ties"), "ties")
        self.width_by.addItem(_("Density"), "density")
        self.width_by.setCurrentIndex(0 if options.concept.width_by == "ties" else 1)
        self.subtypes = QCheckBox(_("Split sectors by subtype"), self)
        self.subtypes.setObjectName("brief_subtypes")
        self.subtypes.setChecked(options.concept.subtypes)
        form = QFormLayout()
        form.addRow(_("Compare with:"), self.baseline)
        form.addRow(_("Paper size:"), self.paper)
        form.addRow(_("Orientation:"), self.orientation)
        form.addRow(_("Prepared by:"), self.author)
        form.addRow(_("Note:"), self.note)
        form.addRow(_("Concept figure, band width:"), self.width_by)
        form.addRow("", self.subtypes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.pdf_button = QPushButton(_("Save as PDF…"), self)
        self.pdf_button.setObjectName("brief_save_pdf")
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setObjectName("brief_print")
        self.print_button.setDefault(True)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.pdf_button.clicked.connect(lambda: self._choose("pdf"))
        self.print_button.clicked.connect(lambda: self._choose("print"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def options(self) -> BriefOptions:
        page = PageOptions(
            page_size=str(self.paper.currentData()),
            landscape=bool(self.orientation.currentData()),
            author=self.author.text().strip(),
            note=self.note.text().strip(),
        )
        concept = ConceptOptions(
            width_by=str(self.width_by.currentData()), subtypes=self.subtypes.isChecked()
        )
        return BriefOptions(page=page, concept=concept)

    def baseline_name(self) -> str:
        return str(self.baseline.currentData() or NONE)


class BriefController(QObject):
    """The File ▸ Print Brief… action and the work behind it."""

    finished = Signal(object)  # a Path (PDF written), an int (pages printed) or None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("brief_controller")
        self.window = window
        self.options = BriefOptions()
        self.baseline = NONE
        self.action = QAction(_("Print &Brief…"), window)
        self.action.setObjectName("file_print_brief")
        self.action.setStatusTip(
            _("A handout for a meeting: map, concept figure, key figures, diagnosis, dynamics")
        )
        self.action.triggered.connect(self.ask)
        self._handle = Handle(self)  # the worker's way back (gui/threads.py)
        self._job = 0
        self._then: Callable[[object], object] | None = None
        window.document.designChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self, *_args: object) -> None:
        self.action.setEnabled(self.window.document.design is not None)

    @property
    def busy(self) -> bool:
        return self._then is not None

    # --- asking ------------------------------------------------------------------------
    def _other_designs(self) -> list[str]:
        project = self.window.document.project
        design = self.window.document.design
        if project is None:
            return []
        shown = {design.name if design is not None else "", self.window.ops.stored_name}
        try:
            names = project.design_names()
        except ClusterError:
            return []
        return sorted((n for n in names if n not in shown), key=str.casefold)

    def ask(self) -> None:
        design = self.window.document.design
        if design is None or self.busy:
            return
        printing = self.window.printing.options  # the cover's texts as last typed
        options = self.options.with_page(author=printing.author, note=printing.note)
        dialog = BriefDialog(options, self._other_designs(), self.baseline, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.options = dialog.options()
        self.baseline = dialog.baseline_name()
        self.window.printing.options = printing.with_changes(
            author=self.options.page.author, note=self.options.page.note
        )
        if dialog.choice == "pdf":
            path = self._ask_path(design)
            if path is not None:
                self.save_pdf(path)
        else:
            self.print_brief()

    def _ask_path(self, design: Design) -> Path | None:
        stem = re.sub(r'[\\/:*?"<>|]+', "_", design.name).strip() or "brief"
        folder = self.window.settings.last_directory()
        name = _("{design} brief.pdf").format(design=stem)
        suggested = str(Path(folder) / name) if folder else name
        answer, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save Brief as PDF"), suggested, _("PDF documents (*.pdf)")
        )
        if not answer:
            return None
        path = Path(answer)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.window.settings.set_last_directory(path.parent)
        return path

    # --- the work ----------------------------------------------------------------------
    def save_pdf(self, path: Path) -> None:
        """Analyse and paint on a worker thread; `finished` gets the path (None on failure)."""
        info = self._info()
        options = self.options

        def work(content: BriefContent) -> object:
            export_brief_pdf(content, path, options, info)
            return path

        self._run(work, self._report_saved)

    def print_brief(self, printer: QPrinter | None = None) -> None:
        """Analyse on a worker thread, then print on this one (asking for the printer unless
        one is given); `finished` gets the number of pages (None when cancelled)."""
        info = self._info()
        options = self.options

        def paint(content: object) -> object:
            assert isinstance(content, BriefContent)
            target = printer
            if target is None:
                target = QPrinter(QPrinter.PrinterMode.HighResolution)
                target.setPageLayout(options.page.page_layout())
                target.setDocName(_("Meeting brief: {design}").format(design=info.design_name))
                dialog = QPrintDialog(target, self.window)
                dialog.setWindowTitle(_("Print Brief"))
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
            return BriefComposer(content, options, info).paint(target)

        self._run(lambda content: content, paint)

    def _info(self) -> SheetInfo:
        design = self.window.document.design
        assert design is not None
        return SheetInfo.for_design(design, self.options.page.author, self.options.page.note)

    def _run(
        self, work: Callable[[BriefContent], object], then: Callable[[object], object]
    ) -> None:
        design = self.window.document.design
        project = self.window.document.project
        if design is None:
            return
        snapshot = design.copy()  # the map as shown, unsaved edits included
        baseline_name = self.baseline
        self._job += 1
        job = self._job
        self._then = then
        self.action.setEnabled(False)
        self.window.statusBar().showMessage(_("Preparing the brief…"))
        handle = self._handle

        def task() -> None:
            try:
                baseline = None
                if baseline_name and project is not None:
                    baseline = project.load_design(baseline_name)
                content = brief_content(snapshot, baseline)
                result = work(content)
            except (ClusterError, OSError) as error:
                handle.call("_done", job, None, str(error))
            else:
                handle.call("_done", job, result, "")

        executor().submit(task)

    def _done(self, job: object, result: object, error: str) -> None:
        if job != self._job:
            return
        then, self._then = self._then, None
        self._update_enabled()
        self.window.statusBar().clearMessage()
        if error:
            QMessageBox.warning(self.window, _("The brief could not be made"), error)
            self.finished.emit(None)
            return
        outcome = then(result) if then is not None else result
        self.finished.emit(outcome)

    def _report_saved(self, result: object) -> object:
        if isinstance(result, Path):
            self.window.statusBar().showMessage(_("Wrote {path}").format(path=result), 6000)
        return result


def install_brief(window: MainWindow) -> BriefController:
    """File ▸ Print Brief…, after the other print entries (once)."""
    existing = window.findChild(BriefController, "brief_controller")
    if existing is not None:
        return existing
    controller = BriefController(window)
    file_menu = window.findChild(QMenu, "menu_file")
    anchor = window.findChild(QAction, "file_print")
    if file_menu is not None and anchor is not None and anchor in file_menu.actions():
        actions = file_menu.actions()
        after = actions.index(anchor) + 1
        before = actions[after] if after < len(actions) else None
        if before is not None:
            file_menu.insertAction(before, controller.action)
        else:
            file_menu.addAction(controller.action)
    else:
        window.addAction(controller.action)
    return controller
