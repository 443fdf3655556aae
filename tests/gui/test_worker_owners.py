"""Work off the window's thread survives its owner: a window or panel deleted while a layout,
an evaluation or an analysis still runs must not crash the process or hold it up, and the
late result goes nowhere.

Before gui/threads.py, the layout ran on a QThread owned by the window (deleting the window
aborted the process: "QThread: Destroyed while thread is still running"), evaluations and
analyses ran on a QThreadPool owned by their runner (deleting it blocked the window until
the job ended), and a finished worker process reported through a relay deleted with its
runner (an error raised in the pool's thread)."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cluster_designer.gui.threads import Handle
from cluster_designer.model import Design, make_actor

GATE_S = 5.0


class _Target(QObject):
    said = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.calls: list[object] = []

    def note(self, value: object) -> None:
        self.calls.append((value, threading.current_thread() is threading.main_thread()))


def _design(actors: int = 3) -> Design:
    design = Design("Owners")
    design.load(
        [make_actor(id=f"A{n}", name=f"Actor {n}", sector="company") for n in range(actors)], []
    )
    return design


def _delete_promptly(owner: QWidget) -> float:
    """Delete the owner now; how long the deletion held the window's thread."""
    start = time.monotonic()
    shiboken6.delete(owner)
    return time.monotonic() - start


def test_a_handle_calls_on_the_window_thread_and_only_while_the_target_exists(qtbot: Any) -> None:
    owner = QWidget()
    target = _Target(owner)
    handle = Handle(target)
    said: list[str] = []
    target.said.connect(said.append)
    worker = threading.Thread(target=lambda: (handle.call("note", 1), handle.call("said", "hi")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(target.calls and said), timeout=5000)
    assert target.calls == [(1, True)] and said == ["hi"]
    shiboken6.delete(owner)
    assert not handle.alive()
    worker = threading.Thread(target=lambda: handle.call("note", 2))
    worker.start()
    worker.join()
    qtbot.wait(100)  # the call arrives for a target that no longer exists: nothing happens


def test_window_deleted_while_a_layout_runs(qtbot: Any, document: Any) -> None:
    from cluster_designer.gui.layout_runner import LayoutRunner

    document.set_design(_design())
    owner = QWidget()
    runner = LayoutRunner(document, owner)
    done: list[bool] = []
    runner.done.connect(done.append)
    gate, started = threading.Event(), threading.Event()

    def job(_cancelled: Any) -> dict[str, tuple[float, float]]:
        started.set()
        gate.wait(GATE_S)
        return {"A0": (500.0, 500.0)}

    assert runner._start(job, "Layout", "Arranging…")
    assert started.wait(GATE_S)
    assert _delete_promptly(owner) < 1.0  # was: Qt aborted the process here
    gate.set()
    qtbot.wait(300)
    assert done == []
    assert document.undo_stack.count() == 0
    assert (document.design.actor("A0").x, document.design.actor("A0").y) != (500.0, 500.0)


def test_panel_deleted_while_an_evaluation_runs_in_a_thread(qtbot: Any, monkeypatch: Any) -> None:
    from cluster_designer.gui.evaluation import worker

    gate, started = threading.Event(), threading.Event()
    real = worker.evaluate

    def slow_evaluate(design: Design, cancelled: Any = None) -> Any:
        started.set()
        gate.wait(GATE_S)
        return real(design)

    monkeypatch.setattr(worker, "evaluate", slow_evaluate)
    monkeypatch.setattr(worker, "process_pool", lambda: None)
    owner = QWidget()
    runner = worker.EvaluationRunner(background_min_actors=1, parent=owner)
    results: list[object] = []
    runner.finished.connect(results.append)
    runner.request(_design())
    assert started.wait(GATE_S)
    assert _delete_promptly(owner) < 1.0  # was: held until the evaluation ended
    gate.set()
    qtbot.wait(300)
    assert results == []


class _ManualPool:
    """Stands in for the evaluation process: its futures end when the test says so."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []

    def submit(self, *_args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.futures.append(future)
        return future


def test_panel_deleted_while_the_process_evaluates(
    qtbot: Any, monkeypatch: Any, caplog: Any
) -> None:
    from cluster_designer.gui.evaluation import worker

    pool = _ManualPool()
    monkeypatch.setattr(worker, "process_pool", lambda: pool)
    owner = QWidget()
    runner = worker.EvaluationRunner(background_min_actors=1, parent=owner, process_min_actors=1)
    results: list[object] = []
    runner.finished.connect(results.append)
    runner.request(_design())
    assert len(pool.futures) == 1
    shiboken6.delete(owner)
    with caplog.at_level(logging.ERROR, logger="concurrent.futures"):
        # The process's answer arrives on the pool's thread; was: its callback emitted on the
        # deleted runner's relay and raised there.
        finisher = threading.Thread(target=pool.futures[0].set_exception, args=(OSError(),))
        finisher.start()
        finisher.join()
        qtbot.wait(300)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert results == []


def test_panel_deleted_while_an_analysis_runs(qtbot: Any, monkeypatch: Any) -> None:
    from cluster_designer.gui.dynamics import jobs

    gate, started = threading.Event(), threading.Event()

    def slow_request(*_args: Any) -> str:
        started.set()
        gate.wait(GATE_S)
        return "late"

    monkeypatch.setattr(jobs, "run_request", slow_request)
    owner = QWidget()
    runner = jobs.DynamicsRunner(owner, process_min_actors=10**9)
    results: list[object] = []
    runner.finished.connect(lambda kind, result: results.append(result))
    runner.request("roles", _design(), ("roles",))
    assert started.wait(GATE_S)
    assert _delete_promptly(owner) < 1.0  # was: held until the analysis ended
    gate.set()
    qtbot.wait(300)
    assert results == []


def test_no_qt_thread_objects_in_the_window() -> None:
    """The rule behind the tests above: work leaves the window's thread on plain Python
    threads and comes back through gui/threads.py, never on a QThread, QThreadPool or
    QRunnable, which an owner can take down while they run."""
    import ast
    from pathlib import Path

    import cluster_designer.gui as gui

    banned = {"QThread", "QThreadPool", "QRunnable"}
    root = Path(gui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.ImportFrom) else []
            names += [node.attr] if isinstance(node, ast.Attribute) else []
            names += [node.id] if isinstance(node, ast.Name) else []
            found += [f"{path.relative_to(root)}:{node.lineno} {n}" for n in banned & set(names)]
    assert found == []


def test_garbage_is_collected_on_the_window_thread_only(qtbot: Any) -> None:
    """A worker's allocations once made Python collect the window's garbage on the worker
    thread (a test run died with SIGSEGV inside a salvage's database work)."""
    collected_on: list[bool] = []

    class _Mark:
        def __del__(self) -> None:
            collected_on.append(threading.current_thread() is threading.main_thread())

    def leave_a_cycle() -> None:
        mark = _Mark()
        mark.cycle = mark

    def allocate() -> None:
        for _ in range(50_000):
            garbage: list[object] = []
            garbage.append(garbage)

    leave_a_cycle()
    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
    assert collected_on == [True]
