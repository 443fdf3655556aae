"""The Compare view's heavy lifting, off the window's thread: loading, evaluating, comparing.

Loading a stored design and evaluating it takes over a second at 10,000 actors, and matching
two such designs a tenth of one; on the window's thread that froze it at every tick of a
checkbox. Here each design is loaded on a worker thread and evaluated there (big ones in the
evaluation process), and each comparison runs there too. Results come back to the window's
thread as signals; a comparison carries a generation number, and only the newest is shown.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal

from cluster_designer.analysis import Comparison, Evaluation, compare_evaluated, evaluate
from cluster_designer.analysis.offload import (
    design_snapshot,
    evaluate_packed,
    pack_snapshot,
    unpack_result,
)
from cluster_designer.i18n import current_language
from cluster_designer.model import Design

from ..threads import Handle, collections_held, worker_pool
from .compare_data import StructuralRow, name_matched_rows, structural_rows
from .worker import PROCESS_MIN_ACTORS, process_pool

# From this many actors on, what a job leaves behind is exempted from later collections.
SETTLE_MIN_ACTORS = 5000


@contextmanager
def quiet_heap(settle: bool | Callable[[], bool]) -> Iterator[None]:
    """No cyclic garbage collection while a job builds tens of thousands of objects.

    A collection holds Python's lock: one started by a worker thread's allocations stalls
    the window just as if it ran there (200 ms and more at 10,000 actors, measured). The
    objects built here have no reference cycles, so nothing is lost by not collecting; and
    with `settle` the big, long-lived result (a loaded design, its evaluation) is frozen out
    of later collections, as the window does for the design it opens (`settle` may be a
    function, asked at the end: whether the result turned out big).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        with collections_held():  # nor the window's timer (see `collections_held`)
            try:
                yield
            finally:
                if settle() if callable(settle) else settle:
                    gc.freeze()
    finally:
        if enabled:
            gc.enable()


def executor() -> ThreadPoolExecutor:
    return worker_pool("compare")


@dataclass(frozen=True, slots=True)
class PairResult:
    generation: int
    a: str
    b: str
    comparison: Comparison
    rows: list[StructuralRow]
    matched: list[StructuralRow]


def evaluate_anywhere(design: Design) -> Evaluation:
    """On a worker thread: big designs in the evaluation process (a thread would hold
    Python's lock against the window), small ones right here.

    The design goes as rows pickled in pieces and the result comes back in pieces, as the
    panel's evaluation does (offload.py): sent whole, 50,000 actors' rows were pickled in
    one call and the evaluation unpickled in another, each holding Python's lock — the
    window stalled 300-480 ms while Compare opened."""
    pool = process_pool() if len(design) >= PROCESS_MIN_ACTORS else None
    if pool is not None:
        try:
            pieces = pool.submit(
                evaluate_packed, pack_snapshot(design_snapshot(design)), current_language()
            ).result()
            evaluation, _diagnosis = unpack_result(pieces)
            return evaluation
        except (RuntimeError, OSError):
            pass  # no process here: evaluate in this thread
    return evaluate(design)


class CompareWork(QObject):
    """Lives on the window's thread; worker threads report through its signals."""

    evaluated = Signal(str, object, object, str)  # name, Design, Evaluation | None, error
    compared = Signal(object)  # PairResult

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        # Jobs hold this, never the object: the view may be closed while they run.
        self._handle = Handle(self)

    def load_and_evaluate(self, name: str, load: Callable[[], Design]) -> None:
        """`load` runs on the worker thread (a snapshot, or a read from the project)."""
        handle = self._handle

        def job() -> None:
            try:
                loaded: list[Design] = []  # one hold over loading and evaluating
                with quiet_heap(lambda: len(loaded[0]) >= SETTLE_MIN_ACTORS if loaded else False):
                    design = load()
                    loaded.append(design)
                    evaluation = evaluate_anywhere(design)
            except Exception as exc:  # noqa: BLE001 — reported in the view, never lost
                handle.call("evaluated", name, None, None, str(exc))
            else:
                handle.call("evaluated", name, design, evaluation, "")

        executor().submit(job)

    def compare(
        self, a: str, b: str, design_a: Design, design_b: Design, ev_a: Evaluation, ev_b: Evaluation
    ) -> int:
        """Compare A and B on a worker thread; returns the generation the result will carry."""
        self.generation += 1
        generation = self.generation
        handle = self._handle

        def job() -> None:
            with quiet_heap(settle=False):
                cmp = compare_evaluated(design_a, design_b, ev_a, ev_b)
                rows = structural_rows(cmp, design_a, design_b)
                matched = name_matched_rows(cmp, design_a, design_b)
            handle.call("compared", PairResult(generation, a, b, cmp, rows, matched))

        executor().submit(job)
        return generation

    def is_current(self, generation: int) -> bool:
        return generation == self.generation


__all__ = ["CompareWork", "PairResult", "Qt"]
