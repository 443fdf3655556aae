"""Actors and ties ↔ plain row dicts for bulk Core statements, and order keeping.

Rows are built as dicts (not ORM objects) because a design can hold tens of thousands of them;
see docs/performance.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from ..i18n import _
from ..model import ACTOR_TABLE, GROUP_TABLE, TIE_TABLE, Actor, Group, Tie

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

_ACTOR_STORE = tuple((f.store_column, f.name, f.stored) for f in ACTOR_TABLE)
_TIE_STORE = tuple((f.store_column, f.name, f.stored) for f in TIE_TABLE)
# Only the fields whose stored value differs from the model's need a conversion on loading.
_ACTOR_LOADS = tuple((n, f.loader()) for n, f in enumerate(ACTOR_TABLE) if f.converts)
_TIE_LOADS = tuple((n, f.loader()) for n, f in enumerate(TIE_TABLE, start=1) if f.converts)
_ACTOR_WIDTH = len(ACTOR_TABLE)
# Rows are unpacked positionally (fast for tens of thousands of rows); the field table's
# order is the dataclasses' order, which mypy cannot see through a list of values.
_new_actor: Callable[..., Actor] = Actor
_new_tie: Callable[..., Tie] = Tie
ROWS_AT_ONCE = 5000  # rows fetched and built at a time when a design is loaded


class BadRow(ValueError):
    """A stored value the model cannot take (someone edited the file by hand)."""


def _dump_extra(extra: dict[str, str]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"


# Most rows have no extra columns: their actors and ties share this one empty dict rather
# than holding one each (64 bytes per actor and tie: 2.5 MB per stored 10,000-actor design,
# which Compare may hold twice). Entities are values: an edit gives the actor or tie a new
# `extra` (editing.py copies it first), nothing changes one in place.
_NO_EXTRA: dict[str, str] = {}


def _load_extra(extra: str) -> dict[str, str]:
    return _NO_EXTRA if extra == "{}" else dict(json.loads(extra))


def actor_row(design_id: int, actor: Actor, seq: float) -> dict[str, Any]:
    row: dict[str, Any] = {"design_id": design_id, "seq": seq}
    for column, name, stored in _ACTOR_STORE:
        row[column] = stored(getattr(actor, name))
    row["extra"] = _dump_extra(actor.extra)
    return row


def tie_row(design_id: int, tie: Tie, seq: float) -> dict[str, Any]:
    row: dict[str, Any] = {"design_id": design_id, "uid": tie.uid, "seq": seq}
    for column, name, stored in _TIE_STORE:
        row[column] = stored(getattr(tie, name))
    row["extra"] = _dump_extra(tie.extra)
    return row


# Columns read back, in the order of the entity's fields; `extra` and `seq` last.
ACTOR_COLUMNS: tuple[str, ...] = (*(c for c, _, _ in _ACTOR_STORE), "extra", "seq")
TIE_COLUMNS: tuple[str, ...] = ("uid", *(c for c, _, _ in _TIE_STORE), "extra", "seq")


def actor_from_row(row: Sequence[Any]) -> Actor:
    """Build an actor from a row in ACTOR_COLUMNS order (trusted: validated on the way in)."""
    try:
        values = list(row[:_ACTOR_WIDTH])
        for n, load in _ACTOR_LOADS:
            values[n] = load(values[n])
        return _new_actor(*values, extra=_load_extra(row[-2]))
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRow(
            _("actor '{aid}' has a value the program does not know ({exc})").format(
                aid=row[0], exc=exc
            )
        ) from None


def actors_from_columns(columns: Sequence[Sequence[Any]]) -> list[Actor]:
    """Actors from a batch of rows in ACTOR_COLUMNS order, given as columns: each stored
    value is converted a column at a time (C-level `map`), then each actor made in one call.
    Raises KeyError, ValueError or TypeError on a value the model cannot take (the caller
    then builds the batch row by row with `actor_from_row`, for the message)."""
    values: list[Iterable[Any]] = list(columns[:_ACTOR_WIDTH])
    for n, load in _ACTOR_LOADS:
        values[n] = map(load, values[n])
    return list(map(_new_actor, *values, map(_load_extra, columns[-2])))


class TieEnds:
    """Loaded ties' ends as places among the loaded actors, looked up once while the rows
    are converted: a tie takes its ends' id texts from the actors (no copy of each id), and
    `Design.load` and the first drawing of the ties get where each end comes without
    looking up 300,000 ids again (at 50,000 actors each lookup pass took about 0.1 s)."""

    def __init__(self, actor_ids: list[str]) -> None:
        self.names = actor_ids
        self.place = {actor_id: n for n, actor_id in enumerate(actor_ids)}
        self.sources: list[int] = []  # tie by tie, in the order read
        self.targets: list[int] = []
        self.whole = True  # every tie read so far has both places recorded

    def shared(self, actor_id: str) -> str:
        """The actor's own id text (`actor_id` itself for an unknown one)."""
        n = self.place.get(actor_id)
        return actor_id if n is None else self.names[n]

    def rows(self, ties: int) -> tuple[list[int], list[int]] | None:
        """Each tie's source and target places, if recorded for all `ties` ties."""
        if not self.whole or len(self.sources) != ties:
            return None
        return self.sources, self.targets


