"""From the rows of a list to actors and ties: who is named, which spellings are one actor,
which rows tie them together, and what was skipped.

The result is plain data (`ListResult`) that the command line reports and the wizard shows;
`design.py` turns it into a design or into additions to an existing one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cluster_designer.i18n import N_, _, pgettext
from cluster_designer.model import Location, Sector, TieKind
from cluster_designer.model.entities import NAME_MAX

from ..graph_records import guess_sector
from .mapping import End, ListMapping, NameDecisions
from .names import LocationRule, NotANumber, fold_text, name_key, parse_amount
from .table import ListTable

T = TypeVar("T")

# Words a list's "kind" column uses, beyond the kinds' own names (case-insensitive, NFKC).
KIND_WORDS: dict[str, TieKind] = {
    "共同研究": TieKind.COLLABORATION,
    "共同開発": TieKind.COLLABORATION,
    "連携": TieKind.COLLABORATION,
    "協働": TieKind.COLLABORATION,
    "情報交換": TieKind.INFORMATION,
    "交流": TieKind.INFORMATION,
    "情報": TieKind.INFORMATION,
    "資金": TieKind.FUNDING,
    "助成": TieKind.FUNDING,
    "補助": TieKind.FUNDING,
    "補助金": TieKind.FUNDING,
    "融資": TieKind.FUNDING,
    "出資": TieKind.FUNDING,
    "人材": TieKind.HUMAN_RESOURCES,
    "人材交流": TieKind.HUMAN_RESOURCES,
    "派遣": TieKind.HUMAN_RESOURCES,
    "出向": TieKind.HUMAN_RESOURCES,
    "技術移転": TieKind.TECHNOLOGY_TRANSFER,
    "ライセンス": TieKind.TECHNOLOGY_TRANSFER,
    "実施許諾": TieKind.TECHNOLOGY_TRANSFER,
}

# Why a row was skipped; English here (the JSON report), translated where shown.
SKIP_EMPTY = N_("column '{column}' is empty")
SKIP_SAME = N_("every column names the same organization ({name})")


@dataclass(frozen=True, slots=True)
class Skipped:
    row: int
    reason: str  # one of the SKIP_ texts, not yet filled in
    values: tuple[tuple[str, str], ...] = ()

    def text(self, translate: bool = True) -> str:
        template = _(self.reason) if translate else self.reason
        return template.format(**dict(self.values))


@dataclass(slots=True)
class ListActor:
    """One organization of the list: every spelling that names it, and what the rows say."""

    ident: int
    spellings: Counter[str] = field(default_factory=Counter)
    first_spelling: dict[str, int] = field(default_factory=dict)
    sectors: Counter[Sector] = field(default_factory=Counter)
    address: str = ""
    location: Location = Location.REGION
    rows: int = 0
    first_row: int = 0

    @property
    def name(self) -> str:
        """The spelling seen most often; equal counts: the one seen first."""
        return min(self.spellings, key=lambda s: (-self.spellings[s], self.first_spelling[s]))

    @property
    def sector(self) -> Sector:
        order = list(self.sectors)  # first seen first
        return min(order, key=lambda s: (-self.sectors[s], order.index(s)))

    def ordered_spellings(self) -> list[str]:
        """The name first, then the other spellings in the order they were first seen."""
        name = self.name
        rest = sorted((s for s in self.spellings if s != name), key=self.first_spelling.__getitem__)
        return [name, *rest]


@dataclass(slots=True)
class ListTie:
    source: int
    target: int
    kind: TieKind
    weight: float = 0.0
    notes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


@dataclass
class ListResult:
    """Everything the list says, before it becomes (part of) a design."""

    table: ListTable
    mapping: ListMapping
    actors: list[ListActor]
    ties: list[ListTie]
    skipped: list[Skipped]
    resolver: NameResolver
    by_ident: dict[int, ListActor] = field(init=False, repr=False)

    @property
    def merged(self) -> list[list[str]]:
        """Each actor named by more than one spelling: its spellings, its name first."""
        return [a.ordered_spellings() for a in self.actors if len(a.spellings) > 1]

    @property
    def rows(self) -> int:
        return len(self.table.rows)

    def actor(self, ident: int) -> ListActor:
        return self.by_ident[ident]

    def __post_init__(self) -> None:
        self.by_ident = {a.ident: a for a in self.actors}


class NameResolver:
    """Which actor a spelling names: its key, overruled by a person's decisions.

    Each spelling first gets a base: its key, or the `separate` group it is listed in. The
    `same` groups then join bases (union–find), so a spelling joined to 静岡大学 also joins
    everything whose key equals 静岡大学's. `ident()` gives a number per resulting actor.
    """

    def __init__(self, decisions: NameDecisions) -> None:
        self.decisions = decisions
        self._separate: dict[str, str] = {}
        for n, group in enumerate(decisions.separate):
            for spelling in group:
                self._separate[spelling] = f"\x00separate{n}"
        self._parent: dict[str, str] = {}
        self._idents: dict[str, int] = {}
        self._cache: dict[str, int] = {}
        for group in decisions.same:
            bases = [self.base(s) for s in group]
            for other in bases[1:]:
                self._union(bases[0], other)

    def base(self, spelling: str) -> str:
        spelling = spelling.strip()
        return self._separate.get(spelling) or name_key(spelling)

    def _find(self, base: str) -> str:
        parent = self._parent.get(base, base)
        if parent == base:
            return base
        root = self._find(parent)
        self._parent[base] = root
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[rb] = ra

    def ident(self, spelling: str) -> int:
        """The actor number of a spelling (equal for spellings that name one actor)."""
        found = self._cache.get(spelling)
        if found is None:
            root = self._find(self.base(spelling))
            found = self._idents.setdefault(root, len(self._idents) + 1)
            self._cache[spelling] = found
        return found

    def same_key_group(self, a: str, b: str) -> bool:
        """True when the key alone would join the two spellings (so a split made them two)."""
        return name_key(a) == name_key(b)


@dataclass(slots=True)
class _Columns:
    """The mapping's columns as indexes into a row."""

    names: list[int]
    sectors: list[int | None]
    addresses: list[int | None]
    kind: int | None
    weight: int | None
    notes: list[int]
    sector_words: list[dict[str, Sector]]
    kind_words: dict[str, TieKind]


