"""An Excel workbook with the sheets `actors` and `ties`, columns as in the CSV files.

Planners keep actor lists in Excel, so the workbook follows the CSV pair exactly: a header
row, columns in any order, unknown columns kept as extra attributes, enumerated values
case-insensitive. Excel's own habits are undone on reading: ids it turned into numbers
(101 → "101"), formulas (their last computed value is used, never evaluated; a formula
without one is refused naming the cell). A sheet `design` carries the design's name,
region, description and year, and a sheet `groups` the groups (columns as in groups.csv);
both are optional on reading, and `groups` is written only when the design has groups.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from cluster_designer.model import (
    ACTOR_TABLE,
    GROUP_TABLE,
    TIE_TABLE,
    Actor,
    Design,
    Tie,
    ValidationError,
)

from ..i18n import _, ngettext
from . import limits
from .choices import ActorSettler, ImportChoices, ImportReport
from .errors import FormatError
from .files import atomic_path
from .graph_records import check_text, extra_names
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
    actor_cells,
    check_tags_writable,
    describe_tie,
    design_year,
    group_cells,
    tie_cells,
)
from .safety import check_xlsx_archive
from .workbooks import opened_values

MAX_COLUMNS = 1000
"""Header cells looked at; a real sheet has a dozen."""

EXCEL_CELL_CHARS = 32_767
NUMERIC_COLUMNS = frozenset(f.name for f in (*ACTOR_TABLE, *TIE_TABLE, *GROUP_TABLE) if f.numeric)
DESIGN_FIELDS: tuple[str, ...] = ("name", "region", "description", "year")


# --- reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    number: int
    values: dict[str, Any]
    extra: dict[str, str]
    cells: dict[str, str]  # column name → cell reference, for messages


def read_xlsx(
    path: str | os.PathLike[str],
    design_name: str | None = None,
    *,
    choices: ImportChoices | None = None,
    report: ImportReport | None = None,
) -> Design:
    """Read a design from a workbook; all-or-nothing, messages name sheet, row and column.

    `choices` may stand in for a missing `sector`, `location` or `kind` column and allow
    repeated ties to be merged; what they changed goes into `report`."""
    path = Path(path)
    file = path.name
    choices = choices or ImportChoices()
    report = report if report is not None else ImportReport()
    actor_required = tuple(c for c in ACTOR_REQUIRED if c != "sector" or not choices.sector.given)
    tie_required = tuple(c for c in TIE_REQUIRED if c != "kind" or choices.kind is None)
    has_formulas = check_xlsx_archive(path)
    with contextlib.ExitStack() as stack:
        values_book = stack.enter_context(
            opened_values(
                path,
                exact=has_formulas,
                open_exact=lambda: _opened(path, data_only=True),
                refused=lambda reason: FormatError.at(
                    file, _("cannot be read as an Excel workbook ({reason})").format(reason=reason)
                ),
            )
        )
        formula_book = stack.enter_context(_opened(path, data_only=False)) if has_formulas else None
        sheets = {name.strip().casefold(): name for name in values_book.sheetnames}
        if "actors" not in sheets:
            found = ", ".join(f"'{n}'" for n in values_book.sheetnames)
            raise FormatError.at(
                file,
                _("the workbook has no sheet 'actors' (its sheets: {found})").format(found=found),
            )
        meta = _design_sheet(file, values_book, sheets)
        actors = ActorCollector()
        settler = ActorSettler(file, choices, report)
        actor_rows = list(
            _rows(file, values_book, formula_book, sheets["actors"], ACTOR_COLUMNS, actor_required)
        )
        for row in actor_rows:
            settler.settle(row.values, row.extra)
        settler.check()
        for row in actor_rows:
            _add(file, sheets["actors"], row, actors)
        _check_parents(file, sheets["actors"], actor_rows, actors)
        ties = TieCollector(actors.first_seen, merge=choices.merge_duplicates, report=report)
        report.assumed_kind = choices.default_kind
        if "ties" in sheets:
            for row in _rows(
                file, values_book, formula_book, sheets["ties"], TIE_COLUMNS, tie_required
            ):
                if choices.kind is not None and not _text(row.values.get("kind")).strip():
                    row.values["kind"] = choices.kind.value
                    report.kind_assumed += 1
                _add(file, sheets["ties"], row, ties)
        elif len(sheets) > 1 + ("design" in sheets) + ("groups" in sheets):
            found = ", ".join(f"'{n}'" for n in values_book.sheetnames)
            raise FormatError.at(
                file,
                _("the workbook has no sheet 'ties' (its sheets: {found})").format(found=found),
            )
        groups = GroupCollector(actors.first_seen)
        if "groups" in sheets:
            for row in _rows(
                file, values_book, formula_book, sheets["groups"], GROUP_COLUMNS, GROUP_REQUIRED
            ):
                _add(file, sheets["groups"], row, groups)
    try:
        design = Design(
            design_name or meta.get("name") or path.stem,
            region=meta.get("region", ""),
            description=meta.get("description", ""),
            year=design_year(file, meta.get("year")),
        )
    except ValidationError as error:
        raise FormatError.at(
            file, _("design {field} {message}").format(field=error.field, message=error.message)
        ) from None
    design.load(actors.actors, ties.finish(), groups.groups)
    return design


def _check_parents(file: str, sheet: str, rows: list[_Row], actors: ActorCollector) -> None:
    """A `parent` naming no actor of the sheet, or the actor itself, at the spin-off's row."""
    try:
        actors.check_parents()
    except RecordProblem as problem:
        row = next(
            r
            for r, a in zip(rows, actors.actors, strict=False)
            if actors.first_seen[a.id] == problem.where
        )
        raise FormatError(
            _("{where}: {message}").format(
                where=_where(file, sheet, row.number, "parent", row.cells.get("parent")),
                message=problem.message,
            ),
            file=file,
            line=row.number,
            column="parent",
        ) from None


