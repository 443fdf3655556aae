"""Actor origins, groups and design years in the model: what is accepted, what is refused
with one clear message, and what removing or renaming an actor does to them (undoably)."""

from __future__ import annotations

import pytest

from cluster_designer.model import (
    Design,
    Origin,
    ValidationError,
    make_actor,
    make_group,
)


def design() -> Design:
    d = Design("t")
    d.add_actors(
        [
            make_actor(id="U1", name="静岡大学", sector="university"),
            make_actor(id="C1", name="Spin", sector="company", origin="spin_off", parent="U1"),
            make_actor(id="C2", name="Moved", sector="company", origin="moved in", arrived=2010),
            make_actor(id="S1", name="市", sector="support", origin="地元"),
        ]
    )
    d.add_group(make_group(id="G1", name="協議会", kind="council", members="U1;C1;S1"))
    d.add_group(make_group(id="G2", name="Pair", members=("C1", "C2")))
    return d


@pytest.mark.parametrize(
    ("word", "origin"),
    [
        ("local", Origin.LOCAL),
        ("Spin-off", Origin.SPIN_OFF),
        ("スピンオフ", Origin.SPIN_OFF),
        ("大学発ベンチャー", Origin.SPIN_OFF),
        ("domestic", Origin.DOMESTIC),
        ("県外から進出", Origin.DOMESTIC),
        ("外資", Origin.OVERSEAS),
        ("OVERSEAS", Origin.OVERSEAS),
        ("", None),
        ("不明", None),
        ("unknown", None),
    ],
)
def test_origin_words_in_english_and_japanese(word: str, origin: Origin | None) -> None:
    assert make_actor(id="A", name="a", sector="company", origin=word).origin is origin


def test_unknown_origin_word_is_one_clear_message() -> None:
    with pytest.raises(ValidationError, match="unknown origin 'from mars'") as caught:
        make_actor(id="A", name="a", sector="company", origin="from mars")
    assert caught.value.field == "origin"


@pytest.mark.parametrize("year", ["1799", 2201, "20x0", 2015.5])
def test_years_outside_1800_2200_are_refused(year: object) -> None:
    with pytest.raises(ValidationError):
        make_actor(id="A", name="a", sector="company", arrived=year)
    with pytest.raises(ValidationError):
        Design("d", year=year)


def test_years_at_the_bounds_and_as_text() -> None:
    assert make_actor(id="A", name="a", sector="company", arrived="1800").arrived == 1800
    assert Design("d", year=2200.0).year == 2200
    d = Design("d")
    d.set_meta(year="2030")
    assert d.year == 2030


def test_parent_must_be_another_actor_of_the_design() -> None:
    d = design()
    with pytest.raises(ValidationError, match="own parent"):
        d.update_actor("C2", parent="C2")
    with pytest.raises(ValidationError, match="unknown parent actor id 'X9'"):
        d.update_actor("C2", parent="X9")
    with pytest.raises(ValidationError, match="unknown parent actor id 'X9'"):
        d.add_actor(make_actor(id="C9", name="n", sector="company", parent="X9"))
    assert "C9" not in d.actors
    bad = Design("b")
    with pytest.raises(ValidationError, match="unknown parent"):
        bad.load([make_actor(id="A", name="a", sector="company", parent="Z")], [])


def test_groups_need_two_known_members() -> None:
    d = design()
    with pytest.raises(ValidationError, match="two or more members"):
        make_group(id="G3", name="solo", members="U1")
    with pytest.raises(ValidationError, match="listed twice"):
        make_group(id="G3", name="twice", members="U1;U1")
    with pytest.raises(ValidationError, match="unknown actor id 'X1'"):
        d.add_group(make_group(id="G3", name="x", members="U1;X1"))
    with pytest.raises(ValidationError, match="already exists"):
        d.add_group(make_group(id="G1", name="again", members="U1;C2"))
    assert list(d.groups) == ["G1", "G2"]


def test_removing_actors_updates_groups_and_parents_and_undo_restores_them() -> None:
    d = design()
    before = d.copy()
    removed = d.remove_actors(["U1", "C2"])
    assert d.group("G1").members == ("C1", "S1")
    assert "G2" not in d.groups  # left with one member: removed with the actor
    assert d.actor("C1").parent == ""
    d.restore_actors(removed)
    assert d.same_content(before)
    assert list(d.groups) == ["G1", "G2"]
    assert d.actor("C1").parent == "U1"


def test_renaming_an_actor_repoints_parent_and_memberships() -> None:
    d = design()
    d.update_actor("U1", id="U100")
    assert d.actor("C1").parent == "U100"
    assert d.group("G1").members == ("U100", "C1", "S1")
    assert d.journal.groups


def test_group_edits_return_what_undo_needs() -> None:
    d = design()
    old = d.update_group("G1", name="新しい名前", since=2019)
    assert d.group("G1").name == "新しい名前"
    d.update_group("G1", **old)
    assert d.group("G1").name == "協議会" and d.group("G1").since is None
    index, group = d.remove_group("G1")
    d.add_group(group, index)
    assert list(d.groups) == ["G1", "G2"]


def test_copy_and_same_content_carry_groups_and_year() -> None:
    d = design()
    d.set_meta(year=2024)
    other = d.copy("c")
    other.set_meta(name="t")
    assert d.same_content(other)
    other.update_group("G2", members="C1;C2;S1")
    assert not d.same_content(other)
