"""Reading and building a list off the window's thread, one job at a time, newest wins.

Each job is a plain function; its result comes back on the window's thread. A job started
while another runs replaces it: the older result is dropped when it arrives, so a planner
who changes the sheet twice quickly only ever sees the last one.

Jobs run on plain Python threads, never on a `QThread` owned by a widget: a wizard closed
(and deleted) while a job is still reading must not take a running thread object with it,
which crashed the process. Results come back through a `Handle` (gui/threads.py), which
hands each result to its runner only while that runner still exists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from cluster_designer.model import ClusterError

from ..threads import Handle


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
        self._handle = Handle(self)
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
        handle, threads, lock = self._handle, self._threads, self._lock

        def work() -> None:
            try:
                result, error = _outcome(job)
                handle.call("_finished", generation, result, error)
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
