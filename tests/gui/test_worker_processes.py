"""Worker processes die with the program that started them: killing the window (kill -9, a
crash) leaves no evaluation process behind, not even one in the middle of a long run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

PROGRAM = textwrap.dedent(
    """
    import os, sys, time
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cluster_designer.gui.evaluation.worker import process_pool
    pool = process_pool()
    pool.submit(os.getpid).result()  # the worker is up and has run its initializer
    busy = pool.submit(sum, range(10**12))  # a run that would take hours
    time.sleep(1.0)  # let the worker start the run
    print("ready", flush=True)
    time.sleep(600)
    """
)


def _descendants(pid: int) -> set[int]:
    """Every process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_killing_the_program_leaves_no_worker_processes() -> None:
    program = subprocess.Popen([sys.executable, "-c", PROGRAM], stdout=subprocess.PIPE, text=True)
    workers: set[int] = set()
    try:
        assert program.stdout is not None
        assert program.stdout.readline().strip() == "ready"
        workers = _descendants(program.pid)
        assert workers, "the evaluation process did not start"
        os.kill(program.pid, signal.SIGKILL)
        program.wait(30)
        deadline = time.monotonic() + 60
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [pid for pid in workers if _alive(pid)]
        assert not left, f"orphaned worker processes: {left}"
    finally:
        for pid in [program.pid, *workers, *_descendants(program.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if program.stdout is not None:
            program.stdout.close()
