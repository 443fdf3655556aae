"""Benchmark of the "By Sector and Location" layout: time and ties left through actors.

    uv run python benchmarks/layout.py
    uv run python benchmarks/layout.py --json --sizes 100 300 1000

For the dense sample (the knowledge cluster: 55 actors, 236 ties), the company town, and
generated designs of each size (the scale benchmark's design: 3 ties per actor, mostly
between neighbours; and random designs with 1.5 ties per actor between any two actors),
prints the wall-clock and processor seconds of one layout, the ties drawn through an actor
they do not join afterwards (target 0) and the map's extent. Target: under 1 s for the
sample. Kept out of the test run; note the machine's load (`uptime`) beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import build_design  # noqa: E402

from cluster_designer.analysis.layout import sector_location_layout  # noqa: E402
from cluster_designer.analysis.tie_clearance import (  # noqa: E402
    segments_for,
    ties_through_actors,
)
from cluster_designer.io import read_json  # noqa: E402
from cluster_designer.model import Design, make_actor, make_tie  # noqa: E402


def random_design(n: int, ties_per_actor: float = 1.5, seed: int = 1) -> Design:
    rng = random.Random(seed)
    design = Design(f"Random {n}")
    design.add_actors(
        [
            make_actor(
                id=f"A{i}",
                name=f"Actor {i}",
                sector=rng.choice(["university", "company", "company", "support"]),
                location=rng.choices(["region", "domestic", "overseas"], [8, 1, 1])[0],
            )
            for i in range(n)
        ]
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < int(n * ties_per_actor):
        a, b = sorted(rng.sample(range(n), 2))
        pairs.add((a, b))
    design.add_ties(
        [make_tie(source=f"A{a}", target=f"A{b}", kind="collaboration") for a, b in sorted(pairs)]
    )
    return design


def measure(design: Design, budget: float) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    pos = sector_location_layout(design, time_budget=budget)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ids = list(pos)
    row = {actor_id: n for n, actor_id in enumerate(ids)}
    xy = np.array([pos[i] for i in ids], dtype=np.float64)
    segs = segments_for([(row[t.source], row[t.target]) for t in design.ties.values()])
    left = len(ties_through_actors(xy, segs.src, segs.dst, segs.clearance))
    return {
        "actors": len(design.actors),
        "ties": len(design.ties),
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "ties_through_actors": left,
        "width": round(float(np.ptp(xy[:, 0]))),
        "height": round(float(np.ptp(xy[:, 1]))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--budget", type=float, default=20.0, help="the layout's time budget")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    samples = ROOT / "resources" / "sample"
    cases: dict[str, Design] = {
        "sample_knowledge_cluster": read_json(samples / "knowledge_cluster.json"),
        "sample_company_town": read_json(samples / "company_town.json"),
    }
    for n in args.sizes:
        cases[f"neighbours_{n}"] = build_design(n)
        cases[f"random_{n}"] = random_design(n)
    out: dict[str, object] = {"load": os.getloadavg()[0]}
    for name, design in cases.items():
        out[name] = measure(design, args.budget)
        if not args.json:
            print(f"{name:<26} {out[name]}", flush=True)
    out["machine"] = f"{os.cpu_count()} cores, load {out['load']:.1f} at the start"
    if args.json:
        print(json.dumps(out))
    else:
        print(out["machine"])


if __name__ == "__main__":
    main()
