"""compare(a, b): metric deltas and exactly which actors and ties were added, removed, changed."""

from __future__ import annotations

import json

import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import compare
from cluster_designer.model import make_actor, make_tie


def _edited_pair():  # type: ignore[no-untyped-def]
    a = designs.build(
        "today",
        [("A", "company"), ("B", "university"), ("C", "support"), ("D", "company")],
        [("A", "B"), ("B", "C", "funding", 2), ("C", "D"), ("A", "D", "information")],
    )
    b = a.copy("target")
    b.remove_actors(["D"])  # removes C–D and A–D too
    b.add_actors([make_actor(id="E", name="E", sector="company", location="overseas")])
    b.update_actor("B", name="Shizuoka University")
    b.move_actors({"C": (500.0, 20.0)})  # a move is not a change
    b.update_tie(b.find_tie("B", "C", "funding").uid, weight=4)
    b.add_ties(
        [
            make_tie(source="E", target="A", kind="technology_transfer"),
            make_tie(source="C", target="A", kind="collaboration"),
        ]
    )
    return a, b


def test_actors_and_ties_added_removed_changed() -> None:
    a, b = _edited_pair()
    cmp = compare(a, b)
    assert cmp.actors_added == ("E",)
    assert cmp.actors_removed == ("D",)
    assert cmp.actors_changed == ("B",)
    assert cmp.ties_added == (("A", "C", "collaboration"), ("E", "A", "technology_transfer"))
    assert cmp.ties_removed == (("A", "D", "information"), ("C", "D", "collaboration"))
    assert cmp.ties_changed == (("B", "C", "funding"),)


def test_json_shape() -> None:
    a, b = _edited_pair()
    d = json.loads(json.dumps(compare(a, b).to_dict()))
    assert set(d) == {"a", "b", "metrics", "actors", "ties"}
    assert (d["a"], d["b"]) == ("today", "target")
    assert d["actors"] == {"added": ["E"], "removed": ["D"], "changed": ["B"]}
    assert d["ties"]["changed"] == [["B", "C", "funding"]]
    assert d["metrics"]["actors.total"] == {"a": 4, "b": 4, "delta": 0}
    overall = d["metrics"]["density.overall"]
    assert overall["a"] == pytest.approx(4 / 6) and overall["b"] == pytest.approx(4 / 6)
    assert d["metrics"]["inflows.count"] == {"a": 0, "b": 1, "delta": 1}
    assert d["metrics"]["ties.by_kind.information"]["delta"] == -1


def test_undirected_tie_written_the_other_way_is_the_same_tie() -> None:
    a = designs.build("a", [("A", "company"), ("B", "company")], [("A", "B")])
    b = designs.build("b", [("A", "company"), ("B", "company")], [("B", "A")])
    cmp = compare(a, b)
    assert cmp.ties_added == cmp.ties_removed == cmp.ties_changed == ()
    assert all(change.delta in (0, 0.0, None) for change in cmp.metrics.values())


def test_directed_tie_reversed_is_a_different_tie() -> None:
    a = designs.build("a", [("A", "company"), ("B", "company")], [("A", "B", "funding")])
    b = designs.build("b", [("A", "company"), ("B", "company")], [("B", "A", "funding")])
    cmp = compare(a, b)
    assert cmp.ties_added == (("B", "A", "funding"),)
    assert cmp.ties_removed == (("A", "B", "funding"),)


def test_undefined_metric_has_no_delta() -> None:
    cmp = compare(designs.empty(), designs.star())
    ei = cmp.metrics["ei_index"]
    assert (ei.a, ei.b, ei.delta) == (None, 1.0, None)
    assert cmp.metrics["density.overall"].delta == pytest.approx(0.4)
    assert cmp.actors_added == ("C0", "S1", "S2", "U1", "U2")
