"""One table of the fields of actors and ties: every format derives its columns from it.

CSV, XLSX, JSON, GraphML/GEXF attributes and the database rows all list the same fields in
the same order and turn values into text, cells, JSON values and stored values the same
way. Adding a field to an entity is one row here (plus a migration for the database).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

FieldKind = Literal["id", "text", "enum", "number", "year", "tags"]


def number_text(value: float | None) -> str:
    """Integral values without '.0' (what a planner typed); others in the shortest exact form."""
    if value is None:
        return ""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _same(value: Any) -> Any:
    return value


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _tags_text(value: tuple[str, ...]) -> str:
    return ";".join(value)


def _tags_stored(value: tuple[str, ...]) -> str:
    return json.dumps(list(value), ensure_ascii=False) if value else "[]"


def _tags_loaded(value: str) -> tuple[str, ...]:
    return () if value == "[]" else tuple(json.loads(value))


def _year_text(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an entity as files and the database carry it.

    `node_attribute`: written as a GraphML/GEXF attribute under its own name (the id and the
    position live elsewhere in those formats). `column`: the database column's name.
    """

    name: str
    kind: FieldKind
    required: bool = False
    node_attribute: bool = True
    enum: type[Enum] | None = None
    column: str = ""
    nullable: bool = False  # an enum that may be empty (None in the model)

    @property
    def store_column(self) -> str:
        return self.column or self.name

    @property
    def numeric(self) -> bool:
        """Kept as a number in a spreadsheet cell, not as text."""
        return self.kind in ("number", "year")

    @property
    def xml_type(self) -> str:
        """The GraphML/GEXF attribute type."""
        return {"number": "double", "year": "int"}.get(self.kind, "string")

    def text(self, value: Any) -> str:
        """The value in a CSV cell or an XML attribute ('' for nothing)."""
        return _TEXT[self.kind](value)

    def json(self, value: Any) -> Any:
        return _JSON[self.kind](value)

    def cell(self, value: Any) -> Any:
        """An XLSX cell value: numbers stay numbers, None leaves the cell empty."""
        if self.numeric:
            return value
        return self.text(value)

    def stored(self, value: Any) -> Any:
        return _STORED[self.kind](value)

    @property
    def converts(self) -> bool:
        """Whether the stored value differs in type from the model's."""
        return self.kind in ("enum", "tags")

    def loader(self) -> Callable[[Any], Any]:
        """Stored value → model value (raises KeyError/ValueError for a value it cannot take)."""
        if self.kind == "enum":
            assert self.enum is not None
            members: dict[Any, Any] = {m.value: m for m in self.enum}
            if self.nullable:  # an optional value left empty (an unknown origin)
                members[None] = members[""] = None
            return members.__getitem__
        if self.kind == "tags":
            return _tags_loaded
        return _same


_TEXT: dict[str, Callable[[Any], str]] = {
    "id": str,
    "text": str,
    "enum": lambda v: "" if v is None else str(_enum_value(v)),
    "number": number_text,
    "year": _year_text,
    "tags": _tags_text,
}
_JSON: dict[str, Callable[[Any], Any]] = {
    "id": _same,
    "text": _same,
    "enum": _enum_value,
    "number": _same,
    "year": _same,
    "tags": list,
}
_STORED: dict[str, Callable[[Any], Any]] = {
    "id": _same,
    "text": _same,
    "enum": _enum_value,
    "number": _same,
    "year": _same,
    "tags": _tags_stored,
}


def names(table: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in table)


def required(table: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in table if f.required)
