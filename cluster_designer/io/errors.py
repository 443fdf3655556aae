"""The error every reader and writer raises for a file it cannot accept."""

from __future__ import annotations

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError


class FormatError(ClusterError):
    """A file that is not a valid design; the message names file, line and column for users.

    `file` is the file's base name, `line` is 1-based (the header is line 1 in a CSV file),
    `column` is the column or field name. Any of them may be None when it does not apply.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column

    @classmethod
    def at(
        cls, file: str, message: str, *, line: int | None = None, column: str | None = None
    ) -> FormatError:
        """Build the standard text: `ties.csv line 14, column 'weight': must be greater than 0`."""
        if line is not None and column is not None:
            where = _("{file} line {line}, column '{column}'")
        elif line is not None:
            where = _("{file} line {line}")
        elif column is not None:
            where = _("{file} column '{column}'")
        else:
            where = "{file}"
        place = where.format(file=file, line=line, column=column)
        text = _("{place}: {message}").format(place=place, message=message)
        return cls(text, file=file, line=line, column=column)
