"""The dynamics analyses off the window's thread; only the newest result of each kind is shown.

Every request takes a private snapshot of the design on the window's thread (`design.copy()`
costs milliseconds) and runs in a worker thread. The analyses are Python loops and short
numpy calls, which hand Python's lock back every few milliseconds, so the window keeps
painting (unlike igraph, which holds it for a whole call). Each kind of analysis — roles,
chain reaction, resilience, suggestions — has its own generation counter: a result whose
generation is not that kind's newest is dropped, so a slow run for an older state never
overwrites a newer one, and `cancel` makes a running suggestion search stop at its next
check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cluster_designer.analysis.results import Cancelled
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design

Compute = Callable[[Design, Callable[[], bool], Callable[[float], None]], Any]


@dataclass(frozen=True, slots=True)
class Job:
    kind: str
    generation: int
    snapshot: Design
    compute: Compute


class _Relay(QObject):
    """Lives on the window's thread; a worker's emit arrives there as a queued call."""

    done = Signal(str, int, object, str)  # kind, generation, result or None, error text
    progress = Signal(str, int, float)  # kind, generation, fraction done


class _Task(QRunnable):
    def __init__(self, job: Job, relay: _Relay, is_current: Callable[[str, int], bool]) -> None:
        super().__init__()
        self.job = job
        self.relay = relay
        self.is_current = is_current

    def run(self) -> None:
        job = self.job

        def cancelled() -> bool:
            return not self.is_current(job.kind, job.generation)

        def progress(fraction: float) -> None:
            self.relay.progress.emit(job.kind, job.generation, fraction)

        try:
            result = job.compute(job.snapshot, cancelled, progress)
        except Cancelled:
            self.relay.done.emit(job.kind, job.generation, None, "")
        except ClusterError as exc:
            self.relay.done.emit(job.kind, job.generation, None, str(exc))
        except Exception as exc:  # noqa: BLE001 — a worker must report, never die silently
            message = _("The analysis failed: {error}").format(error=exc)
            self.relay.done.emit(job.kind, job.generation, None, message)
        else:
            self.relay.done.emit(job.kind, job.generation, result, "")


class DynamicsRunner(QObject):
    """Runs analyses in worker threads and hands out only each kind's newest result."""

    finished = Signal(str, object)  # kind, result
    failed = Signal(str, str)  # kind, message for the planner
    progressed = Signal(str, float)  # kind, fraction done
    busyChanged = Signal(str, bool)  # kind, running

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generations: dict[str, int] = {}
        self.running: set[str] = set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.progress.connect(self._on_progress)

    def is_current(self, kind: str, generation: int) -> bool:
        return self.generations.get(kind) == generation

    def busy(self, kind: str) -> bool:
        return kind in self.running

    def request(self, kind: str, design: Design, compute: Compute) -> int:
        """Run `compute(snapshot, cancelled, progress)` on a copy of `design`; older runs of
        the same kind become stale. Returns the new generation."""
        generation = self.generations.get(kind, 0) + 1
        self.generations[kind] = generation
        self._set_busy(kind, True)
        self.pool.start(
            _Task(Job(kind, generation, design.copy(), compute), self._relay, self.is_current)
        )
        return generation

    def cancel(self, kind: str | None = None) -> None:
        """Make the running and pending runs of `kind` (or of every kind) stale."""
        for name in [kind] if kind is not None else list(self.generations):
            self.generations[name] = self.generations.get(name, 0) + 1
            self._set_busy(name, False)

    def shutdown(self) -> None:
        self.cancel()
        self.pool.waitForDone()

    def _on_done(self, kind: str, generation: int, result: object, error: str) -> None:
        if not self.is_current(kind, generation):
            return
        self._set_busy(kind, False)
        if result is not None:
            self.finished.emit(kind, result)
        elif error:
            self.failed.emit(kind, error)

    def _on_progress(self, kind: str, generation: int, fraction: float) -> None:
        if self.is_current(kind, generation):
            self.progressed.emit(kind, fraction)

    def _set_busy(self, kind: str, busy: bool) -> None:
        if busy and kind not in self.running:
            self.running.add(kind)
            self.busyChanged.emit(kind, True)
        elif not busy and kind in self.running:
            self.running.discard(kind)
            self.busyChanged.emit(kind, False)
