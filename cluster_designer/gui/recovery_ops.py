"""The crash copy of unsaved work: written aside now and then, offered back when its project
opens again, dropped once the work is saved or discarded.

Apart from the project operations (window_ops.py) because it runs on a timer and a thread of
its own; the files themselves are the store's business (recovery.py).
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from cluster_designer.i18n import _, format_datetime
from cluster_designer.model import ClusterError, Design, local_time
from cluster_designer.storage import mask_password

from .dialogs import unique_name

if TYPE_CHECKING:
    from .main_window import MainWindow

Button = QMessageBox.StandardButton


class RecoveryOps:
    """Autosave and recovery for one window's open design."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document = window.document

    def autosave(self, wait: bool = False) -> str | None:
        """Keep the unsaved design aside for a crash. The design is snapshotted here (cheap)
        and serialised and written on a background thread, so the window never waits for it;
        `wait` waits for the write and returns its path (tests, and callers that need it)."""
        project, design = self.document.project, self.document.design
        if project is None or design is None or not self.document.modified:
            return None
        future = self.window.recovery.write_later(
            recovery_key(project.path), design, self.window.ops.stored_name or ""
        )
        future.add_done_callback(self._autosaved_relay)
        if not wait:
            return None
        try:
            path = future.result()
        except (OSError, ClusterError):
            return None  # reported by the callback
        return None if path is None else str(path)

    def _autosaved_relay(self, future: Future) -> None:
        """Runs on the autosave thread: hand a failure to the window's thread."""
        error = future.exception()
        if error is not None:
            self.window.autosave_failed.emit(str(error))

    def discard(self) -> None:
        """Drop the open project's crash copy: its work was saved or given up."""
        if self.document.project is not None:
            self.discard_for(self.document.project.path)

    def discard_for(self, project_path: str | Path) -> None:
        try:
            self.window.recovery.discard(recovery_key(project_path))
        except OSError:
            pass

    def offer(self) -> tuple[Design, str | None] | None:
        """Offer unsaved work an autosave left for the open project. If the user takes it:
        the design to show and the name it is stored under (None: not in the project yet)."""
        project = self.document.project
        assert project is not None
        entry = self.window.recovery.find(recovery_key(project.path))
        if entry is None:
            return None
        when = format_datetime(local_time(entry.saved))
        answer = QMessageBox.question(
            self.window,
            _("Recover Unsaved Changes"),
            _(
                "Cluster Designer was closed with unsaved changes to “{design}” (autosaved "
                "{when}).\n\nRestore them? If you don't, they are deleted."
            ).format(design=entry.design_name or _("a new design"), when=when),
            Button.Yes | Button.No,
            Button.Yes,
        )
        if answer != Button.Yes:
            self.discard_for(project.path)
            return None
        try:
            recovered = entry.load()
            if entry.design_name and project.has_design(entry.design_name):
                design = project.load_design(entry.design_name)
                replace_content(design, recovered)
                return design, entry.design_name
            return recovered.copy(unique_name(recovered.name, project.design_names())), None
        except (ClusterError, OSError) as exc:
            QMessageBox.warning(self.window, _("Cannot restore"), str(exc))
            return None


def recovery_key(project_path: str | Path) -> str | Path:
    """How a project is named in the recovery folder: a repository's password is never written."""
    return project_path if isinstance(project_path, Path) else mask_password(project_path)


def replace_content(design: Design, source: Design) -> None:
    """Make a stored design hold another design's content, so saving writes it to the same row."""
    design.remove_actors(list(design.actors))
    design.add_actors(list(source.actors.values()))
    design.add_ties([t.with_changes(uid=0) for t in source.ties.values()])
    design.set_meta(name=source.name, region=source.region, description=source.description)
