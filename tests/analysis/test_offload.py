"""A design sent to the evaluation process as rows comes back as the same design and numbers."""

from __future__ import annotations

import pickle

import networkx as nx

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.analysis.offload import design_from_rows, design_rows, evaluate_rows
from cluster_designer.model import Design, make_actor, make_tie


def _design() -> Design:
    design = Design("浜松 2030", region="Hamamatsu", description="plan")
    design.load(
        [
            make_actor(
                id="U1", name="静岡大学", sector="university", x=1.5, y=-2, staff=300, tags=("光",)
            ),
            make_actor(
                id="C1",
                name="Hamamatsu Photonics",
                sector="company",
                location="domestic",
                extra={"url": "x"},
            ),
            make_actor(id="S1", name="浜松市", sector="support", notes="city"),
        ],
        [
            make_tie(source="U1", target="C1", kind="technology_transfer", weight=3),
            make_tie(source="C1", target="S1", kind="funding", notes="grant"),
            make_tie(source="S1", target="U1", kind="collaboration"),
        ],
    )
    return design


def test_rows_carry_what_an_evaluation_reads_and_keep_the_tie_uids() -> None:
    design = _design()
    back = design_from_rows(pickle.loads(pickle.dumps(design_rows(design))))
    assert (back.name, back.region) == (design.name, design.region)
    assert [(a.id, a.name, a.sector, a.location) for a in back.actors.values()] == [
        (a.id, a.name, a.sector, a.location) for a in design.actors.values()
    ]
    assert {u: (t.key, t.weight) for u, t in back.ties.items()} == {
        u: (t.key, t.weight) for u, t in design.ties.items()
    }
    assert evaluate(back) == evaluate(design)


def test_evaluating_rows_gives_the_numbers_of_evaluating_the_design() -> None:
    design = designs.from_networkx("Florence", nx.florentine_families_graph())
    evaluation, diagnosis = evaluate_rows(pickle.loads(pickle.dumps(design_rows(design))))
    assert evaluation == evaluate(design)
    assert diagnosis == diagnose(evaluate(design))


def test_packed_rows_and_result_pieces_give_the_same_design_and_numbers(monkeypatch) -> None:
    import cluster_designer.analysis.offload as offload

    monkeypatch.setattr(offload, "PACK_CHUNK", 5)  # several pieces, dicts in chunks
    design = designs.from_networkx("Florence", nx.florentine_families_graph())
    snapshot = offload.design_snapshot(design)
    packed = pickle.loads(pickle.dumps(offload.pack_snapshot(snapshot)))
    assert len(packed[1]) > 1 and all(isinstance(b, bytes) for b in packed[1] + packed[2])
    assert offload.unpack_rows(packed) == design_rows(design)
    pieces = pickle.loads(pickle.dumps(offload.evaluate_packed(packed)))
    assert any(kind == "dict" and len(blobs) > 1 for _name, kind, blobs in pieces[0])
    evaluation, diagnosis = offload.unpack_result(pieces)
    assert evaluation == evaluate(design)
    assert diagnosis == diagnose(evaluate(design))
    back = offload.design_from_snapshot(snapshot)
    assert evaluate(back) == evaluate(design)


def test_rows_carry_origins_parents_and_groups() -> None:
    """`arrivals.*` and `groups.*` come out the same in the evaluation process."""
    import cluster_designer.analysis.offload as offload
    from tests.analysis.test_metrics import _origins_and_groups

    design = _origins_and_groups()
    back = design_from_rows(pickle.loads(pickle.dumps(design_rows(design))))
    assert evaluate(back) == evaluate(design)
    assert evaluate(back).arrivals.university_spin_offs == 1
    assert evaluate(back).groups.count == 3
    snapshot = pickle.loads(pickle.dumps(offload.design_snapshot(design)))
    assert evaluate(offload.design_from_snapshot(snapshot)) == evaluate(design)
    packed = pickle.loads(pickle.dumps(offload.pack_snapshot(offload.design_snapshot(design))))
    evaluation, _diagnosis = offload.unpack_result(offload.evaluate_packed(packed))
    assert evaluation == evaluate(design)
