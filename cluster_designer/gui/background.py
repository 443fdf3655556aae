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
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

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
    """Swallows the user's input for every widget while the job runs."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in _INPUT


def run_in_background(parent: QWidget, job: Callable[[], T], text: str) -> T:
    """Run `job` on a worker thread and return its result (or raise its exception)."""
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

    hold = _InputHold()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(hold)
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setObjectName("background_progress")
    progress.setCancelButton(None)
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