@contextlib.contextmanager
def _opened(path: Path, *, data_only: bool) -> Iterator[Any]:
    """openpyxl in streaming mode, without external links or macros; its many failure types
    for a damaged file all become one clear message."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(
                path, read_only=True, data_only=data_only, keep_links=False, keep_vba=False
            )
    except FormatError:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises KeyError, ValueError, zip and XML errors alike
        raise FormatError.at(
            path.name,
            _("cannot be read as an Excel workbook ({reason})").format(reason=_reason(error)),
        ) from None
    try:
        yield book
    finally:
        book.close()


def _reason(error: Exception) -> str:
    text = str(error).strip().strip("'\"")
    return text[:200] if text else type(error).__name__


def _where(
    file: str, sheet: str, row: int, column: str | None = None, cell: str | None = None
) -> str:
    if column is None:
        return _("{file} sheet '{sheet}' row {row}").format(file=file, sheet=sheet, row=row)
    if not cell:
        return _("{file} sheet '{sheet}' row {row}, column '{column}'").format(
            file=file, sheet=sheet, row=row, column=column
        )
    return _("{file} sheet '{sheet}' row {row}, column '{column}' (cell {cell})").format(
        file=file, sheet=sheet, row=row, column=column, cell=cell
    )


def _rows(
    file: str,
    values_book: Any,
    formula_book: Any | None,
    sheet: str,
    columns: tuple[str, ...],
    required: tuple[str, ...],
) -> Iterator[_Row]:
    """Rows of one sheet as column name → value; with `formula_book` (the same workbook read
    for formulas) every empty value is checked for a formula Excel never computed."""
    values_sheet = values_book[sheet]
    header_row = next(values_sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS), ())
    header = _header(file, sheet, [_text(c.value) for c in header_row], columns, required)
    width = len(header)
    formula_rows: Iterator[tuple[Any, ...]] = (
        formula_book[sheet].iter_rows(min_row=2, max_col=width)
        if formula_book is not None
        else itertools.repeat(())
    )
    pairs = zip(values_sheet.iter_rows(min_row=2, max_col=width), formula_rows, strict=False)
    for number, (cells, formulas) in enumerate(pairs, start=2):
        most = limits.MAX_ACTORS if columns is ACTOR_COLUMNS else limits.MAX_TIES
        if number > most + 1:
            raise FormatError(
                _("{file} sheet '{sheet}': more than {limit:,} rows").format(
                    file=file, sheet=sheet, limit=most
                ),
                file=file,
            )
        row = _Row(number, {}, {}, {})
        filled = False
        for index, cell in enumerate(cells):
            formula = formulas[index] if index < len(formulas) else None
            name, standard = header[index]
            reference = f"{get_column_letter(index + 1)}{number}"
            value = _checked_value(file, sheet, number, name, reference, cell, formula)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            filled = True
            if not name:
                raise FormatError(
                    _(
                        "{where}: value '{text}' in cell {reference} is in a column without a "
                        "header"
                    ).format(
                        where=_where(file, sheet, number),
                        text=_text(value)[:40],
                        reference=reference,
                    ),
                    file=file,
                    line=number,
                )
            if standard:
                row.values[name] = value if name in NUMERIC_COLUMNS else _text(value)
                row.cells[name] = reference
            else:
                row.extra[name] = _text(value)
        if filled:
            # Every extra column on every row, empty ones as "": a column a planner left
            # empty (or filled for a few actors only) survives export and import again.
            row.extra = {n: row.extra.get(n, "") for n, standard in header if n and not standard}
            yield row


def _header(
    file: str, sheet: str, cells: list[str], columns: tuple[str, ...], required: tuple[str, ...]
) -> list[tuple[str, bool]]:
    while cells and not cells[-1].strip():
        cells.pop()
    keys: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for cell in cells:
        label = cell.strip()
        folded = label.casefold()
        if folded and folded in seen:
            raise FormatError(
                _("{where}: column '{label}' appears twice in the header").format(
                    where=_where(file, sheet, 1), label=label
                ),
                file=file,
                line=1,
                column=label,
            )
        seen.add(folded)
        keys.append((folded, True) if folded in columns else (label, False))
    missing = [c for c in required if c not in seen]
    if missing:
        listed = ", ".join(f"'{c}'" for c in missing)
        raise FormatError(
            ngettext(
                "{file} sheet '{sheet}' row 1: missing required column {listed} in the header",
                "{file} sheet '{sheet}' row 1: missing required columns {listed} in the header",
                len(missing),
            ).format(file=file, sheet=sheet, listed=listed),
            file=file,
            line=1,
        )
    return keys


def _checked_value(
    file: str, sheet: str, row: int, column: str, reference: str, cell: Any, formula: Any
) -> Any:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        raise FormatError(
            _("{where}: the cell holds the Excel error {value}").format(
                where=_where(file, sheet, row, column or None, reference), value=value
            ),
            file=file,
            line=row,
            column=column,
        )
    if value is None and getattr(formula, "data_type", None) == "f":
        raise FormatError(
            _(
                "{where}: the cell holds a formula without a computed value ({text}); open the "
                "workbook in Excel, save it, and try again"
            ).format(
                where=_where(file, sheet, row, column or None, reference),
                text=_text(formula.value)[:60],
            ),
            file=file,
            line=row,
            column=column,
        )
    return value


def _text(value: Any) -> str:
    """A cell as the text a planner sees: 101 not 101.0, dates as ISO text (a date without a
    time of day as the date alone, whichever reader read it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _add(
    file: str, sheet: str, row: _Row, collector: ActorCollector | TieCollector | GroupCollector
) -> None:
    where = _("row {row}").format(row=row.number)
    try:
        if isinstance(collector, GroupCollector):
            collector.add(row.values, where)  # a group keeps no extra columns
        else:
            collector.add(row.values, row.extra, where)
    except RecordProblem as problem:
        cell = row.cells.get(problem.field or "")
        raise FormatError(
            _("{where}: {message}").format(
                where=_where(file, sheet, row.number, problem.field, cell), message=problem.message
            ),
            file=file,
            line=row.number,
            column=problem.field,
        ) from None


def _design_sheet(file: str, book: Any, sheets: dict[str, str]) -> dict[str, str]:
    """The optional `design` sheet: rows of field name and value."""
    if "design" not in sheets:
        return {}
    meta: dict[str, str] = {}
    for cells in book[sheets["design"]].iter_rows(max_col=2, max_row=100, values_only=True):
        field = _text(cells[0]).strip().casefold() if cells else ""
        if field in DESIGN_FIELDS and field not in meta:
            meta[field] = _text(cells[1]) if len(cells) > 1 else ""
    return meta


# --- writing ------------------------------------------------------------------------------


def write_xlsx(design: Design, path: str | os.PathLike[str]) -> None:
    """Write the workbook; the old file is replaced only once the new one is complete."""
    path = Path(path)
    file = path.name
    actor_extra = extra_names(
        file, (a.extra for a in design.actors.values()), ACTOR_COLUMNS, _("actor")
    )
    tie_extra = extra_names(file, (t.extra for t in design.ties.values()), TIE_COLUMNS, _("tie"))
    group_rows = [(f"group '{g.id}'", group_cells(g, file)) for g in design.groups.values()]
    # openpyxl streams the sheets through temporary files of its own as rows are added: a
    # full disk can strike there too, so the whole building happens inside the atomic write.
    with atomic_path(path) as temp, _streamed_workbook() as book:
        _fill(
            file,
            book.create_sheet("actors"),
            [*ACTOR_COLUMNS, *actor_extra],
            [(f"actor '{a.id}'", _actor_row(file, a, actor_extra)) for a in design.actors.values()],
        )
        _fill(
            file,
            book.create_sheet("ties"),
            [*TIE_COLUMNS, *tie_extra],
            [(describe_tie(t), _tie_row(t, tie_extra)) for t in design.ties.values()],
        )
        if design.groups:
            _fill(
                file,
                book.create_sheet("groups"),
                list(GROUP_COLUMNS),
                group_rows,
            )
        _fill(
            file,
            book.create_sheet("design"),
            ["field", "value"],
            [("the design", [f, getattr(design, f)]) for f in DESIGN_FIELDS],
        )
        _save(book, temp)


@contextlib.contextmanager
def _streamed_workbook() -> Iterator[Any]:
    """A write-only workbook whose sheets, should the writing fail, are closed at once.

    Each streamed sheet holds a suspended row writer and an open temporary file; left to the
    garbage collector they would be closed in any order, the rows' writer writing its closing
    tag into a file already closed (an "unraisable" error) and the files staying in the temp
    folder until the program ends."""
    book = Workbook(write_only=True)
    try:
        yield book
    except BaseException:
        for sheet in book.worksheets:
            # openpyxl's own attributes: it has no public way to abandon a streamed sheet
            rows, writer = getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)
            with contextlib.suppress(Exception):
                if rows is not None:
                    rows.close()
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()
                with contextlib.suppress(OSError, ValueError):
                    writer.cleanup()
        raise


