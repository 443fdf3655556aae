"""Actors and ties ↔ plain row dicts for bulk Core statements, and order keeping.

Rows are built as dicts (not ORM objects) because a design can hold tens of thousands of them;
see docs/performance.md.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from ..model import Actor, Location, Sector, Tie, TieKind

K = TypeVar("K", bound=Hashable)

_SECTORS = {s.value: s for s in Sector}
_LOCATIONS = {s.value: s for s in Location}
_KINDS = {s.value: s for s in TieKind}


class BadRow(ValueError):
    """A stored value the model cannot take (someone edited the file by hand)."""


def _dump_tags(tags: tuple[str, ...]) -> str:
    return json.dumps(list(tags), ensure_ascii=False) if tags else "[]"


def _dump_extra(extra: dict[str, str]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"


def actor_row(design_id: int, actor: Actor, seq: float) -> dict[str, Any]:
    return {
        "design_id": design_id,
        "actor_id": actor.id,
        "seq": seq,
        "name": actor.name,
        "sector": actor.sector.value,
        "subtype": actor.subtype,
        "location": actor.location.value,
        "x": actor.x,
        "y": actor.y,
        "staff": actor.staff,
        "budget": actor.budget,
        "tags": _dump_tags(actor.tags),
        "notes": actor.notes,
        "extra": _dump_extra(actor.extra),
    }


def tie_row(design_id: int, tie: Tie, seq: float) -> dict[str, Any]:
    return {
        "design_id": design_id,
        "uid": tie.uid,
        "seq": seq,
        "source": tie.source,
        "target": tie.target,
        "kind": tie.kind.value,
        "weight": tie.weight,
        "notes": tie.notes,
        "extra": _dump_extra(tie.extra),
    }


ACTOR_COLUMNS = (
    "actor_id", "name", "sector", "subtype", "location",
    "x", "y", "staff", "budget", "tags", "notes", "extra", "seq",
)  # fmt: skip
TIE_COLUMNS = ("uid", "source", "target", "kind", "weight", "notes", "extra", "seq")


def actor_from_row(row: Sequence[Any]) -> Actor:
    """Build an actor from a row in ACTOR_COLUMNS order (trusted: validated on the way in)."""
    aid, name, sector, subtype, location, x, y, staff, budget, tags, notes, extra, _ = row
    try:
        return Actor(
            aid,
            name,
            _SECTORS[sector],
            subtype,
            _LOCATIONS[location],
            x,
            y,
            staff,
            budget,
            () if tags == "[]" else tuple(json.loads(tags)),
            notes,
            {} if extra == "{}" else dict(json.loads(extra)),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRow(f"actor '{aid}' has a value the program does not know ({exc})") from None


def tie_from_row(row: Sequence[Any]) -> Tie:
    uid, source, target, kind, weight, notes, extra, _ = row
    try:
        extras = {} if extra == "{}" else dict(json.loads(extra))
        return Tie(source, target, _KINDS[kind], weight, notes, extras, uid)
    except (KeyError, ValueError, TypeError) as exc:
        raise BadRow(
            f"tie {source} – {target} has a value the program does not know ({exc})"
        ) from None


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
