"""Small designs built for the analysis tests, each with values that can be worked out by hand."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from cluster_designer.model import Design, make_actor, make_tie

ActorSpec = tuple[str, str] | tuple[str, str, str]  # id, sector[, location]
TieSpec = tuple[str, str] | tuple[str, str, str] | tuple[str, str, str, float]


def build(
    name: str, actors: Iterable[ActorSpec], ties: Iterable[TieSpec] = (), region: str = ""
) -> Design:
    """Actors named after their ids; ties default to collaboration with weight 1."""
    made_actors = [
        make_actor(id=a[0], name=a[0], sector=a[1], location=a[2] if len(a) > 2 else "region")
        for a in actors
    ]
    made_ties = []
    for t in ties:
        kind = t[2] if len(t) > 2 else "collaboration"
        weight = t[3] if len(t) > 3 else 1
        made_ties.append(make_tie(source=t[0], target=t[1], kind=kind, weight=weight))
    design = Design(name, region=region)
    design.load(made_actors, made_ties)
    return design


def from_networkx(name: str, graph: nx.Graph, sector: str = "company") -> Design:
    return build(
        name, [(str(v), sector) for v in graph], [(str(u), str(v)) for u, v in graph.edges()]
    )


def empty() -> Design:
    return build("empty", [])


def one_actor() -> Design:
    return build("one", [("C1", "company")])


def star() -> Design:
    """A company hub tied to two universities and two support organizations."""
    return build(
        "star",
        [
            ("C0", "company"),
            ("U1", "university"),
            ("U2", "university"),
            ("S1", "support"),
            ("S2", "support"),
        ],
        [("C0", "U1"), ("C0", "U2"), ("C0", "S1"), ("C0", "S2")],
    )


def clique() -> Design:
    ids = [("A", "company"), ("B", "company"), ("C", "university"), ("D", "support")]
    return build("clique", ids, [(a[0], b[0]) for i, a in enumerate(ids) for b in ids[i + 1 :]])


def disconnected() -> Design:
    """Two triangles and two isolates: 8 actors, 6 edges."""
    return build(
        "disconnected",
        [(x, "company") for x in ("A", "B", "C", "D", "E", "F", "I1", "I2")],
        [("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F")],
    )


def outside_only() -> Design:
    return build(
        "outside",
        [
            ("D1", "company", "domestic"),
            ("D2", "support", "domestic"),
            ("O1", "university", "overseas"),
        ],
        [("D1", "D2"), ("D2", "O1", "funding", 3)],
    )


def parallel_ties() -> Design:
    """One pair joined four times: a collaboration, funding both ways, human resources."""
    return build(
        "parallel",
        [("A", "company"), ("B", "university"), ("C", "support")],
        [
            ("A", "B"),
            ("A", "B", "funding", 2),
            ("B", "A", "funding", 5),
            ("A", "B", "human_resources"),
        ],
    )


def flows() -> Design:
    """Inflows, outflows and ties that stay inside or outside the region."""
    return build(
        "flows",
        [
            ("R1", "company"),
            ("R2", "university"),
            ("D1", "support", "domestic"),
            ("O1", "company", "overseas"),
        ],
        [
            ("O1", "R1", "funding", 10),  # inflow
            ("R1", "O1", "technology_transfer", 3),  # outflow: source in the region
            ("R2", "D1", "collaboration", 2),  # inflow: undirected, written from the region end
            ("R2", "D1", "human_resources", 5),  # outflow
            ("D1", "R2", "human_resources", 4),  # inflow
            ("D1", "O1", "information"),  # both ends outside
            ("R1", "R2", "collaboration"),  # both ends inside
        ],
    )


def outflows_only() -> Design:
    return build(
        "outflows",
        [("R1", "company"), ("O1", "company", "overseas")],
        [("R1", "O1", "funding", 7), ("R1", "O1", "technology_transfer")],
    )


def company_town() -> Design:
    """One big firm, fifteen suppliers tied only to it, a university with one link."""
    actors: list[ActorSpec] = [("BIG", "company"), ("U1", "university")]
    actors += [(f"S{i}", "company") for i in range(15)]
    ties: list[TieSpec] = [(f"S{i}", "BIG", "collaboration") for i in range(15)]
    ties.append(("U1", "BIG", "human_resources", 10))
    return build("company town", actors, ties)


def knowledge_cluster() -> Design:
    """Sixteen region actors of mixed sectors on a ring lattice, plus outside partners."""
    sectors = ["university", "company", "support", "company"]
    region = [(f"R{i}", sectors[i % 4]) for i in range(16)]
    ties: list[TieSpec] = [(f"R{i}", f"R{(i + d) % 16}") for i in range(16) for d in (1, 2, 3)]
    outside: list[ActorSpec] = [
        ("O1", "company", "overseas"),
        ("D1", "support", "domestic"),
        ("D2", "university", "domestic"),
    ]
    ties += [
        ("O1", "R1", "technology_transfer", 2),
        ("O1", "R5", "funding", 20),
        ("D1", "R2", "funding", 50),
        ("D1", "R6", "information", 4),
        ("D2", "R0", "human_resources", 3),
        ("D2", "R9", "collaboration", 1),
    ]
    return build("knowledge cluster", region + outside, ties)


def fragmented() -> Design:
    return build(
        "fragmented",
        [(f"A{i}", "company") for i in range(10)] + [("U1", "university"), ("S1", "support")],
        [("A0", "A1"), ("A2", "A3"), ("A4", "U1"), ("A5", "S1")],
    )


ALL_SMALL = (
    empty,
    one_actor,
    star,
    clique,
    disconnected,
    outside_only,
    parallel_ties,
    flows,
    outflows_only,
    company_town,
    knowledge_cluster,
    fragmented,
)


def large(actors: int, ties: int, seed: int = 1) -> Design:
    """Mostly ties between grid neighbours plus some long ones, as in benchmarks/evaluation.py."""
    import random

    rng = random.Random(seed)
    side = int(actors**0.5) + 1
    sectors = ("university", "company", "company", "company", "support")
    locations = ("region",) * 8 + ("domestic", "overseas")
    kinds = ("collaboration", "information", "funding", "human_resources", "technology_transfer")
    people = [
        make_actor(
            id=f"A{i}",
            name=f"Actor {i}",
            sector=rng.choice(sectors),
            location=rng.choice(locations),
        )
        for i in range(actors)
    ]
    keys: set[tuple[int, int, str]] = set()
    made = []
    while len(made) < ties:
        i = rng.randrange(actors)
        j = i + rng.choice((1, side, side + 1, 2)) if rng.random() < 0.9 else rng.randrange(actors)
        kind = rng.choice(kinds)
        if i == j or j >= actors or (i, j, kind) in keys or (j, i, kind) in keys:
            continue
        keys.add((i, j, kind))
        made.append(make_tie(source=f"A{i}", target=f"A{j}", kind=kind))
    design = Design(f"large {actors}")
    design.load(people, made)
    return design
