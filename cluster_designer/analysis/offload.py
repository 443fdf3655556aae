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
import pickle
import signal
import threading
from dataclasses import fields
from multiprocessing.connection import wait
from operator import attrgetter
from typing import Any

from cluster_designer.i18n import current_language, set_language
from cluster_designer.model import Actor, Design, Group, Tie

from .diagnosis import Diagnosis, diagnose
from .evaluate import evaluate
from .results import Evaluation

# Only what an evaluation reads travels (positions, notes, tags and the like do not), which
# halves the pickling that holds Python's lock on the sending side. Enum members travel as
# themselves: pickle writes each member once and then refers to it. Ties keep their uid:
# the evaluation names inflow ties by it for the canvas overlay. Origins, parents and groups
# travel for the `arrivals.*` and `groups.*` figures (groups are few: they travel whole).
_ACTOR_ROW = attrgetter("id", "name", "sector", "location", "origin", "parent")
_TIE_ROW = attrgetter("source", "target", "kind", "weight", "uid")
_GROUP_ROW = attrgetter("id", "name", "members")

Rows = tuple[
    tuple[str, str, str], list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]
]
# The design's actors and ties as they are (values that edits replace, never change): taken
# on the window's thread in two C-speed list copies, packed on another thread.
Snapshot = tuple[tuple[str, str, str], list[Actor], list[Tie], list[Group]]
# Rows pickled in pieces of PACK_CHUNK: sending them pickles bytes only (a copy), and no
# single pickling or unpickling call holds Python's lock for long on the window's side.
Packed = tuple[tuple[str, str, str], list[bytes], list[bytes], list[tuple[Any, ...]]]
PACK_CHUNK = 4000


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
    groups = list(map(_GROUP_ROW, design.groups.values()))
    return (design.name, design.region, design.description), actors, ties, groups


def design_from_rows(rows: Rows) -> Design:
    (name, region, description), actors, ties, groups = rows
    design = Design(name, region, description)
    design.load(
        (
            Actor(i, name, sector, location=location, origin=origin, parent=parent)
            for i, name, sector, location, origin, parent in actors
        ),
        (Tie(source, target, kind, weight, uid=uid) for source, target, kind, weight, uid in ties),
        (Group(i, name, members=members) for i, name, members in groups),
    )
    return design


def evaluate_rows(rows: Rows, language: str | None = None) -> tuple[Evaluation, Diagnosis]:
    """Run in the worker process: rebuild the design, evaluate and diagnose it — the
    diagnosis in `language`, the window's, which the process does not otherwise know."""
    if language is not None and language != current_language():
        set_language(language)
    evaluation = evaluate(design_from_rows(rows))
    return evaluation, diagnose(evaluation)


def design_snapshot(design: Design) -> Snapshot:
    """What `pack_snapshot` needs, taken on the window's thread: a few milliseconds at
    50,000 actors (two list copies in C), against ~0.4 s of building rows there."""
    meta = (design.name, design.region, design.description)
    return (
        meta,
        list(design.actors.values()),
        list(design.ties.values()),
        list(design.groups.values()),
    )


def design_from_snapshot(snapshot: Snapshot) -> Design:
    (name, region, description), actors, ties, groups = snapshot
    design = Design(name, region, description)
    design.load(actors, ties, groups)
    return design


def _pack(items: list[Any], row: attrgetter[Any]) -> list[bytes]:
    # Each piece is one call holding Python's lock for a few milliseconds; between pieces
    # the window's thread gets its turn (this runs on another thread).
    return [
        pickle.dumps(list(map(row, items[i : i + PACK_CHUNK])), pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(items), PACK_CHUNK)
    ]


def pack_snapshot(snapshot: Snapshot) -> Packed:
    """The rows of `design_rows`, pickled in pieces (run off the window's thread)."""
    meta, actors, ties, groups = snapshot
    return meta, _pack(actors, _ACTOR_ROW), _pack(ties, _TIE_ROW), list(map(_GROUP_ROW, groups))


def unpack_rows(packed: Packed) -> Rows:
    meta, actor_pieces, tie_pieces, groups = packed
    actors = [row for piece in actor_pieces for row in pickle.loads(piece)]
    ties = [row for piece in tie_pieces for row in pickle.loads(piece)]
    return meta, actors, ties, groups


# A result travels as pieces too: unpickling a 50,000-actor evaluation in one call held the
# window's lock for ~60 ms. Big mappings (degree, betweenness) go in chunks of items.
ResultPieces = tuple[list[tuple[str, str, list[bytes]]], bytes]


def _result_pieces(evaluation: Evaluation, diagnosis: Diagnosis) -> ResultPieces:
    pieces: list[tuple[str, str, list[bytes]]] = []
    for f in fields(evaluation):
        value = getattr(evaluation, f.name)
        if type(value) is dict and len(value) > PACK_CHUNK:
            items = list(value.items())
            blobs = [
                pickle.dumps(items[i : i + PACK_CHUNK], pickle.HIGHEST_PROTOCOL)
                for i in range(0, len(items), PACK_CHUNK)
            ]
            pieces.append((f.name, "dict", blobs))
        else:
            pieces.append((f.name, "value", [pickle.dumps(value, pickle.HIGHEST_PROTOCOL)]))
    return pieces, pickle.dumps(diagnosis, pickle.HIGHEST_PROTOCOL)


def unpack_result(result: ResultPieces) -> tuple[Evaluation, Diagnosis]:
    """The evaluation and diagnosis from `evaluate_packed` (run off the window's thread)."""
    pieces, diagnosis = result
    values: dict[str, Any] = {}
    for name, kind, blobs in pieces:
        if kind == "dict":
            mapping: dict[Any, Any] = {}
            for blob in blobs:
                mapping.update(pickle.loads(blob))
            values[name] = mapping
        else:
            values[name] = pickle.loads(blobs[0])
    return Evaluation(**values), pickle.loads(diagnosis)


def evaluate_packed(packed: Packed, language: str | None = None) -> ResultPieces:
    """`evaluate_rows` for packed rows, the result in pieces (see `unpack_result`)."""
    return _result_pieces(*evaluate_rows(unpack_rows(packed), language))
