"""Every metric of docs/reference/metrics.md against values worked out by hand on designs
built for the purpose."""

from __future__ import annotations

import json

import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import AnalysisError, EvaluationCancelled, evaluate
from cluster_designer.model import ClusterError, Design, make_actor, make_group, make_tie

KINDS = ("collaboration", "information", "funding", "human_resources", "technology_transfer")
BLOCKS = (
    "company-company",
    "company-support",
    "company-university",
    "support-support",
    "support-university",
    "university-university",
)


@pytest.fixture(params=["networkx", "igraph"])
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


def test_empty_design_has_zeros_and_nulls(engine: str) -> None:
    d = evaluate(designs.empty(), engine=engine).to_dict()
    assert d["actors"] == {
        "total": 0,
        "by_sector": {"university": 0, "company": 0, "support": 0},
        "by_location": {"region": 0, "domestic": 0, "overseas": 0},
        "region_by_sector": {"university": 0, "company": 0, "support": 0},
    }
    assert d["ties"] == {"total": 0, "by_kind": dict.fromkeys(KINDS, 0)}
    assert d["density"]["overall"] == 0.0 and d["density"]["region"] == 0.0
    assert d["density"]["by_kind"] == dict.fromkeys(KINDS, 0.0)
    assert d["density"]["sector_blocks"] == dict.fromkeys(BLOCKS)
    assert d["centralization"] == {"degree": 0.0}
    assert d["components"] == {"count": 0, "largest_share": 0.0, "isolates": 0}
    assert d["clustering"] == {"average": 0.0, "transitivity": 0.0}
    assert d["ei_index"] is None
    assert d["inflows"]["count"] == 0
    assert d["inflows"]["overseas_share"] is None and d["inflows"]["reached_share"] is None
    assert d["brokers"] == []
    json.dumps(d)  # the CLI prints it as it is


def test_one_actor(engine: str) -> None:
    ev = evaluate(designs.one_actor(), engine=engine)
    assert ev.components.count == 1 and ev.components.largest_share == 1.0
    assert ev.components.isolates == 1 and ev.isolate_ids == ("C1",)
    assert ev.density.sector_blocks["company-company"] is None  # n(n−1) = 0
    assert ev.inflows.reached_share == 0.0 and ev.inflows.overseas_share is None
    assert [(b.id, b.betweenness) for b in ev.brokers] == [("C1", 0.0)]


def test_star(engine: str) -> None:
    ev = evaluate(designs.star(), engine=engine)
    assert ev.density.overall == pytest.approx(8 / 20)
    assert ev.density.region == pytest.approx(8 / 20)
    assert ev.density.by_kind["collaboration"] == pytest.approx(8 / 20)
    assert ev.density.by_kind["funding"] == 0.0
    assert ev.centralization.degree == pytest.approx(1.0)  # (0 + 4·3) / (4·3)
    assert ev.clustering.average == 0.0 and ev.clustering.transitivity == 0.0
    assert ev.ei_index == 1.0  # four ties, all across sectors
    assert ev.density.sector_blocks == {
        "company-company": None,
        "company-support": 1.0,
        "company-university": 1.0,
        "support-support": 0.0,
        "support-university": 0.0,
        "university-university": 0.0,
    }
    assert ev.degree == {"C0": 4, "U1": 1, "U2": 1, "S1": 1, "S2": 1}
    assert ev.degree_distribution == {1: 4, 4: 1}
    # the hub lies on all six leaf-to-leaf paths; leaves follow by name
    assert [(b.id, b.betweenness) for b in ev.brokers] == [
        ("C0", pytest.approx(1.0)),
        ("S1", 0.0),
        ("S2", 0.0),
        ("U1", 0.0),
        ("U2", 0.0),
    ]
    assert ev.brokers[0].largest_share_without == pytest.approx(1 / 4)


def test_clique(engine: str) -> None:
    ev = evaluate(designs.clique(), engine=engine)
    assert ev.density.overall == 1.0
    assert ev.centralization.degree == 0.0
    assert ev.clustering.average == pytest.approx(1.0)
    assert ev.clustering.transitivity == pytest.approx(1.0)
    assert ev.ei_index == pytest.approx((5 - 1) / 6)  # only A–B is within one sector
    assert ev.density.sector_blocks["company-company"] == 1.0
    assert [b.id for b in ev.brokers] == ["A", "B", "C", "D"]
    assert all(b.betweenness == 0.0 for b in ev.brokers)


def test_disconnected_parts(engine: str) -> None:
    ev = evaluate(designs.disconnected(), engine=engine)
    assert ev.components.count == 4
    assert ev.components.largest_share == pytest.approx(3 / 8)
    assert ev.components.isolates == 2 and set(ev.isolate_ids) == {"I1", "I2"}
    assert ev.components.sizes == (3, 3, 1, 1)
    assert ev.density.overall == pytest.approx(12 / 56)
    assert ev.clustering.average == pytest.approx(6 / 8)  # isolates count as 0
    assert ev.clustering.transitivity == pytest.approx(1.0)
    assert ev.ei_index == -1.0  # all ties within the company sector
    assert ev.centralization.degree == pytest.approx((0 * 6 + 2 * 2) / (7 * 6))


