"""The open project, the design being edited, its undo stack and its file state.

Panels and the canvas go through the document; "modified" is the undo stack's clean state.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cluster_designer.model import ClusterError, Design
from cluster_designer.storage import Project
from cluster_designer.storage.writes import no_gc

from .commands import DesignCommand


class Document(QObject):
    """One window's working state. Signals let views follow without owning model objects."""

    projectChanged = Signal()  # a project was opened or closed
    designChanged = Signal(object)  # the edited Design (or None) was replaced
    modifiedChanged = Signal(bool)
    commandFailed = Signal(str)  # a pushed edit the model refused; the text is for users

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.design: Design | None = None
        self._heap_settled = False  # the open design's objects are frozen (see settle_heap)
        self._project_ids: frozenset[str] | None = None  # ids of the stored designs
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        # A method rather than a lambda: Qt drops the connection when the document is deleted.
        self.modifiedChanged.emit(not clean)

    # --- state -------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def project_path(self) -> Path | str | None:
        return None if self.project is None else self.project.path

    def push(self, command: DesignCommand) -> bool:
        """Run an edit as one undo step. False (and `commandFailed`) if the model refused it."""
        self.undo_stack.push(command)
        if command.error is not None:
            self.commandFailed.emit(command.error)
            return False
        return True

    # --- project and design ------------------------------------------------------------
    def open_project(self, path: str | Path, create: bool = False) -> None:
        """Open (or create) a project; the caller has already dealt with unsaved changes."""
        project = Project.open(path, create=create)
        self.close_project()
        self.project = project
        self.projectChanged.emit()

    def close_project(self) -> None:
        self.set_design(None)
        if self.project is not None:
            self.project.close()
            self.project = None
            self.projectChanged.emit()

    def open_design(self, name: str) -> Design:
        if self.project is None:
            raise RuntimeError("no project is open")
        # One collection first, of what was made since the last one: the previous design is
        # still frozen (see settle_heap), so this walks only the window's young objects (a
        # few ms). No automatic collection then while the design is loaded and its canvas
        # built: loading 50,000 actors used to set off two, each walking every object made
        # so far and freeing nothing (about 240 ms); and none before the first frame either
        # (`settle_heap` only freezes what there is).
        gc.collect()
        with no_gc():
            design = self.project.load_design(name)
            self._set_design(design, collected=True)
        return design

    def set_design(self, design: Design | None) -> None:
        with no_gc():
            self._set_design(design)

    def _set_design(self, design: Design | None, collected: bool = False) -> None:
        """`collected`: nothing but the design and its canvas was made since the last
        collection (as `open_design` does it), so there is nothing to collect before freezing."""
        if self._heap_settled:  # what the previous design left behind may be collected again
            gc.unfreeze()
            self._heap_settled = False
        self.undo_stack.clear()
        self.design = design
        self._project_ids = None
        self.undo_stack.setClean()
        self.designChanged.emit(design)
        self.modifiedChanged.emit(False)
        if design is not None and len(design) >= SETTLE_HEAP_MIN_ACTORS:
            settle_heap(collect=not collected)
            self._heap_settled = True

    def settle_heap_again(self) -> None:
        """Freeze what was made for the open design since it was opened (a big canvas makes
        its actor items after the first frame: 260,000 objects at 50,000 actors, which every
        full collection walked, 80 ms on the window's thread). Nothing is collected first:
        those pieces make no cyclic garbage, and the next `set_design` unfreezes it all."""
        if self._heap_settled:
            gc.freeze()

    def other_actor_ids(self) -> frozenset[str]:
        """Actor ids the project's stored designs use, read once per opened design: a new
        actor's id avoids them, so ids never mean different actors in different designs."""
        if self._project_ids is None:
            ids: frozenset[str] = frozenset()
            if self.project is not None:
                try:
                    ids = frozenset(self.project.actor_ids())
                except ClusterError:
                    ids = frozenset()  # unreadable now: this design's own ids still count
            self._project_ids = ids
        return self._project_ids

    def save(self) -> None:
        """Write the design into the project in one transaction; the old data stays on failure."""
        self.write()
        self.undo_stack.setClean()

    def write(self) -> None:
        """The database part of `save`, safe to run on a worker thread while the design is
        left alone (the window holds input back meanwhile); `save` = `write` + mark clean."""
        if self.project is None or self.design is None:
            return
        self.project.save_design(self.design)


SETTLE_HEAP_MIN_ACTORS = 5000  # below this there are too few objects to be worth freezing


def settle_heap(collect: bool = True) -> None:
    """Collect (unless `collect` is False), then exempt what survives (the open design, its
    items) from later scans.

    A 10,000-actor design leaves millions of long-lived objects; every full collection that
    Python starts on its own then walks all of them — 140 ms at some random moment, e.g. in
    the middle of a drag or when an evaluation starts. Freezing them after an open makes
    those collections cheap; the next `set_design` unfreezes, so nothing of a closed design
    stays exempt for good.

    `Document.open_design` collects before loading instead: a collection here walks every
    object of the new design (0.12-0.24 s of a 50,000-actor open, before its first frame)
    and finds nothing, since loading and building the canvas make no cyclic garbage and the
    design replaced is freed by reference counting the moment it is let go
    (tests/gui/test_document_heap.py holds both).
    """
    if collect:
        gc.collect()
    gc.freeze()
