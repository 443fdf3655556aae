"""The dynamics analyses off the window's thread; only the newest result of each kind is shown.

Every request carries a snapshot of the design taken on the window's thread and runs either
in a worker thread (small designs: done in milliseconds) or, from `PROCESS_MIN_ACTORS` on,
in a worker process (`analysis.dynamics_offload`): a thread shares Python's lock with the
window, and on a busy machine brokerage at 10,000 actors held up its paints for 200 ms and
more. Each kind of analysis — roles, chain reaction, resilience, suggestions — has its own
generation counter: a result whose generation is not that kind's newest is dropped, so a
slow run for an older state never overwrites a newer one, and `cancel` makes a running
search stop at its next check (the process hears it through its pipe). If the process
cannot be started, or dies, threads take over.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from concurrent.futures import Future, wait
from multiprocessing.connection import Connection
from typing import Any

from PySide6.QtCore import QObject, Signal

from cluster_designer.analysis.dynamics_offload import Request, run_request, serve
from cluster_designer.analysis.offload import design_from_rows, design_rows
from cluster_designer.analysis.results import Cancelled
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError, Design

from ..threads import Handle, worker_pool

# From this many actors on, the analyses run in the worker process (starting it costs about
# a second, once; smaller designs are analysed in milliseconds).
PROCESS_MIN_ACTORS = 300


def _run_task(
    kind: str,
    generation: int,
    snapshot: Design,
    request: Request,
    generations: dict[str, int],
    handle: Handle,
) -> None:
    def cancelled() -> bool:
        return generations.get(kind) != generation

    def progress(fraction: float) -> None:
        handle.call("_on_progress", kind, generation, fraction)

    try:
        result = run_request(snapshot, request, cancelled, progress)
    except Cancelled:
        handle.call("_on_done", kind, generation, None, "")
    except ClusterError as exc:
        handle.call("_on_done", kind, generation, None, str(exc))
    except Exception as exc:  # noqa: BLE001 — a worker must report, never die silently
        message = _("The analysis failed: {error}").format(error=exc)
        handle.call("_on_done", kind, generation, None, message)
    else:
        handle.call("_on_done", kind, generation, result, "")


class _Process:
    """The worker process and the thread that listens to it."""

    def __init__(self, handle: Handle) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child,), daemon=True, name="cluster-designer-dynamics"
        )
        self.process.start()
        child.close()
        self.handle = handle
        # Sending may wait until the process reads (a big design fills the pipe while the
        # process is still starting), so a thread of its own sends.
        self.outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self.sender = threading.Thread(target=self._send_all, daemon=True)
        self.sender.start()
        self.listener = threading.Thread(target=self._listen, daemon=True)
        self.listener.start()

    def send(self, message: tuple[Any, ...]) -> None:
        self.outbox.put(message)

    def _send_all(self) -> None:
        while True:
            message = self.outbox.get()
            if message is None:
                return
            try:
                self.conn.send(message)
            except (OSError, ValueError):
                self.handle.call("_on_lost")
                return

    def _listen(self) -> None:
        conn: Connection = self.conn
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self.handle.call("_on_lost")
                return
            tag, kind, generation = message[0], message[1], message[2]
            if tag == "progress":
                self.handle.call("_on_progress", kind, generation, message[3])
            elif tag == "done":
                self.handle.call("_on_done", kind, generation, message[3], "")
            elif tag == "error":
                text = message[3]
                if not message[4]:
                    text = _("The analysis failed: {error}").format(error=text)
                self.handle.call("_on_done", kind, generation, None, text)
            else:  # cancelled
                self.handle.call("_on_done", kind, generation, None, "")

    def stop(self) -> None:
        self.outbox.put(("stop",))
        self.outbox.put(None)
        self.sender.join(timeout=2)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=2)
        self.conn.close()


class DynamicsRunner(QObject):
    """Runs analyses off the window's thread and hands out only each kind's newest result."""

    finished = Signal(str, object)  # kind, result
    failed = Signal(str, str)  # kind, message for the planner
    progressed = Signal(str, float)  # kind, fraction done
    busyChanged = Signal(str, bool)  # kind, running

    def __init__(
        self, parent: QObject | None = None, process_min_actors: int = PROCESS_MIN_ACTORS
    ) -> None:
        super().__init__(parent)
        self.process_min_actors = process_min_actors
        self.generations: dict[str, int] = {}
        self.running: set[str] = set()
        self.in_process: dict[str, tuple[int, tuple[Any, ...]]] = {}  # to resend if it dies
        self._tasks: set[Future[None]] = set()
        # Worker threads and the process's listener reach this runner only through the
        # handle: a runner deleted with its panel while work is out is never called.
        self._handle = Handle(self)
        self._process: _Process | None = None
        self._sent_version: object = None  # the design state the process holds
        self._last_rows: Any = None  # …as rows, to run it in a thread if the process dies
        self._process_broken = False
        self._closed = False

    def is_current(self, kind: str, generation: int) -> bool:
        return self.generations.get(kind) == generation

    def busy(self, kind: str) -> bool:
        return kind in self.running

    def request(self, kind: str, design: Design, request: Request, version: object = None) -> int:
        """Analyse a snapshot of `design`; older runs of the same kind become stale.
        `version` names the design's state (it changes with every edit): the process is
        sent the design only when it differs from the last one sent. Returns the new
        generation."""
        generation = self.generations.get(kind, 0) + 1
        self.generations[kind] = generation
        self._set_busy(kind, True)
        if len(design) >= self.process_min_actors and self._start_process():
            rows = None
            if version is None or version != self._sent_version:
                rows = self._last_rows = design_rows(design)
                self._sent_version = version
            message = ("run", kind, generation, rows, request)
            try:
                assert self._process is not None
                self._process.send(message)
                self.in_process[kind] = (generation, message)
                return generation
            except (OSError, ValueError):
                self._give_up_process()
        self._start_task(kind, generation, design.copy(), request)
        return generation

    def cancel(self, kind: str | None = None) -> None:
        """Make the running and pending runs of `kind` (or of every kind) stale."""
        for name in [kind] if kind is not None else list(self.generations):
            self.generations[name] = self.generations.get(name, 0) + 1
            self._set_busy(name, False)
            if self.in_process.pop(name, None) is not None and self._process is not None:
                try:
                    self._process.send(("cancel", name))
                except (OSError, ValueError):
                    self._give_up_process()

    def shutdown(self) -> None:
        self._closed = True
        self.cancel()
        if self._process is not None:
            process, self._process = self._process, None
            process.stop()
        tasks, self._tasks = list(self._tasks), set()
        wait(tasks)

    def _start_task(self, kind: str, generation: int, snapshot: Design, request: Request) -> None:
        task = worker_pool("dynamics").submit(
            _run_task, kind, generation, snapshot, request, self.generations, self._handle
        )
        self._tasks = {t for t in self._tasks if not t.done()} | {task}

    # --- the process ---------------------------------------------------------------------
    def _start_process(self) -> bool:
        if self._process is None and not self._process_broken and not self._closed:
            try:
                self._process = _Process(self._handle)
            except (OSError, RuntimeError):
                self._process_broken = True
        return self._process is not None

    def _give_up_process(self) -> None:
        """The process is gone: from now on threads; what it was running runs there."""
        self._process_broken = True
        self._sent_version = None
        process, self._process = self._process, None
        if process is not None:
            try:
                process.stop()
            except (OSError, ValueError):
                pass
        waiting, self.in_process = self.in_process, {}
        for kind, (generation, message) in waiting.items():
            if self.is_current(kind, generation):
                rows = message[3] if message[3] is not None else self._last_rows
                snapshot = design_from_rows(rows)
                self._start_task(kind, generation, snapshot, message[4])

    def _on_lost(self) -> None:
        if not self._closed and self._process is not None:
            self._give_up_process()

    # --- results -----------------------------------------------------------------------
    def _on_done(self, kind: str, generation: int, result: object, error: str) -> None:
        if self.in_process.get(kind, (None,))[0] == generation:
            del self.in_process[kind]
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
