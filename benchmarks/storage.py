"""Print how long a project takes to write, read and save one small change (not a test).

Run: uv run python benchmarks/storage.py
Designs of N actors and 3N ties, as in docs/performance.md; medians of a few runs, in ms.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cluster_designer.model import Actor, Design, Location, Sector, Tie, TieKind
from cluster_designer.storage import Project

SECTORS = list(Sector)
LOCATIONS = list(Location)
KINDS = list(TieKind)


def make_design(name: str, n: int, seed: int = 1) -> Design:
    rng = random.Random(seed)
    actors = [
        Actor(
            id=f"A{i}",
            name=f"組織 {i}",
            sector=rng.choice(SECTORS),
            location=rng.choice(LOCATIONS),
            x=rng.uniform(0, 5000),
            y=rng.uniform(0, 5000),
            staff=float(rng.randint(1, 5000)),
            tags=("ai", "materials") if i % 3 == 0 else (),
            notes="note" if i % 5 == 0 else "",
        )
        for i in range(n)
    ]
    ties: list[Tie] = []
    keys: set[tuple[str, str, str]] = set()
    while len(ties) < 3 * n:
        a, b = rng.sample(range(n), 2)
        tie = Tie(f"A{a}", f"A{b}", rng.choice(KINDS), weight=float(rng.randint(1, 9)))
        if tie.key not in keys:
            keys.add(tie.key)
            ties.append(tie)
    design = Design(name, "region")
    design.load(actors, ties)
    return design


def timed(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def run(n: int, folder: Path, repeats: int = 5) -> None:
    writes, reads, moves, adds = [], [], [], []
    for r in range(repeats):
        design = make_design(f"design {r}", n, seed=r)
        with Project.open(folder / f"bench-{n}-{r}.cluster", create=True) as project:
            writes.append(timed(project.save_design, design))
            reads.append(timed(project.load_design, design.name))
            loaded = project.load_design(design.name)
            for step in range(5):
                loaded.move_actors({"A7": (float(step), 1.0)})
                moves.append(timed(project.save_design, loaded))
            loaded.add_actors([Actor(id="NEW", name="新しい", sector=Sector.COMPANY)], [n // 2])
            loaded.add_ties([Tie("NEW", "A1", TieKind.FUNDING)])
            adds.append(timed(project.save_design, loaded))
    print(
        f"{n:>6} actors / {3 * n:>6} ties: write {statistics.median(writes):7.1f}  "
        f"read {statistics.median(reads):7.1f}  "
        f"save after one move {statistics.median(moves):6.1f}  "
        f"save after adding one actor in the middle {statistics.median(adds):6.1f}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for n in (1_000, 10_000):
            run(n, Path(folder))


if __name__ == "__main__":
    main()
