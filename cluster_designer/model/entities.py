"""Actors, ties and groups as plain values; a design holds them and announces changes."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..i18n import _
from .enums import Location, Origin, Sector, TieKind
from .errors import ValidationError
from .fields import Field
from .vocabulary import kind_word, location_word, origin_word, sector_word

NAME_MAX = 200
ID_MAX = 200
YEAR_MIN = 1800
YEAR_MAX = 2200


@dataclass(slots=True)
class Actor:
    """An organization on the map. Immutable in practice: edits go through `Design`."""

    id: str
    name: str
    sector: Sector
    subtype: str = ""
    location: Location = Location.REGION
    x: float | None = None
    y: float | None = None
    staff: float | None = None
    budget: float | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    origin: Origin | None = None
    arrived: int | None = None
    parent: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def placed(self) -> bool:
        return self.x is not None and self.y is not None

    def with_changes(self, **changes: Any) -> Actor:
        return replace(self, **changes)


# Each kind's direction and value, looked up at once: through the enum's properties a key
# took 0.7 µs, and comparing two 50,000-actor designs works out 450,000 of them.
_KIND_KEY: dict[TieKind, tuple[bool, str]] = {kind: (kind.directed, kind.value) for kind in TieKind}


def tie_key(source: str, target: str, kind: TieKind) -> tuple[str, str, str]:
    """`Tie.key` of a tie with these ends and kind (the ends sorted if the kind is mutual)."""
    directed, value = _KIND_KEY[kind]
    if not directed and target < source:
        source, target = target, source
    return (source, target, value)


@dataclass(slots=True)
class Tie:
    """A relation between two actors. `uid` is internal, stable while the design lives."""

    source: str
    target: str
    kind: TieKind
    weight: float = 1.0
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    uid: int = 0

    @property
    def directed(self) -> bool:
        return self.kind.directed

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity across designs and files: source, target and kind (ends sorted if mutual)."""
        return tie_key(self.source, self.target, self.kind)

    def with_changes(self, **changes: Any) -> Tie:
        return replace(self, **changes)


@dataclass(slots=True)
class Group:
    """A joint research organization, consortium, project or council: two or more actors."""

    id: str
    name: str
    kind: str = ""
    members: tuple[str, ...] = ()
    since: int | None = None
    notes: str = ""

    def with_changes(self, **changes: Any) -> Group:
        return replace(self, **changes)


ACTOR_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Actor))
GROUP_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Group))
TIE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Tie) if f.name != "uid")

# The columns of files and stored rows, in the order files list them (see fields.py).
# `extra` (unknown columns kept as they came) follows them everywhere.
ACTOR_TABLE: tuple[Field, ...] = (
    Field("id", "id", required=True, node_attribute=False, column="actor_id"),
    Field("name", "text", required=True),
    Field("sector", "enum", required=True, enum=Sector),
    Field("subtype", "text"),
    Field("location", "enum", enum=Location),
    Field("x", "number", node_attribute=False),
    Field("y", "number", node_attribute=False),
    Field("staff", "number"),
    Field("budget", "number"),
    Field("tags", "tags"),
    Field("notes", "text"),
    Field("origin", "enum", enum=Origin, nullable=True),
    Field("arrived", "year"),
    Field("parent", "text"),
)
TIE_TABLE: tuple[Field, ...] = (
    Field("source", "id", required=True, node_attribute=False),
    Field("target", "id", required=True, node_attribute=False),
    Field("kind", "enum", required=True, enum=TieKind),
    Field("weight", "number"),
    Field("notes", "text"),
)

GROUP_TABLE: tuple[Field, ...] = (
    Field("id", "id", required=True, column="group_id"),
    Field("name", "text", required=True),
    Field("kind", "text"),
    Field("members", "tags", required=True),
    Field("since", "year"),
    Field("notes", "text"),
)


# --- parsing and validation of single values ---------------------------------------------
# One place decides what a value may be, so forms, CSV and the CLI give the same messages.


