"""The mapping file (TOML) that says how a list becomes actors and ties.

The command line reads it; the window's import wizard writes it, so next year's list is
imported the same way. Everything is checked when the file is read: a wrong key or value is
reported naming the mapping file and the key, before the list is opened.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cluster_designer.i18n import _, pgettext
from cluster_designer.model import Location, Sector, TieKind

from ..errors import FormatError
from ..files import atomic_writer, read_limited_bytes

ENCODINGS: tuple[str, ...] = ("auto", "utf-8", "cp932")
"""How a CSV list is decoded: `auto` takes UTF-8 (with or without a byte-order mark) when
the bytes are valid UTF-8, else Shift-JIS (CP932); the report always says which was used."""


@dataclass(frozen=True, slots=True)
class End:
    """A column naming one actor of each row, with where its sector and address come from."""

    name: str
    sector: Sector | None = None
    sector_column: str | None = None
    location_column: str | None = None
    sector_words: Mapping[str, Sector] = field(default_factory=dict)

    def columns(self) -> list[tuple[str, str]]:
        """(mapping key, column) for every column this end reads."""
        found = [("name", self.name)]
        if self.sector_column:
            found.append(("sector_column", self.sector_column))
        if self.location_column:
            found.append(("location_column", self.location_column))
        return found


@dataclass(frozen=True, slots=True)
class TieRule:
    kind: TieKind | None = None
    kind_column: str | None = None
    weight_column: str | None = None
    notes_columns: tuple[str, ...] = ()
    kind_words: Mapping[str, TieKind] = field(default_factory=dict)

    def columns(self) -> list[tuple[str, str]]:
        found = []
        if self.kind_column:
            found.append(("kind_column", self.kind_column))
        if self.weight_column:
            found.append(("weight_column", self.weight_column))
        found += [("notes_columns", c) for c in self.notes_columns]
        return found


@dataclass(frozen=True, slots=True)
class NameDecisions:
    """What a person decided about names, kept so next year's import decides the same.

    `same`: each list of spellings names one organization (its actors are merged even though
    their keys differ). `separate`: each list of spellings is an organization of its own, taken
    out of the group its key would put it in. `different`: pairs offered as probably the same
    that a person said are not; they are not offered again. Spellings are compared exactly as
    written in the list (surrounding spaces ignored).
    """

    same: tuple[tuple[str, ...], ...] = ()
    separate: tuple[tuple[str, ...], ...] = ()
    different: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.same or self.separate or self.different)


@dataclass(frozen=True, slots=True)
class ListMapping:
    ends: tuple[End, ...]
    tie: TieRule = field(default_factory=TieRule)
    places: tuple[str, ...] = ()
    default_location: Location = Location.REGION
    names: NameDecisions = field(default_factory=NameDecisions)
    sheet: str | None = None
    header_row: int = 1
    encoding: str = "auto"

    def columns(self) -> list[tuple[str, str]]:
        """(mapping key, column name) for every column of the list the mapping reads."""
        found: list[tuple[str, str]] = []
        for n, end in enumerate(self.ends, start=1):
            found += [(f"ends[{n}].{key}", column) for key, column in end.columns()]
        found += [(f"tie.{key}", column) for key, column in self.tie.columns()]
        return found

    def with_names(self, names: NameDecisions) -> ListMapping:
        return replace(self, names=names)


# --- reading -------------------------------------------------------------------------------


class _Checker:
    """Reads values out of the parsed TOML, raising one clear error naming file and key."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, problem: str) -> FormatError:
        return FormatError(
            pgettext("list import", "{file}: {key}: {problem}").format(
                file=self.file, key=key, problem=problem
            ),
            file=self.file,
            column=key,
        )

    def table(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(where, _("must be a table ([{key}])").format(key=key))
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> Any:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(where, pgettext("list import", "is required"))
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, _("must be a non-empty text in quotes"))
        return value.strip()

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, _('must be a list of texts, such as ["A", "B"]'))
        return tuple(v.strip() for v in value if v.strip())

    def groups(self, data: Mapping[str, Any], key: str, where: str) -> tuple[tuple[str, ...], ...]:
        value = data.get(key, [])
        problem = _('must be a list of lists of spellings, such as [["静大", "静岡大学"]]')
        if not isinstance(value, list):
            raise self.fail(where, problem)
        groups = []
        for group in value:
            if not isinstance(group, list) or not all(isinstance(v, str) for v in group):
                raise self.fail(where, problem)
            cleaned = tuple(dict.fromkeys(v.strip() for v in group if v.strip()))
            if cleaned:
                groups.append(cleaned)
        return tuple(groups)

    def unknown_keys(self, data: Mapping[str, Any], known: Sequence[str], where: str) -> None:
        for key in data:
            if key not in known:
                place = f"{where}.{key}" if where else key
                raise self.fail(place, _("is not a setting of a list mapping"))

    def choice(self, value: Any, enum: Any, where: str) -> Any:
        if value is None:
            return None
        try:
            return enum(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(
                where,
                pgettext("list import", "unknown value '{value}' (use {allowed})").format(
                    value=value, allowed=allowed
                ),
            ) from None

    def words(self, data: Mapping[str, Any], key: str, enum: Any, where: str) -> dict[str, Any]:
        table = self.table(data, key, where)
        return {
            str(word).strip(): self.choice(value, enum, f"{where}.{word}")
            for word, value in table.items()
        }


def read_mapping(path: str | os.PathLike[str]) -> ListMapping:
    """Read and check a mapping file; a problem raises FormatError naming the file and key."""
    path = Path(path)
    data = read_limited_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError.at(path.name, _("a mapping file must be saved as UTF-8")) from None
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FormatError.at(
            path.name, _("not a valid TOML file ({reason})").format(reason=error)
        ) from None
    return mapping_from_dict(parsed, path.name)


def mapping_from_dict(data: Mapping[str, Any], file: str = "mapping") -> ListMapping:
    check = _Checker(file)
    check.unknown_keys(data, ("list", "ends", "tie", "region", "names"), "")
    listing = check.table(data, "list", "list")
    check.unknown_keys(listing, ("sheet", "header_row", "encoding"), "list")
    header_row = listing.get("header_row", 1)
    if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
        raise check.fail("list.header_row", _("must be a whole number, 1 or more"))
    encoding = str(listing.get("encoding", "auto")).strip().lower().replace("_", "-")
    encoding = {"shift-jis": "cp932", "sjis": "cp932", "utf8": "utf-8"}.get(encoding, encoding)
    if encoding not in ENCODINGS:
        raise check.fail(
            "list.encoding",
            pgettext("list import", "unknown value '{value}' (use {allowed})").format(
                value=listing.get("encoding"), allowed=", ".join(ENCODINGS)
            ),
        )
    ends_data = data.get("ends", [])
    if not isinstance(ends_data, list) or not ends_data:
        raise check.fail("ends", _("give at least one [[ends]] table naming a column of names"))
    ends = tuple(_end(check, item, n) for n, item in enumerate(ends_data, start=1))
    tie_data = check.table(data, "tie", "tie")
    check.unknown_keys(
        tie_data, ("kind", "kind_column", "weight_column", "notes_columns", "kind_words"), "tie"
    )
    tie = TieRule(
        kind=check.choice(tie_data.get("kind"), TieKind, "tie.kind"),
        kind_column=check.text(tie_data, "kind_column", "tie.kind_column"),
        weight_column=check.text(tie_data, "weight_column", "tie.weight_column"),
        notes_columns=check.texts(tie_data, "notes_columns", "tie.notes_columns"),
        kind_words=check.words(tie_data, "kind_words", TieKind, "tie.kind_words"),
    )
    region = check.table(data, "region", "region")
    check.unknown_keys(region, ("places", "default_location"), "region")
    default_location = check.choice(
        region.get("default_location", "region"), Location, "region.default_location"
    )
    names = check.table(data, "names", "names")
    check.unknown_keys(names, ("same", "separate", "different"), "names")
    different = check.groups(names, "different", "names.different")
    for group in different:
        if len(group) != 2:
            raise check.fail("names.different", _("each entry must be a pair of spellings"))
    return ListMapping(
        ends=ends,
        tie=tie,
        places=check.texts(region, "places", "region.places"),
        default_location=default_location,
        names=NameDecisions(
            same=tuple(g for g in check.groups(names, "same", "names.same") if len(g) > 1),
            separate=check.groups(names, "separate", "names.separate"),
            different=tuple((g[0], g[1]) for g in different),
        ),
        sheet=check.text(listing, "sheet", "list.sheet"),
        header_row=header_row,
        encoding=encoding,
    )


def _end(check: _Checker, item: Any, n: int) -> End:
    where = f"ends[{n}]"
    if not isinstance(item, dict):
        raise check.fail(where, _("must be a table ([[ends]])"))
    check.unknown_keys(
        item, ("name", "sector", "sector_column", "location_column", "sector_words"), where
    )
    sector = check.choice(item.get("sector"), Sector, f"{where}.sector")
    sector_column = check.text(item, "sector_column", f"{where}.sector_column")
    if sector is None and sector_column is None:
        raise check.fail(where, _("give a sector, or a sector_column to read it from"))
    return End(
        name=check.text(item, "name", f"{where}.name", required=True),
        sector=sector,
        sector_column=sector_column,
        location_column=check.text(item, "location_column", f"{where}.location_column"),
        sector_words=check.words(item, "sector_words", Sector, f"{where}.sector_words"),
    )


# --- writing -------------------------------------------------------------------------------

_HEADER = """\
Mapping of a list to a Cluster Designer design (cluster-designer import-list).
Written by the import wizard; edit it freely. Every setting is described in
Cluster Designer's docs/reference/lists.md.
"""


def mapping_to_toml(mapping: ListMapping) -> str:
    """The mapping as a TOML text with short comments, readable and editable next year."""
    import tomlkit  # on first use: only saving a mapping needs it

    doc = tomlkit.document()
    for line in _HEADER.splitlines():
        doc.add(tomlkit.comment(line))
    listing = tomlkit.table()
    if mapping.sheet:
        listing.add("sheet", mapping.sheet)
    listing.add("header_row", mapping.header_row)
    if mapping.encoding != "auto":
        listing.add("encoding", mapping.encoding)
    doc.add("list", listing)
    ends = tomlkit.aot()
    for end in mapping.ends:
        table = tomlkit.table()
        table.add("name", end.name)
        if end.sector is not None:
            table.add("sector", end.sector.value)
        if end.sector_column:
            table.add("sector_column", end.sector_column)
        if end.location_column:
            table.add("location_column", end.location_column)
        if end.sector_words:
            table.add("sector_words", _inline({k: v.value for k, v in end.sector_words.items()}))
        ends.append(table)
    doc.add("ends", ends)
    tie = tomlkit.table()
    rule = mapping.tie
    if rule.kind is not None:
        tie.add("kind", rule.kind.value)
    if rule.kind_column:
        tie.add("kind_column", rule.kind_column)
    if rule.weight_column:
        tie.add("weight_column", rule.weight_column)
    if rule.notes_columns:
        tie.add("notes_columns", list(rule.notes_columns))
    if rule.kind_words:
        tie.add("kind_words", _inline({k: v.value for k, v in rule.kind_words.items()}))
    doc.add("tie", tie)
    region = tomlkit.table()
    region.add("places", list(mapping.places))
    region.add("default_location", mapping.default_location.value)
    doc.add("region", region)
    names = mapping.names
    if not names.empty:
        table = tomlkit.table()
        for key, groups, comment in (
            ("same", names.same, "spellings that name one organization"),
            ("separate", names.separate, "spellings that are an organization of their own"),
            ("different", names.different, "pairs checked and found to be different"),
        ):
            if groups:
                array = tomlkit.array()
                array.multiline(True)
                for group in groups:
                    array.append(list(group))
                table.add(tomlkit.comment(comment))
                table.add(key, array)
        doc.add("names", table)
    return tomlkit.dumps(doc)


def _inline(values: Mapping[str, str]) -> Any:
    import tomlkit

    table = tomlkit.inline_table()
    table.update(values)
    return table


def write_mapping(mapping: ListMapping, path: str | os.PathLike[str]) -> None:
    """Write the mapping file atomically (UTF-8, as TOML requires)."""
    with atomic_writer(Path(path), encoding="utf-8", newline="\n") as handle:
        handle.write(mapping_to_toml(mapping))
