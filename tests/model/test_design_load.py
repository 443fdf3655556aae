"""Design.load fills a design in one pass: the same ties, uids, partners and refusals as
adding the ties one by one."""

from __future__ import annotations

import pytest

from cluster_designer.model import Design, TieKind, ValidationError, make_actor
from cluster_designer.model.entities import Tie


def _actors() -> list:
    return [make_actor(id=i, name=f"Actor {i}", sector="company") for i in "ABCD"]


def _tie(source: str, target: str, kind: str, uid: int = 0) -> Tie:
    return Tie(source, target, TieKind(kind), uid=uid)


def test_load_keeps_uids_numbers_missing_or_taken_ones_and_links_partners() -> None:
    design = Design("Loaded")
    design.load(
        _actors(),
        [
            _tie("A", "B", "collaboration", uid=7),
            _tie("B", "C", "funding"),  # no uid: the next free one
            _tie("C", "D", "information", uid=7),  # taken: renumbered
            _tie("D", "A", "funding", uid=3),
        ],
    )
    assert [(t.source, t.target, t.uid) for t in design.ties.values()] == [
        ("A", "B", 7),
        ("B", "C", 8),
        ("C", "D", 9),
        ("D", "A", 3),
    ]
    assert design.find_tie("B", "A", TieKind.COLLABORATION) is not None
    assert {t.uid for t in design.ties_of("A")} == {7, 3}
    assert design.journal.ties == {7, 8, 9, 3}
    assert design.add_tie(_tie("B", "D", "funding")) == 10  # on after the highest uid