def parse_sector(value: Any) -> Sector:
    """A sector from its value or any word of model/vocabulary.py ('大学', 'firm')."""
    found = sector_word(value)
    if found is not None:
        return found
    allowed = ", ".join(s.value for s in Sector)
    raise ValidationError(
        "sector",
        _("unknown sector '{value}' (use {allowed})").format(value=value, allowed=allowed),
    )


def parse_location(value: Any) -> Location:
    if str(value).strip() == "":
        return Location.REGION
    found = location_word(value)
    if found is not None:
        return found
    allowed = ", ".join(s.value for s in Location)
    raise ValidationError(
        "location",
        _("unknown location '{value}' (use {allowed})").format(value=value, allowed=allowed),
    )


def parse_kind(value: Any) -> TieKind:
    found = kind_word(value)
    if found is not None:
        return found
    allowed = ", ".join(s.value for s in TieKind)
    raise ValidationError(
        "kind",
        _("unknown tie kind '{value}' (use {allowed})").format(value=value, allowed=allowed),
    )


def parse_origin(value: Any) -> Origin | None:
    """An origin from its value or any word of model/vocabulary.py ('spin-off', '外資');
    empty, 'unknown' or 不明 mean unknown (None)."""
    found = origin_word(value)
    if found is False:
        allowed = ", ".join(o.value for o in Origin)
        raise ValidationError(
            "origin",
            _("unknown origin '{value}' (use {allowed}, or leave it empty)").format(
                value=value, allowed=allowed
            ),
        )
    return found  # type: ignore[return-value]


def parse_year(field_name: str, value: Any) -> int | None:
    """A year between 1800 and 2200; empty means none."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    number = _to_float(field_name, value)
    if not number.is_integer():
        raise ValidationError(field_name, _("'{value}' is not a year").format(value=value))
    year = int(number)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            field_name,
            _("year {value} is outside {low}–{high}").format(
                value=year, low=YEAR_MIN, high=YEAR_MAX
            ),
        )
    return year


def _to_float(field_name: str, value: Any) -> float:
    if isinstance(value, bool):
        raise ValidationError(field_name, _("'{value}' is not a number").format(value=value))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "") if isinstance(value, str) else str(value)
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(
                field_name, _("'{value}' is not a number").format(value=value)
            ) from None
    if not math.isfinite(number):
        raise ValidationError(field_name, _("'{value}' is not a finite number").format(value=value))
    return number


def parse_coordinate(field_name: str, value: Any) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return _to_float(field_name, value)


def parse_optional_amount(field_name: str, value: Any) -> float | None:
    """Staff and budget: empty means unknown; otherwise a number that is not negative."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    number = _to_float(field_name, value)
    if number < 0:
        raise ValidationError(
            field_name, _("must not be negative (got {value})").format(value=value)
        )
    return number


def parse_weight(value: Any) -> float:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return 1.0
    number = _to_float("weight", value)
    if number <= 0:
        raise ValidationError(
            "weight", _("must be greater than 0 (got {value})").format(value=value)
        )
    return number


# What no file format (and no database) can hold: control characters other than tab and
# line breaks, halves of surrogate pairs (only a JSON escape like \ud800 makes one), and the
# two non-characters XML forbids. They come only from damaged or hostile files.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_text(field_name: str, text: str) -> str:
    """`text`, or a ValidationError naming the first character no file could hold."""
    found = _UNWRITABLE.search(text)
    if found is not None:
        raise ValidationError(
            field_name,
            _("contains the character U+{code:04X}, which files cannot hold").format(
                code=ord(found.group())
            ),
        )
    return text


def parse_tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value).split(";")
    return tuple(check_text("tags", t.strip()) for t in items if t.strip())


def _free_text(field_name: str, value: Any, strip: bool = False) -> str:
    text = "" if value is None else str(value)
    return check_text(field_name, text.strip() if strip else text)


def _extra(value: Any) -> dict[str, str]:
    return {check_text("extra", str(k)): check_text(str(k), str(v)) for k, v in dict(value).items()}


