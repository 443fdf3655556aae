"""The actors.csv / ties.csv pair of docs/reference/formats.md, as Excel and planners write it.

Reading accepts UTF-8 with or without a byte-order mark, and CP932 (Shift-JIS), which
Excel in Japan writes for "CSV (comma delimited)". The header row is required; columns may
come in any order and header names are matched case-insensitively after trimming. Columns
the format does not know are kept in `extra` and written back on export. One bad row
rejects the whole import with a message naming file, line and column.

Writing uses UTF-8 with a byte-order mark, so Excel shows Japanese names correctly, the
standard columns in their documented order followed by the extra columns, and numbers that
read back equal.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cluster_designer.model import Actor, Design, Tie

from ..i18n import _
from . import limits
from .choices import ActorSettler, ImportChoices, ImportReport
from .errors import FormatError
from .files import MAX_FIELD_CHARS, atomic_writers, decode_text, read_limited_bytes, text_lines
from .records import (
    ACTOR_COLUMNS,
    ACTOR_REQUIRED,
    GROUP_COLUMNS,
    GROUP_REQUIRED,
    TIE_COLUMNS,
    TIE_REQUIRED,
    ActorCollector,
    GroupCollector,
    RecordProblem,
    TieCollector,
    actor_texts,
    check_tags_writable,
    group_texts,
    new_design,
    tie_texts,
)

# --- reading ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    line: int
    values: dict[str, str]
    extra: dict[str, str]


@dataclass(slots=True)
class _Table:
    """A CSV file whose header was read: its rows come one at a time, keyed by standard
    column with unknown columns aside, so a file is never held as rows in memory."""

    file: str
    rows: Iterator[_Row]


def read_csv_pair(
    actors_path: str | os.PathLike[str],
    ties_path: str | os.PathLike[str] | None,
    design_name: str,
    region: str = "",
    *,
    choices: ImportChoices | None = None,
    report: ImportReport | None = None,
    groups_path: str | os.PathLike[str] | None = None,
) -> Design:
    """Read a design from an actors file and a ties file (None: a design without ties), and
    optionally a groups file (`id`, `name`, `kind`, `members` `;`-separated, `since`, `notes`).

    Nothing is returned unless every row of every file is valid; the first problem raises
    `FormatError`. Encodings: UTF-8 or UTF-16 with a byte-order mark, UTF-8 without one, or
    Shift-JIS (CP932); commas or tabs between values. `choices` may stand in for a missing
    `sector`, `location` or `kind` column and allow repeated ties to be merged. At most
    `limits.MAX_ACTORS` actors and `limits.MAX_TIES` ties are read (io/limits.py).
    """
    choices = choices or ImportChoices()
    report = report if report is not None else ImportReport()
    design = new_design(design_name, region or "")
    actors = ActorCollector()
    actor_table = _read_table(
        Path(actors_path), ACTOR_COLUMNS, _required(ACTOR_REQUIRED, choices), limits.MAX_ACTORS
    )
    actor_rows = list(actor_table.rows)  # the sectors are settled over all rows first
    settler = ActorSettler(actor_table.file, choices, report)
    for row in actor_rows:
        settler.settle(row.values, row.extra)
    settler.check()
    _collect(_Table(actor_table.file, iter(actor_rows)), actors)
    _check_parents(_Table(actor_table.file, iter(actor_rows)), actors)
    del actor_rows
    ties = TieCollector(actors.first_seen, merge=choices.merge_duplicates, report=report)
    report.assumed_kind = choices.default_kind
    if ties_path is not None:
        tie_table = _read_table(
            Path(ties_path), TIE_COLUMNS, _required(TIE_REQUIRED, choices), limits.MAX_TIES
        )
        if choices.kind is not None:
            tie_table.rows = _with_kind(tie_table.rows, choices.kind.value, report)
        _collect(tie_table, ties)
    groups = GroupCollector(actors.first_seen)
    if groups_path is not None:
        _collect(
            _read_table(Path(groups_path), GROUP_COLUMNS, GROUP_REQUIRED, limits.MAX_ACTORS),
            groups,
        )
    design.load(actors.actors, ties.finish(), groups.groups)
    return design


def _check_parents(table: _Table, actors: ActorCollector) -> None:
    """A `parent` naming no actor of the file, or the actor itself, at the spin-off's line."""
    try:
        actors.check_parents()
    except RecordProblem as problem:
        line = next(
            (
                r.line
                for r, a in zip(table.rows, actors.actors, strict=False)
                if actors.first_seen[a.id] == problem.where
            ),
            None,
        )
        raise FormatError.at(table.file, problem.message, line=line, column=problem.field) from None


