"""Reading and building a list off the window's thread, one job at a time, newest wins.

Each job is a plain function; its result comes back on the window's thread. A job started
while another runs replaces it: the older result is dropped when it arrives, so a planner
who changes the sheet twice quickly only ever sees the last one.

Jobs run on plain Python threads, never on a `QThread` owned by a widget: a wizard closed
(and deleted) while a job is still reading must not take a running thread object with it,
which crashed the process. Results travel through one relay object that lives as long as
the application and hands each result to its runner only while that runner still exists.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from cluster_designer.model import ClusterError

_runner_ids = count(1)
_runners: weakref.WeakValueDictionary[int, JobRunner] = weakref.WeakValueDictionary()


class _Relay(QObject):
    """Created once on the window's thread and never deleted; emitted from worker threads."""

    finished_with = Signal(int, int, object, str)  # runner id, generation, result, error

    def deliver(self, runner_id: int, generation: int, result: object, error: str) -> None:
        runner = _runners.get(runner_id)
        if runner is not None and shiboken6.isValid(runner):
            runner._finished(generation, result, error)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            _relay.moveToThread(app.thread())
        _relay.finished_with.connect(_relay.deliver, Qt.ConnectionType.QueuedConnection)
    return _relay


def _outcome(job: Callable[[], Any]) -> tuple[object, str]:
    try:
        return job(), ""
    except ClusterError as error:
        return None, str(error)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return None, f"{where}{error.strerror or error}"


class JobRunner(QObject):
    """`run(job, on_done, on_error)`; `busyChanged(bool)` while a job is out."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._id = next(_runner_ids)
        _runners[self._id] = self
        self._relay = _the_relay()
        self._generation = 0
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._handlers: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}

    @property
    def busy(self) -> bool:
        return self._generation in self._handlers

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        self._generation += 1
        generation = self._generation
        self._handlers = {generation: (on_done, on_error)}
        relay, runner_id, threads, lock = self._relay, self._id, self._threads, self._lock

        def work() -> None:
            try:
                result, error = _outcome(job)
                relay.finished_with.emit(runner_id, generation, result, error)
            finally:
                with lock:
                    threads.discard(threading.current_thread())

        thread = threading.Thread(target=work, name="cluster-designer-list", daemon=True)
        with lock:
            threads.add(thread)
        thread.start()
        self.busyChanged.emit(True)

    def cancel(self) -> None:
        """Drop the result of the job that is out (it finishes in the background)."""
        self._handlers.clear()
        self.busyChanged.emit(False)

    def wait(self) -> None:
        """Block until every job has ended (closing the wizard, tests)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join()

    def _finished(self, generation: int, result: object, error: str) -> None:
        handlers = self._handlers.pop(generation, None)
        if handlers is None:
            return
        self.busyChanged.emit(False)
        on_done, on_error = handlers
        if error:
            on_error(error)
        else:
            on_done(result)