def check_actor_id(value: Any) -> str:
    text = check_text("id", "" if value is None else str(value).strip())
    if not text:
        raise ValidationError("id", _("must not be empty"))
    if len(text) > ID_MAX:
        raise ValidationError("id", _("is longer than {id_max} characters").format(id_max=ID_MAX))
    return text


def check_name(value: Any) -> str:
    text = check_text("name", "" if value is None else str(value).strip())
    if not text:
        raise ValidationError("name", _("must not be empty"))
    if len(text) > NAME_MAX:
        raise ValidationError(
            "name",
            _("is longer than {name_max} characters ({count})").format(
                name_max=NAME_MAX, count=len(text)
            ),
        )
    return text


def normalize_actor_value(field_name: str, value: Any) -> Any:
    """Turn a user-typed or file value into the model's value for one actor field."""
    match field_name:
        case "id":
            return check_actor_id(value)
        case "name":
            return check_name(value)
        case "sector":
            return value if isinstance(value, Sector) else parse_sector(value)
        case "location":
            return value if isinstance(value, Location) else parse_location(value)
        case "x" | "y":
            return parse_coordinate(field_name, value)
        case "staff" | "budget":
            return parse_optional_amount(field_name, value)
        case "tags":
            return parse_tags(value)
        case "subtype":
            return _free_text("subtype", value, strip=True)
        case "notes":
            return _free_text("notes", value)
        case "origin":
            return value if isinstance(value, Origin) else parse_origin(value)
        case "arrived":
            return parse_year("arrived", value)
        case "parent":
            return _free_text("parent", value, strip=True)
        case "extra":
            return _extra(value)
    raise ValidationError(field_name, _("is not a field of an actor"))


def normalize_tie_value(field_name: str, value: Any) -> Any:
    match field_name:
        case "source" | "target":
            text = _free_text(field_name, value, strip=True)
            if not text:
                raise ValidationError(field_name, _("must name an actor id"))
            return text
        case "kind":
            return value if isinstance(value, TieKind) else parse_kind(value)
        case "weight":
            return parse_weight(value)
        case "notes":
            return _free_text("notes", value)
        case "extra":
            return _extra(value)
    raise ValidationError(field_name, _("is not a field of a tie"))


def normalize_group_value(field_name: str, value: Any) -> Any:
    match field_name:
        case "id":
            return check_actor_id(value)
        case "name":
            return check_name(value)
        case "kind":
            return _free_text("kind", value, strip=True)
        case "members":
            members = parse_tags(value)
            if len(set(members)) != len(members):
                repeated = next(m for m in members if members.count(m) > 1)
                raise ValidationError("members", _("'{id}' is listed twice").format(id=repeated))
            if len(members) < 2:
                raise ValidationError(
                    "members",
                    _("a group needs two or more members (got {count})").format(count=len(members)),
                )
            return members
        case "since":
            return parse_year("since", value)
        case "notes":
            return _free_text("notes", value)
    raise ValidationError(field_name, _("is not a field of a group"))


def make_group(**values: Any) -> Group:
    """Build a group from loose values (a form, a file), validating each."""
    clean = {k: normalize_group_value(k, v) for k, v in values.items()}
    for required in ("id", "name", "members"):
        if required not in clean:
            raise ValidationError(required, _("is required"))
    return Group(**clean)


def make_actor(**values: Any) -> Actor:
    """Build an actor from loose values (strings from a form or a file), validating each."""
    clean = {k: normalize_actor_value(k, v) for k, v in values.items()}
    for required in ("id", "name", "sector"):
        if required not in clean:
            raise ValidationError(required, _("is required"))
    return Actor(**clean)


def make_tie(**values: Any) -> Tie:
    clean = {k: normalize_tie_value(k, v) for k, v in values.items() if k != "uid"}
    for required in ("source", "target", "kind"):
        if required not in clean:
            raise ValidationError(required, _("is required"))
    if clean["source"] == clean["target"]:
        raise ValidationError("target", _("a tie must join two different actors"))
    return Tie(**clean, uid=int(values.get("uid", 0)))
