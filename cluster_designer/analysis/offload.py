"""Evaluating a design in another process: the design travels as plain rows.

A worker *thread* shares Python's global lock with the GUI; while igraph and the metric
loops run, every paint callback of the window waits its turn, and a 10,000-actor
evaluation froze the window for about 0.4 s. A worker process shares nothing. Actors and
ties are sent as tuples of field values because pickling 40,000 dataclass objects takes
longer (about 0.2 s, holding the lock) than the evaluation itself.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import wait
from operator import attrgetter
from typing import Any

from cluster_designer.i18n import current_language, set_language
from cluster_designer.model import Actor, Design, Tie

from .diagnosis import Diagnosis, diagnose
from .evaluate import evaluate
from .results import Evaluation

# Only what an evaluation reads travels (positions, notes, tags and the like do not), which
# halves the pickling that holds Python's lock on the sending side. Enum members travel as
# themselves: pickle writes each member once and then refers to it. Ties keep their uid:
# the evaluation names inflow ties by it for the canvas overlay.
_ACTOR_ROW = attrgetter("id", "name", "sector", "location")
_TIE_ROW = attrgetter("source", "target", "kind", "weight", "uid")

Rows = tuple[tuple[str, str, str], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def watch_parent() -> None:
    """Run in each evaluation process as it starts: end it as soon as the program that
    started it is gone (quit, crash or kill -9), even in the middle of a long run.

    The parent's sentinel (a pipe on POSIX, a process handle on Windows) becomes ready when
    the parent ends. A thread of this process could wait for it, but could not act while a
    long computation in C (igraph) holds Python's lock; so on POSIX a small watchdog process
    forked from this one waits instead and kills it. The watchdog leaves when either ends.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel
    if hasattr(os, "fork"):
        worker = os.getpid()
        if os.fork() == 0:
            _watchdog(worker, sentinel)
        return

    def leave_with_parent() -> None:
        wait([sentinel])
        os._exit(0)

    threading.Thread(target=leave_with_parent, name="watch-parent", daemon=True).start()


def _watchdog(worker: int, sentinel: int) -> None:
    """The forked watchdog: kill `worker` when the sentinel fires; leave when it is gone."""
    try:
        while True:
            if wait([sentinel], timeout=1.0):
                os.kill(worker, signal.SIGKILL)
                break
            if os.getppid() != worker:  # the worker ended (and this process was adopted)
                break
    finally:
        os._exit(0)


def design_rows(design: Design) -> Rows:
    """What an evaluation reads of the design: (name, region, description), actor and tie rows."""
    actors = list(map(_ACTOR_ROW, design.actors.values()))
    ties = list(map(_TIE_ROW, design.ties.values()))
    return (design.name, design.region, design.description), actors, ties


def design_from_rows(rows: Rows) -> Design:
    (name, region, description), actors, ties = rows
    design = Design(name, region, description)
    design.load(
        (Actor(i, name, sector, location=location) for i, name, sector, location in actors),
        (Tie(source, target, kind, weight, uid=uid) for source, target, kind, weight, uid in ties),
    )
    return design


def evaluate_rows(rows: Rows, language: str | None = None) -> tuple[Evaluation, Diagnosis]:
    """Run in the worker process: rebuild the design, evaluate and diagnose it — the
    diagnosis in `language`, the window's, which the process does not otherwise know."""
    if language is not None and language != current_language():
        set_language(language)
    evaluation = evaluate(design_from_rows(rows))
    return evaluation, diagnose(evaluation)