def _with_kind(rows: Iterator[_Row], kind: str, report: ImportReport) -> Iterator[_Row]:
    for row in rows:
        if not row.values.get("kind", "").strip():
            row.values["kind"] = kind
            report.kind_assumed += 1
        yield row


def _required(columns: Sequence[str], choices: ImportChoices) -> tuple[str, ...]:
    """Columns a file must have: `sector`, `location` and `kind` may come from the choices."""
    optional = {"sector"} if choices.sector.given else set()
    if choices.kind is not None:
        optional.add("kind")
    return tuple(c for c in columns if c not in optional)


def _read_table(path: Path, columns: Sequence[str], required: Sequence[str], most: int) -> _Table:
    """Read the header now (a missing column is refused before any row), the rows as they
    are asked for: at most `most` rows with values, and no more than `limits.MAX_ROWS`
    lines of any kind (200 MB of empty lines would otherwise be walked for minutes)."""
    name = path.name
    text = decode_text(read_limited_bytes(path), name, allow_cp932=True)
    delimiter = sniff_delimiter(text)
    if not text or text.isspace():  # strip() would copy the whole text
        raise FormatError.at(
            name,
            _("the file is empty (a header row is needed: {columns})").format(
                columns=", ".join(required)
            ),
        )
    records = _filled(_bounded(_records(text, name, delimiter), name, most))
    with _field_limit(MAX_FIELD_CHARS):
        header_line, header = next(records)
    if len(header) > limits.MAX_COLUMNS:
        raise FormatError.at(
            name,
            _("the header has {count:,} columns (at most {limit:,} are read)").format(
                count=len(header), limit=limits.MAX_COLUMNS
            ),
            line=header_line,
        )
    keys = _header_keys(header, name, header_line, columns, required)
    return _Table(name, _rows(records, keys, name, header_line))


def _rows(
    records: Iterator[tuple[int, list[str]]],
    keys: list[tuple[str, bool]],
    name: str,
    header_line: int,
) -> Iterator[_Row]:
    with _field_limit(MAX_FIELD_CHARS):
        for line, record in records:
            if len(record) != len(keys):
                raise FormatError.at(
                    name,
                    _(
                        "{values} values, but the header on line {header_line} has {columns} "
                        "columns"
                    ).format(values=len(record), header_line=header_line, columns=len(keys)),
                    line=line,
                )
            values: dict[str, str] = {}
            extra: dict[str, str] = {}
            for (key, is_standard), cell in zip(keys, record, strict=True):
                if is_standard:
                    values[key] = cell
                elif cell.strip():
                    extra[key] = cell
            yield _Row(line, values, extra)