def test_only_outside_actors(engine: str) -> None:
    ev = evaluate(designs.outside_only(), engine=engine)
    assert ev.actors.by_location == {"region": 0, "domestic": 2, "overseas": 1}
    assert ev.density.region == 0.0
    assert all(v is None for v in ev.density.sector_blocks.values())
    assert ev.ei_index is None
    assert ev.inflows.count == 0 and ev.inflows.reached_share is None
    assert ev.density.overall == pytest.approx(4 / 6)


def test_parallel_ties_count_as_ties_but_one_edge(engine: str) -> None:
    ev = evaluate(designs.parallel_ties(), engine=engine)
    assert ev.ties.total == 4
    assert ev.ties.by_kind == {
        "collaboration": 1,
        "information": 0,
        "funding": 2,
        "human_resources": 1,
        "technology_transfer": 0,
    }
    assert ev.density.overall == pytest.approx(2 / 6)  # one edge among three actors
    assert ev.density.by_kind["funding"] == pytest.approx(2 / 6)  # both directions: one pair
    assert ev.degree == {"A": 1, "B": 1, "C": 0}


def test_inflows_count_only_what_comes_in(engine: str) -> None:
    design = designs.flows()
    ev = evaluate(design, engine=engine)
    assert ev.inflows.count == 3
    assert ev.inflows.by_kind == {
        "collaboration": 1,
        "information": 0,
        "funding": 1,
        "human_resources": 1,
        "technology_transfer": 0,
    }
    assert ev.inflows.weight_by_kind == {
        "collaboration": 2.0,
        "information": 0.0,
        "funding": 10.0,
        "human_resources": 4.0,
        "technology_transfer": 0.0,
    }
    assert ev.inflows.overseas_share == pytest.approx(1 / 3)
    assert ev.inflows.reached_share == 1.0
    expected = {
        ("O1", "R1", "funding"),
        ("D1", "R2", "collaboration"),
        ("D1", "R2", "human_resources"),
    }
    assert set(ev.inflow_tie_keys) == expected
    assert {design.tie(u).key for u in ev.inflow_tie_uids} == expected


def test_directed_outflows_are_not_inflows(engine: str) -> None:
    ev = evaluate(designs.outflows_only(), engine=engine)
    assert ev.inflows.count == 0
    assert ev.inflows.overseas_share is None
    assert ev.inflows.reached_share == 0.0
    assert ev.inflow_tie_uids == frozenset()


def test_sector_blocks_ignore_outside_actors() -> None:
    ev = evaluate(designs.flows())
    # R1 (company) – R2 (university) is the only tie inside the region
    assert ev.density.sector_blocks["company-university"] == 1.0
    assert ev.density.sector_blocks["support-university"] is None  # D1 is outside
    assert ev.density.region == 1.0


def test_json_keys_and_floats_unrounded() -> None:
    d = evaluate(designs.disconnected()).to_dict()
    assert d["design"] == "disconnected"
    assert d["density"]["overall"] == 12 / 56
    for key in (
        "actors",
        "ties",
        "density",
        "centralization",
        "components",
        "clustering",
        "ei_index",
        "inflows",
        "brokers",
    ):
        assert key in d
    assert set(d["brokers"][0]) >= {"id", "name", "betweenness"}


def test_unknown_engine_is_a_user_error() -> None:
    with pytest.raises(AnalysisError, match="unknown analysis engine 'fast'") as info:
        evaluate(designs.star(), engine="fast")
    assert isinstance(info.value, ClusterError)


def test_cancelled_run_stops_and_others_finish() -> None:
    with pytest.raises(EvaluationCancelled):
        evaluate(designs.star(), cancelled=lambda: True)
    calls: list[int] = []

    def later() -> bool:
        calls.append(1)
        return len(calls) >= 3

    with pytest.raises(EvaluationCancelled):
        evaluate(designs.star(), cancelled=later)
    assert len(calls) == 3
    assert evaluate(designs.star(), cancelled=lambda: False).actors.total == 5


def test_japanese_names_survive() -> None:
    design = designs.build(
        "静岡", [("静岡大学", "university"), ("スズキ", "company")], [("静岡大学", "スズキ")]
    )
    ev = evaluate(design)
    assert {b.name for b in ev.brokers} == {"静岡大学", "スズキ"}
    assert json.loads(json.dumps(ev.to_dict(), ensure_ascii=False))["design"] == "静岡"


