"""Turning one file record (a CSV row, a JSON object) into an actor or a tie.

Every format validates through here, and here through the model's own validators, so a
bad sector reads the same in a CSV import, a JSON import and the property panel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cluster_designer.i18n import _
from cluster_designer.model import (
    ACTOR_TABLE,
    TIE_TABLE,
    Actor,
    Design,
    Tie,
    ValidationError,
    make_tie,
    normalize_actor_value,
    normalize_tie_value,
)
from cluster_designer.model.fields import names, required

from .errors import FormatError

ACTOR_COLUMNS: tuple[str, ...] = names(ACTOR_TABLE)
TIE_COLUMNS: tuple[str, ...] = names(TIE_TABLE)
ACTOR_REQUIRED: tuple[str, ...] = required(ACTOR_TABLE)
TIE_REQUIRED: tuple[str, ...] = required(TIE_TABLE)
# Enumerated fields that must be given: an empty cell is an error, not the default.
_ENUMERATED = frozenset(
    f.name for f in (*ACTOR_TABLE, *TIE_TABLE) if f.kind == "enum" and f.required
)


def actor_texts(actor: Actor) -> list[str]:
    """The actor's values as CSV cells / XML attribute texts, in ACTOR_COLUMNS order."""
    return [f.text(getattr(actor, f.name)) for f in ACTOR_TABLE]


def tie_texts(tie: Tie) -> list[str]:
    return [f.text(getattr(tie, f.name)) for f in TIE_TABLE]


def actor_cells(actor: Actor) -> list[Any]:
    """The actor's values as spreadsheet cells (numbers stay numbers), in ACTOR_COLUMNS order."""
    return [f.cell(getattr(actor, f.name)) for f in ACTOR_TABLE]


def tie_cells(tie: Tie) -> list[Any]:
    return [f.cell(getattr(tie, f.name)) for f in TIE_TABLE]


def actor_json(actor: Actor) -> dict[str, Any]:
    return {f.name: f.json(getattr(actor, f.name)) for f in ACTOR_TABLE} | {
        "extra": dict(actor.extra)
    }


def tie_json(tie: Tie) -> dict[str, Any]:
    return {f.name: f.json(getattr(tie, f.name)) for f in TIE_TABLE} | {"extra": dict(tie.extra)}


def check_tags_writable(file: str, actor: Actor) -> None:
    """Refuse an actor with a tag holding ';': CSV and XLSX cells and GraphML/GEXF attributes
    keep the tags as one `;`-separated text, where such a tag would read back as two."""
    for tag in actor.tags:
        if ";" in tag:
            raise FormatError(
                _(
                    "{file}: cannot write actor '{id}': its tag '{tag}' contains ';', which "
                    "separates tags"
                ).format(file=file, id=actor.id, tag=tag),
                file=file,
                column="tags",
            )


class RecordProblem(Exception):
    """What is wrong with one record; `field` is set when one field is to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def new_design(name: str, region: str = "") -> Design:
    """An empty design for a name the user chose; a bad name is reported as the design's."""
    try:
        return Design(name, region=region)
    except ValidationError as error:
        raise ValidationError("design name", error.message) from None


def describe_tie(tie: Tie) -> str:
    """`a collaboration tie U1 – C1` (→ for directed kinds), worded as the model words it."""
    arrow = "→" if tie.directed else "–"
    if tie.kind.value[0] in "aeiou":
        text = _("an {kind} tie {source} {arrow} {target}")
    else:
        text = _("a {kind} tie {source} {arrow} {target}")
    return text.format(kind=tie.kind.value, source=tie.source, arrow=arrow, target=tie.target)


class ActorCollector:
    """Builds actors record by record and refuses an id seen before."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.first_seen: dict[str, str] = {}

    def add(self, values: Mapping[str, Any], extra: dict[str, str], where: str) -> Actor:
        clean: dict[str, Any] = {}
        for field in ACTOR_COLUMNS:
            if field in values:
                clean[field] = _normalize(normalize_actor_value, field, values[field])
        for field in ACTOR_REQUIRED:
            if field not in clean:
                raise RecordProblem(_("is required"), field)
        actor_id = clean["id"]
        if actor_id in self.first_seen:
            raise RecordProblem(
                _("duplicate actor id '{actor_id}' (first on {first_seen})").format(
                    actor_id=actor_id, first_seen=self.first_seen[actor_id]
                )
            )
        self.first_seen[actor_id] = where
        actor = Actor(**clean, extra=extra)
        self.actors.append(actor)
        return actor


class TieCollector:
    """Builds ties record by record: known ends, two different actors, one tie per key."""

    def __init__(self, actor_ids: Mapping[str, Any]) -> None:
        self.actor_ids = actor_ids
        self.ties: list[Tie] = []
        self.first_seen: dict[tuple[str, str, str], str] = {}

    def add(self, values: Mapping[str, Any], extra: dict[str, str], where: str) -> Tie:
        clean: dict[str, Any] = {}
        for field in TIE_COLUMNS:
            if field in values:
                clean[field] = _normalize(normalize_tie_value, field, values[field])
        for field in TIE_REQUIRED:
            if field not in clean:
                raise RecordProblem(_("is required"), field)
        for end in ("source", "target"):
            if clean[end] not in self.actor_ids:
                raise RecordProblem(_("unknown actor id '{id}'").format(id=clean[end]))
        try:
            tie = make_tie(**clean, extra=extra)
        except ValidationError as error:
            raise RecordProblem(
                _("{message} (both ends are '{id}')").format(
                    message=error.message, id=clean["source"]
                )
            ) from None
        if tie.key in self.first_seen:
            raise RecordProblem(
                _("{tie} appears twice (first on {first_seen})").format(
                    tie=describe_tie(tie), first_seen=self.first_seen[tie.key]
                )
            )
        self.first_seen[tie.key] = where
        self.ties.append(tie)
        return tie


def _normalize(normalizer: Callable[[str, Any], Any], field: str, value: Any) -> Any:
    if field in _ENUMERATED and (value is None or (isinstance(value, str) and not value.strip())):
        raise RecordProblem(_("must not be empty"), field)
    try:
        return normalizer(field, value)
    except ValidationError as error:
        raise RecordProblem(error.message, field) from None