def ties_from_columns(columns: Sequence[Sequence[Any]], ends: TieEnds | None = None) -> list[Tie]:
    """`actors_from_columns` for ties (TIE_COLUMNS order); `ends` as in `tie_from_row`, and
    records each tie's ends' places there (KeyError for an end that is no loaded actor)."""
    values: list[Iterable[Any]] = list(columns[1:-2])
    sources: list[int] = []
    targets: list[int] = []
    if ends is not None:  # (an unknown end raises KeyError: the caller builds row by row)
        sources = list(map(ends.place.__getitem__, columns[1]))
        targets = list(map(ends.place.__getitem__, columns[2]))
        values[0] = map(ends.names.__getitem__, sources)
        values[1] = map(ends.names.__getitem__, targets)
    for n, load in _TIE_LOADS:
        values[n - 1] = map(load, values[n - 1])
    ties = list(map(_new_tie, *values, map(_load_extra, columns[-2]), columns[0]))
    if ends is not None:
        ends.sources += sources
        ends.targets += targets
    return ties


def tie_from_row(row: Sequence[Any], ends: TieEnds | None = None) -> Tie:
    """Build a tie from a row in TIE_COLUMNS order; with `ends`, the tie takes the actors'
    own id texts, so a design's ties do not hold a copy of each end's id (this tie's places
    are not recorded: `ends` no longer covers every tie)."""
    try:
        values = list(row)
        if ends is not None:
            ends.whole = False
            values[1] = ends.shared(values[1])
            values[2] = ends.shared(values[2])
        for n, load in _TIE_LOADS:
            values[n] = load(values[n])
        return _new_tie(*values[1:-2], extra=_load_extra(row[-2]), uid=row[0])
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRow(
            _("tie {source} – {target} has a value the program does not know ({exc})").format(
                source=row[1], target=row[2], exc=exc
            )
        ) from None


_GROUP_STORE = tuple((f.store_column, f.name, f.stored) for f in GROUP_TABLE)
_GROUP_LOADS = tuple((n, f.loader()) for n, f in enumerate(GROUP_TABLE) if f.converts)
GROUP_COLUMNS: tuple[str, ...] = (*(c for c, _, _ in _GROUP_STORE), "seq")


def group_row(design_id: int, group: Group, seq: float) -> dict[str, Any]:
    row: dict[str, Any] = {"design_id": design_id, "seq": seq}
    for column, name, stored in _GROUP_STORE:
        row[column] = stored(getattr(group, name))
    return row


def group_from_row(row: Sequence[Any]) -> Group:
    """Build a group from a row in GROUP_COLUMNS order."""
    try:
        values = list(row[:-1])
        for n, load in _GROUP_LOADS:
            values[n] = load(values[n])
        return Group(*values)
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRow(
            _("group '{gid}' has a value the program does not know ({exc})").format(
                gid=row[0], exc=exc
            )
        ) from None


