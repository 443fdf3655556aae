"""First guesses for a list the wizard has not seen before, from its header words and cells.

Only a starting point: the planner sees every guess in a drop-down and changes what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from cluster_designer.model import Location, Sector, TieKind

from ..graph_records import guess_sector
from .build import KIND_WORDS
from .mapping import End, ListMapping, TieRule
from .names import municipality
from .table import ListTable

# Header words, most telling first. A header containing one of them gets the role.
_SECTOR_NAME_WORDS: tuple[tuple[Sector, tuple[str, ...]], ...] = (
    (Sector.UNIVERSITY, ("大学名", "大学", "学校", "高専", "university", "college")),
    (
        Sector.COMPANY,
        ("企業名", "会社名", "企業", "会社", "社名", "相手先", "事業者", "company", "partner"),
    ),
    (Sector.SUPPORT, ("機関名", "団体名", "機関", "団体", "自治体", "organization", "agency")),
)
_NAME_WORDS = ("名", "名称", "name", "構成員", "会員", "member")
_ADDRESS_WORDS = ("所在地", "住所", "所在", "都道府県", "address", "location", "city")
_WEIGHT_WORDS = (
    "金額",
    "契約額",
    "受入額",
    "交付額",
    "補助額",
    "額",
    "円",
    "費",
    "amount",
    "budget",
)
_KIND_WORDS = ("区分", "種類", "種別", "形態", "type", "kind", "category")
_NOTES_WORDS = ("題目", "テーマ", "課題", "件名", "研究名", "概要", "title", "subject", "theme")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _has(header: str, words: Sequence[str]) -> bool:
    folded = _fold(header)
    return any(_fold(word) in folded for word in words)


def _values(table: ListTable, index: int, limit: int = 200) -> list[str]:
    return [cells[index] for _n, cells in table.rows[:limit] if cells[index]]


def _numeric_share(values: Sequence[str]) -> float:
    number = re.compile(r"^[¥￥\\]?[-+]?[\d０-９,，.．]+円?$")
    return sum(1 for v in values if number.match(v.strip())) / len(values) if values else 0.0


def guess_mapping(table: ListTable) -> ListMapping:
    """Columns for names (up to two ends), addresses, kind, weight and notes; places from the
    most frequent municipality of the first end's addresses."""
    columns = list(table.columns)
    used: set[int] = set()
    ends: list[End] = []
    for sector, words in _SECTOR_NAME_WORDS:
        for index, header in enumerate(columns):
            if index in used or not _has(header, words) or _has(header, _ADDRESS_WORDS):
                continue
            if _numeric_share(_values(table, index)) > 0.5:
                continue
            used.add(index)
            ends.append(End(name=header, sector=sector))
            break
    if len(ends) < 2:
        for index, header in enumerate(columns):
            if len(ends) >= 2:
                break
            if index not in used and _has(header, _NAME_WORDS) and not _has(header, _ADDRESS_WORDS):
                used.add(index)
                ends.append(End(name=header, sector=Sector.COMPANY))
    ends.sort(key=lambda e: columns.index(e.name))
    ends = [_with_address(table, end, used) for end in ends]
    kind_column = _find(columns, used, _KIND_WORDS, lambda i: _kind_like(table, i))
    weight_column = _find(
        columns, used, _WEIGHT_WORDS, lambda i: _numeric_share(_values(table, i)) >= 0.8
    )
    notes = [c for i, c in enumerate(columns) if i not in used and _has(c, _NOTES_WORDS)][:1]
    places = guess_places(table, ends[:1])[:1]
    return ListMapping(
        ends=tuple(ends),
        tie=TieRule(
            kind=TieKind.COLLABORATION,
            kind_column=kind_column,
            weight_column=weight_column,
            notes_columns=tuple(notes),
        ),
        places=tuple(places),
        default_location=Location.REGION,
        sheet=table.sheet,
        header_row=table.header_row,
        encoding="auto",
    )


def _with_address(table: ListTable, end: End, used: set[int]) -> End:
    """The address column nearest after the name column (a list keeps them side by side)."""
    start = table.columns.index(end.name)
    order = list(range(start + 1, len(table.columns))) + list(range(start - 1, -1, -1))
    for index in order:
        if index not in used and _has(table.columns[index], _ADDRESS_WORDS):
            used.add(index)
            return End(end.name, end.sector, end.sector_column, table.columns[index])
    return end


def _find(
    columns: list[str], used: set[int], words: Sequence[str], check: Callable[[int], bool]
) -> str | None:
    for index, header in enumerate(columns):
        if index not in used and _has(header, words) and check(index):
            used.add(index)
            return header
    return None


def _kind_like(table: ListTable, index: int) -> bool:
    """Most cells are words the list import reads as a tie kind."""
    values = _values(table, index)
    known = {_fold(w) for w in KIND_WORDS} | {k.value for k in TieKind}
    hits = sum(1 for v in values if _fold(v).strip() in known)
    return bool(values) and hits / len(values) >= 0.6


def sector_like(table: ListTable, index: int) -> bool:
    values = _values(table, index)
    hits = sum(1 for v in values if guess_sector(v) is not None)
    return bool(values) and hits / len(values) >= 0.6


def guess_places(table: ListTable, ends: Sequence[End]) -> list[str]:
    """Municipalities named in the ends' address columns, most frequent first."""
    counts = place_counts(table, ends)
    return [place for place, _n in counts.most_common()]


def place_counts(table: ListTable, ends: Sequence[End]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for end in ends:
        if not end.location_column:
            continue
        index = table.column_index(end.location_column)
        if index is None:
            continue
        for _n, cells in table.rows:
            place = municipality(cells[index]) if cells[index] else ""
            if place:
                counts[place] += 1
    return counts