def _ring_named_apart() -> Design:
    """Six actors on a ring (equal betweenness), stored in an order that is neither by id nor
    by name, with names that sort differently from the ids and two actors sharing a name."""
    names = {"A": "Tsuru", "B": "Mori", "C": "Aoki", "D": "Mori", "E": "Kato", "F": "Zen"}
    stored = ["F", "D", "A", "E", "B", "C"]
    ring = ["A", "B", "C", "D", "E", "F"]
    design = Design("ring")
    design.load(
        [make_actor(id=i, name=names[i], sector="company") for i in stored],
        [
            make_tie(source=a, target=b, kind="collaboration")
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
        ],
    )
    return design


def test_brokers_of_equal_betweenness_are_ordered_by_name_then_id(engine: str) -> None:
    ev = evaluate(_ring_named_apart(), engine=engine)
    assert len({round(b.betweenness, 12) for b in ev.brokers}) == 1  # all equal
    assert ev.brokers[0].betweenness > 0
    # by name: Aoki, Kato, Mori (B before D, by id), Mori, Tsuru — Zen is sixth and left out;
    # by id it would be A–E, in stored order F, D, A, E, B
    assert [(b.name, b.id) for b in ev.brokers] == [
        ("Aoki", "C"),
        ("Kato", "E"),
        ("Mori", "B"),
        ("Mori", "D"),
        ("Tsuru", "A"),
    ]


def _origins_and_groups() -> Design:
    """Eight region actors of every origin and three groups, counted by hand below."""
    design = Design("origins")
    design.load(
        [
            make_actor(id="U1", name="U1", sector="university", origin="local"),
            make_actor(id="U2", name="U2", sector="university"),  # origin unknown
            make_actor(id="C1", name="C1", sector="company", origin="spin_off", parent="U1"),
            make_actor(id="C2", name="C2", sector="company", origin="spin_off", parent="C3"),
            make_actor(id="C3", name="C3", sector="company", origin="domestic"),
            make_actor(id="C4", name="C4", sector="company", origin="overseas"),
            make_actor(id="C6", name="C6", sector="company", origin="spin_off"),  # no parent
            make_actor(id="S1", name="S1", sector="support", origin="local"),
            make_actor(id="D1", name="D1", sector="university", location="domestic"),
            make_actor(id="D2", name="D2", sector="company", location="overseas", parent="D1"),
        ],
        [make_tie(source="U1", target="C1", kind="collaboration")],
        [
            make_group(id="G1", name="triple, inside", members=("U1", "C1", "S1")),
            make_group(id="G2", name="two sectors, outside", members=("C3", "D1")),
            make_group(id="G3", name="triple, outside", members=("U2", "C4", "S1", "D2")),
        ],
    )
    return design


def test_arrivals_and_groups_counted_by_hand(engine: str) -> None:
    d = evaluate(_origins_and_groups(), engine=engine).to_dict()
    # region: U1 U2 C1 C2 C3 C4 C6 S1 = 8; moved in: C3 (domestic), C4 (overseas)
    assert d["arrivals"] == {
        "by_origin": {"local": 2, "spin_off": 3, "domestic": 1, "overseas": 1, "unknown": 1},
        "count": 2,
        "share": 0.25,
        "university_spin_offs": 1,  # C1 (of U1); C2's parent is a company, C6 has none
    }
    # G1 and G3 join all three sectors; G2 and G3 have a member outside the region
    assert d["groups"] == {
        "count": 3,
        "triple_helix_share": 2 / 3,
        "with_outside_share": 2 / 3,
    }


def test_arrivals_and_groups_without_region_actors_or_groups_are_null() -> None:
    for design in (designs.empty(), designs.outside_only()):
        d = evaluate(design).to_dict()
        assert d["arrivals"] == {
            "by_origin": dict.fromkeys(("local", "spin_off", "domestic", "overseas", "unknown"), 0),
            "count": 0,
            "share": None,
            "university_spin_offs": 0,
        }
        assert d["groups"] == {"count": 0, "triple_helix_share": None, "with_outside_share": None}
    # region actors without any recorded origin: all unknown, share 0.0 (not null)
    d = evaluate(designs.star()).to_dict()
    assert d["arrivals"]["by_origin"]["unknown"] == d["actors"]["by_location"]["region"] > 0
    assert d["arrivals"]["share"] == 0.0 and d["arrivals"]["count"] == 0


def test_every_arrival_and_group_key_is_a_metric() -> None:
    metrics = evaluate(designs.empty()).metrics()
    for key in (
        *(f"arrivals.by_origin.{o}" for o in ("local", "spin_off", "domestic", "overseas")),
        "arrivals.by_origin.unknown",
        "arrivals.count",
        "arrivals.share",
        "arrivals.university_spin_offs",
        "groups.count",
        "groups.triple_helix_share",
        "groups.with_outside_share",
    ):
        assert key in metrics
