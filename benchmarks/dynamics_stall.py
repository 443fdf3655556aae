"""How long the window's event loop stalls while the Dynamics panel's analyses run.

Run with `uv run python benchmarks/dynamics_stall.py`. A precise 1 ms timer ticks on the
window's thread while the `DynamicsRunner` analyses a 10,000-actor design (the worker
process) and suggests 5 ties for a 1,000-actor one; the longest gap between ticks is the
longest the window could not paint. The first request starts the worker process and sends it
the design; the next ones for the same design state send only the options.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.gui.dynamics.jobs import DynamicsRunner
from cluster_designer.model import Design


def measure(app: QApplication, runner: DynamicsRunner, design: Design, request: Request) -> None:
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(tick)
    done: list[str] = []
    runner.finished.connect(lambda kind, _result: done.append(kind))
    start = time.perf_counter()
    timer.start()
    runner.request(request.kind, design, request, id(design))
    while request.kind not in done:
        app.processEvents()
    timer.stop()
    print(
        f"{request.kind:11} {len(design):>6,} actors {time.perf_counter() - start:6.2f} s"
        f"   longest stall {max(gaps) * 1000:5.0f} ms"
    )


def main() -> None:
    from evaluation import make_design

    app = QApplication([])
    runner = DynamicsRunner()
    big, small = make_design(10_000, 30_000), make_design(1_000, 3_000)
    for request in (
        Request("roles", {"groups": "location"}),  # starts the process, sends the design
        Request("roles", {"groups": "sector"}),
        Request("spread", {}),
        Request("resilience", {}),
    ):
        measure(app, runner, big, request)
    measure(app, runner, small, Request("suggest", {}))
    runner.shutdown()


if __name__ == "__main__":
    main()
