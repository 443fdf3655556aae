"""Evaluations off the GUI thread, newest design wins.

The model is not thread-safe, so every run starts from a `design.copy()` taken on the GUI
thread. Each run carries a generation number; a result whose generation is not the newest
is dropped, so a slow run for an older design never overwrites a newer one. Small designs
are evaluated at once on the GUI thread (a few milliseconds), big ones in a worker process
(`analysis.offload`): a thread shares Python's lock with the window, and at 10,000 actors
that froze it for 0.4 s. If the process cannot be started (or dies), a thread pool takes
over.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import cast

from PySide6.QtCore import QObject, Signal

from cluster_designer.analysis import Diagnosis, Evaluation, EvaluationCancelled, diagnose, evaluate
from cluster_designer.analysis.offload import (
    Snapshot,
    design_from_snapshot,
    design_snapshot,
    evaluate_packed,
    pack_snapshot,
    unpack_result,
    watch_parent,
)
from cluster_designer.i18n import _, current_language
from cluster_designer.model import ClusterError, Design

from ..threads import Handle, start_thread, worker_pool

# From this many actors on, evaluations run in a worker thread with a busy indicator.
BACKGROUND_MIN_ACTORS = 300
# ...and in a worker process rather than a thread (starting it costs about a second, once):
# even a 1,000-actor evaluation in a thread stalled the window for 80 ms.
PROCESS_MIN_ACTORS = BACKGROUND_MIN_ACTORS

_pool: ProcessPoolExecutor | None = None
_pool_broken = False


def process_pool() -> ProcessPoolExecutor | None:
    """The one evaluation process, started on first use; None when processes do not work."""
    global _pool
    if _pool is None and not _pool_broken:
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=watch_parent,  # the process dies with the window, never orphaned
        )
    return _pool


def stop_process_pool(broken: bool = False) -> None:
    """End the evaluation process (at quit; or for good when it failed)."""
    global _pool, _pool_broken
    pool, _pool = _pool, None
    _pool_broken = _pool_broken or broken
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


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


def _send(pool: ProcessPoolExecutor, handle: Handle, generation: int, snapshot: Snapshot) -> None:
    """On a thread of its own: pack the rows and hand them to the process. Packing 50,000
    actors takes ~0.25 s of Python; on the window's thread that was the stall while
    evaluating (and pickling the rows in one piece another ~0.15 s on the pool's sending
    thread, holding Python's lock throughout)."""
    try:
        future = pool.submit(evaluate_packed, pack_snapshot(snapshot), current_language())
    except (RuntimeError, OSError) as exc:  # processes unavailable here
        handle.call("_on_process_done", generation, ("broken", exc))
        return
    finally:  # (whatever happened: the busy indicator must not wait for packing forever)
        handle.call("_on_sent", generation)
    future.add_done_callback(partial(_receive, handle, generation))


def _receive(handle: Handle, generation: int, future: Future) -> None:
    """On the pool's thread: unpack the result in pieces, then bring it to the window."""
    try:
        outcome: tuple[str, object] = ("ok", unpack_result(future.result()))
    except ClusterError as exc:
        outcome = ("refused", exc)
    except Exception as exc:  # noqa: BLE001 — the process died or cannot run
        outcome = ("broken", exc)
    handle.call("_on_process_done", generation, outcome)


class _Newest:
    """The newest generation, readable by worker threads without touching the runner."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


def _run_task(job: EvaluationJob, newest: _Newest, handle: Handle) -> None:
    gen = job.generation
    try:
        result = job.compute(cancelled=lambda: newest.value != gen)
    except EvaluationCancelled:
        handle.call("_on_done", gen, None, "")
    except ClusterError as exc:
        handle.call("_on_done", gen, None, str(exc))
    except Exception as exc:  # noqa: BLE001 — a worker must report, never die silently
        handle.call("_on_done", gen, None, _("The evaluation failed: {reason}").format(reason=exc))
    else:
        handle.call("_on_done", gen, result, "")


class EvaluationRunner(QObject):
    """Runs evaluations and hands out only the newest result."""

    finished = Signal(object)  # EvaluationResult of the newest request
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(
        self,
        background_min_actors: int = BACKGROUND_MIN_ACTORS,
        parent: QObject | None = None,
        process_min_actors: int = PROCESS_MIN_ACTORS,
    ) -> None:
        super().__init__(parent)
        self.background_min_actors = background_min_actors
        self.process_min_actors = process_min_actors
        self._running: tuple[int, Snapshot] | None = None  # the run in the process
        self._pending: tuple[int, Snapshot] | None = None  # the newest request waiting for it
        self._newest = _Newest()
        self._busy = False
        self._packing = False
        self._tasks: dict[int, Future[None]] = {}
        # Workers and the process's callback reach this runner only through the handle: a
        # runner deleted with its window while work is out is never called (gui/threads.py).
        self._handle = Handle(self)

    @property
    def generation(self) -> int:
        return self._newest.value

    @generation.setter
    def generation(self, value: int) -> None:
        self._newest.value = value

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def packing(self) -> bool:
        """A thread is packing a design for the process (Python's lock is in demand)."""
        return self._packing

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def prepare(self, design: Design) -> EvaluationJob:
        """Snapshot the design (GUI thread) under a new generation; older runs become stale."""
        self.generation += 1
        return EvaluationJob(self.generation, design.copy())

    def request(self, design: Design) -> int:
        """Evaluate `design` now (small) or in the background (big); returns the generation."""
        if len(design) >= self.process_min_actors and process_pool() is not None:
            self.generation += 1
            self._set_busy(True)
            self._pending = (self.generation, design_snapshot(design))
            if self._running is None:
                self._start_next()
            return self.generation
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
        self._set_busy(True)
        self._tasks[job.generation] = worker_pool("evaluation").submit(
            _run_task, job, self._newest, self._handle
        )

    def _start_next(self) -> None:
        """Send the newest waiting request to the process; older waiting ones were dropped."""
        if self._pending is None:
            return
        generation, snapshot = self._running = self._pending
        self._pending = None
        pool = process_pool()
        if pool is None:  # processes unavailable here: the thread pool instead
            self._on_process_done(generation, ("broken", RuntimeError("no evaluation process")))
            return
        handle = self._handle
        self._packing = True
        start_thread(partial(_send, pool, handle, generation, snapshot), "evaluation-send")

    def _on_sent(self, _generation: int) -> None:
        self._packing = False

    def _on_process_done(self, generation: int, outcome: tuple[str, object]) -> None:
        """`outcome` is ("ok", (evaluation, diagnosis)), ("refused", ClusterError) or
        ("broken", exception): the process could not take the run or died."""
        running, self._running = self._running, None
        self._packing = False
        status, value = outcome
        if status == "ok":
            evaluation, diagnosis = cast(tuple[Evaluation, Diagnosis], value)
            self._start_next()
            self._on_done(generation, EvaluationResult(generation, evaluation, diagnosis), "")
        elif status == "refused":
            self._start_next()
            self._on_done(generation, None, str(value))
        else:  # the process cannot run or died: threads take over
            stop_process_pool(broken=True)
            if self._pending is not None:
                running, self._pending = self._pending, None
            if running is not None and self.is_current(running[0]):
                self.submit(EvaluationJob(running[0], design_from_snapshot(running[1])))

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
        self._pending = None
        self._set_busy(False)

    def shutdown(self) -> None:
        """Stop waiting for results and let running work end (at window close)."""
        self.cancel()
        tasks, self._tasks = list(self._tasks.values()), {}
        wait(tasks)

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
