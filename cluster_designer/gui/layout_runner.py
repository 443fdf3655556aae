"""Run an automatic layout off the GUI thread and apply it as one undo step.

The layout works on a copy of the design, so the user's edits and the worker never touch
the same objects; a progress dialog offers Cancel, and a cancelled run changes nothing. The
worker is a plain Python thread that reaches the runner through a `Handle`: a window closed
while a layout runs takes no running thread with it, and the late result goes nowhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cluster_designer.analysis.layout import force_layout, sector_location_layout
from cluster_designer.analysis.results import Cancelled
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design

from .commands import SetActorFieldsCommand
from .document import Document
from .threads import Handle, start_thread

Positions = dict[str, tuple[float, float]]


class _Run:
    """One layout run; its worker thread holds this and a `Handle`, never the runner."""

    def __init__(self) -> None:
        self.cancel_requested = False


def _work(job: Callable[[Callable[[], bool]], Positions], run: _Run, handle: Handle) -> None:
    try:
        result = job(lambda: run.cancel_requested)
        if not run.cancel_requested:
            handle.call("_apply", run, result)
    except Cancelled:
        pass
    except (ClusterError, ValueError, ArithmeticError) as exc:
        handle.call("_failed", run, str(exc))
    finally:
        handle.call("_finished", run)


class LayoutRunner(QObject):
    """Starts one layout at a time; `done(applied)` fires when it ends (applied or not)."""

    done = Signal(bool)

    def __init__(self, document: Document, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.document = document
        self.parent_widget = parent_widget
        self.dialog: QProgressDialog | None = None
        self._run: _Run | None = None
        self._handle = Handle(self)
        self._design: Design | None = None

    @property
    def running(self) -> bool:
        return self._run is not None

    def run_force(
        self, pinned: set[str] | frozenset[str] = frozenset(), seed: int = 1, iterations: int = 300
    ) -> bool:
        design = self.document.design
        if design is None:
            return False
        snapshot = design.copy(design.name)
        pins = frozenset(pinned)

        def job(cancelled: Callable[[], bool]) -> Positions:
            return force_layout(
                snapshot, pins, seed=seed, iterations=iterations, cancelled=cancelled
            )

        return self._start(job, _("Force-directed layout"), _("Arranging actors by their ties…"))

    def run_sector_location(self, region_rect: QRectF | None = None) -> bool:
        design = self.document.design
        if design is None:
            return False
        snapshot = design.copy(design.name)
        rect = region_rect or QRectF(0.0, 0.0, 1200.0, 800.0)
        box = (rect.x(), rect.y(), rect.width(), rect.height())

        def job(cancelled: Callable[[], bool]) -> Positions:
            return sector_location_layout(snapshot, box, cancelled=cancelled)

        return self._start(
            job, _("Arrange by sector and location"), _("Arranging actors by sector and location…")
        )

    def cancel(self) -> None:
        if self._run is not None:
            self._run.cancel_requested = True

    def _start(
        self, job: Callable[[Callable[[], bool]], Positions], undo_text: str, label: str
    ) -> bool:
        if self._run is not None:
            return False
        self._design = self.document.design
        self._undo_text = undo_text
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, self.parent_widget)
        dialog.setObjectName("layoutProgress")
        dialog.setWindowTitle(undo_text)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        run = self._run = _Run()
        self._applied = False
        handle = self._handle
        start_thread(lambda: _work(job, run, handle), "cluster-designer-layout")
        return True

    def _failed(self, run: _Run, message: str) -> None:
        if run is self._run:
            self.document.commandFailed.emit(message)

    def _apply(self, run: _Run, positions: Positions) -> None:
        design = self.document.design
        if design is None or design is not self._design or run is not self._run:
            return
        if run.cancel_requested:
            return
        values = {
            actor_id: {"x": x, "y": y}
            for actor_id, (x, y) in positions.items()
            if actor_id in design.actors
            and (design.actor(actor_id).x, design.actor(actor_id).y) != (x, y)
        }
        if values:
            self._applied = self.document.push(
                SetActorFieldsCommand(design, values, self._undo_text)
            )

    def _finished(self, run: _Run) -> None:
        if run is not self._run:
            return
        self._run = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.done.emit(self._applied)
