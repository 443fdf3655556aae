"""Worker threads reach objects of the window's thread only through one relay.

A worker must never hold a widget-owned QObject: if the widget is deleted while the job
runs, a QThread it owned is destroyed running (Qt aborts the process), and a signal emitted
on a deleted object crashes it. Instead a worker holds a `Handle`, which knows the object
by number only. `Handle.call` emits on the relay, an object made once on the window's
thread and never deleted; the call arrives there queued and reaches the object only while
it still exists. A result for an object deleted meanwhile goes nowhere.

Python's cyclic garbage collector runs where allocations trigger it: on a worker thread, it
would free the window's garbage there too, and a Qt object destroyed off the window's thread
crashes the process (a salvage's database work did, in a test run). So the window collects
on its own thread, from a timer (`collect_on_the_window_thread`), and never elsewhere.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, SignalInstance

from .heap import forget_source_lines

_ids = count(1)
_targets: weakref.WeakValueDictionary[int, QObject] = weakref.WeakValueDictionary()


class _Relay(QObject):
    """Made once on the window's thread and never deleted; emitted from worker threads."""

    posted = Signal(int, str, object)  # target number, method name, arguments

    def deliver(self, target_id: int, method: str, args: tuple[Any, ...]) -> None:
        target = _targets.get(target_id)
        if target is not None and shiboken6.isValid(target):
            member = getattr(target, method)
            if isinstance(member, SignalInstance):
                member.emit(*args)
            else:
                member(*args)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            _relay.moveToThread(app.thread())
        _relay.posted.connect(_relay.deliver, Qt.ConnectionType.QueuedConnection)
    return _relay


class Handle:
    """Made on the window's thread for `target`; safe to keep and use on any thread."""

    __slots__ = ("_id", "_relay")

    def __init__(self, target: QObject) -> None:
        self._id = next(_ids)
        _targets[self._id] = target
        self._relay = _the_relay()

    def call(self, method: str, *args: Any) -> None:
        """Call `target.method(*args)` (or emit its signal of that name) on the window's
        thread, if the target still exists then."""
        self._relay.posted.emit(self._id, method, args)

    def alive(self) -> bool:
        """Whether the target still exists (a hint only: it may go right after)."""
        target = _targets.get(self._id)
        return target is not None and shiboken6.isValid(target)


_pools: dict[str, ThreadPoolExecutor] = {}


def worker_pool(name: str) -> ThreadPoolExecutor:
    """Two plain worker threads shared by every job of one kind, owned by no widget."""
    pool = _pools.get(name)
    if pool is None:
        pool = _pools[name] = ThreadPoolExecutor(max_workers=2, thread_name_prefix=name)
    return pool


def start_thread(work: Callable[[], None], name: str) -> threading.Thread:
    """A plain daemon thread: never owned by a widget, never holding up the quit."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


COLLECT_EVERY_MS = 500

_holds = 0
_holds_lock = threading.Lock()


@contextmanager
def collections_held() -> Iterator[None]:
    """While a worker builds a big result, the window's collector waits.

    Everything a worker allocates lands in the youngest generation, which only the window's
    timer collects: every half second, it traversed whatever a job loading a 10,000-actor
    design had built so far — collections of 45–76 ms on the window's thread that freed
    nothing (measured while Compare opened). A job that ends by freezing its result out of
    later collections (`gc.freeze`) leaves nothing for the collector to look at.
    """
    global _holds
    with _holds_lock:
        _holds += 1
    try:
        yield
    finally:
        with _holds_lock:
            _holds -= 1


def collections_are_held() -> bool:
    return _holds > 0


class _Collector(QObject):
    """Collects by the collector's own thresholds, each generation when it is due."""

    def __init__(self) -> None:
        super().__init__()
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        forget_source_lines()  # what PySide6 read of modules imported since (heap.py)
        if collections_are_held():
            return  # a worker is building a result it will freeze (`collections_held`)
        counts = gc.get_count()
        due = [n for n in range(3) if counts[n] > self.thresholds[n]]
        if due:
            gc.collect(due[-1])


_collector: _Collector | None = None


def collect_on_the_window_thread() -> None:
    """From now on, cyclic garbage is collected on the window's thread only (once per app)."""
    global _collector
    if _collector is None:
        _collector = _Collector()
    gc.disable()
