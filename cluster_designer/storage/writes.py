"""Writing a design's rows inside an open transaction: all of them, or only what changed.

Rows go through Core `insert()` with lists of dicts (bulk executemany), never one ORM object
per row. An upsert is a delete followed by an insert, which every database understands.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Column, Table, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from ..model import Design
from .rows import actor_row, group_row, place_new_keys, tie_row
from .schema import ACTORS, DESIGNS, GROUPS, TIES

K = TypeVar("K", bound=Hashable)


@dataclass(slots=True)
class Origin:
    """Where a live Design was loaded from, and the order numbers its rows have in the store."""

    project_id: str
    store_id: int
    actor_seq: dict[str, float] = field(default_factory=dict)
    tie_seq: dict[int, float] = field(default_factory=dict)
    design_uid: str | None = None  # the row's `uid`: tells it from a later row with the same id


@dataclass(slots=True)
class SeqChange(Generic[K]):
    """How one table's order numbers changed; applied to the cache only after the commit."""

    full: dict[K, float] | None = None
    gone: set[K] = field(default_factory=set)
    placed: dict[K, float] = field(default_factory=dict)

    def applied_to(self, seqs: dict[K, float]) -> dict[K, float]:
        if self.full is not None:
            return self.full
        for key in self.gone:
            del seqs[key]
        seqs.update(self.placed)
        return seqs


@dataclass(slots=True)
class SeqPatch:
    actors: SeqChange[str]
    ties: SeqChange[int]

    def apply(self, origin: Origin) -> None:
        origin.actor_seq = self.actors.applied_to(origin.actor_seq)
        origin.tie_seq = self.ties.applied_to(origin.tie_seq)


@contextmanager
def no_gc() -> Iterator[None]:
    """Building 40,000 objects would trigger full collections that find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def design_id(conn: Connection, name: str) -> int | None:
    return conn.scalar(select(DESIGNS.c.id).where(DESIGNS.c.name == name))


def delete_design_rows(conn: Connection, store_id: int) -> None:
    conn.execute(delete(GROUPS).where(GROUPS.c.design_id == store_id))
    conn.execute(delete(TIES).where(TIES.c.design_id == store_id))
    conn.execute(delete(ACTORS).where(ACTORS.c.design_id == store_id))
    conn.execute(delete(DESIGNS).where(DESIGNS.c.id == store_id))


def write_all(conn: Connection, store_id: int, design: Design, clear: bool) -> SeqPatch:
    """Every row of the design, numbered in order."""
    with no_gc():
        actors = _rewrite(conn, ACTORS, store_id, design.actors, actor_row, clear)
        ties = _rewrite(conn, TIES, store_id, design.ties, tie_row, clear)
        _rewrite(conn, GROUPS, store_id, design.groups, group_row, clear)
    return SeqPatch(actors, ties)


def write_changes(conn: Connection, origin: Origin, design: Design) -> SeqPatch:
    """Only the rows the design's change journal names."""
    journal, store_id = design.journal, origin.store_id
    actors = _sync(
        conn, ACTORS.c.actor_id, actor_row, store_id, design.actors,
        origin.actor_seq, journal.removed_actors, journal.actors,
    )  # fmt: skip
    ties = _sync(
        conn, TIES.c.uid, tie_row, store_id, design.ties,
        origin.tie_seq, journal.removed_ties, journal.ties,
    )  # fmt: skip
    if journal.groups:  # a design has few groups: rewrite them all
        _rewrite(conn, GROUPS, store_id, design.groups, group_row, clear=True)
    return SeqPatch(actors, ties)


def write_meta(conn: Connection, store_id: int, design: Design, version: int) -> None:
    values: dict[str, Any] = {"updated": design.updated, "version": version}
    if design.journal.meta or design.journal.everything:
        values |= {
            "name": design.name,
            "region": design.region,
            "description": design.description,
            "year": design.year,
        }
    conn.execute(update(DESIGNS).where(DESIGNS.c.id == store_id).values(**values))


def _rewrite(
    conn: Connection,
    table: Table,
    store_id: int,
    items: Mapping[K, Any],
    build: Callable[[int, Any, float], dict[str, Any]],
    clear: bool,
) -> SeqChange[K]:
    if clear:
        conn.execute(delete(table).where(table.c.design_id == store_id))
    seqs = {key: float(n) for n, key in enumerate(items)}
    if seqs:
        conn.execute(
            insert(table), [build(store_id, item, seqs[key]) for key, item in items.items()]
        )
    return SeqChange(full=seqs)


def _sync(
    conn: Connection,
    key_column: Column[Any],
    build: Callable[[int, Any, float], dict[str, Any]],
    store_id: int,
    items: Mapping[K, Any],
    stored: dict[K, float],
    removed: set[K],
    changed: set[K],
) -> SeqChange[K]:
    """Delete removed rows, rewrite changed ones, number new ones between their neighbours."""
    table = key_column.table
    assert isinstance(table, Table)
    gone = {k for k in removed if k not in items and k in stored}
    dirty = {k for k in changed if k in items}
    new = {k for k in dirty if k not in stored}
    placed: dict[K, float] | None = {}
    if new:
        remaining = {k: v for k, v in stored.items() if k not in gone} if gone else stored
        placed = place_new_keys(list(items), remaining, new)
    if placed is None:  # the stored order cannot take the new rows: renumber everything
        return _rewrite(conn, table, store_id, items, build, clear=True)
    stale = [{"d": store_id, "k": k} for k in gone | (dirty - new)]
    if stale:
        condition = (table.c.design_id == bindparam("d")) & (key_column == bindparam("k"))
        conn.execute(delete(table).where(condition), stale)
    if dirty:
        rows = [build(store_id, items[k], placed[k] if k in placed else stored[k]) for k in dirty]
        conn.execute(insert(table), rows)
    return SeqChange(gone=gone, placed=placed)