def resolve_columns(table: ListTable, mapping: ListMapping) -> _Columns:
    """Every column the mapping names must be in the header: else one clear error."""
    indexes: dict[str, int] = {}
    for key, column in mapping.columns():
        index = table.column_index(column)
        if index is None:
            shown = ", ".join(f"'{c}'" for c in table.columns[:30])
            raise table.error(
                table.header_row,
                None,
                _(
                    "the mapping's {key} names column '{column}', which the list does not have "
                    "(its columns: {columns})"
                ).format(key=key, column=column, columns=shown),
            )
        indexes[column] = index

    def at(column: str | None) -> int | None:
        return None if column is None else indexes[column]

    return _Columns(
        names=[indexes[e.name] for e in mapping.ends],
        sectors=[at(e.sector_column) for e in mapping.ends],
        addresses=[at(e.location_column) for e in mapping.ends],
        kind=at(mapping.tie.kind_column),
        weight=at(mapping.tie.weight_column),
        notes=[indexes[c] for c in mapping.tie.notes_columns],
        sector_words=[folded_words(e.sector_words) for e in mapping.ends],
        kind_words={**folded_words(KIND_WORDS), **folded_words(mapping.tie.kind_words)},
    )


def build_list(
    table: ListTable, mapping: ListMapping, existing_names: Iterable[str] = ()
) -> ListResult:
    """Read every row; the first bad cell raises FormatError naming row and column.

    `existing_names` are the names of a design the list will be merged into: they are given
    their actor numbers first, so a list spelling that names one of them gets the same number.
    """
    columns = resolve_columns(table, mapping)
    resolver = NameResolver(mapping.names)
    for name in existing_names:
        resolver.ident(name)
    location_of = LocationRule(mapping.places, mapping.default_location)
    actors: dict[int, ListActor] = {}
    ties: dict[tuple[int, int, TieKind], ListTie] = {}
    skipped: list[Skipped] = []
    headers = table.columns
    n_ends = len(mapping.ends)
    for number, cells in table.rows:
        named: list[tuple[int, str, int]] = []  # (end index, spelling, ident)
        empty_column = None
        for e, index in enumerate(columns.names):
            spelling = cells[index]
            if not spelling:
                _check_computed(table, number, index)
                empty_column = empty_column or headers[index]
                continue
            if len(spelling) > NAME_MAX:
                raise table.error(
                    number,
                    headers[index],
                    _("the name is longer than {count} characters").format(count=NAME_MAX),
                )
            named.append((e, spelling, resolver.ident(spelling)))
        if empty_column is not None and (n_ends <= 2 or len(named) < 2):
            skipped.append(Skipped(number, SKIP_EMPTY, (("column", empty_column),)))
            continue
        distinct = []
        for _e, _s, ident in named:
            if ident not in distinct:
                distinct.append(ident)
        if n_ends > 1 and len(distinct) < 2:
            skipped.append(Skipped(number, SKIP_SAME, (("name", named[0][1]),)))
            continue
        for e, spelling, ident in named:
            _note_actor(table, number, cells, mapping.ends[e], e, columns, spelling, ident, actors)
        if len(distinct) < 2:
            continue
        kind = _kind(table, mapping, columns, number, cells)
        weight = _weight(table, columns, number, cells)
        note = " / ".join(cells[i] for i in columns.notes if cells[i])
        for a, b in itertools.combinations(distinct, 2):
            key = (a, b, kind) if kind.directed or a < b else (b, a, kind)
            tie = ties.get(key)
            if tie is None:
                tie = ties[key] = ListTie(key[0], key[1], kind)
            tie.weight += weight
            tie.rows.append(number)
            if note:
                tie.notes.append(note)
    for actor in actors.values():
        actor.location = location_of(actor.address)
    return ListResult(table, mapping, list(actors.values()), list(ties.values()), skipped, resolver)


