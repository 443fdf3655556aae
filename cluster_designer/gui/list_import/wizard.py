"""File ▸ Import List…: the wizard that turns a list planners already have into a design.

Pages: the list (file, sheet, first rows) → its columns → the region's places → review of
actors, ties and names → where to put it. Reading and building run off the window's thread
(`JobRunner`); the wizard only holds the current mapping and the last result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from cluster_designer.i18n import pgettext
from cluster_designer.io.lists import (
    End,
    ListMapping,
    ListResult,
    ListTable,
    NamePair,
    build_list,
    list_candidates,
    read_list_table,
    read_mapping,
)
from cluster_designer.model import ClusterError, Design, Sector

from ..dialogs import design_name_problem, unique_name
from .jobs import JobRunner
from .review_pages import ReviewPage, TargetPage
from .source_pages import PREVIEW_ROWS, ColumnsPage, RegionPage, SourcePage

if TYPE_CHECKING:
    from collections.abc import Callable


def _empty_mapping() -> ListMapping:
    return ListMapping(ends=(End("", Sector.COMPANY),))


class ListImportWizard(QWizard):
    """Collects a mapping and a target; `importRequested` carries them when Finish is pressed.

    `existing` gives the design names of the project and the design open now (for merging),
    `taken_name` says why a new design name cannot be used (None when it can).
    """

    importRequested = Signal(object)  # ImportRequest

    def __init__(
        self,
        parent: QWidget | None,
        *,
        design_names: Callable[[], list[str]],
        current_design: Callable[[], Design | None],
        start_dir: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listImportWizard")
        self.setWindowTitle(pgettext("list import", "Import List"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, pgettext("list import", "Import"))
        self.resize(980, 720)
        self._design_names = design_names
        self._current_design = current_design
        self.start_dir = start_dir
        self.path = ""
        self.preview_table: ListTable | None = None
        self.table: ListTable | None = None
        self.saved_mapping: ListMapping | None = None
        self.mapping_path: str | None = None
        self.mapping = _empty_mapping()
        self.list_result: ListResult | None = None
        self.pairs: list[NamePair] = []
        self.jobs = JobRunner(self)
        self.source = SourcePage(self)
        self.columns = ColumnsPage(self)
        self.region = RegionPage(self)
        self.review = ReviewPage(self)
        self.target = TargetPage(self)
        for page in (self.source, self.columns, self.region, self.review, self.target):
            self.addPage(page)
        self.jobs.busyChanged.connect(self._busy_changed)

    # --- reading -------------------------------------------------------------------------
    def read_preview(self, choices: dict[str, Any]) -> None:
        path = self.path
        self.preview_table = None
        self.table = None
        self.list_result = None

        def job() -> ListTable:
            return read_list_table(path, max_rows=PREVIEW_ROWS, **choices)

        self.jobs.run(job, self._preview_read, self.source.show_error)

    def _preview_read(self, table: ListTable) -> None:
        self.preview_table = table
        self.source.show_preview(table)

    def choose_saved_mapping(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            pgettext("list import", "Use a Saved Mapping"),
            self.start_dir,
            pgettext("list import", "Mapping files (*.toml)"),
        )
        if path:
            self.use_saved_mapping(path)

    def use_saved_mapping(self, path: str | Path) -> bool:
        try:
            mapping = read_mapping(path)
        except (ClusterError, OSError) as error:
            self.source.mapping_note.setText("")
            self.source.show_error(str(error))
            return False
        self.saved_mapping = mapping
        self.mapping_path = str(path)
        self.source.mapping_note.setText(
            pgettext("list import", "Using {file}: its columns, region and name decisions.").format(
                file=Path(path).name
            )
        )
        self.source.apply_mapping_settings(mapping)
        return True

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is self.source:
            return self._read_whole_list()
        return super().validateCurrentPage()

    def _read_whole_list(self) -> bool:
        """Leaving the first page: the whole list is read (off the window's thread); the
        wizard moves on when it arrives."""
        if self.table is not None:
            return True
        if self.preview_table is None or self.jobs.busy:
            return False
        choices = self.source.choices()
        path = self.path
        self.source.status.setText(pgettext("list import", "Reading the whole list…"))

        def job() -> ListTable:
            return read_list_table(path, **choices)

        self.jobs.run(job, self._whole_list_read, self.source.show_error)
        return False

    def _whole_list_read(self, table: ListTable) -> None:
        self.table = table
        base = self.saved_mapping or self.mapping
        self.mapping = replace(
            base,
            sheet=table.sheet,
            header_row=table.header_row,
            encoding=self.source.choices()["encoding"],
        )
        self.next()

    # --- building ------------------------------------------------------------------------
    def build(self) -> None:
        """Read every row with the current mapping; the review page shows the result."""
        table, mapping = self.table, self.mapping
        if table is None:
            return
        merging_into = self._merge_target()
        existing = [a.name for a in merging_into.actors.values()] if merging_into else []
        self.list_result = None
        self.review.building()

        def job() -> tuple[ListResult, list[NamePair]]:
            result = build_list(table, mapping, existing)
            return result, list_candidates(result, merging_into)

        self.jobs.run(job, self._built, self.review.show_error)

    def _merge_target(self) -> Design | None:
        """The open design as a snapshot: probable duplicates include its actors."""
        design = self._current_design()
        return None if design is None else design.copy()

    def _built(self, built: tuple[ListResult, list[NamePair]]) -> None:
        self.list_result, self.pairs = built
        self.review.show_result(*built)

    def _busy_changed(self, busy: bool) -> None:
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            widget = self.button(button)
            if widget is not None and busy:
                widget.setEnabled(False)
        if not busy:
            page = self.currentPage()
            if page is not None:
                page.completeChanged.emit()

    # --- the target ----------------------------------------------------------------------
    def design_names(self) -> list[str]:
        return self._design_names()

    def current_design_name(self) -> str | None:
        design = self._current_design()
        return None if design is None else design.name

    def default_design_name(self) -> str:
        stem = Path(self.path).stem if self.path else pgettext("list import", "List")
        return unique_name(stem, self.design_names())

    def name_problem(self, name: str) -> str | None:
        return design_name_problem(name, self.design_names())

    def default_mapping_path(self) -> str:
        if self.mapping_path:
            return self.mapping_path
        base = Path(self.path) if self.path else Path(self.start_dir) / "list"
        return str(base.with_suffix(".toml"))

    def request(self) -> ImportRequest:
        target = self.target
        return ImportRequest(
            table=self.table,  # type: ignore[arg-type]
            mapping=self.mapping,
            new_design=target.new.isChecked(),
            name=target.name.text().strip(),
            region=target.region.text().strip(),
            existing=target.design.currentText(),
        )

    def accept(self) -> None:
        if self.table is None or self.list_result is None:
            return
        self.importRequested.emit(self.request())
        super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.cancel()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.jobs.cancel()
        self.jobs.wait()
        super().done(result)


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What Finish asks for: the list, the mapping, and a new design or an existing one."""

    table: ListTable
    mapping: ListMapping
    new_design: bool
    name: str
    region: str
    existing: str