def read_in_order(
    rows: Iterable[Sequence[Any]], build: Callable[[Sequence[Any]], T]
) -> tuple[list[T], dict[Any, float]]:
    """What `build` makes of each row (its first column its key, its last `seq`), in `seq`
    order, and each key's `seq`. Rows are built as they come rather than kept: a design's
    tens of thousands of rows never all exist at once. They are sorted here rather than by
    ORDER BY: they come back nearly in order, which Python sorts in linear time while
    SQLite builds a temporary B-tree (twice as slow)."""
    built: list[T] = []
    keys: list[Any] = []
    seqs: list[float] = []
    for row in rows:
        built.append(build(row))
        keys.append(row[0])
        seqs.append(row[-1])
    if any(later < earlier for earlier, later in pairwise(seqs)):
        order = sorted(range(len(seqs)), key=seqs.__getitem__)
        built = [built[n] for n in order]
    return built, dict(zip(keys, seqs, strict=True))


def read_batches_in_order(
    batches: Iterable[Sequence[Sequence[Any]]],
    build: Callable[[Sequence[Sequence[Any]]], list[T]],
    build_row: Callable[[Sequence[Any]], T],
    alongside: Sequence[list[Any]] = (),
) -> tuple[list[T], dict[Any, float]]:
    """`read_in_order` for rows fetched a batch at a time: each batch is turned into columns
    and `build` makes the batch's entities from them (for 150,000 ties about twice as fast
    as a call per row). When `build` fails, the batch is built again row by row with
    `build_row`, which raises BadRow naming the row. `alongside`: lists that `build` fills
    with one item per entity, put in the same order as the entities."""
    built: list[T] = []
    keys: list[Any] = []
    seqs: list[float] = []
    for batch in batches:
        columns = tuple(zip(*batch, strict=True))
        if not columns:
            continue
        try:
            made = build(columns)
        except (KeyError, ValueError, TypeError):
            made = [build_row(row) for row in batch]  # raises BadRow for the first bad row
        built += made
        keys += columns[0]
        seqs += columns[-1]
    if any(later < earlier for earlier, later in pairwise(seqs)):
        order = sorted(range(len(seqs)), key=seqs.__getitem__)
        built = [built[n] for n in order]
        for items in alongside:
            if len(items) == len(order):
                items[:] = [items[n] for n in order]
    return built, dict(zip(keys, seqs, strict=True))


def place_new_keys(
    order: Sequence[K], stored: Mapping[K, float], new: set[K]
) -> dict[K, float] | None:
    """Sequence numbers for `new` keys that keep `order` when sorted with the `stored` ones.

    Stored keys keep their numbers; new ones go between their neighbours. Returns None when
    that is impossible (the stored order no longer matches, or floats ran out of room): the
    caller then rewrites every row with fresh numbers.
    """
    result: dict[K, float] = {}
    pending: list[K] = []
    last: float | None = None
    for key in order:
        if key in new:
            pending.append(key)
            continue
        seq = stored.get(key)
        if seq is None:
            return None
        if last is not None and seq <= last:
            return None
        if pending and not _fill(pending, last, seq, result):
            return None
        pending = []
        last = seq
    if pending and not _fill(pending, last, None, result):
        return None
    return result


def _fill(keys: list[K], low: float | None, high: float | None, out: dict[K, float]) -> bool:
    m = len(keys)
    if low is None and high is None:
        values = [float(i) for i in range(m)]
    elif high is None:
        assert low is not None
        values = [low + i + 1 for i in range(m)]
    elif low is None:
        values = [high - (m - i) for i in range(m)]
    else:
        step = (high - low) / (m + 1)
        values = [low + step * (i + 1) for i in range(m)]
    bounds = [low, *values, high]
    for a, b in pairwise(bounds):
        if a is not None and b is not None and not a < b:
            return False
    out.update(zip(keys, values, strict=True))
    return True