def _check_computed(table: ListTable, row: int, index: int) -> None:
    if (row, index) in table.uncomputed:
        raise table.error(
            row,
            table.columns[index],
            _(
                "the cell holds a formula without a computed value; open the workbook in "
                "Excel, save it, and try again"
            ),
        )


def _note_actor(
    table: ListTable,
    number: int,
    cells: Sequence[str],
    end: End,
    e: int,
    columns: _Columns,
    spelling: str,
    ident: int,
    actors: dict[int, ListActor],
) -> None:
    actor = actors.get(ident)
    if actor is None:
        actor = actors[ident] = ListActor(ident, first_row=number)
    actor.rows += 1
    if spelling not in actor.first_spelling:
        actor.first_spelling[spelling] = len(actor.first_spelling)
    actor.spellings[spelling] += 1
    sector = _sector(table, end, columns.sectors[e], columns.sector_words[e], number, cells)
    actor.sectors[sector] += 1
    address_index = columns.addresses[e]
    if not actor.address and address_index is not None:
        actor.address = cells[address_index]
        if not actor.address:
            _check_computed(table, number, address_index)


def _sector(
    table: ListTable,
    end: End,
    index: int | None,
    words: dict[str, Sector],
    number: int,
    cells: Sequence[str],
) -> Sector:
    if index is None:
        assert end.sector is not None
        return end.sector
    value = cells[index]
    if not value:
        _check_computed(table, number, index)
        if end.sector is not None:
            return end.sector
        raise table.error(
            number, table.columns[index], _("the sector is empty (give a sector in the mapping)")
        )
    found = words.get(fold_text(value).strip()) or guess_sector(value)
    if found is None:
        allowed = ", ".join(s.value for s in Sector)
        raise table.error(
            number,
            table.columns[index],
            _(
                "cannot tell the sector from '{value}' (use {allowed}, or add the word to "
                "sector_words in the mapping)"
            ).format(value=value, allowed=allowed),
        )
    return found


def _kind(
    table: ListTable, mapping: ListMapping, columns: _Columns, number: int, cells: Sequence[str]
) -> TieKind:
    rule = mapping.tie
    if columns.kind is None:
        return rule.kind or TieKind.COLLABORATION
    value = cells[columns.kind]
    if not value:
        _check_computed(table, number, columns.kind)
        if rule.kind is not None:
            return rule.kind
        raise table.error(
            number,
            table.columns[columns.kind],
            _("the tie kind is empty (give a kind in the mapping)"),
        )
    found = columns.kind_words.get(fold_text(value).strip())
    if found is None:
        try:
            found = TieKind(value.strip().lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            allowed = ", ".join(k.value for k in TieKind)
            raise table.error(
                number,
                table.columns[columns.kind],
                _(
                    "unknown tie kind '{value}' (use {allowed}, or add the word to kind_words "
                    "in the mapping)"
                ).format(value=value, allowed=allowed),
            ) from None
    return found


def folded_words(words: Mapping[str, T]) -> dict[str, T]:
    """A word table keyed as cells are compared: NFKC, case-folded, trimmed."""
    return {fold_text(w).strip(): m for w, m in words.items()}


def _weight(table: ListTable, columns: _Columns, number: int, cells: Sequence[str]) -> float:
    """A row's weight: the amount in the weight column; an empty cell or 0 counts as 1, the
    default weight, so a row without money still makes its tie."""
    if columns.weight is None:
        return 1.0
    value = cells[columns.weight]
    if not value:
        _check_computed(table, number, columns.weight)
        return 1.0
    try:
        amount = parse_amount(value)
    except NotANumber:
        raise table.error(
            number,
            table.columns[columns.weight],
            pgettext("list import", "'{value}' is not a number").format(value=value),
        ) from None
    if amount < 0:
        raise table.error(
            number,
            table.columns[columns.weight],
            _("the weight must not be negative (got {value})").format(value=value),
        )
    return amount if amount > 0 else 1.0
