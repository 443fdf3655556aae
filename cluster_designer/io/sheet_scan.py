"""A byte scan of every worksheet before any workbook reader lays a cell out.

A 7 KB workbook can claim a cell at XFD1048576 (the reader would build a 17-billion-cell
area), an empty row far down (a million empty rows to walk), a shared text that does not
exist (or, with a negative number, silently the last one), or a number of 5,000 digits.
The scan reads each worksheet part once, in chunks, with C-speed regular expressions —
about as fast as unpacking it — and refuses such a sheet naming it, before the readers run.
It also tells whether a sheet must be read cell by cell (formulas, error cells, or cells
that do not say where they are).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..i18n import _
from . import limits
from .errors import FormatError

CHUNK = 1024 * 1024
MAX_OPEN_CELL = 8 * 1024 * 1024  # a worksheet where no cell ends for this long is refused

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st=[\"']e[\"']")
_ROW_NUMBER = re.compile(rb"<row\b[^>]*?\sr=\"([0-9]+)\"")
_CELL_COLUMN = re.compile(rb"<c\b[^>]*?\sr=\"([A-Za-z]+)[0-9]+\"[^>/]*>")
_CELL_POSITION = re.compile(rb"<c\b[^>]*?\sr=\"")
_SHARED_REF = re.compile(rb"<c\b[^>]*?\st=\"s\"[^>]*>\s*<v>\s*([^<]*?)\s*</v>")
_LONG_NUMBER = re.compile(rb"<v>\s*[-+]?[0-9.]{%d,}" % (limits.MAX_DIGITS + 1))
_CELL_END = b"</c>"
_SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(slots=True)
class _Sheet:
    name: str
    exact: bool = False
    max_row: int = 0
    max_column: int = 0
    rows: int = 0
    cells: int = 0
    positioned_cells: int = 0
    shared_refs: set[bytes] = field(default_factory=set)
    long_number: bool = False


def scan_worksheets(file: str, archive: zipfile.ZipFile) -> bool:
    """Check every worksheet; True when some sheet must be read cell by cell."""
    names = _sheet_names(archive)
    strings = _shared_string_count(archive)
    exact = False
    for member in archive.infolist():
        if not member.filename.startswith("xl/worksheets/") or not member.filename.endswith(".xml"):
            continue
        sheet = _scan(file, archive, member, names.get(member.filename, member.filename))
        _check(file, sheet, strings)
        exact = exact or sheet.exact or sheet.positioned_cells < sheet.cells
    return exact


def _scan(file: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> _Sheet:
    sheet = _Sheet(name)
    for piece in _whole_cells(file, archive, member, name):
        if not sheet.exact and _FORMULA_TAG.search(piece):
            sheet.exact = True
        rows = _ROW_NUMBER.findall(piece)
        if rows:
            sheet.max_row = max(sheet.max_row, *map(int, rows))
        sheet.rows += piece.count(b"<row")
        columns = set(_CELL_COLUMN.findall(piece))
        if columns:
            widest = max(map(_column_number, columns))
            sheet.max_column = max(sheet.max_column, widest)
        sheet.cells += piece.count(b"<c ") + piece.count(b"<c>")
        sheet.positioned_cells += len(_CELL_POSITION.findall(piece))
        sheet.shared_refs.update(_SHARED_REF.findall(piece))
        if _LONG_NUMBER.search(piece):
            sheet.long_number = True
    sheet.max_row = max(sheet.max_row, sheet.rows)
    return sheet


def _whole_cells(
    file: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str
) -> Iterator[bytes]:
    """The part in pieces that each end after a cell (`</c>`), so no cell is split."""
    rest = b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            buffer = rest + chunk
            end = buffer.rfind(_CELL_END)
            if end < 0:
                if len(buffer) > MAX_OPEN_CELL:
                    raise _refused(
                        file,
                        name,
                        _("a cell holds more than {size} MB").format(size=MAX_OPEN_CELL >> 20),
                    )
                rest = buffer
                continue
            cut = end + len(_CELL_END)
            yield buffer[:cut]
            rest = buffer[cut:]
    if rest:
        yield rest


def _check(file: str, sheet: _Sheet, strings: int) -> None:
    if sheet.max_row > limits.MAX_ROWS + 1:
        raise _refused(
            file,
            sheet.name,
            _("it reaches row {row:,}; at most {limit:,} rows below the header are read").format(
                row=sheet.max_row, limit=limits.MAX_ROWS
            ),
        )
    if sheet.max_column > limits.MAX_COLUMNS:
        raise _refused(
            file,
            sheet.name,
            _(
                "it has a value in column {column} (the {number:,}th); at most {limit:,} "
                "columns are read — delete what is there"
            ).format(
                column=_column_letters(sheet.max_column),
                number=sheet.max_column,
                limit=limits.MAX_COLUMNS,
            ),
        )
    area = sheet.max_row * max(sheet.max_column, 1)
    if area > limits.MAX_SHEET_CELLS:
        raise _refused(
            file,
            sheet.name,
            _(
                "its cells span {rows:,} rows × {columns:,} columns, more than {limit:,} cells"
            ).format(rows=sheet.max_row, columns=sheet.max_column, limit=limits.MAX_SHEET_CELLS),
        )
    if sheet.cells > limits.MAX_SHEET_CELLS:
        raise _refused(
            file,
            sheet.name,
            _("it has {cells:,} cells, more than {limit:,}").format(
                cells=sheet.cells, limit=limits.MAX_SHEET_CELLS
            ),
        )
    for ref in sheet.shared_refs:
        if not ref.isdigit() or int(ref) >= strings:
            shown = ref.decode("ascii", errors="replace")[:20]
            raise _refused(
                file,
                sheet.name,
                _(
                    "a cell refers to shared text number {number}, but the workbook has "
                    "{count:,} shared texts (numbered from 0); the file is damaged"
                ).format(number=shown, count=strings),
            )
    if sheet.long_number:
        raise _refused(
            file,
            sheet.name,
            _("a cell holds a number of more than {digits} digits").format(
                digits=limits.MAX_DIGITS
            ),
        )


def _refused(file: str, sheet: str, problem: str) -> FormatError:
    return FormatError(
        _("{file} sheet '{sheet}': {problem}").format(file=file, sheet=sheet, problem=problem),
        file=file,
    )


def _shared_string_count(archive: zipfile.ZipFile) -> int:
    """How many shared texts the workbook has (`<si>` items), counted without parsing."""
    try:
        member = archive.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return 0
    count, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            joined = tail + chunk
            count += joined.count(b"<si>") + joined.count(b"<si ")
            tail = chunk[-3:]
    return count


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name as Excel shows it (best effort; parts otherwise)."""
    try:
        book = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, ParseError, DefusedXmlException, ValueError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels if rel.get("Id") is not None}
    names: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(element.get(f"{{{_SHEET_REL}}}id"), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            names[part] = element.get("name", part)
    return names


def _small_xml(archive: zipfile.ZipFile, name: str) -> Any:
    member = archive.getinfo(name)
    if member.file_size > 10 * 1024 * 1024:
        raise ValueError(name)
    return fromstring(archive.read(member), forbid_dtd=True)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - 64)
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
