"""Reading and building a list off the window's thread, one job at a time, newest wins.

Each job is a plain function; its result comes back through a signal on the window's thread.
A job started while another runs replaces it: the older result is dropped when it arrives,
so a planner who changes the sheet twice quickly only ever sees the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from cluster_designer.model import ClusterError


class _Thread(QThread):
    finished_with = Signal(int, object, str)  # generation, result, error text

    def __init__(self, generation: int, job: Callable[[], Any], parent: QObject) -> None:
        super().__init__(parent)
        self.generation = generation
        self.job = job

    def run(self) -> None:
        try:
            result = self.job()
        except ClusterError as error:
            self.finished_with.emit(self.generation, None, str(error))
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            self.finished_with.emit(self.generation, None, f"{where}{error.strerror or error}")
        else:
            self.finished_with.emit(self.generation, result, "")


class JobRunner(QObject):
    """`run(job, on_done, on_error)`; `busyChanged(bool)` while a job is out."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._threads: set[_Thread] = set()
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
        self._handlers = {self._generation: (on_done, on_error)}
        thread = _Thread(self._generation, job, self)
        thread.finished_with.connect(self._finished)
        thread.finished.connect(lambda t=thread: self._forget(t))
        self._threads.add(thread)
        thread.start()
        self.busyChanged.emit(True)

    def cancel(self) -> None:
        """Drop the result of the job that is out (it finishes in the background)."""
        self._handlers.clear()
        self.busyChanged.emit(False)

    def wait(self) -> None:
        """Block until every thread has ended (closing the wizard, tests)."""
        for thread in list(self._threads):
            thread.wait()

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

    def _forget(self, thread: _Thread) -> None:
        self._threads.discard(thread)
        thread.deleteLater()
