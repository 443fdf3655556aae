"""Print how long evaluation takes: networkx against the fast path, 1,000 and 10,000 actors.

Run with `uv run python benchmarks/evaluation.py`. The designs have 3 ties per actor:
90 % join spatial neighbours (as a force layout yields), 10 % join random actors.
networkx's exact betweenness at 10,000 actors takes minutes, so at that size the
networkx column uses the same sampled estimate as the fast path (see docs/evaluation.md).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster_designer.analysis import diagnose, evaluate, format_report
from cluster_designer.analysis.engines import EXACT_BETWEENNESS_MAX
from cluster_designer.model import Design, make_actor, make_tie

SECTORS = ("university", "company", "company", "company", "support")
LOCATIONS = ("region",) * 8 + ("domestic", "overseas")
KINDS = ("collaboration", "information", "funding", "human_resources", "technology_transfer")


def make_design(actors: int, ties: int, seed: int = 1) -> Design:
    """Actors on a square grid with jitter; mostly neighbour ties plus some long ones."""
    rng = random.Random(seed)
    side = int(actors**0.5) + 1
    people = [
        make_actor(
            id=f"A{i}",
            name=f"Actor {i}",
            sector=rng.choice(SECTORS),
            location=rng.choice(LOCATIONS),
            x=(i % side) * 80 + rng.uniform(-20, 20),
            y=(i // side) * 80 + rng.uniform(-20, 20),
        )
        for i in range(actors)
    ]
    keys: set[tuple[int, int, str]] = set()
    made = []
    while len(made) < ties:
        i = rng.randrange(actors)
        if rng.random() < 0.9:
            dx, dy = rng.choice(((1, 0), (0, 1), (1, 1), (1, -1), (2, 0), (0, 2)))
            j = i + dx + dy * side
            if not 0 <= j < actors:
                continue
        else:
            j = rng.randrange(actors)
        kind = rng.choice(KINDS)
        if i == j or (i, j, kind) in keys or (j, i, kind) in keys:
            continue
        keys.add((i, j, kind))
        made.append(make_tie(source=f"A{i}", target=f"A{j}", kind=kind, weight=rng.randint(1, 5)))
    design = Design(f"benchmark {actors}")
    design.load(people, made)
    return design


def timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def full_report(design: Design, engine: str) -> str:
    ev = evaluate(design, engine=engine)
    diagnose(ev)
    return format_report(ev)


def main() -> None:
    print(f"Betweenness is exact up to {EXACT_BETWEENNESS_MAX:,} actors, sampled above.")
    print(f"{'actors':>8} {'ties':>8} {'networkx ms':>12} {'igraph ms':>10} {'auto ms':>9}")
    for actors, repeat in ((1_000, 3), (10_000, 1)):
        design = make_design(actors, 3 * actors)
        nx_ms = timed(partial(full_report, design, "networkx"), repeat)
        ig_ms = timed(partial(full_report, design, "igraph"), repeat)
        auto_ms = timed(partial(full_report, design, "auto"), repeat)
        print(f"{actors:>8,} {3 * actors:>8,} {nx_ms:>12,.0f} {ig_ms:>10,.0f} {auto_ms:>9,.0f}")
    print("Times are the whole report: evaluate + diagnose + format_report (median).")


if __name__ == "__main__":
    main()
