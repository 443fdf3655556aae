"""Reading what can still be read from a damaged project file into a new one.

The damaged file is opened read-only and immutable (SQLite then never writes to it, not even
to roll back a half-done save). Rows are read by row-id ranges straight from each table,
never through an index (indexes are what a damaged file most often gets wrong); a range
that fails is split in halves down to single rows, so one bad page costs only its own rows.
Every row is validated like a file import; rows that fail are left out and counted.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..i18n import _
from ..model import (
    Actor,
    ClusterError,
    Design,
    Group,
    Tie,
    ValidationError,
    make_actor,
    make_group,
    make_tie,
    parse_year,
)
from ..model.entities import ACTOR_FIELDS, GROUP_FIELDS, NAME_MAX, TIE_FIELDS, check_name
from .creating import new_project_file
from .errors import ProjectError
from .rows import (
    ACTOR_COLUMNS,
    GROUP_COLUMNS,
    TIE_COLUMNS,
    BadRow,
    actor_from_row,
    group_from_row,
    tie_from_row,
)

MAX_ROW_ID = 2**40
"""Row ids searched when a table cannot even say its largest one (far beyond any design)."""


@dataclass(slots=True)
class SalvagedDesign:
    """One design as it came out: its name, what was kept, and how many rows were lost."""

    name: str
    actors: int
    ties: int
    lost_actors: int = 0
    lost_ties: int = 0
    renamed_from: str | None = None  # its stored name ("" if unreadable) when it had to change

    @property
    def complete(self) -> bool:
        return self.lost_actors == 0 and self.lost_ties == 0 and self.renamed_from is None


@dataclass(slots=True)
class SalvageReport:
    designs: list[SalvagedDesign] = field(default_factory=list)
    unreadable_rows: int = 0  # rows SQLite could not read at all (their design is unknown)

    def to_dict(self) -> dict[str, Any]:
        return {
            "designs": [
                {
                    "name": d.name,
                    "actors": d.actors,
                    "ties": d.ties,
                    "lost_actors": d.lost_actors,
                    "lost_ties": d.lost_ties,
                    "stored_name": d.renamed_from,
                }
                for d in self.designs
            ],
            "unreadable_rows": self.unreadable_rows,
        }


def salvage(damaged: str | Path, out: str | Path) -> SalvageReport:
    """Copy every readable design of `damaged` into the new project `out` (which must not
    exist yet); `damaged` is never written to."""
    damaged, out = Path(damaged).expanduser(), Path(out).expanduser()
    if out.exists():
        raise ProjectError(
            _("{path} already exists; recovery writes a new project file").format(path=out)
        )
    if damaged.resolve() == out.resolve():
        raise ProjectError(_("recovery needs a new file, not the damaged one"))
    reader = _Reader(damaged)
    try:
        designs, report = reader.designs()
    finally:
        reader.close()
    with new_project_file(out) as project:
        for design in designs:
            project.import_design(design)
    return report


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            self.conn = sqlite3.connect(uri, uri=True)
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise ProjectError(
                _("{path} cannot be read at all ({reason}); nothing could be recovered").format(
                    path=path, reason=exc
                )
            ) from None
        self.unreadable = 0

    def close(self) -> None:
        self.conn.close()

    def designs(self) -> tuple[list[Design], SalvageReport]:
        meta = {row[0]: row[1:] for row in self._rows("designs", _DESIGN_COLUMNS)}
        actors: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self._rows("actors", ("design_id", *ACTOR_COLUMNS)):
            actors[row[0]].append(row[1:])
        ties: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self._rows("ties", ("design_id", *TIE_COLUMNS)):
            ties[row[0]].append(row[1:])
        groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self._rows("actor_groups", ("design_id", *GROUP_COLUMNS)):
            groups[row[0]].append(row[1:])
        report = SalvageReport()
        designs: list[Design] = []
        taken: set[str] = set()
        for design_id in sorted(set(meta) | set(actors) | set(ties), key=_as_sort_key):
            design, salvaged = _rebuild(design_id, meta.get(design_id), actors, ties, taken)
            _add_groups(design, groups.get(design_id, []))
            taken.add(design.name)
            designs.append(design)
            report.designs.append(salvaged)
        report.unreadable_rows = self.unreadable
        return designs, report

    def _rows(self, table: str, columns: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
        """The table's rows with `columns`; a column an older version's file lacks reads as
        NULL (its default), and a table it lacks yields no rows."""
        try:
            present = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
        except sqlite3.DatabaseError:
            present = set(columns)
        if not present:
            return
        picked = ", ".join(c if c in present else f"NULL AS {c}" for c in columns)
        query = f"SELECT {picked} FROM {table} NOT INDEXED WHERE rowid BETWEEN ? AND ?"
        try:
            top = self.conn.execute(f"SELECT max(rowid) FROM {table} NOT INDEXED").fetchone()[0]
        except sqlite3.DatabaseError:
            top = MAX_ROW_ID
        if top is None:
            return
        yield from self._range(query, 1, int(top))

    def _range(self, query: str, low: int, high: int) -> Iterator[tuple[Any, ...]]:
        """Rows with ids in [low, high]; a range that fails is halved until single rows."""
        pending = [(low, high)]
        while pending:
            a, b = pending.pop()
            try:
                rows = self.conn.execute(query, (a, b)).fetchall()
            except sqlite3.DatabaseError:
                if a == b:
                    self.unreadable += 1
                    continue
                middle = (a + b) // 2
                pending += [(middle + 1, b), (a, middle)]
                continue
            yield from rows


_DESIGN_COLUMNS = ("id", "name", "region", "description", "created", "updated", "year")


def _as_sort_key(value: Any) -> tuple[int, str]:
    return (value, "") if isinstance(value, int) else (2**62, str(value))


def _rebuild(
    design_id: Any,
    meta: tuple[Any, ...] | None,
    actor_rows: dict[int, list[tuple[Any, ...]]],
    tie_rows: dict[int, list[tuple[Any, ...]]],
    taken: set[str],
) -> tuple[Design, SalvagedDesign]:
    stored = None if meta is None else meta[0]
    name = _text(stored).strip() if stored is not None else ""
    fallback = _("Recovered design {number}").format(number=design_id)
    wanted = name or fallback
    final = _free(wanted[:NAME_MAX], taken)
    region, description = ("", "") if meta is None else (_text(meta[1]), _text(meta[2]))
    design = Design(final, region=region, description=description)
    if meta is not None:
        design.created = _moment(meta[3]) or design.created
        design.updated = _moment(meta[4]) or design.updated
        try:
            design.year = parse_year("year", meta[5])
        except (ValidationError, TypeError, ValueError):
            design.year = None
    rows_a = sorted(actor_rows.get(design_id, []), key=_seq_key)
    rows_t = sorted(tie_rows.get(design_id, []), key=_seq_key)
    actors = _valid(rows_a, actor_from_row, _checked_actor)
    seen: set[str] = set()
    unique_actors: list[Actor] = []
    for actor in actors:
        if actor.id not in seen:
            seen.add(actor.id)
            unique_actors.append(actor)
    # A spin-off whose parent was lost keeps no parent rather than being lost itself.
    unique_actors = [
        a if not a.parent or (a.parent in seen and a.parent != a.id) else a.with_changes(parent="")
        for a in unique_actors
    ]
    ties = _valid(rows_t, tie_from_row, _checked_tie)
    keys: set[tuple[str, str, str]] = set()
    kept_ties: list[Tie] = []
    for tie in ties:
        if tie.source in seen and tie.target in seen and tie.key not in keys:
            keys.add(tie.key)
            kept_ties.append(tie)
    design.load(unique_actors, kept_ties)
    salvaged = SalvagedDesign(
        final,
        len(unique_actors),
        len(kept_ties),
        lost_actors=len(rows_a) - len(unique_actors),
        lost_ties=len(rows_t) - len(kept_ties),
        renamed_from=None if final == name else name,
    )
    return design, salvaged


def _seq_key(row: tuple[Any, ...]) -> float:
    seq = row[-1]
    return float(seq) if isinstance(seq, (int, float)) else float("inf")


def _valid(
    rows: list[tuple[Any, ...]],
    build: Callable[[tuple[Any, ...]], Any],
    check: Callable[[Any], Any],
) -> list[Any]:
    kept = []
    for row in rows:
        try:
            kept.append(check(build(row)))
        except (BadRow, ClusterError, ValueError, TypeError, AttributeError):
            continue
    return kept


def _add_groups(design: Design, rows: list[tuple[Any, ...]]) -> None:
    """The groups that still have two or more members among the recovered actors."""
    for group in _valid(sorted(rows, key=_seq_key), group_from_row, _checked_group):
        members = tuple(m for m in dict.fromkeys(group.members) if m in design.actors)
        if len(members) >= 2 and group.id not in design.groups:
            design.add_group(group.with_changes(members=members))


def _checked_group(group: Group) -> Group:
    """Validated like an import; a stored group of fewer than two members is damage: dropped."""
    return make_group(**{name: getattr(group, name) for name in GROUP_FIELDS})


def _checked_actor(actor: Actor) -> Actor:
    """Validated like an import: a damaged page can hand back any value at all."""
    return make_actor(**{name: getattr(actor, name) for name in ACTOR_FIELDS})


def _checked_tie(tie: Tie) -> Tie:
    values = {name: getattr(tie, name) for name in TIE_FIELDS}
    return make_tie(**values, uid=tie.uid)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _moment(value: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(_text(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _free(name: str, taken: set[str]) -> str:
    try:
        candidate = check_name(name)
    except ValidationError:
        candidate = _("Recovered design")
    base, n = candidate, 2
    while candidate in taken:
        suffix = f" ({n})"
        candidate = base[: NAME_MAX - len(suffix)] + suffix
        n += 1
    return candidate
