"""A design sent to the evaluation process as rows comes back as the same design and numbers."""

from __future__ import annotations

import pickle

import analysis_designs as designs
import networkx as nx

from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.analysis.offload import design_from_rows, design_rows, evaluate_rows
from cluster_designer.model import Design, make_actor, make_tie


def _design() -> Design:
    design = Design("浜松 2030", region="Hamamatsu", description="plan")
    design.load(
        [make_actor(id="U1", name="静岡大学", sector="university", x=1.5, y=-2, staff=300, tags=("光",)),
         make_actor(id="C1", name="Hamamatsu Photonics", sector="company", location="domestic", extra={"url": "x"}),
         make_actor(id="S1", name="浜松市", sector="support", notes="city")],
        [make_tie(source="U1", target="C1", kind="technology_transfer", weight=3),
         make_tie(source="C1", target="S1", kind="funding", notes="grant"),
         make_tie(source="S1", target="U1", kind="collaboration")],
    )
    return design


def test_rows_survive_pickling_as_the_same_design_with_the_same_tie_uids() -> None:
    design = _design()
    back = design_from_rows(pickle.loads(pickle.dumps(design_rows(design))))
    assert back.same_content(design)
    assert sorted(t.uid for t in back.ties.values()) == sorted(t.uid for t in design.ties.values())


def test_evaluating_rows_gives_the_numbers_of_evaluating_the_design() -> None:
    design = designs.from_networkx("Florence", nx.florentine_families_graph())
    evaluation, diagnosis = evaluate_rows(pickle.loads(pickle.dumps(design_rows(design))))
    assert evaluation == evaluate(design)
    assert diagnosis == diagnose(evaluate(design))