@pytest.mark.parametrize(
    ("ties", "message"),
    [
        ([_tie("A", "A", "funding")], "two different actors"),
        ([_tie("A", "Z", "funding")], "unknown actor id 'Z'"),
        ([_tie("A", "B", "collaboration"), _tie("B", "A", "collaboration")], "appears twice"),
    ],
)
def test_load_refuses_what_adding_one_by_one_refuses(ties: list[Tie], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Design("Bad").load(_actors(), ties)


def test_directed_ties_both_ways_are_two_ties() -> None:
    design = Design("Flows")
    design.load(_actors(), [_tie("A", "B", "funding"), _tie("B", "A", "funding")])
    assert len(design.ties) == 2


def test_a_copy_of_a_loaded_design_and_the_design_change_their_partners_apart() -> None:
    """The partner sets `load` fills are shared with copies, so no change may alter them in
    place: a tie added to the copy, or removed from the original, touches only that design."""
    design = Design("Loaded")
    design.load(
        _actors(), [_tie("A", "B", "collaboration", uid=1), _tie("A", "C", "funding", uid=2)]
    )
    copy = design.copy("Scenario")
    added = copy.add_tie(_tie("A", "D", "information"))
    design.remove_ties([1])
    assert design.tie_uids_of("A") == {2} and design.tie_uids_of("D") == set()
    assert copy.tie_uids_of("A") == {1, 2, added} and copy.tie_uids_of("D") == {added}
    assert copy.tie_uids_of("B") == {1} and design.tie_uids_of("B") == set()


def _ring(n: int) -> tuple[list, list[Tie]]:
    actors = [make_actor(id=f"A{i}", name=f"Actor {i}", sector="company") for i in range(n)]
    ties = [_tie(f"A{i}", f"A{(i + 1) % n}", "collaboration", uid=i + 1) for i in range(n)]
    return actors, ties


def test_partners_of_loaded_ties_are_linked_in_pieces_or_at_once_when_needed() -> None:
    """`load` leaves the partner sets to `link_loaded_ties` (the window fills them after
    the first frame); a piece at a time or all at once, the result is the same, and
    anything that needs them before gets them complete."""
    actors, ties = _ring(10)
    stepped = Design("Stepped")
    stepped.load(actors, ties)
    assert not stepped.link_loaded_ties(0)
    assert [stepped.link_loaded_ties(4) for _ in range(3)] == [False, False, True]
    assert stepped.link_loaded_ties(4)
    asked = Design("Asked")
    asked.load(actors, ties)
    asked.link_loaded_ties(3)
    assert asked.tie_uids_of("A5") == {5, 6} == stepped.tie_uids_of("A5")
    assert asked.link_loaded_ties(0)  # asking linked the rest
    for design in (Design("Removed"), Design("Copied")):
        design.load(actors, ties)
        design.link_loaded_ties(2)
        if design.name == "Removed":
            design.remove_actors(["A7"])
            assert not design.find_tie("A6", "A7", "collaboration")
            assert design.tie_uids_of("A6") == {6} and design.tie_uids_of("A8") == {9}
        else:
            copy = design.copy("Scenario")
            assert copy.tie_uids_of("A9") == {9, 10} == design.tie_uids_of("A9")


def test_load_keeps_the_end_rows_it_is_given_once_and_none_after_a_change() -> None:
    """`take_loaded_tie_rows`: where each tie's ends come among the actors, as the caller of
    `load` looked them up (storage does); given out once, never after the design changed
    (they would be stale), none when `load` was not given them."""
    ties = [_tie("A", "B", "collaboration"), _tie("D", "B", "funding"), _tie("C", "A", "funding")]
    rows = ([0, 3, 2], [1, 1, 0])
    design = Design("Loaded")
    design.load(_actors(), ties, tie_rows=rows)
    assert design.take_loaded_tie_rows() == rows
    assert design.take_loaded_tie_rows() is None  # once
    changed = Design("Changed")
    changed.load(_actors(), ties, tie_rows=rows)
    changed.update_actor("A", name="Renamed")
    assert changed.take_loaded_tie_rows() is None
    plain = Design("Plain")
    plain.load(_actors(), ties)
    assert plain.take_loaded_tie_rows() is None
    with pytest.raises(ValidationError, match="two different actors"):
        Design("Loop").load(_actors(), [_tie("B", "B", "funding")], tie_rows=([1], [1]))


def _state(design: Design) -> tuple:
    unlinked = design._unlinked
    return (
        [(uid, t) for uid, t in design.ties.items()],
        list(design._keys.items()),
        design._next_uid,
        None if unlinked is None else (unlinked.uids, unlinked.sources, unlinked.targets),
        set(design.journal.ties),
        set(design.journal.removed_ties),
    )


@pytest.mark.parametrize("seed", range(60))
def test_loading_with_known_ends_is_loading_tie_by_tie(seed: int) -> None:
    """With the ends' rows given, sound ties are loaded a column at a time; the result (or
    the refusal) must be the loop's, also for ties to themselves, keys twice, uids missing,
    taken or repeated."""
    import random

    rng = random.Random(seed)
    actors = [make_actor(id=f"A{i}", name=f"Actor {i}", sector="company") for i in range(8)]
    ids = [a.id for a in actors]
    kinds = [k.value for k in TieKind]
    ties = []
    for n in range(rng.randint(1, 30)):
        a, b = rng.sample(ids, 2)
        ties.append(_tie(a, b, rng.choice(kinds), uid=rng.choice([n + 1, 3 * n + 7])))
    flaw = seed % 5  # none, a tie to itself, a uid missing, a uid repeated, a key twice
    k = rng.randrange(len(ties))
    tie = ties[k]
    if flaw == 1:
        ties[k] = _tie(tie.source, tie.source, tie.kind.value, uid=tie.uid)
    elif flaw == 2:
        ties[k] = _tie(tie.source, tie.target, tie.kind.value, uid=0)
    elif flaw == 3 and len(ties) > 1:
        other = ties[(k + 1) % len(ties)]
        ties[k] = _tie(tie.source, tie.target, tie.kind.value, uid=other.uid)
    elif flaw == 4:
        ties.append(_tie(tie.target, tie.source, tie.kind.value, uid=10_000))
    rows = ([ids.index(t.source) for t in ties], [ids.index(t.target) for t in ties])
    results = []
    for given in (rows, None):
        design = Design("Loaded")
        try:
            design.load(actors, ties, tie_rows=given)
        except ValidationError as exc:
            results.append(("refused", str(exc)))
        else:
            results.append(("loaded", _state(design)))
    assert results[0] == results[1]
