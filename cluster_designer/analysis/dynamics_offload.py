"""The dynamics analyses in a worker process that the window talks to through a pipe.

A worker thread shares Python's lock with the window: while brokerage or the suggestion
search run, the window only gets the lock back every few milliseconds, and on a busy
machine it waited 200 ms and more between paints. A process shares nothing. The window
sends the design as plain rows (`offload.design_rows`) with a `Request`; the worker answers
with progress messages and the result. Any newer message for the same kind of analysis (a
newer request, or a cancel) stops the running one at its next check, so the worker always
turns to what the window wants now.

Messages to the worker: ("run", kind, generation, rows, request), ("cancel", kind),
("stop",). `rows` is None when the design has not changed since the last rows sent: the
worker keeps the design it was last sent, so moving a slider costs no transfer.
From it: ("progress", kind, generation, fraction), ("done", kind, generation,
result), ("error", kind, generation, message, expected) — `expected` False for a fault of the
program rather than of the input — and ("cancelled", kind, generation).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from ..model import ClusterError, Design
from .brokerage import brokerage
from .offload import design_from_rows
from .resilience import resilience
from .results import Cancelled
from .spread import spread
from .suggest import suggest

KINDS = ("roles", "spread", "resilience", "suggest")
PROGRESS_EVERY_S = 0.1


@dataclass(frozen=True)
class Request:
    """One analysis with its options, as the Dynamics panel's tabs ask for it."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)


def run_request(
    design: Design,
    request: Request,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Any:
    """Run the analysis a request names on a design. Actor ids the request names that the
    design no longer has (an actor deleted since they were chosen) are left out."""
    p = request.params

    def known(ids: Any) -> list[str]:
        return [a for a in ids or () if a in design.actors]

    match request.kind:
        case "roles":
            return brokerage(design, p.get("groups", "sector"), cancelled=cancelled)
        case "spread":
            seeds = known(p.get("seeds")) if p.get("seeds") is not None else None
            return spread(design, seeds or None, p.get("threshold", 0.5), cancelled=cancelled)
        case "resilience":
            return resilience(design, p.get("attack", "degree"), cancelled=cancelled)
        case "suggest":
            return suggest(
                design,
                p.get("goal", "robustness"),
                p.get("k", 5),
                kind=p.get("kind", "collaboration"),
                touching=known(p.get("touching")),
                exclude=known(p.get("exclude")),
                cancelled=cancelled,
                progress=progress,
            )
    raise ValueError(f"unknown analysis {request.kind!r}")


def serve(conn: Connection) -> None:
    """The worker process's loop; returns on ("stop",) or when the window is gone."""
    pending: deque[tuple[Any, ...]] = deque()
    design: Design | None = None

    def receive() -> tuple[Any, ...]:
        return pending.popleft() if pending else conn.recv()

    while True:
        try:
            message = receive()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        if message[0] != "run":
            continue
        _run, kind, generation, rows, request = message
        if rows is not None:
            design = design_from_rows(rows)
        if any(m[0] == "stop" or (m[0] in ("run", "cancel") and m[1] == kind) for m in pending):
            continue  # already superseded
        if design is None:
            continue  # the window always sends the design first; never reached
        if not _answer(conn, pending, kind, generation, design, request):
            return


def _answer(
    conn: Connection,
    pending: deque[tuple[Any, ...]],
    kind: str,
    generation: int,
    design: Design,
    request: Request,
) -> bool:
    """Compute one request and send the outcome; False when the window has gone."""
    last = [0.0]

    def cancelled() -> bool:
        try:
            while conn.poll():
                pending.append(conn.recv())
        except (EOFError, OSError):
            pending.append(("stop",))
        return any(m[0] == "stop" or (m[0] in ("run", "cancel") and m[1] == kind) for m in pending)

    def progress(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or fraction >= 1.0:
            last[0] = now
            conn.send(("progress", kind, generation, fraction))

    try:
        result = run_request(design, request, cancelled, progress)
        answer: tuple[Any, ...] = ("done", kind, generation, result)
    except Cancelled:
        answer = ("cancelled", kind, generation)
    except ClusterError as exc:
        answer = ("error", kind, generation, str(exc), True)
    except Exception as exc:  # noqa: BLE001 — the window must hear about it, not wait forever
        answer = ("error", kind, generation, f"{type(exc).__name__}: {exc}", False)
    try:
        conn.send(answer)
    except (EOFError, OSError):
        return False
    return True
