"""The concept figure's numbers are the evaluation's: sector counts, ties between sectors,
inflows by kind (and side), on the sample designs and on random ones."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cluster_designer.analysis import evaluate
from cluster_designer.analysis.concept import KINDS, SECTORS, SIDES, concept_summary
from cluster_designer.io import read_json
from cluster_designer.model import Design, Location, TieKind, make_actor, make_tie

from .analysis_designs import build

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "sample"


def random_design(seed: int) -> Design:
    rng = random.Random(seed)
    n = rng.randint(0, 40)
    subtypes = ["", "SME", "sme", "ＳＭＥ", "start-up", "large firm", "national university"]
    actors = [
        make_actor(
            id=f"A{i}",
            name=f"Actor {i}",
            sector=rng.choice(SECTORS),
            location=rng.choice(["region", "region", "region", "domestic", "overseas"]),
            subtype=rng.choice(subtypes),
        )
        for i in range(n)
    ]
    ties = []
    seen = set()
    for _ in range(rng.randint(0, 3 * n) if n >= 2 else 0):
        a, b = rng.sample(range(n), 2)
        kind = rng.choice(list(TieKind))
        tie = make_tie(
            source=f"A{a}", target=f"A{b}", kind=kind.value, weight=rng.choice([1, 2.5, 10])
        )
        if tie.key not in seen:
            seen.add(tie.key)
            ties.append(tie)
    design = Design(f"random {seed}", region="Somewhere")
    design.load(actors, ties)
    return design


def sample_designs() -> list[Design]:
    return [read_json(path) for path in sorted(SAMPLES.glob("*.json"))]


def assert_equals_evaluation(design: Design) -> None:
    summary = concept_summary(design)
    ev = evaluate(design)
    # sector boxes: the region's actors by sector
    assert {s.sector: s.actors for s in summary.sectors} == dict(ev.actors.region_by_sector)
    assert summary.region_actors == ev.actors.by_location["region"]
    assert dict(summary.outside) == {s: ev.actors.by_location[s] for s in SIDES}
    for box in summary.sectors:
        assert sum(count for _, count in box.subtypes) == box.actors
    # bands and loops: linked pairs over possible pairs is the block density
    for band in summary.bands:
        expected = ev.density.sector_blocks[band.key]
        if expected is None:
            assert band.density is None
        else:
            assert band.density == pytest.approx(expected)
        assert sum(band.by_kind.values()) == band.ties
        assert band.pairs <= band.ties
    # inflows by kind, by weight, overseas share
    for kind in KINDS:
        assert summary.inflow_count(kind) == ev.inflows.by_kind[kind]
        assert summary.inflow_weight(kind) == pytest.approx(ev.inflows.weight_by_kind[kind])
    assert summary.inflow_count() == ev.inflows.count
    if ev.inflows.overseas_share is None:
        assert summary.inflow_count() == 0
    else:
        share = summary.inflow_count(side="overseas") / summary.inflow_count()
        assert share == pytest.approx(ev.inflows.overseas_share)
    for kind in ("collaboration", "information"):
        assert summary.outflow_count(kind) == 0  # mutual kinds never flow out
    # every tie is somewhere: a band, an inflow, an outflow or between two outside actors
    assert (
        summary.region_ties
        + summary.inflow_count()
        + summary.outflow_count()
        + summary.outside_ties
        == ev.ties.total
    )


@pytest.mark.parametrize("design", sample_designs(), ids=lambda d: d.name)
def test_sample_concept_equals_evaluation(design: Design) -> None:
    assert_equals_evaluation(design)


@pytest.mark.parametrize("seed", range(40))
def test_random_concept_equals_evaluation(seed: int) -> None:
    assert_equals_evaluation(random_design(seed))


def test_counts_by_hand() -> None:
    design = build(
        "hand",
        [
            ("U1", "university"),
            ("U2", "university"),
            ("C1", "company"),
            ("C2", "company"),
            ("S1", "support"),
            ("D1", "company", "domestic"),
            ("O1", "university", "overseas"),
            ("O2", "company", "overseas"),
        ],
        [
            ("U1", "C1"),
            ("U1", "C1", "funding", 3),  # a second tie on the same pair
            ("C1", "C2"),
            ("U1", "U2", "information"),
            ("D1", "C1", "funding", 5),  # inflow from the domestic side
            ("O1", "U1"),  # a mutual tie with overseas counts as an inflow
            ("C2", "O2", "technology_transfer", 2),  # an outflow
            ("O1", "O2"),  # between two outside actors
        ],
    )
    summary = concept_summary(design)
    assert [(s.sector, s.actors) for s in summary.sectors] == [
        ("university", 2),
        ("company", 2),
        ("support", 1),
    ]
    uc = summary.band("university", "company")
    assert (uc.ties, uc.pairs, uc.possible) == (2, 1, 4)
    assert uc.density == 0.25
    assert uc.by_kind["funding"] == 1
    assert summary.band("company", "company").ties == 1
    assert summary.band("university", "university").by_kind["information"] == 1
    assert summary.band("support", "support").density is None
    assert summary.inflow_count("funding", "domestic") == 1
    assert summary.inflow_weight("funding", "domestic") == 5
    assert summary.inflow_count("collaboration", "overseas") == 1
    assert summary.outflow_count("technology_transfer", "overseas") == 1
    assert summary.outflow_weight() == 2
    assert summary.outside_ties == 1
    assert summary.outside == {"domestic": 1, "overseas": 2}


def test_subtypes_written_differently_count_once() -> None:
    design = Design("subtypes")
    design.load(
        [
            make_actor(id="a", name="a", sector="company", subtype="SME"),
            make_actor(id="b", name="b", sector="company", subtype=" sme"),
            make_actor(id="c", name="c", sector="company", subtype="ＳＭＥ"),
            make_actor(id="d", name="d", sector="company", subtype="start-up"),
            make_actor(id="e", name="e", sector="company"),
            make_actor(id="f", name="f", sector="company", subtype="SME", location="domestic"),
        ],
        [],
    )
    box = concept_summary(design).sector("company")
    assert box.subtypes == (("SME", 3), ("start-up", 1), ("", 1))


def test_json_form() -> None:
    design = sample_designs()[0]
    data = concept_summary(design).to_dict()
    assert set(data["bands"]) == set(evaluate(design).density.sector_blocks)
    assert set(data["inflows"]) == {Location.DOMESTIC.value, Location.OVERSEAS.value}
    assert set(data["inflows"]["domestic"]) == set(KINDS)