def _filled(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """Records with at least one value (empty lines and rows of empty cells are skipped)."""
    return (r for r in records if any(cell.strip() for cell in r[1]))


def _bounded(
    records: Iterator[tuple[int, list[str]]], name: str, most: int
) -> Iterator[tuple[int, list[str]]]:
    """Refuse more than `most` rows with values below the header, or more than MAX_ROWS
    records of any kind, naming the line where the limit was passed."""
    filled = 0
    for count, (line, record) in enumerate(records):
        if count > limits.MAX_ROWS:
            raise FormatError.at(
                name,
                _("more than {limit:,} rows; no design file holds that many").format(
                    limit=limits.MAX_ROWS
                ),
                line=line,
            )
        if any(cell.strip() for cell in record):
            filled += 1
            if filled > most + 1:  # the header is one of them
                raise FormatError.at(
                    name,
                    _(
                        "more than {limit:,} rows below the header (the most a design file "
                        "may hold)"
                    ).format(limit=most),
                    line=line,
                )
        yield line, record


def sniff_delimiter(text: str) -> str:
    """A tab when the header line has more tabs than commas (Excel's "Unicode text" and
    "Text (tab-delimited)"), else a comma."""
    header = next((line for line in text_lines(text) if line.strip()), "")  # not a list
    return "\t" if header.count("\t") > header.count(",") else ","


def _records(text: str, name: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) per record; CSV syntax errors become FormatErrors."""
    reader = csv.reader(text_lines(text), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FormatError.at(name, _csv_problem(error), line=reader.line_num or start) from None
        yield start, record


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field limit" in text:
        return f"a value is longer than {MAX_FIELD_CHARS // 1024 // 1024} MB"
    return f"not valid CSV ({text})"


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _header_keys(
    header: list[str], name: str, line: int, columns: Sequence[str], required: Sequence[str]
) -> list[tuple[str, bool]]:
    """Map each header cell to (standard column or extra name, is_standard).

    A column without a header keeps its values as the extra attribute `column N` (its
    position), so stray data next to the table is neither an error nor silently lost.
    """
    labels = [cell.strip() for cell in header]
    seen: set[str] = set()
    for label in labels:
        folded = label.lower()
        if folded and folded in seen:
            raise FormatError.at(
                name,
                _("column '{label}' appears twice in the header").format(label=label),
                line=line,
            )
        seen.add(folded)
    missing = [c for c in required if c not in seen]
    if len(missing) == 1:
        raise FormatError.at(
            name, _("missing required column '{column}'").format(column=missing[0])
        )
    if missing:
        listed = ", ".join(f"'{c}'" for c in missing)
        raise FormatError.at(name, _("missing required columns {listed}").format(listed=listed))
    keys: list[tuple[str, bool]] = []
    for position, label in enumerate(labels, start=1):
        name = label
        if not name:
            name = _("column {number}").format(number=position)
            while name.lower() in seen:
                name += "_"
            seen.add(name.lower())
        folded = name.lower()
        keys.append((folded, True) if folded in columns else (name, False))
    return keys


def _collect(table: _Table, collector: ActorCollector | TieCollector | GroupCollector) -> None:
    for row in table.rows:
        where = _("line {line}").format(line=row.line)
        try:
            if isinstance(collector, GroupCollector):
                collector.add(row.values, where)  # a group keeps no extra columns
            else:
                collector.add(row.values, row.extra, where)
        except RecordProblem as problem:
            raise FormatError.at(
                table.file, problem.message, line=row.line, column=problem.field
            ) from None


# --- writing ----------------------------------------------------------------------------


def write_csv_pair(
    design: Design,
    actors_path: str | os.PathLike[str],
    ties_path: str | os.PathLike[str],
    groups_path: str | os.PathLike[str] | None = None,
) -> None:
    """Write both files (and the groups file when given), or none: each goes to a temporary
    file that replaces it at the end. The groups file gets a header even without groups."""
    actor_extra = _extra_columns(
        (a.extra for a in design.actors.values()), ACTOR_COLUMNS, _("actor")
    )
    tie_extra = _extra_columns((t.extra for t in design.ties.values()), TIE_COLUMNS, _("tie"))
    actors_name = Path(actors_path).name
    actor_rows = [_actor_row(actors_name, a, actor_extra) for a in design.actors.values()]
    tie_rows = [_tie_row(t, tie_extra) for t in design.ties.values()]
    groups_name = Path(groups_path).name if groups_path is not None else ""
    group_rows = [group_texts(g, groups_name) for g in design.groups.values()]
    paths = [Path(actors_path), Path(ties_path)]
    if groups_path is not None:
        paths.append(Path(groups_path))
    with atomic_writers(paths, encoding="utf-8-sig", newline="") as files:
        actors_writer = csv.writer(files[0])
        actors_writer.writerow([*ACTOR_COLUMNS, *actor_extra])
        actors_writer.writerows(actor_rows)
        ties_writer = csv.writer(files[1])
        ties_writer.writerow([*TIE_COLUMNS, *tie_extra])
        ties_writer.writerows(tie_rows)
        if groups_path is not None:
            groups_writer = csv.writer(files[2])
            groups_writer.writerow(GROUP_COLUMNS)
            groups_writer.writerows(group_rows)


def _extra_columns(
    extras: Iterable[dict[str, str]], standard: Sequence[str], what: str
) -> list[str]:
    """Extra attribute names in order of first appearance; refuse ones that would be misread."""
    names: dict[str, str] = {}
    for extra in extras:
        for key in extra:
            folded = key.strip().lower()
            if key in names.values():
                continue
            if not folded or folded in standard or folded in names or key != key.strip():
                raise FormatError(
                    _(
                        "cannot write the {what} attribute '{key}' as a CSV column: it is empty, "
                        "padded with spaces, or the same as another column"
                    ).format(what=what, key=key)
                )
            names[folded] = key
    return list(names.values())


def _actor_row(file: str, actor: Actor, extra_columns: list[str]) -> list[str]:
    check_tags_writable(file, actor)
    return [*actor_texts(actor), *(actor.extra.get(c, "") for c in extra_columns)]


def _tie_row(tie: Tie, extra_columns: list[str]) -> list[str]:
    return [*tie_texts(tie), *(tie.extra.get(c, "") for c in extra_columns)]
