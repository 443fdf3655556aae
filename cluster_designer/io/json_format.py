"""The one-design JSON file of docs/reference/formats.md: lossless, for scripts and backups.

Records are addressed in messages the way a JSON path would, counting from 0:
`design.json: actors[3].sector: unknown sector 'x' (use university, company, support)`.
Object keys the format does not know are kept in `extra` (as text), like unknown CSV columns.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cluster_designer.model import Design, ValidationError

from ..i18n import _
from . import limits
from .errors import FormatError
from .files import atomic_writer, decode_text, read_limited_bytes
from .graph_records import (
    RESERVED_EDGE_ATTRIBUTES,
    RESERVED_NODE_ATTRIBUTES,
    has_control_character,
)
from .records import (
    ACTOR_COLUMNS,
    GROUP_COLUMNS,
    TIE_COLUMNS,
    ActorCollector,
    GroupCollector,
    RecordProblem,
    TieCollector,
    actor_json,
    group_json,
    new_design,
    tie_json,
)

FORMAT_NAME = "cluster-designer"
FORMAT_VERSION = 1
FIRST_YEAR, LAST_YEAR = 1800, 2200  # created/updated outside these are damage, not history

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_size(text: str, file: str) -> None:
    """Refuse a document with more values than any design has before parsing builds them
    (200 MB of tiny values would otherwise become gigabytes of Python objects)."""
    bare = _STRING.sub('""', text)  # commas and brackets inside texts do not count
    values = bare.count(",") + bare.count("[") + bare.count("{")
    if values > limits.MAX_JSON_VALUES:
        raise FormatError.at(
            file,
            _("the file holds more than {limit:,} values; no design has that many").format(
                limit=limits.MAX_JSON_VALUES
            ),
        )


def _int_of(file: str) -> Callable[[str], int]:
    def parse(digits: str) -> int:
        if len(digits) > limits.MAX_DIGITS:
            raise FormatError.at(
                file,
                _("a number has {count:,} digits (at most {limit} are read)").format(
                    count=len(digits), limit=limits.MAX_DIGITS
                ),
            )
        return int(digits)

    return parse


def _float_of(file: str) -> Callable[[str], float]:
    def parse(digits: str) -> float:
        if len(digits) > limits.MAX_DIGITS:
            raise FormatError.at(
                file,
                _("a number has {count:,} digits (at most {limit} are read)").format(
                    count=len(digits), limit=limits.MAX_DIGITS
                ),
            )
        return float(digits)

    return parse


def read_json(path: str | os.PathLike[str], design_name: str | None = None) -> Design:
    """Read a design; `design_name` (if given) replaces the name stored in the file."""
    path = Path(path)
    file = path.name
    if design_name is not None:
        new_design(design_name)
    text = decode_text(read_limited_bytes(path), file, allow_cp932=False)
    _check_size(text, file)
    try:
        document = json.loads(text, parse_int=_int_of(file), parse_float=_float_of(file))
    except json.JSONDecodeError as error:
        raise FormatError(
            _("{file} line {lineno}, column {colno}: not valid JSON ({msg})").format(
                file=file, lineno=error.lineno, colno=error.colno, msg=error.msg
            ),
            file=file,
            line=error.lineno,
        ) from None
    except RecursionError:
        raise FormatError.at(file, _("not valid JSON (nested too deeply)")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FormatError.at(
            file,
            _('not a Cluster Designer file (no "format": "{format_name}")').format(
                format_name=FORMAT_NAME
            ),
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError.at(
            file, _("'version' must be a whole number, not {version!r}").format(version=version)
        )
    if version > FORMAT_VERSION:
        raise FormatError.at(
            file,
            _(
                "written by a newer Cluster Designer (format version {version}); this one reads "
                "version {format_version}"
            ).format(version=version, format_version=FORMAT_VERSION),
        )
    design = _design_from(document.get("design", {}), file, design_name)
    actors = ActorCollector()
    for index, record in enumerate(_list(document, "actors", file)):
        _collect(actors, record, f"actors[{index}]", ACTOR_COLUMNS, file)
    try:
        actors.check_parents()
    except RecordProblem as problem:
        place = f"{problem.where}.{problem.field}"
        raise FormatError.at(file, f"{place}: {problem.message}") from None
    ties = TieCollector(actors.first_seen, merge=None)
    for index, record in enumerate(_list(document, "ties", file)):
        _collect(ties, record, f"ties[{index}]", TIE_COLUMNS, file)
    groups = GroupCollector(actors.first_seen)
    for index, record in enumerate(_list(document, "groups", file)):
        where = f"groups[{index}]"
        if not isinstance(record, dict):
            raise FormatError.at(file, _("{where}: must be an object").format(where=where))
        if isinstance(record.get("members"), str):
            raise FormatError.at(
                file, _("{where}.members: must be a list of actor ids").format(where=where)
            )
        try:
            groups.add({k: v for k, v in record.items() if k in GROUP_COLUMNS}, where)
        except RecordProblem as problem:
            place = where if problem.field is None else f"{where}.{problem.field}"
            raise FormatError.at(file, f"{place}: {problem.message}") from None
    design.load(actors.actors, ties.ties, groups.groups)
    return design


def _design_from(meta: Any, file: str, design_name: str | None) -> Design:
    if not isinstance(meta, dict):
        raise FormatError.at(file, _("design: must be an object"))
    texts: dict[str, str] = {}
    for key in ("name", "region", "description"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise FormatError.at(file, _("design.{key}: must be text").format(key=key))
        texts[key] = value or ""
    lineage = meta.get("lineage")
    if lineage is not None and (not isinstance(lineage, str) or not 0 < len(lineage) <= 32):
        raise FormatError.at(file, _("design.lineage: must be text of 1 to 32 characters"))
    year = meta.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise FormatError.at(
            file, _("design.year: must be a whole number, not {value!r}").format(value=year)
        )
    created = _timestamp(meta.get("created"), "created", file)
    updated = _timestamp(meta.get("updated"), "updated", file)
    try:
        return Design(
            design_name if design_name is not None else texts["name"],
            region=texts["region"],
            description=texts["description"],
            created=created,
            updated=updated or created,
            lineage=lineage,
            year=year,
        )
    except ValidationError as error:
        raise FormatError.at(
            file, _("design.{field}: {message}").format(field=error.field, message=error.message)
        ) from None


def _timestamp(value: Any, key: str, file: str) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise FormatError.at(
            file,
            _("design.{key}: '{value}' is not an ISO-8601 date and time").format(
                key=key, value=value
            ),
        ) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise FormatError.at(
            file,
            _("design.{key}: the year {year} is not plausible (use {first} to {last})").format(
                key=key, year=moment.year, first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    return moment


def _list(document: dict[str, Any], key: str, file: str) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise FormatError.at(file, _("{key}: must be a list").format(key=key))
    return value


def _collect(
    collector: ActorCollector | TieCollector,
    record: Any,
    where: str,
    fields: tuple[str, ...],
    file: str,
) -> None:
    if not isinstance(record, dict):
        raise FormatError.at(file, _("{where}: must be an object").format(where=where))
    extra_value = record.get("extra", {})
    if not isinstance(extra_value, dict):
        raise FormatError.at(file, _("{where}.extra: must be an object").format(where=where))
    extra = _extra_of(extra_value, where, fields, file)
    for key, value in record.items():
        if key not in fields and key != "extra":
            extra.setdefault(str(key), _as_text(value))
    values = {k: v for k, v in record.items() if k in fields}
    if isinstance(values.get("tags"), list) and not all(isinstance(t, str) for t in values["tags"]):
        raise FormatError.at(file, _("{where}.tags: must be a list of text").format(where=where))
    try:
        collector.add(values, extra, where)
    except RecordProblem as problem:
        place = where if problem.field is None else f"{where}.{problem.field}"
        raise FormatError.at(file, f"{place}: {problem.message}") from None


def _extra_of(
    value: dict[Any, Any], where: str, fields: tuple[str, ...], file: str
) -> dict[str, str]:
    """A record's `extra` object as text; refuses a name no other format could write back
    (empty, with a control character, or the name of a standard or another attribute)."""
    reserved = RESERVED_NODE_ATTRIBUTES if "sector" in fields else RESERVED_EDGE_ATTRIBUTES
    taken = {name.casefold() for name in (*fields, *reserved)}
    extra: dict[str, str] = {}
    for key, item in value.items():
        name = str(key)
        folded = name.strip().casefold()
        if not folded or folded in taken or has_control_character(name):
            raise FormatError.at(
                file,
                _(
                    "{where}.extra: '{key}' cannot be an attribute name: it is empty, holds a "
                    "control character, or is the name of another attribute"
                ).format(where=where, key=_shown(name)),
            )
        taken.add(folded)
        extra[name] = _as_text(item)
    return extra


def _shown(name: str) -> str:
    """`name` for a message: control characters as escapes, Japanese and the rest as they are."""
    return "".join(
        c.encode("unicode_escape").decode("ascii") if has_control_character(c) else c for c in name
    )


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def design_to_dict(design: Design) -> dict[str, Any]:
    """The JSON document for a design (used for files, and handy for tests and scripts)."""
    return _document(
        design,
        [actor_json(a) for a in design.actors.values()],
        [tie_json(t) for t in design.ties.values()],
    )


class _Records(list):  # type: ignore[type-arg]
    """A list as Python's JSON encoder sees it (it asks for its length, then walks it), whose
    records are made one at a time as the encoder comes to them: a design's tens of
    thousands of record dictionaries never all exist at once."""

    def __init__(self, items: Collection[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        super().__init__()
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._make, self._items)


def design_json_chunks(design: Design) -> Iterator[str]:
    """The text of `json.dumps(design_to_dict(design), ensure_ascii=False, indent=2)`, in the
    small pieces the encoder makes, each actor's and tie's record built only as it is
    encoded: what writing a big design's JSON holds at once is a piece of text, not the
    whole document and every record of it (autosave at 10,000 actors: 25 MB less at its
    peak). The design must not change meanwhile (a copy, on another thread)."""
    document = _document(
        design,
        _Records(design.actors.values(), actor_json),
        _Records(design.ties.values(), tie_json),
    )
    return json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(document)


def _document(design: Design, actors: list[Any], ties: list[Any]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "design": {
            "name": design.name,
            "region": design.region,
            "description": design.description,
            "created": design.created.isoformat(),
            "updated": design.updated.isoformat(),
            **({"lineage": design.lineage} if design.lineage else {}),
            **({"year": design.year} if design.year is not None else {}),
        },
        "actors": actors,
        "ties": ties,
        **({"groups": [group_json(g) for g in design.groups.values()]} if design.groups else {}),
    }


def write_json(design: Design, path: str | os.PathLike[str]) -> None:
    """Write the design as UTF-8 JSON; the old file stays whole until the new one is complete."""
    text = json.dumps(design_to_dict(design), ensure_ascii=False, indent=2)
    with atomic_writer(Path(path), encoding="utf-8") as handle:
        handle.write(text + "\n")
