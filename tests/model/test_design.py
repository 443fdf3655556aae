"""The design keeps its invariants and gives back exactly what undo needs."""

from __future__ import annotations

import pytest

from cluster_designer.model import (
    Design,
    EventKind,
    Location,
    Sector,
    TieKind,
    ValidationError,
    make_actor,
    make_tie,
)


def small_design() -> Design:
    d = Design("Plan", region="静岡")
    d.add_actors(
        [
            make_actor(id="U1", name="静岡大学", sector="University", x=0, y=0),
            make_actor(id="C1", name="Hamana Motors", sector="COMPANY", subtype="large firm"),
            make_actor(id="S1", name="City", sector="support", location="Domestic"),
        ]
    )
    d.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration"),
            make_tie(source="S1", target="C1", kind="funding", weight="12.5"),
        ]
    )
    return d


def test_enumerated_values_are_case_insensitive() -> None:
    d = small_design()
    assert d.actor("U1").sector is Sector.UNIVERSITY
    assert d.actor("S1").location is Location.DOMESTIC
    assert d.tie(2).kind is TieKind.FUNDING and d.tie(2).weight == 12.5


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"id": "A", "name": "", "sector": "company"}, "name", "must not be empty"),
        ({"id": "A", "name": "x" * 201, "sector": "company"}, "name", "longer than 200"),
        ({"id": "A", "name": "a", "sector": "bakery"}, "sector", "unknown sector 'bakery'"),
        ({"id": "A", "name": "a", "sector": "company", "staff": "-3"}, "staff", "negative"),
        ({"id": "A", "name": "a", "sector": "company", "x": "left"}, "x", "not a number"),
        ({"id": "A", "name": "a", "sector": "company", "location": "moon"}, "location", "moon"),
    ],
)
def test_bad_actor_values_are_refused_with_the_field_named(values, field, text) -> None:
    with pytest.raises(ValidationError) as info:
        make_actor(**values)
    assert info.value.field == field
    assert text in str(info.value)


def test_ties_must_join_two_existing_different_actors_once_per_kind() -> None:
    d = small_design()
    with pytest.raises(ValidationError, match="unknown actor id 'X9'"):
        d.add_tie(make_tie(source="U1", target="X9", kind="information"))
    with pytest.raises(ValidationError, match="different actors"):
        make_tie(source="U1", target="U1", kind="information")
    # An undirected tie is the same tie whichever end comes first.
    with pytest.raises(ValidationError, match="already exists"):
        d.add_tie(make_tie(source="C1", target="U1", kind="collaboration"))
    # A different kind between the same pair is a parallel tie and welcome.
    d.add_tie(make_tie(source="C1", target="U1", kind="human_resources", weight=0.5))
    with pytest.raises(ValidationError, match="greater than 0"):
        make_tie(source="C1", target="U1", kind="funding", weight=0)
    assert len(d.ties) == 3


def test_removing_an_actor_takes_its_ties_and_restore_puts_everything_back_in_order() -> None:
    d = small_design()
    before = d.copy()
    removed = d.remove_actors(["C1"])
    assert list(d.actors) == ["U1", "S1"] and not d.ties
    d.restore_actors(removed)
    assert list(d.actors) == ["U1", "C1", "S1"]
    assert d.same_content(before)
    assert [t.uid for t in d.ties.values()] == [1, 2]


def test_changing_an_id_repoints_ties_and_announces_the_rename() -> None:
    d = small_design()
    events = []
    d.changed.connect(events.append)
    d.update_actor("C1", id="C100")
    assert {t.source for t in d.ties.values()} | {t.target for t in d.ties.values()} == {
        "U1",
        "C100",
        "S1",
    }
    assert events[-1].kind is EventKind.ACTOR_RENAMED and events[-1].renamed == ("C1", "C100")
    with pytest.raises(ValidationError, match="already exists"):
        d.update_actor("C100", id="U1")


def test_failed_bulk_change_changes_nothing() -> None:
    d = small_design()
    with pytest.raises(ValidationError):
        d.set_actor_fields({"U1": {"x": 5}, "C1": {"staff": -1}})
    assert d.actor("U1").x == 0


def test_journal_records_what_to_write() -> None:
    d = small_design()
    d.journal.clear()
    d.move_actors({"U1": (10, 20)})
    d.remove_ties([2])
    assert d.journal.actors == {"U1"} and d.journal.removed_ties == {2}
    assert not d.journal.everything


def test_a_copy_stays_independent_of_every_kind_of_edit_to_either_side() -> None:
    """Copies share actor and tie values (cheap snapshots); edits must never leak across."""
    d = small_design()
    copy = d.copy("Scenario")
    reference = small_design()
    d.update_actor("C1", name="浜松ホトニクス", x=5.0, tags=("光",))
    d.move_actors({"U1": (9.0, 9.0)})
    uid = next(iter(d.ties))
    d.update_tie(uid, weight=7.0, notes="changed")
    d.remove_actors(["S1"])
    copy.update_actor("U1", id="U100")
    assert [(a.id, a.name, a.x, a.tags) for a in copy.actors.values()][1:] == [
        (a.id, a.name, a.x, a.tags) for a in reference.actors.values()
    ][1:]
    assert copy.actor("U100").name == reference.actor("U1").name
    assert d.actor("U1").name == reference.actor("U1").name and "U100" not in d.actors
    assert {t.weight for t in copy.ties.values()} == {t.weight for t in reference.ties.values()}
    assert len(copy.actors) == len(reference.actors)
