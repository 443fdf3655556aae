"""A list as it is in the file: a header row and rows of cell texts, from CSV or one XLSX sheet.

Rows are numbered as a spreadsheet shows them (the first record of a CSV file is row 1), so a
message about row 14 points at the row a planner sees in Excel. Cells are kept as text;
numbers a workbook stores as numbers become the text a planner sees (1000, not 1000.0).
"""

from __future__ import annotations

import contextlib
import csv
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from cluster_designer.i18n import _, pgettext
from cluster_designer.model import ValidationError
from cluster_designer.model.entities import check_text

from .. import limits
from ..errors import FormatError
from ..files import (
    MAX_FIELD_CHARS,
    looks_japanese,
    read_limited_bytes,
    refuse_mixed_encodings,
    text_lines,
)
from ..safety import check_xlsx_archive
from ..workbooks import opened_values

MAX_COLUMNS = limits.MAX_COLUMNS
XLSX_SUFFIXES = (".xlsx", ".xlsm")

ENCODING_LABELS = {"utf-8": "UTF-8", "cp932": "Shift-JIS (CP932)"}


@dataclass(slots=True)
class ListTable:
    """The header's column names and the rows below it (row number, cells)."""

    file: str
    columns: tuple[str, ...]
    rows: list[tuple[int, tuple[str, ...]]]
    header_row: int = 1
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    encoding: str | None = None
    uncomputed: set[tuple[int, int]] = field(default_factory=set)
    """(row, column index) of formula cells that hold no computed value (never read as empty)."""

    def column_index(self, name: str) -> int | None:
        for index, column in enumerate(self.columns):
            if column == name:
                return index
        folded = name.strip().casefold()
        for index, column in enumerate(self.columns):
            if column.strip().casefold() == folded:
                return index
        return None

    def where(self, row: int, column: str | None = None) -> str:
        """`list.xlsx sheet '契約' row 14, column '金額'` for messages."""
        if self.sheet is not None:
            text = pgettext("list import", "{file} sheet '{sheet}' row {row}").format(
                file=self.file, sheet=self.sheet, row=row
            )
        else:
            text = pgettext("list import", "{file} row {row}").format(file=self.file, row=row)
        if column is not None:
            text = pgettext("list import", "{place}, column '{column}'").format(
                place=text, column=column
            )
        return text

    def error(self, row: int, column: str | None, problem: str) -> FormatError:
        return FormatError(
            f"{self.where(row, column)}: {problem}", file=self.file, line=row, column=column
        )


