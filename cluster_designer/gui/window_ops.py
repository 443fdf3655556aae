"""Project and design operations of the main window: open, save, switch, create, delete.

Each operation asks about unsaved changes where it would lose them, reports a refused file
in a message box with the core's own message, and never leaves a half-done state behind.
Import and export of CSV and JSON live in csv_json_dialogs.py, the crash copy in
recovery_ops.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cluster_designer.i18n import N_, _
from cluster_designer.model import ClusterError
from cluster_designer.storage import (
    ConflictError,
    DamagedProjectError,
    Project,
    StoppedError,
    conflict_choice,
    new_project_file,
)

from .background import run_in_background
from .commands import SetDesignMetaCommand
from .dialogs import ask_design_name, ask_save_changes, confirm, unique_name
from .panels import DesignRow
from .recovery_ops import recovery_key
from .repository_dialogs import ConflictAnswer, ask_conflict
from .salvage_dialog import recover_damaged_project
from .welcome import mark_project_opened

if TYPE_CHECKING:
    from .main_window import MainWindow

# The file-dialog filter, marked with N_() and translated where a dialog is opened.
PROJECT_FILTER = N_("Cluster Designer projects (*.cluster)")
Button = QMessageBox.StandardButton


class ProjectOps:
    """What the File and Design menus and the designs panel do."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document = window.document
        self.stored_name: str | None = None  # the current design's name in the project file
        self.saving = False  # a save is running in the background

    # --- questions ---------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current design (saved, discarded or unchanged)."""
        design = self.document.design
        if design is None or not self.document.modified:
            return True
        answer = ask_save_changes(self.window, design.name)
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.window.recovery_ops.discard()
            return True
        return False

    def _error(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.window, title, str(exc))

    def other_design_names(self) -> set[str]:
        project = self.document.project
        if project is None:
            return set()
        return set(project.design_names()) - {self.stored_name or ""}

    def start_dir(self) -> str:
        last = self.window.settings.last_directory()
        if last and Path(last).is_dir():
            return last
        return platformdirs.user_documents_dir()

    def remember_dir(self, path: str | Path) -> None:
        self.window.settings.set_last_directory(Path(path).parent)

    # --- projects ----------------------------------------------------------------------
    def open_project(self, path: str | Path, create: bool = False) -> bool:
        if not self.maybe_save():
            return False
        old_path = self.document.project_path
        try:
            self.document.open_project(path, create=create)
        except DamagedProjectError as exc:
            recovered = recover_damaged_project(self.window, exc)
            return recovered is not None and self.open_project(recovered)
        except ClusterError as exc:
            self._error(_("Cannot open project"), exc)
            return False
        if old_path is not None:
            self.window.recovery_ops.discard_for(old_path)
        project = self.document.project
        assert project is not None
        if isinstance(project.path, Path):
            self.window.settings.add_recent_file(project.path)
            self.remember_dir(project.path)
        mark_project_opened(self.window.settings)
        self.stored_name = None
        if not self._restore_recovered():
            names = project.design_names()
            last = self.window.settings.last_design(str(recovery_key(project.path)))
            if names:
                self._load(last if last in names else names[0])
        self.refresh_designs()
        if project.backup_path is not None:
            self.window.statusBar().showMessage(
                _("The project was upgraded; the old file was kept as {name}").format(
                    name=project.backup_path.name
                ),
                10000,
            )
        return True

    def _restore_recovered(self) -> bool:
        """Show the unsaved work an autosave left for this project, if the user wants it back."""
        restored = self.window.recovery_ops.offer()
        if restored is None:
            return False
        design, self.stored_name = restored
        self.document.set_design(design)
        self.document.undo_stack.resetClean()
        self.window.statusBar().showMessage(_("Unsaved changes restored; save to keep them."), 8000)
        return True

    def open_project_dialog(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open Project"), self.start_dir(), _(PROJECT_FILTER)
        )
        return bool(path) and self.open_project(path)

    def new_project(self) -> bool:
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("New Project"),
            str(Path(self.start_dir()) / _("Untitled.cluster")),
            _(PROJECT_FILTER),
        )
        return bool(path) and self.create_project(path)

    def create_project(self, path: str | Path) -> bool:
        """A new project file with one empty design; replaces a file the user chose to overwrite."""
        path = Path(path)
        if path.suffix != ".cluster":
            path = path.with_name(path.name + ".cluster")
        current = self.document.project_path
        if isinstance(current, Path) and path.resolve() == current.resolve():
            self._error(
                _("Cannot create project"),
                ClusterError(_("{name} is the project that is open now").format(name=path.name)),
            )
            return False
        if not self.maybe_save():
            return False
        self.document.set_design(None)  # the changes were saved or discarded above
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Built aside and put in place in one step: a file being replaced stays whole
            # until the new one is complete.
            with new_project_file(path, replace=True) as created:
                created.create_design(_("Design 1"))
        except (OSError, ClusterError) as exc:
            self._error(_("Cannot create project"), exc)
            return False
        return self.open_project(path)

    def save(self) -> bool:
        """Save the design. The database work — which may wait up to 15 s for another
        planner's save to release the repository — runs off the window's thread; the window
        keeps painting and shows progress, and a second save cannot start meanwhile."""
        design = self.document.design
        if design is None or self.document.project is None or self.saving:
            return False
        self.saving = True
        save_action = self.window.acts["file_save"]
        save_action.setEnabled(False)
        try:
            run_in_background(
                self.window,
                self.document.write,
                _("Saving “{name}”… (waiting for the project if someone else is saving)").format(
                    name=design.name
                ),
                cancel=self.document.project.cancel,
            )
            self.document.undo_stack.setClean()
        except ConflictError as exc:
            return self.resolve_conflict(exc)
        except StoppedError as exc:
            if exc.timed_out:
                self._error(_("Cannot save"), exc)
            else:
                self.window.statusBar().showMessage(
                    _("Save stopped; nothing was saved. Your changes are still here."), 8000
                )
            return False
        except DamagedProjectError as exc:
            QMessageBox.warning(
                self.window,
                _("Damaged Project"),
                _(
                    "{name} has been damaged since it was opened ({reason}); nothing was "
                    "written to it. Your changes are still here: keep them with File ▸ Copy "
                    "Design To… in another project."
                ).format(name=exc.path.name, reason=exc.reason),
            )
            return False
        except ClusterError as exc:
            self._error(_("Cannot save"), exc)
            return False
        finally:
            self.saving = False
            save_action.setEnabled(self.document.design is not None)
        renamed = self.stored_name is not None and self.stored_name != design.name
        old_name, self.stored_name = self.stored_name, design.name
        self.remember_design(design.name)
        self.window.recovery_ops.discard()
        self.refresh_designs()
        if renamed:
            message = _("Saved “{name}” (renamed from “{old}”)").format(
                name=design.name, old=old_name
            )
        else:
            message = _("Saved “{name}”").format(name=design.name)
        self.window.statusBar().showMessage(message, 6000)
        return True

    def save_as(self, path: str | Path | None = None) -> bool:
        """Copy the project file, then save the current design into the copy and continue there."""
        project = self.document.project
        if project is None or not isinstance(project.path, Path):
            return False
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                _("Save Project As"),
                str(project.path.with_name(project.path.stem + " copy.cluster")),
                _(PROJECT_FILTER),
            )
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        if target.suffix != ".cluster":
            target = target.with_name(target.name + ".cluster")
        if target.resolve() == project.path.resolve():
            return self.save()
        try:
            project.copy_file_to(target)
            copy = Project.open(target)
        except (OSError, ClusterError) as exc:
            self._error(_("Cannot save a copy"), exc)
            return False
        old_path = project.path
        project.close()
        self.document.project = copy
        self.document.projectChanged.emit()
        self.window.recovery_ops.discard_for(old_path)
        self.window.settings.add_recent_file(target)
        self.remember_dir(target)
        if self.document.design is not None:
            return self.save()
        return True

    def resolve_conflict(self, error: ConflictError) -> bool:
        """Someone else saved (or deleted) the design meanwhile: reload theirs or keep ours as new.

        True when nothing unsaved is left (reloaded, or saved under a new name).
        """
        project, design = self.document.project, self.document.design
        if project is None or design is None:
            return False
        answer = ask_conflict(self.window, error, project.design_names())
        if answer is ConflictAnswer.RELOAD:
            self.window.recovery_ops.discard()
            ok = self._load(self.stored_name or error.design_name)
            self.refresh_designs()
            if ok:
                self.window.statusBar().showMessage(
                    _("Reloaded “{design_name}” as saved by someone else").format(
                        design_name=error.design_name
                    ),
                    6000,
                )
            return ok
        if answer is not ConflictAnswer.SAVE_AS_NEW:
            return False
        names = project.design_names()
        suggested = conflict_choice(error, names).suggested_name
        name = ask_design_name(
            self.window, _("Save as New Design"), _("Name for your version:"), suggested, names
        )
        if name is None:
            return False
        try:
            project.save_design_as_new(design, name)
        except ClusterError as exc:
            self._error(_("Cannot save"), exc)
            return False
        self.document.undo_stack.setClean()
        self.stored_name = name
        self.window.recovery_ops.discard()
        self.refresh_designs()
        self.window.update_title()
        self.window.statusBar().showMessage(
            _("Saved your version as “{name}”").format(name=name), 6000
        )
        return True

    # --- designs -----------------------------------------------------------------------
    def _load(self, name: str) -> bool:
        try:
            self.document.open_design(name)
        except ClusterError as exc:
            self._error(_("Cannot open design"), exc)
            return False
        self.stored_name = name
        self.remember_design(name)
        return True

    def remember_design(self, name: str) -> None:
        """The design to show when this project is opened next time."""
        project = self.document.project
        if project is not None:
            self.window.settings.set_last_design(str(recovery_key(project.path)), name)

    def switch_design(self, name: str) -> bool:
        if self.document.design is not None and name == self.stored_name:
            return True
        if not self.maybe_save():
            return False
        ok = self._load(name)
        self.refresh_designs()
        return ok

    def new_design(self) -> None:
        project = self.document.project
        if project is None:
            return
        names = project.design_names()
        name = ask_design_name(
            self.window,
            _("New Design"),
            _("Name of the new design:"),
            unique_name(_("Design"), names),
            names,
        )
        if name is None:
            return
        try:
            project.create_design(name)
        except ClusterError as exc:
            self._error(_("Cannot create design"), exc)
            return
        self.refresh_designs()
        self.switch_design(name)

    def rename_design(self, name: str | None) -> None:
        project = self.document.project
        if project is None or name is None:
            return
        taken = set(project.design_names()) - {name}
        design = self.document.design
        current = name == self.stored_name and design is not None
        shown = design.name if current and design is not None else name
        new = ask_design_name(
            self.window,
            _("Rename Design"),
            _("New name for “{name}”:").format(name=shown),
            shown,
            taken,
        )
        if new is None or new == shown:
            return
        if current and design is not None:
            # The open design is renamed like any other edit: one undo step, stored on Save.
            self.document.push(
                SetDesignMetaCommand(
                    design, "name", new, text=_("Rename design to “{name}”").format(name=new)
                )
            )
            return
        try:
            project.rename_design(name, new)
        except ClusterError as exc:
            self._error(_("Cannot rename design"), exc)
            return
        self.refresh_designs()
        self.window.update_title()

    def duplicate_design(self, name: str | None) -> None:
        """A copy to start a scenario from: the open design as shown, unsaved edits included."""
        project = self.document.project
        if project is None or name is None:
            return
        names = project.design_names()
        new = ask_design_name(
            self.window,
            _("Duplicate Design"),
            _("Name of the copy of “{name}”:").format(name=name),
            unique_name(f"{name} (scenario)", names),
            names,
        )
        if new is None:
            return
        try:
            if name == self.stored_name and self.document.design is not None:
                project.import_design(self.document.design.copy(new))
            else:
                project.duplicate_design(name, new)
        except ClusterError as exc:
            self._error(_("Cannot duplicate design"), exc)
            return
        self.refresh_designs()
        self.switch_design(new)

    def delete_design(self, name: str | None) -> None:
        project = self.document.project
        if project is None or name is None:
            return
        current = name == self.stored_name
        detail = _("This cannot be undone.")
        if current and self.document.modified:
            detail = _("It is open and has unsaved changes. This cannot be undone.")
        if not confirm(
            self.window,
            _("Delete Design"),
            _("Delete the design “{name}” from the project?").format(name=name),
            detail,
            _("Delete"),
        ):
            return
        try:
            project.delete_design(name)
        except ClusterError as exc:
            self._error(_("Cannot delete design"), exc)
            return
        if current:
            self.window.recovery_ops.discard()
            self.document.set_design(None)
            self.stored_name = None
            remaining = project.design_names()
            if remaining:
                self._load(remaining[0])
        self.refresh_designs()

    def refresh_designs(self) -> None:
        project = self.document.project
        if project is None:
            self.window.designs_panel.set_rows([], enabled=False)
            return
        design = self.document.design
        rows = []
        try:
            infos = project.design_infos()
        except ClusterError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        for info in infos:
            if design is not None and info.name == self.stored_name:
                rows.append(
                    DesignRow(
                        design.name,
                        design.region,
                        len(design),
                        len(design.ties),
                        True,
                        self.document.modified,
                        design.year,
                    )
                )
            else:
                rows.append(
                    DesignRow(
                        info.name, info.region, info.actor_count, info.tie_count, year=info.year
                    )
                )
        if design is not None and self.stored_name is None:
            rows.append(
                DesignRow(
                    design.name,
                    design.region,
                    len(design),
                    len(design.ties),
                    True,
                    True,
                    design.year,
                )
            )
        self.window.designs_panel.set_rows(rows)
