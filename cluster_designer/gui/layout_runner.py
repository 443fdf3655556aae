"""Run an automatic layout off the GUI thread and apply it as one undo step.

The layout works on a copy of the design, so the user's edits and the worker never touch
the same objects; a progress dialog offers Cancel, and a cancelled run changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cluster_designer.analysis.layout import force_layout, sector_location_layout
from cluster_designer.analysis.results import Cancelled
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design

from .commands import SetActorFieldsCommand
from .document import Document

Positions = dict[str, tuple[float, float]]


class _LayoutThread(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(
        self, job: Callable[[Callable[[], bool]], Positions], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._job = job
        self.cancel_requested = False

    def run(self) -> None:
        try:
            result = self._job(lambda: self.cancel_requested)
        except Cancelled:
            return
        except (ClusterError, ValueError, ArithmeticError) as exc:
            self.failed.emit(str(exc))
            return
        if not self.cancel_requested:
            self.succeeded.emit(result)


class LayoutRunner(QObject):
    """Starts one layout at a time; `done(applied)` fires when it ends (applied or not)."""

    done = Signal(bool)

    def __init__(self, document: Document, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.document = document
        self.parent_widget = parent_widget
        self.dialog: QProgressDialog | None = None
        self._thread: _LayoutThread | None = None
        self._design: Design | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

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

        def job(_cancelled: Callable[[], bool]) -> Positions:
            return sector_location_layout(snapshot, box)

        return self._start(
            job, _("Arrange by sector and location"), _("Arranging actors by sector and location…")
        )

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel_requested = True

    def _start(
        self, job: Callable[[Callable[[], bool]], Positions], undo_text: str, label: str
    ) -> bool:
        if self._thread is not None:
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
        thread = _LayoutThread(job, self)
        thread.succeeded.connect(self._apply)
        thread.failed.connect(self.document.commandFailed)
        thread.finished.connect(self._finished)
        self._thread = thread
        self._applied = False
        thread.start()
        return True

    def _apply(self, positions: Positions) -> None:
        design = self.document.design
        if (
            design is None
            or design is not self._design
            or (self._thread and self._thread.cancel_requested)
        ):
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

    def _finished(self) -> None:
        thread, self._thread = self._thread, None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if thread is not None:
            thread.deleteLater()
        self.done.emit(self._applied)
