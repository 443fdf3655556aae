"""The dynamics analyses computed a third way, with python-igraph: both engines (the
networkx reference that reads the definition literally, and the fast one) must equal it
on random designs, small and large, sparse and dense."""

from __future__ import annotations

import igraph as ig
import pytest

from cluster_designer.analysis.brokerage import ROLES, brokerage, role_of
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.model import Design, Location, TieKind
from tests.analysis.dynamics_designs import random_design

MUTUAL = (TieKind.COLLABORATION, TieKind.INFORMATION)
SIZES = [(20, 15), (30, 60), (60, 240), (120, 200)]


def ordered(design: Design) -> list[str]:
    return [a.id for a in sorted(design.actors.values(), key=lambda a: (a.name, a.id))]


def igraph_brokerage(design: Design, groups: str) -> dict[str, dict[str, int]]:
    ids = ordered(design)
    number = {a: i for i, a in enumerate(ids)}
    arcs = set()
    for tie in design.ties.values():
        arcs.add((number[tie.source], number[tie.target]))
        if tie.kind in MUTUAL:
            arcs.add((number[tie.target], number[tie.source]))
    d = ig.Graph(n=len(ids), edges=sorted(arcs), directed=True)

    def group(i: int) -> str:
        actor = design.actor(ids[i])
        if groups == "sector":
            return actor.sector.value
        return "region" if actor.location is Location.REGION else "outside"

    result = {a: {**dict.fromkeys(ROLES, 0), "total": 0} for a in design.actors}
    for b in range(len(ids)):
        for a in d.predecessors(b):
            for c in d.successors(b):
                if a != c and d.get_eid(a, c, error=False) == -1:
                    result[ids[b]][role_of(group(a), group(b), group(c))] += 1
                    result[ids[b]]["total"] += 1
    return result


def igraph_spread(design: Design, seeds: list[str], theta: float) -> list[list[str]]:
    ids = ordered(design)
    number = {a: i for i, a in enumerate(ids)}
    g = ig.Graph(
        n=len(ids), edges=[(number[t.source], number[t.target]) for t in design.ties.values()]
    )
    g.simplify()
    reached = {number[s] for s in seeds}
    rounds = []
    while True:
        new = [
            v
            for v in range(g.vcount())
            if v not in reached
            and g.degree(v) > 0
            and sum(1 for w in g.neighbors(v) if w in reached) / g.degree(v) >= theta - 1e-9
        ]
        if not new:
            return rounds
        reached.update(new)
        rounds.append(sorted(ids[v] for v in new))


def igraph_degree_attack(design: Design) -> tuple[list[str], list[float]]:
    region = [a for a in ordered(design) if design.actor(a).location is Location.REGION]
    number = {a: i for i, a in enumerate(region)}
    edges = [
        (number[t.source], number[t.target])
        for t in design.ties.values()
        if t.source in number and t.target in number
    ]
    g = ig.Graph(n=len(region), edges=edges)
    g.simplify()
    g.vs["id"] = region
    g.vs["rank"] = list(range(len(region)))  # by name, then id
    n = len(region)
    shares = [max(g.connected_components().sizes(), default=0) / n]
    removed = []
    while g.vcount():
        victim = min(range(g.vcount()), key=lambda v: (-g.degree(v), g.vs[v]["rank"]))
        removed.append(g.vs[victim]["id"])
        g.delete_vertices(victim)
        sizes = g.connected_components().sizes() if g.vcount() else []
        shares.append(max(sizes, default=0) / n)
    return removed, shares


@pytest.mark.parametrize(("actors", "ties"), SIZES)
@pytest.mark.parametrize("seed", range(3))
def test_brokerage_equals_igraph(actors: int, ties: int, seed: int) -> None:
    design = random_design(4000 + seed, actors=actors, ties=ties)
    for groups in ("sector", "location"):
        expected = igraph_brokerage(design, groups)
        for engine in ("fast", "networkx"):
            assert brokerage(design, groups, engine=engine).to_dict()["actors"] == expected


@pytest.mark.parametrize(("actors", "ties"), SIZES)
@pytest.mark.parametrize("seed", range(3))
def test_spread_equals_igraph(actors: int, ties: int, seed: int) -> None:
    design = random_design(5000 + seed, actors=actors, ties=ties)
    ids = sorted(design.actors)
    for theta in (0.25, 0.5, 1.0):
        for seeds in (ids[:: max(1, actors // 5)], ids[seed::7]):
            expected = igraph_spread(design, seeds, theta)
            for engine in ("fast", "networkx"):
                result = spread(design, seeds, theta, engine=engine)
                assert [list(r) for r in result.rounds] == expected


@pytest.mark.parametrize(("actors", "ties"), SIZES)
@pytest.mark.parametrize("seed", range(3))
def test_degree_attack_equals_igraph(actors: int, ties: int, seed: int) -> None:
    design = random_design(6000 + seed, actors=actors, ties=ties)
    removed, shares = igraph_degree_attack(design)
    n = len(removed)
    for engine in ("fast", "networkx"):
        result = resilience(design, engine=engine)
        assert list(result.removed) == removed
        assert list(result.largest_share) == pytest.approx(shares)
        assert result.robustness == pytest.approx(sum(shares[1:]) / n)
