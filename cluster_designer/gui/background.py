"""Run one blocking job (a save that may wait for a repository lock) off the window's thread.

The caller still gets the job's result or exception in sequence, as if the call were direct,
but meanwhile the window keeps painting: a local event loop runs while a worker thread does
the job. User input is held back until it ends, so the design cannot change under the save,
and a progress dialog appears when the job takes longer than a moment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from cluster_designer.i18n import _

T = TypeVar("T")
PROGRESS_DELAY_MS = 400  # quicker jobs show nothing

_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Drop,
        QEvent.Type.Close,
    }
)


class _Relay(QObject):
    done = Signal()


class _InputHold(QObject):
    """Swallows the user's input for every widget while the job runs, except the progress
    dialog's own Stop button."""

    def __init__(self, allowed: QWidget | None = None) -> None:
        super().__init__()
        self.allowed = allowed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _INPUT:
            return False
        allowed = self.allowed
        inside = (
            allowed is not None
            and isinstance(watched, QWidget)
            and (watched is allowed or allowed.isAncestorOf(watched))
        )
        if inside:
            return event.type() == QEvent.Type.Close  # the dialog is not closed by hand
        return True


def run_in_background(
    parent: QWidget | None,
    job: Callable[[], T],
    text: str,
    cancel: Callable[[], None] | None = None,
) -> T:
    """Run `job` on a worker thread and return its result (or raise its exception).

    With `cancel`, the progress dialog has a Stop button that calls it (from the window's
    thread); the job is expected to end soon after, raising what it raises when stopped.
    """
    outcome: dict[str, Any] = {}
    relay = _Relay()
    finished = threading.Event()
    # The job's end posts an event to this thread, which wakes the wait below.
    relay.done.connect(finished.set, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            outcome["value"] = job()
        except BaseException as exc:  # noqa: BLE001 — handed to the caller's thread below
            outcome["error"] = exc
        finally:
            relay.done.emit()

    app = QApplication.instance()
    assert app is not None
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setObjectName("background_progress")
    if cancel is None:
        progress.setCancelButton(None)
    else:
        stop = QPushButton(_("Stop"), progress)
        stop.setObjectName("background_stop")
        stop.setToolTip(_("Stop now; nothing is written"))
        progress.setCancelButton(stop)
        progress.canceled.connect(lambda: _stop(progress, stop, cancel))
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    hold = _InputHold(progress if cancel is not None else None)
    app.installEventFilter(hold)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.reset()
    progress.hide()
    reveal = QTimer()
    reveal.setSingleShot(True)
    reveal.timeout.connect(progress.show)
    reveal.start(PROGRESS_DELAY_MS)
    thread = threading.Thread(target=work, name="cluster-designer-save", daemon=True)
    thread.start()
    try:
        # Events are processed until the job ends; not a nested QEventLoop.exec(), which
        # returns at once once the application was asked to quit.
        while not finished.is_set():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        thread.join()
    finally:
        reveal.stop()
        progress.hide()
        progress.deleteLater()
        app.removeEventFilter(hold)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _stop(progress: QProgressDialog, button: QPushButton, cancel: Callable[[], None]) -> None:
    """Stop pressed: ask the job to stop, and say so while it winds down."""
    button.setEnabled(False)
    progress.setLabelText(_("Stopping…"))
    progress.show()
    cancel()
