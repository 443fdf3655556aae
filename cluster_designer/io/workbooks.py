"""Opening a workbook for reading: python-calamine when it is plain data, openpyxl otherwise.

openpyxl's streaming reader takes about 5 s of CPU for a 20,000-row list; python-calamine
(a Rust reader) about 0.3 s (docs/performance.md). calamine reads a formula without a
saved value and an error cell (#DIV/0!) as an empty cell, so the readers use it only when
the archive scan (`safety.check_xlsx_archive`, which runs first either way) found neither
in any worksheet; otherwise openpyxl reads every cell with its kind and the messages name
the cell. The adapter here gives both the few calls of openpyxl's read-only API the readers
use: `sheetnames`, `book[name]`, `sheet.max_column`, `sheet.iter_rows(min_row, max_row,
max_col, values_only)` with cells that have `.value` and `.data_type`.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import FormatError


class _Cell:
    __slots__ = ("value",)
    data_type = None

    def __init__(self, value: Any) -> None:
        self.value = value


class _Sheet:
    def __init__(self, rows: list[list[Any]]) -> None:
        self._rows = rows
        self.max_column = max((len(r) for r in rows), default=0) or None

    def iter_rows(
        self,
        min_row: int = 1,
        max_row: int | None = None,
        max_col: int | None = None,
        values_only: bool = False,
    ) -> Iterator[tuple[Any, ...]]:
        for row in self._rows[min_row - 1 : max_row]:
            values = tuple(_value(v) for v in (row[:max_col] if max_col else row))
            yield values if values_only else tuple(_Cell(v) for v in values)


def _value(value: Any) -> Any:
    """As openpyxl gives it: None for an empty cell, whole numbers as int (calamine reads
    every number as a float; a sheet stores 101 as "101")."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Book:
    def __init__(self, book: Any, refused: Callable[[str], FormatError]) -> None:
        self._book = book
        self._refused = refused
        self.sheetnames: list[str] = list(book.sheet_names)

    def __getitem__(self, name: str) -> _Sheet:
        try:
            rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as error:  # noqa: BLE001 - a damaged sheet part, in calamine's words
            raise self._refused(_reason(error)) from None
        return _Sheet(rows)

    def close(self) -> None:
        close = getattr(self._book, "close", None)
        if close is not None:
            close()


@contextlib.contextmanager
def opened_values(
    path: Path,
    *,
    exact: bool,
    open_exact: Callable[[], contextlib.AbstractContextManager[Any]],
    refused: Callable[[str], FormatError],
) -> Iterator[Any]:
    """The workbook's cell values: calamine's when `exact` is False, else `open_exact()`.

    `refused(reason)` builds the reader's own message for a workbook that cannot be read."""
    if exact:
        with open_exact() as book:
            yield book
        return
    from python_calamine import CalamineWorkbook  # on first use: the window starts without it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = _Book(CalamineWorkbook.from_path(str(path)), refused)
    except Exception as error:  # noqa: BLE001 - calamine raises its own zip, XML and format errors
        raise refused(_reason(error)) from None
    try:
        yield book
    finally:
        book.close()


def _reason(error: Exception) -> str:
    text = str(error).strip().strip("'\"")
    return text[:200] if text else type(error).__name__
