"""Evaluations off the GUI thread, newest design wins.

The model is not thread-safe, so every run starts from a `design.copy()` taken on the GUI
thread. Each run carries a generation number; a result whose generation is not the newest
is dropped, so a slow run for an older design never overwrites a newer one. Small designs
are evaluated at once on the GUI thread (a few milliseconds), big ones in a thread pool.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cluster_designer.analysis import Diagnosis, Evaluation, EvaluationCancelled, diagnose, evaluate
from cluster_designer.model import ClusterError, Design

# From this many actors on, evaluations run in a worker thread with a busy indicator.
BACKGROUND_MIN_ACTORS = 300


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    generation: int
    evaluation: Evaluation
    diagnosis: Diagnosis


@dataclass(frozen=True, slots=True)
class EvaluationJob:
    """One run: its generation and a private snapshot of the design."""

    generation: int
    snapshot: Design

    def compute(self, cancelled: Callable[[], bool] | None = None) -> EvaluationResult:
        ev = evaluate(self.snapshot, cancelled=cancelled)
        return EvaluationResult(self.generation, ev, diagnose(ev))


class _Relay(QObject):
    """Lives on the GUI thread; a worker's emit arrives there as a queued call."""

    done = Signal(int, object, str)  # generation, EvaluationResult or None, error text


class _Task(QRunnable):
    def __init__(self, job: EvaluationJob, relay: _Relay, is_current: Callable[[int], bool]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job = job
        self.relay = relay
        self.is_current = is_current

    def run(self) -> None:
        gen = self.job.generation
        try:
            result = self.job.compute(cancelled=lambda: not self.is_current(gen))
        except EvaluationCancelled:
            self.relay.done.emit(gen, None, "")
        except ClusterError as exc:
            self.relay.done.emit(gen, None, str(exc))
        except Exception as exc:  # noqa: BLE001 — a worker must report, never die silently
            self.relay.done.emit(gen, None, f"The evaluation failed: {exc}")
        else:
            self.relay.done.emit(gen, result, "")


class EvaluationRunner(QObject):
    """Runs evaluations and hands out only the newest result."""

    finished = Signal(object)  # EvaluationResult of the newest request
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, background_min_actors: int = BACKGROUND_MIN_ACTORS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.background_min_actors = background_min_actors
        self.generation = 0
        self._busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tasks: dict[int, _Task] = {}
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return self._busy

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def prepare(self, design: Design) -> EvaluationJob:
        """Snapshot the design (GUI thread) under a new generation; older runs become stale."""
        self.generation += 1
        return EvaluationJob(self.generation, design.copy())

    def request(self, design: Design) -> int:
        """Evaluate `design` now (small) or in the background (big); returns the generation."""
        job = self.prepare(design)
        if len(job.snapshot) < self.background_min_actors:
            self._set_busy(False)
            try:
                self.deliver(job.compute())
            except ClusterError as exc:
                self.failed.emit(str(exc))
            return job.generation
        self.submit(job)
        return job.generation

    def submit(self, job: EvaluationJob) -> None:
        task = _Task(job, self._relay, self.is_current)
        self._tasks[job.generation] = task
        self._set_busy(True)
        self._pool.start(task)

    def deliver(self, result: EvaluationResult) -> bool:
        """Show a result unless a newer request exists; True when it was taken."""
        if not self.is_current(result.generation):
            return False
        self._set_busy(False)
        self.finished.emit(result)
        return True

    def cancel(self) -> None:
        """Make every pending run stale (e.g. the design was closed)."""
        self.generation += 1
        self._set_busy(False)

    def shutdown(self) -> None:
        """Stop waiting for results and let running work end (at window close)."""
        self.cancel()
        self._pool.waitForDone()
        self._tasks.clear()

    def _on_done(self, generation: int, result: object, error: str) -> None:
        self._tasks.pop(generation, None)
        if not self.is_current(generation):
            return
        if isinstance(result, EvaluationResult):
            self.deliver(result)
        else:
            self._set_busy(False)
            if error:
                self.failed.emit(error)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
