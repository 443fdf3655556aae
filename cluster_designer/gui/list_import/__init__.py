"""File ▸ Import List…: lists planners already have (contracts, awards, rolls) as designs.

`ListImportOps` opens the wizard and carries out what it asks for, off the window's thread:
a new design is built and stored through a connection of its own, then opened; an addition
to an existing design becomes one undoable step on that design.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from cluster_designer.i18n import ngettext, pgettext
from cluster_designer.io.lists import MergePlan, build_list, make_design, plan_merge
from cluster_designer.model import Design
from cluster_designer.storage import Project

from ..commands import AddItemsCommand
from .jobs import JobRunner
from .wizard import ImportRequest, ListImportWizard

if TYPE_CHECKING:
    from ..main_window import MainWindow

__all__ = ["ImportRequest", "ListImportOps", "ListImportWizard"]


class ListImportOps:
    """What File ▸ Import List… does for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.jobs = JobRunner(window)
        self.wizard: ListImportWizard | None = None
        self.progress: QProgressDialog | None = None

    def open_wizard(self) -> ListImportWizard | None:
        """Show the wizard (not modal: the window stays usable); None without a project."""
        document = self.window.document
        if document.project is None:
            return None
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        wizard = ListImportWizard(
            self.window,
            design_names=self._design_names,
            current_design=lambda: self.window.document.design,
            start_dir=self.window.ops.start_dir(),
        )
        wizard.importRequested.connect(self.carry_out)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _wizard_closed(self, _result: int) -> None:
        if self.wizard is not None:
            if self.wizard.path:
                self.window.ops.remember_dir(self.wizard.path)
            self.wizard.deleteLater()
        self.wizard = None

    def _design_names(self) -> list[str]:
        project = self.window.document.project
        return [] if project is None else list(project.design_names())

    # --- carrying out --------------------------------------------------------------------
    def carry_out(self, request: ImportRequest) -> None:
        if request.new_design:
            self._create(request)
        else:
            self._add(request)

    def _busy(self, text: str) -> None:
        dialog = QProgressDialog(text, "", 0, 0, self.window)
        dialog.setObjectName("listImportProgress")
        dialog.setWindowTitle(pgettext("list import", "Import List"))
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.progress = dialog

    def _idle(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, message: str) -> None:
        self._idle()
        QMessageBox.warning(self.window, pgettext("list import", "Cannot import the list"), message)

    def _create(self, request: ImportRequest) -> None:
        project = self.window.document.project
        if project is None:
            return
        location = project.path

        def job() -> str:
            result = build_list(request.table, request.mapping)
            with Project.open(location) as writer:  # its own connection: this is another thread
                design = make_design(result, request.name, request.region, writer.actor_ids())
                writer.import_design(design)
            return design.name

        self._busy(pgettext("list import", "Making the design from the list…"))
        self.jobs.run(job, self._created, self._failed)

    def _created(self, name: str) -> None:
        self._idle()
        ops = self.window.ops
        ops.refresh_designs()
        if ops.switch_design(name):
            self.window.statusBar().showMessage(
                pgettext("list import", "Made design “{name}” from the list").format(name=name),
                6000,
            )

    def _add(self, request: ImportRequest) -> None:
        ops, document = self.window.ops, self.window.document
        project = document.project
        if project is None or not ops.switch_design(request.existing):
            return
        design = document.design
        if design is None:
            return
        snapshot = design.copy()
        taken = project.actor_ids()

        def job() -> MergePlan:
            names = [a.name for a in snapshot.actors.values()]
            result = build_list(request.table, request.mapping, names)
            return plan_merge(result, snapshot, taken)

        self._busy(pgettext("list import", "Adding the list to the design…"))
        self.jobs.run(job, lambda plan: self._added(design, request, plan), self._failed)

    def _added(self, design: Design, request: ImportRequest, plan: MergePlan) -> None:
        self._idle()
        document = self.window.document
        if document.design is not design:
            self._failed(
                pgettext("list import", "The design was closed before the list could be added.")
            )
            return
        if plan.empty:
            self.window.statusBar().showMessage(
                pgettext(
                    "list import", "The design already has every organization and tie of the list"
                ),
                6000,
            )
            return
        text = pgettext("list import", "Import list {file}").format(file=request.table.file)
        if document.push(AddItemsCommand(design, plan.actors, plan.ties, text=text)):
            matched = len(plan.matched)
            self.window.statusBar().showMessage(
                pgettext("list import", "{added}, {ties}; {matched}").format(
                    added=ngettext("{n} actor added", "{n} actors added", len(plan.actors)).format(
                        n=len(plan.actors)
                    ),
                    ties=ngettext("{n} tie added", "{n} ties added", len(plan.ties)).format(
                        n=len(plan.ties)
                    ),
                    matched=ngettext(
                        "{n} organization was already on the map",
                        "{n} organizations were already on the map",
                        matched,
                    ).format(n=matched),
                ),
                8000,
            )
