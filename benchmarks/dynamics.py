"""Print how long the dynamics analyses take at 1,000 and 10,000 actors (3 ties per actor).

Run with `uv run python benchmarks/dynamics.py` (add `--json` for machine-readable output,
`--sizes 1000` for one size). The designs are those of benchmarks/evaluation.py: actors on a
grid, 90 % of the ties between neighbours, 10 % long-range, all five kinds, 20 % outside
actors. Each figure is the median of several runs of the whole analysis from the design
(building the graph included), in milliseconds; the networkx column is the reference engine
(the definition read literally), shown where it finishes in reasonable time.

A baseline is measured in the same run, before each size: a fixed piece of plain Python
work (BASELINE_LOOPS multiplications). Its processor time tells how fast this machine's
core is, its wall-clock time over processor time how much other work slowed this run
down; each analysis's verdict is judged on its processor time, and its wall-clock time
divided by that slowdown is given beside it (what it would take on a free core).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import make_design

from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.analysis.suggest import suggest

TARGETS_10K = {
    "brokerage (sector)": 1000,
    "brokerage (location)": 1000,
    "spread": 1000,
    "resilience, degree attack": 2000,
}
TARGETS_1K = {"suggest 5 ties, robustness": 5000, "suggest 5 ties, spread": 5000}


BASELINE_LOOPS = 3_000_000


def baseline_work() -> int:
    total = 0
    for i in range(BASELINE_LOOPS):
        total += i * i
    return total


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and processor time in ms. On a shared machine the processor time
    is what the analysis costs on a free core; the wall-clock time adds the waiting."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        run()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def measure(actors: int) -> dict[str, dict[str, float | None]]:
    design = make_design(actors, 3 * actors)
    small = actors <= 1000
    repeat = 5 if small else 3
    rows: dict[str, tuple[Callable[[], object], Callable[[], object] | None, int]] = {
        "brokerage (sector)": (
            lambda: brokerage(design, "sector"),
            lambda: brokerage(design, "sector", engine="networkx"),
            repeat,
        ),
        "brokerage (location)": (
            lambda: brokerage(design, "location"),
            lambda: brokerage(design, "location", engine="networkx"),
            repeat,
        ),
        "spread": (
            lambda: spread(design),
            (lambda: spread(design, engine="networkx")) if small else None,
            repeat,
        ),
        "resilience, degree attack": (
            lambda: resilience(design),
            (lambda: resilience(design, engine="networkx")) if small else None,
            repeat,
        ),
        "resilience, random attack (100 runs)": (
            lambda: resilience(design, "random"),
            None,
            1 if not small else 3,
        ),
    }
    if small:
        rows["suggest 5 ties, robustness"] = (lambda: suggest(design, "robustness"), None, 3)
        rows["suggest 5 ties, spread"] = (lambda: suggest(design, "spread"), None, 3)
    results: dict[str, dict[str, float | None]] = {}
    wall, cpu = timed(baseline_work, 3)
    results["baseline (fixed Python work)"] = {"ms": wall, "cpu_ms": cpu, "networkx_ms": None}
    for name, (fast, reference, times) in rows.items():
        wall, cpu = timed(fast, times)
        results[name] = {
            "ms": wall,
            "cpu_ms": cpu,
            "networkx_ms": timed(reference, 1)[0] if reference is not None else None,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    report = {str(n): measure(n) for n in sizes}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for n, rows in report.items():
        targets = TARGETS_10K if n == "10000" else TARGETS_1K
        base = rows["baseline (fixed Python work)"]
        slowdown = max(float(base["ms"] or 0) / max(float(base["cpu_ms"] or 1), 1e-9), 1.0)
        print(f"{int(n):,} actors, {3 * int(n):,} ties; load average {os.getloadavg()[0]:.1f}")
        print(
            f"  baseline: {base['cpu_ms']:,.0f} ms of processor time, {base['ms']:,.0f} ms "
            f"wall-clock: this run was slowed {slowdown:.1f}× by other work"
        )
        print(
            f"  {'analysis':<38} {'ms':>8} {'cpu ms':>8} {'free ms':>8} {'networkx ms':>12} "
            f"{'target':>8}  verdict"
        )
        for name, row in rows.items():
            if name.startswith("baseline"):
                continue
            reference = row["networkx_ms"]
            ref = f"{reference:,.0f}" if reference is not None else "—"
            target = targets.get(name)
            cpu = float(row["cpu_ms"] or 0)
            verdict = ("met" if cpu <= target else "MISSED") if target else ""
            print(
                f"  {name:<38} {row['ms']:>8,.0f} {cpu:>8,.0f} "
                f"{float(row['ms'] or 0) / slowdown:>8,.0f} {ref:>12} "
                f"{'≤ ' + format(target, ',') if target else '':>8}  {verdict}"
            )


if __name__ == "__main__":
    main()