def is_workbook(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in XLSX_SUFFIXES


def read_list_table(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    header_row: int = 1,
    encoding: str = "auto",
    max_rows: int | None = None,
) -> ListTable:
    """Read a CSV file or a workbook sheet (default: the first). `max_rows` reads only that
    many rows below the header (the wizard's first look at a file)."""
    path = Path(path)
    if is_workbook(path):
        return _read_xlsx(path, sheet, header_row, max_rows)
    return _read_csv(path, header_row, encoding, max_rows)


def list_sheets(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The sheet names of a workbook (none for a CSV file)."""
    path = Path(path)
    if not is_workbook(path):
        return ()
    check_xlsx_archive(path)
    with _opened_workbook(path, data_only=True) as book:
        return tuple(book.sheetnames)


# --- CSV -----------------------------------------------------------------------------------


def decode_list(data: bytes, file: str, encoding: str) -> tuple[str, str]:
    """(text, encoding used). `auto`: UTF-8 when the bytes are valid UTF-8 (a byte-order mark
    is dropped), else Shift-JIS (CP932) when the text then looks Japanese (io/files.py); the
    caller reports which one was used."""
    tried = ("utf-8", "cp932") if encoding == "auto" else (encoding,)
    for name in tried:
        try:
            text = data.decode("utf-8-sig" if name == "utf-8" else name)
        except UnicodeDecodeError as error:
            last = error
            continue
        if encoding == "auto" and name == "cp932":
            refuse_mixed_encodings(data, file)
        if encoding == "auto" and name == "cp932" and not looks_japanese(data, text):
            # A Western single-byte file ('Musée') also decodes as Shift-JIS ('Mus馥'):
            # never guess between them; the user may choose the encoding.
            break
        return text, name
    line = data[: last.start].count(b"\n") + 1
    if encoding == "auto":
        problem = _("the text is neither UTF-8 nor Shift-JIS (CP932); save it as CSV UTF-8")
    else:
        problem = _("the text is not {encoding}; choose another encoding").format(
            encoding=ENCODING_LABELS.get(encoding, encoding)
        )
    raise FormatError(
        pgettext("list import", "{file} line {line}: {problem}").format(
            file=file, line=line, problem=problem
        ),
        file=file,
        line=line,
    )


def _read_csv(path: Path, header_row: int, encoding: str, max_rows: int | None) -> ListTable:
    file = path.name
    text, used = decode_list(read_limited_bytes(path), file, encoding)
    old_limit = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        reader = csv.reader(text_lines(text))
        records = _csv_records(reader, file)
        table = _table(file, records, header_row, max_rows)
    finally:
        csv.field_size_limit(old_limit)
    table.encoding = used
    return table


def _csv_records(reader: Any, file: str) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FormatError(
                _("{file} row {row}: not valid CSV ({reason})").format(
                    file=file, row=number + 1, reason=error
                ),
                file=file,
                line=number + 1,
            ) from None
        number += 1
        yield number, record


def _table(
    file: str,
    records: Iterator[tuple[int, list[str]]],
    header_row: int,
    max_rows: int | None,
    sheet: str | None = None,
) -> ListTable:
    header: list[str] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    width = 0
    for number, record in records:
        if number < header_row:
            continue
        if header is None:
            header = record[:MAX_COLUMNS]
            while header and not header[-1].strip():
                header.pop()
            width = len(header)
            continue
        if max_rows is not None and len(rows) >= max_rows:
            break
        if number - header_row > limits.MAX_LIST_ROWS:
            # every row counts, empty ones too: 200 MB of empty rows is a minute's walk
            raise FormatError(
                pgettext(
                    "list import", "{file} row {row}: more than {count} rows below the header"
                ).format(file=file, row=number, count=f"{limits.MAX_LIST_ROWS:,}"),
                file=file,
                line=number,
            )
        cells = list(map(str.strip, record[:width]))
        if any(cells):
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            rows.append((number, tuple(cells)))
    if header is None or not any(h.strip() for h in header):
        where = file if sheet is None else f"{file} sheet '{sheet}'"
        raise FormatError(
            _("{place}: row {row} should hold the column names, but it is empty").format(
                place=where, row=header_row
            ),
            file=file,
            line=header_row,
        )
    table = ListTable(file, _column_names(header), rows, header_row, sheet)
    _check_texts(table, header)
    return table


def _check_texts(table: ListTable, header: list[str]) -> None:
    """Refuse characters no file can hold (NUL and other control characters, halves of
    surrogate pairs) where they are, before they become names: the design would be stored
    and then fail every export."""
    for name in header:
        try:
            check_text(name, name)
        except ValidationError as error:
            raise table.error(table.header_row, None, error.message) from None
    for number, cells in table.rows:
        for index, cell in enumerate(cells):
            try:
                check_text(table.columns[index], cell)
            except ValidationError as error:
                raise table.error(number, table.columns[index], error.message) from None


def _column_names(header: list[str]) -> tuple[str, ...]:
    """Header cells trimmed; a blank one is called `column N` (its position, from 1)."""
    names: list[str] = []
    for position, cell in enumerate(header, start=1):
        label = cell.strip() or f"column {position}"
        while label in names:
            label += "_"
        names.append(label)
    return tuple(names)


# --- XLSX ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _opened_workbook(path: Path, *, data_only: bool) -> Iterator[Any]:
    from openpyxl import load_workbook  # on first use: the window starts without it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(
                path, read_only=True, data_only=data_only, keep_links=False, keep_vba=False
            )
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        reason = str(error).strip() or type(error).__name__
        raise FormatError.at(
            path.name,
            pgettext("list import", "cannot be read as an Excel workbook ({reason})").format(
                reason=reason[:200]
            ),
        ) from None
    try:
        yield book
    finally:
        book.close()


def _read_xlsx(path: Path, sheet: str | None, header_row: int, max_rows: int | None) -> ListTable:
    file = path.name
    has_formulas = check_xlsx_archive(path)
    with contextlib.ExitStack() as stack:
        book = stack.enter_context(
            opened_values(
                path,
                exact=has_formulas,
                open_exact=lambda: _opened_workbook(path, data_only=True),
                refused=lambda reason: FormatError.at(
                    file,
                    pgettext(
                        "list import", "cannot be read as an Excel workbook ({reason})"
                    ).format(reason=reason),
                ),
            )
        )
        names = tuple(book.sheetnames)
        chosen = _choose_sheet(file, names, sheet)
        formulas = None
        if has_formulas:
            formulas = stack.enter_context(_opened_workbook(path, data_only=False))[chosen]
        uncomputed: set[tuple[int, int]] = set()
        records = _sheet_records(book[chosen], formulas, uncomputed)
        table = _table(file, records, header_row, max_rows, chosen)
    table.sheet = chosen
    table.sheets = names
    table.uncomputed = uncomputed
    return table


def _choose_sheet(file: str, names: tuple[str, ...], sheet: str | None) -> str:
    if not names:
        raise FormatError.at(file, pgettext("list import", "the workbook has no sheets"))
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    folded = {n.strip().casefold(): n for n in names}
    if sheet.strip().casefold() in folded:
        return folded[sheet.strip().casefold()]
    found = ", ".join(f"'{n}'" for n in names)
    raise FormatError(
        _("{file}: the workbook has no sheet '{sheet}' (its sheets: {found})").format(
            file=file, sheet=sheet, found=found
        ),
        file=file,
    )


def _sheet_records(
    values: Any, formulas: Any | None, uncomputed: set[tuple[int, int]]
) -> Iterator[tuple[int, list[str]]]:
    # The sheet's own width when it states one (read-only sheets otherwise pad every row
    # to max_col); never more than MAX_COLUMNS.
    width = min(values.max_column, MAX_COLUMNS) if values.max_column else None
    formula_rows = (
        formulas.iter_rows(max_col=width, values_only=True) if formulas is not None else None
    )
    for number, cells in enumerate(values.iter_rows(max_col=width, values_only=True), start=1):
        texts = [_cell_text(v) for v in cells[:MAX_COLUMNS]]
        if formula_rows is not None:
            raw = next(formula_rows, ())
            for index, value in enumerate(raw):
                if (
                    isinstance(value, str)
                    and value.startswith("=")
                    and index < len(cells)
                    and cells[index] is None
                ):
                    uncomputed.add((number, index))
        yield number, texts


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
