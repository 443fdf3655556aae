"""Published values for classic networks, and networkx and igraph agreeing on every design."""

from __future__ import annotations

import math

import networkx as nx
import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import engines, evaluate


def test_florentine_families() -> None:
    design = designs.from_networkx("Florence", nx.florentine_families_graph())
    ev = evaluate(design)
    assert (ev.actors.total, len(design.ties)) == (15, 20)
    assert ev.density.overall == pytest.approx(0.1905, abs=1e-4)
    # Freeman: Medici has 6 partners; Σ(6 − d_i) = 15·6 − 2·20 = 50, over (14·13)
    assert ev.centralization.degree == pytest.approx(50 / 182)
    assert ev.centralization.degree == pytest.approx(0.2747, abs=1e-4)
    # Wasserman & Faust: the Medici's normalized betweenness is .522
    assert ev.brokers[0].name == "Medici"
    assert ev.brokers[0].betweenness == pytest.approx(0.522, abs=1e-3)
    assert [b.name for b in ev.brokers[:3]] == ["Medici", "Guadagni", "Albizzi"]
    assert ev.components.count == 1


def test_karate_club() -> None:
    design = designs.from_networkx("Zachary", nx.karate_club_graph())
    ev = evaluate(design)
    assert (ev.actors.total, len(design.ties)) == (34, 78)
    assert ev.density.overall == pytest.approx(0.1390, abs=1e-4)
    assert ev.clustering.average == pytest.approx(0.5706, abs=1e-4)
    assert ev.clustering.transitivity == pytest.approx(0.2557, abs=1e-4)
    assert [b.id for b in ev.brokers[:2]] == ["0", "33"]  # Mr Hi and the officer
    assert ev.brokers[0].betweenness == pytest.approx(0.4376, abs=1e-4)


CLASSIC = (
    lambda: designs.from_networkx("Florence", nx.florentine_families_graph()),
    lambda: designs.from_networkx("Zachary", nx.karate_club_graph()),
    lambda: designs.from_networkx("Les Mis", nx.les_miserables_graph()),
)


def _assert_same(a: object, b: object) -> None:
    ma, mb = a.metrics(), b.metrics()
    assert ma.keys() == mb.keys()
    for key in ma:
        if ma[key] is None:
            assert mb[key] is None, key
        else:
            assert math.isclose(ma[key], mb[key], abs_tol=1e-9), key
    for actor, value in a.betweenness.items():
        assert math.isclose(value, b.betweenness[actor], abs_tol=1e-9), actor
    assert [x.id for x in a.brokers] == [x.id for x in b.brokers]
    for x, y in zip(a.brokers, b.brokers, strict=True):
        assert math.isclose(x.largest_share_without, y.largest_share_without, abs_tol=1e-9)


@pytest.mark.parametrize("factory", designs.ALL_SMALL + CLASSIC)
def test_igraph_agrees_with_networkx(factory) -> None:
    design = factory()
    by_nx = evaluate(design, engine="networkx")
    by_ig = evaluate(design, engine="igraph")
    assert (by_nx.engine, by_ig.engine) == ("networkx", "igraph")
    _assert_same(by_nx, by_ig)


def test_sampled_betweenness_matches_networkx_sampling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the exact limit both engines estimate from the same sampled sources."""
    monkeypatch.setattr(engines, "EXACT_BETWEENNESS_MAX", 20)
    monkeypatch.setattr(engines, "BETWEENNESS_SAMPLE", 10)
    graph = nx.karate_club_graph()
    design = designs.from_networkx("Zachary", graph)
    by_nx = evaluate(design, engine="networkx")
    by_ig = evaluate(design, engine="igraph")
    assert not by_nx.betweenness_exact and by_nx.betweenness_sample == 10
    _assert_same(by_nx, by_ig)
    # the same estimate networkx itself makes with k sources drawn with the same seed
    reference = nx.betweenness_centrality(graph, k=10, seed=engines.BETWEENNESS_SEED)
    for node, value in reference.items():
        assert by_ig.betweenness[str(node)] == pytest.approx(value, abs=1e-9)
    exact = nx.betweenness_centrality(graph)
    assert by_ig.betweenness["0"] != pytest.approx(exact[0], abs=1e-9)  # it is an estimate


def test_auto_uses_networkx_for_small_and_igraph_for_big() -> None:
    assert evaluate(designs.star()).engine == "networkx"
    big = designs.from_networkx("grid", nx.grid_2d_graph(16, 16))
    assert evaluate(big).engine == "igraph"


def test_igraph_betweenness_in_short_steps_equals_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI's worker must not hold Python's lock for long: the sum over slices is exact."""
    import igraph

    graph = nx.gnm_random_graph(120, 360, seed=5)
    edges = list(graph.edges())
    whole = igraph.Graph(n=120, edges=edges).betweenness(directed=False)
    monkeypatch.setattr(engines, "BETWEENNESS_CALL_WORK", 1)  # 8 sources per call: 15 calls
    stepped = engines.IgraphEngine(120, edges).raw_betweenness(None)
    assert stepped == pytest.approx(whole, abs=1e-9)
    sources = list(range(0, 120, 3))
    one_call = igraph.Graph(n=120, edges=edges).betweenness(directed=False, sources=sources)
    assert engines.IgraphEngine(120, edges).raw_betweenness(sources) == pytest.approx(
        one_call, abs=1e-9
    )