def _save(book: Any, path: Path) -> None:
    """`book.save(path)`, with the zip file closed even when writing into it fails."""
    book.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()
    finally:
        with contextlib.suppress(OSError, ValueError):
            archive.close()


def _actor_row(file: str, actor: Actor, extra: list[str]) -> list[Any]:
    check_tags_writable(file, actor)
    return [*actor_cells(actor), *(actor.extra.get(c) for c in extra)]


def _tie_row(tie: Tie, extra: list[str]) -> list[Any]:
    return [*tie_cells(tie), *(tie.extra.get(c) for c in extra)]


def _fill(file: str, sheet: Any, header: list[str], rows: list[tuple[str, list[Any]]]) -> None:
    """Bold frozen header, text kept as text (never a formula), widths that fit the content.

    The workbook is write-only (streamed, about four times faster), so widths are measured
    and every value checked before the first row goes out.
    """
    widths = [_display_width(h) for h in header]
    prepared: list[list[Any]] = []
    for what, row in rows:
        cells: list[Any] = []
        for column, value in enumerate(row):
            if value is None or value == "":
                cells.append(None)
                continue
            if isinstance(value, str):
                cell = _text_cell(file, sheet, what, header[column], value)
            else:
                cell = int(value) if float(value).is_integer() and abs(value) < 1e15 else value
            cells.append(cell)
            widths[column] = max(widths[column], _display_width(str(cell)))
        prepared.append(cells)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for cells in prepared:
        sheet.append(cells)


def _text_cell(file: str, sheet: Any, what: str, column: str, value: str) -> Any:
    check_text(file, what, column, value)
    if len(value) > EXCEL_CELL_CHARS:
        raise FormatError(
            _(
                "{file}: cannot write {what}: its {column} is longer than Excel's "
                "{limit:,} characters per cell"
            ).format(file=file, what=what, column=column, limit=EXCEL_CELL_CHARS),
            file=file,
            column=column,
        )
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store it as a formula
    return cell


def _display_width(text: str) -> int:
    """Japanese characters take two columns in Excel's width units."""
    line = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:100])
