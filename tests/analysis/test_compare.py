"""compare(a, b): metric deltas and exactly which actors and ties were added, removed, changed."""

from __future__ import annotations

import json

import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import compare
from cluster_designer.model import make_actor, make_tie


def _edited_pair():
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
    assert set(d) == {"a", "b", "metrics", "matching", "actors", "ties"}
    assert (d["a"], d["b"]) == ("today", "target")
    assert {k: d["actors"][k] for k in ("added", "removed", "changed")} == {
        "added": ["E"],
        "removed": ["D"],
        "changed": ["B"],
    }
    assert d["actors"]["matched"] == [{"a": i, "b": i, "by": "id"} for i in ("A", "B", "C")]
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


def _drawn(name: str, actors: list[tuple[str, str]], ties: list[tuple[str, str]]):
    """A design drawn on its own: ids from the automatic numbering, its own lineage."""
    design = designs.build(name, [(i, "company") for i, _ in actors], ties)
    for actor_id, actor_name in actors:
        design.update_actor(actor_id, name=actor_name)
    design.lineage = f"lineage of {name}"
    return design


def test_designs_drawn_separately_are_matched_by_name_never_by_automatic_ids() -> None:
    """The reported case: C10 of a hand-drawn design is not C10 of the sample."""
    mine = _drawn(
        "mine", [("C10", "はままつスタートアップ拠点"), ("C11", "Aoba Rubber")], [("C10", "C11")]
    )
    sample = _drawn(
        "sample",
        [
            ("C10", "Aoba Rubber Products"),
            ("C3", "AOBA  RUBBER"),
            ("C4", "はままつスタートアップ拠点"),
        ],
        [("C4", "C3")],
    )
    cmp = compare(mine, sample)
    assert not cmp.same_lineage
    assert [(p.a, p.b, p.by) for p in cmp.actor_pairs] == [
        ("C10", "C4", "name"),
        ("C11", "C3", "name"),
    ]
    assert cmp.actors_added == ("C10",)  # sample's Aoba Rubber Products: a different name
    assert cmp.actors_removed == ()
    assert cmp.actors_changed == ("C3",)  # same organization, name spelled differently
    # The tie C10–C11 of mine is C4–C3 of the sample: the same tie, not removed and added.
    assert cmp.ties_added == () and cmp.ties_removed == ()


def test_names_match_across_width_case_and_spaces() -> None:
    from cluster_designer.analysis.compare import name_key

    assert name_key("ＡＢＣ　Ｒｕｂｂｅｒ") == name_key("abc rubber") == "abcrubber"
    assert name_key("静岡 大学") == name_key("静岡大学")


def test_duplicates_are_matched_by_id_then_by_name() -> None:
    a, b = _edited_pair()
    b.add_actors([make_actor(id="Z9", name="D", sector="company")])  # D again, a new id
    cmp = compare(a, b)
    assert cmp.same_lineage
    pairs = {(p.a, p.b, p.by) for p in cmp.actor_pairs}
    assert ("B", "B", "id") in pairs  # renamed, still the same actor
    assert ("D", "Z9", "name") in pairs
    assert cmp.actors_removed == () and "Z9" not in cmp.actors_added
    d = cmp.to_dict()
    assert d["matching"] == {"same_lineage": True, "by_id": 3, "by_name": 1}
    assert {"a": "D", "b": "Z9", "by": "name"} in d["actors"]["matched"]


def test_removed_ties_are_named_from_a_and_added_ones_from_b() -> None:
    from cluster_designer.analysis import format_comparison

    mine = _drawn("mine", [("C1", "North Works"), ("C2", "South Lab")], [("C1", "C2")])
    other = _drawn("other", [("C1", "East Bank"), ("C2", "West Port")], [("C1", "C2")])
    text = format_comparison(compare(mine, other))
    removed = text.split("Ties removed")[1].split("Ties changed")[0]
    added = text.split("Ties added")[1].split("Ties removed")[0]
    assert "North Works – South Lab" in removed and "East" not in removed
    assert "East Bank – West Port" in added and "North" not in added
    assert "matched by name only" in text


ACTOR_EDITS = {
    "name": "Another name",
    "sector": "support",
    "subtype": "large firm",
    "location": "domestic",
    "staff": 12,
    "budget": 3.5,
    "tags": "robotics",
    "notes": "a note",
    "origin": "spin_off",
    "arrived": 2015,
    "parent": "B",
    "extra": {"code": "7"},
}


@pytest.mark.parametrize("field", sorted(ACTOR_EDITS))
def test_an_edit_of_any_compared_field_changes_the_actor_and_a_move_does_not(field: str) -> None:
    from cluster_designer.analysis.compare import COMPARED_ACTOR_FIELDS

    assert set(ACTOR_EDITS) == set(COMPARED_ACTOR_FIELDS)
    a, _b = _edited_pair()
    b = a.copy("target")
    b.update_actor("A", **{field: ACTOR_EDITS[field]})
    b.move_actors({"C": (900.0, 900.0)})
    assert compare(a, b).actors_changed == ("A",)


@pytest.mark.parametrize(("field", "value"), [("weight", 7), ("notes", "n"), ("extra", {"k": "v"})])
def test_an_edit_of_any_compared_field_changes_the_tie(field: str, value: object) -> None:
    a, _b = _edited_pair()
    b = a.copy("target")
    b.update_tie(b.find_tie("A", "B", "collaboration").uid, **{field: value})
    assert compare(a, b).ties_changed == (("A", "B", "collaboration"),)
