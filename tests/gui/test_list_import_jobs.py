"""The list jobs survive their owner: a wizard deleted while a job still runs must not
crash the process, and a late result goes nowhere."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from cluster_designer.gui.list_import.jobs import JobRunner


def test_result_arrives_on_the_window_thread(qtbot):
    runner = JobRunner()
    seen: list[object] = []
    runner.run(lambda: threading.current_thread().name, seen.append, seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["cluster-designer-list"]
    assert not runner.busy


def test_newest_job_wins(qtbot):
    runner = JobRunner()
    gate = threading.Event()
    seen: list[object] = []
    runner.run(lambda: gate.wait(5) and "old", seen.append, seen.append)
    runner.run(lambda: "new", seen.append, seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    gate.set()
    runner.wait()
    qtbot.wait(50)
    assert seen == ["new"]


def test_owner_deleted_while_the_job_runs(qtbot):
    owner = QWidget()
    runner = JobRunner(owner)
    gate = threading.Event()
    seen: list[object] = []
    runner.run(lambda: gate.wait(5) and "late", seen.append, seen.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    gate.set()
    qtbot.wait(200)  # the late result is relayed to a runner that no longer exists
    assert seen == []


def test_error_text_reaches_the_handler(qtbot):
    from cluster_designer.model import ClusterError

    runner = JobRunner()
    errors: list[str] = []

    def fail() -> None:
        raise ClusterError("list.csv, row 3: no name")

    runner.run(fail, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == ["list.csv, row 3: no name"]


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
