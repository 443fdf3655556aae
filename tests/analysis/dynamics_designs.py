"""Designs for the dynamics tests: hand-checked small cases and seeded random ones."""

from __future__ import annotations

import random

import networkx as nx

from cluster_designer.model import Design, make_actor, make_tie
from tests.analysis.analysis_designs import build

KINDS = ("collaboration", "information", "funding", "human_resources", "technology_transfer")
KITE_NAMES = (
    "Andre",
    "Beverly",
    "Carol",
    "Diane",
    "Ed",
    "Fernando",
    "Garth",
    "Heather",
    "Ike",
    "Jane",
)


def random_design(
    seed: int,
    actors: int = 30,
    ties: int = 60,
    outside_share: float = 0.2,
    kinds: tuple[str, ...] = KINDS,
) -> Design:
    """Random sectors, locations, kinds and ends; names repeat now and then so that the
    tie-break by name, then id, is exercised."""
    rng = random.Random(seed)
    people = [
        make_actor(
            id=f"A{i:03d}",
            name=f"Org {rng.randrange(actors)}",
            sector=rng.choice(("university", "company", "company", "support")),
            location=rng.choice(("domestic", "overseas"))
            if rng.random() < outside_share
            else "region",
        )
        for i in range(actors)
    ]
    made = []
    seen: set[tuple[str, str, str]] = set()
    attempts = 0
    while len(made) < ties and attempts < ties * 20:
        attempts += 1
        i, j = rng.randrange(actors), rng.randrange(actors)
        kind = rng.choice(kinds)
        a, b = people[i].id, people[j].id
        key = (
            (a, b, kind) if kind not in ("collaboration", "information") or a < b else (b, a, kind)
        )
        if i == j or key in seen:
            continue
        seen.add(key)
        made.append(make_tie(source=a, target=b, kind=kind))
    design = Design(f"random {seed}")
    design.load(people, made)
    return design


def kite() -> Design:
    """Krackhardt's kite; Andre and Diane are the region's universities, the rest companies."""
    graph = nx.krackhardt_kite_graph()
    actors = [
        make_actor(
            id=f"K{v}",
            name=KITE_NAMES[v],
            sector="university" if KITE_NAMES[v] in ("Andre", "Diane") else "company",
        )
        for v in graph
    ]
    ties = [make_tie(source=f"K{u}", target=f"K{v}", kind="collaboration") for u, v in graph.edges]
    design = Design("kite")
    design.load(actors, ties)
    return design


def four_brokers(domestic_support: bool = False) -> Design:
    """A university, two companies and a support organization:
    A ↔ B (collaboration), B → C (technology transfer), C ↔ D (information), A → D (funding)."""
    return build(
        "four",
        [
            ("A", "university"),
            ("B", "company"),
            ("C", "company"),
            ("D", "support", "domestic" if domestic_support else "region"),
        ],
        [
            ("A", "B", "collaboration"),
            ("B", "C", "technology_transfer"),
            ("C", "D", "information"),
            ("A", "D", "funding"),
        ],
    )


def star_region(leaves: int = 4) -> Design:
    """A region company hub with `leaves` region partners, plus an outside partner."""
    actors = [("H", "company")] + [(f"L{i}", "support") for i in range(leaves)]
    actors.append(("X", "company", "overseas"))
    ties = [("H", f"L{i}") for i in range(leaves)] + [("H", "X"), ("L0", "X")]
    return build("star", actors, ties)


def complete_region(n: int = 4) -> Design:
    ids = [f"V{i}" for i in range(n)]
    return build(
        "complete",
        [(v, "company") for v in ids],
        [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]],
    )


def spatial_design(seed: int, actors: int = 260) -> Design:
    """Actors on a grid, three ties each, mostly between neighbours (as a drawn map is)."""
    rng = random.Random(seed)
    side = int(actors**0.5) + 1
    people = [
        make_actor(
            id=f"S{i:04d}",
            name=f"Org {i}",
            sector=rng.choice(("university", "company", "company", "company", "support")),
            location="region" if rng.random() < 0.8 else rng.choice(("domestic", "overseas")),
        )
        for i in range(actors)
    ]
    made = []
    seen: set[tuple[int, int]] = set()
    while len(made) < 3 * actors:
        i = rng.randrange(actors)
        if rng.random() < 0.9:
            dx, dy = rng.choice(((1, 0), (0, 1), (1, 1), (1, -1), (2, 0), (0, 2)))
            j = i + dx + dy * side
            if not 0 <= j < actors:
                continue
        else:
            j = rng.randrange(actors)
        if i == j or (min(i, j), max(i, j)) in seen:
            continue
        seen.add((min(i, j), max(i, j)))
        made.append(make_tie(source=people[i].id, target=people[j].id, kind=rng.choice(KINDS)))
    design = Design(f"spatial {seed}")
    design.load(people, made)
    return design
