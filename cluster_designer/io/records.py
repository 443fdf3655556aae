"""Turning one file record (a CSV row, a JSON object) into an actor, a tie or a group.

Every format validates through here, and here through the model's own validators, so a
bad sector reads the same in a CSV import, a JSON import and the property panel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from cluster_designer.i18n import _
from cluster_designer.model import (
    ACTOR_TABLE,
    GROUP_TABLE,
    TIE_TABLE,
    Actor,
    Design,
    Group,
    Tie,
    ValidationError,
    make_tie,
    normalize_actor_value,
    normalize_group_value,
    normalize_tie_value,
)
from cluster_designer.model.entities import parse_year
from cluster_designer.model.fields import names, required

from .choices import ImportReport, MergedTie
from .errors import FormatError

ACTOR_COLUMNS: tuple[str, ...] = names(ACTOR_TABLE)
TIE_COLUMNS: tuple[str, ...] = names(TIE_TABLE)
GROUP_COLUMNS: tuple[str, ...] = names(GROUP_TABLE)
GROUP_REQUIRED: tuple[str, ...] = required(GROUP_TABLE)
ACTOR_REQUIRED: tuple[str, ...] = required(ACTOR_TABLE)
TIE_REQUIRED: tuple[str, ...] = required(TIE_TABLE)
# Enumerated fields that must be given: an empty cell is an error, not the default.
_ENUMERATED_ACTOR = frozenset(f.name for f in ACTOR_TABLE if f.kind == "enum" and f.required)
_ENUMERATED_TIE = frozenset(f.name for f in TIE_TABLE if f.kind == "enum" and f.required)


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


def group_texts(group: Group, file: str = "") -> list[str]:
    """The group's values as CSV cells, in GROUP_COLUMNS order (members `;`-separated)."""
    check_group_writable(file, group)
    return [f.text(getattr(group, f.name)) for f in GROUP_TABLE]


def group_cells(group: Group, file: str = "") -> list[Any]:
    check_group_writable(file, group)
    return [f.cell(getattr(group, f.name)) for f in GROUP_TABLE]


def group_json(group: Group) -> dict[str, Any]:
    return {f.name: f.json(getattr(group, f.name)) for f in GROUP_TABLE}


def tie_json(tie: Tie) -> dict[str, Any]:
    return {f.name: f.json(getattr(tie, f.name)) for f in TIE_TABLE} | {"extra": dict(tie.extra)}


def holds_separator(text: str) -> bool:
    """Whether a text holds ';', which separates tags, members and groups in one text."""
    return ";" in text


def check_tags_writable(file: str, actor: Actor) -> None:
    """Refuse an actor with a tag holding ';': CSV and XLSX cells and GraphML/GEXF attributes
    keep the tags as one `;`-separated text, where such a tag would read back as two."""
    for tag in actor.tags:
        if holds_separator(tag):
            raise FormatError(
                _(
                    "{file}: cannot write actor '{id}': its tag '{tag}' contains ';', which "
                    "separates tags"
                ).format(file=file, id=actor.id, tag=tag),
                file=file,
                column="tags",
            )


def check_group_writable(file: str, group: Group) -> None:
    """Refuse a group whose id or a member's id holds ';': members are written as one
    `;`-separated text (and GEXF lists each actor's groups so), where it would read back
    as two."""
    for text in (group.id, *group.members):
        if holds_separator(text):
            raise FormatError(
                _(
                    "{file}: cannot write group '{id}': the id '{text}' contains ';', which "
                    "separates members and groups"
                ).format(file=file, id=group.id, text=text),
                file=file,
                column="members",
            )


class RecordProblem(Exception):
    """What is wrong with one record; `field` is set when one field is to blame, `where`
    when the problem was found after the record was read (a parent named on another row)."""

    def __init__(self, message: str, field: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.where = where


def new_design(name: str, region: str = "") -> Design:
    """An empty design for a name the user chose; a bad name is reported as the design's."""
    try:
        return Design(name, region=region)
    except ValidationError as error:
        raise ValidationError("design name", error.message) from None


def design_year(file: str, value: Any) -> int | None:
    """The year a file gives its design (empty: none); one outside 1800–2200 is refused."""
    try:
        return parse_year("year", value)
    except ValidationError as error:
        raise FormatError.at(
            file, _("the design's {message}").format(message=error.message)
        ) from None


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
                clean[field] = _normalize(
                    normalize_actor_value, field, values[field], _ENUMERATED_ACTOR
                )
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

    def check_parents(self) -> None:
        """Every `parent` names another actor of the file (call once all actors are read);
        the problem says where the spin-off was."""
        for actor in self.actors:
            parent = actor.parent
            if not parent:
                continue
            if parent == actor.id:
                raise RecordProblem(
                    _("an actor cannot be its own parent"), "parent", self.first_seen[actor.id]
                )
            if parent not in self.first_seen:
                raise RecordProblem(
                    _("unknown parent actor id '{id}'").format(id=parent),
                    "parent",
                    self.first_seen[actor.id],
                )


class GroupCollector:
    """Builds groups record by record: two or more known members, ids not repeated."""

    def __init__(self, actor_ids: Mapping[str, Any]) -> None:
        self.actor_ids = actor_ids
        self.groups: list[Group] = []
        self.first_seen: dict[str, str] = {}

    def add(self, values: Mapping[str, Any], where: str) -> Group:
        clean: dict[str, Any] = {}
        for field in GROUP_COLUMNS:
            if field in values:
                clean[field] = _normalize(normalize_group_value, field, values[field])
        for field in GROUP_REQUIRED:
            if field not in clean:
                raise RecordProblem(_("is required"), field)
        group_id = clean["id"]
        if group_id in self.first_seen:
            raise RecordProblem(
                _("duplicate group id '{group_id}' (first on {first_seen})").format(
                    group_id=group_id, first_seen=self.first_seen[group_id]
                )
            )
        for member in clean["members"]:
            if member not in self.actor_ids:
                raise RecordProblem(_("unknown actor id '{id}'").format(id=member), "members")
        self.first_seen[group_id] = where
        group = Group(**clean)
        self.groups.append(group)
        return group


class TieCollector:
    """Builds ties record by record: known ends, two different actors, one tie per key.

    A second tie with the same key is refused, unless it is the opposite edge of a pair in
    a directed file whose kind was assumed (`reciprocal`: A → B and B → A are one mutual tie,
    weighted by the larger weight), or the user chose to merge repeated ties (`merge`:
    weights added, notes kept, what was merged listed in the report).
    """

    def __init__(
        self,
        actor_ids: Mapping[str, Any],
        *,
        merge: bool | None = False,
        report: ImportReport | None = None,
    ) -> None:
        """`merge` None: the format offers no merging (our own JSON), so a repeated tie's
        message does not suggest it."""
        self.actor_ids = actor_ids
        self.ties: list[Tie] = []
        self.first_seen: dict[tuple[str, str, str], str] = {}
        self.merge = merge
        self.report = report
        self._index: dict[tuple[str, str, str], int] = {}
        self._reciprocal: dict[tuple[str, str, str], bool] = {}
        self._merged: dict[tuple[str, str, str], list[str]] = {}

    def add(
        self,
        values: Mapping[str, Any],
        extra: dict[str, str],
        where: str,
        *,
        reciprocal: bool = False,
    ) -> Tie:
        clean: dict[str, Any] = {}
        for field in TIE_COLUMNS:
            if field in values:
                clean[field] = _normalize(
                    normalize_tie_value, field, values[field], _ENUMERATED_TIE
                )
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
        key = tie.key
        if key not in self.first_seen:
            self.first_seen[key] = where
            self._index[key] = len(self.ties)
            self._reciprocal[key] = reciprocal
            self.ties.append(tie)
            return tie
        first = self.ties[self._index[key]]
        if reciprocal and self._reciprocal[key] and first.source == tie.target:
            self._reciprocal[key] = False
            combined = _combined(first, tie, max(first.weight, tie.weight))
            self.ties[self._index[key]] = combined
            if self.report is not None:
                self.report.reciprocal_pairs.append(f"{tie.target} ⇄ {tie.source}")
            return combined
        if not self.merge:
            if self.merge is None:
                text = _("{tie} appears twice (first on {first_seen})")
            else:
                text = _(
                    "{tie} appears twice (first on {first_seen}); choose to merge repeated ties "
                    "to import them as one"
                )
            raise RecordProblem(text.format(tie=describe_tie(tie), first_seen=self.first_seen[key]))
        combined = _combined(first, tie, first.weight + tie.weight)
        self.ties[self._index[key]] = combined
        self._merged.setdefault(key, [self.first_seen[key]]).append(where)
        return combined

    def finish(self) -> list[Tie]:
        """The ties, with what was merged written into the report."""
        if self.report is not None:
            for key, places in self._merged.items():
                tie = self.ties[self._index[key]]
                self.report.merged.append(MergedTie(describe_tie(tie), places, tie.weight))
        return self.ties


def _combined(first: Tie, other: Tie, weight: float) -> Tie:
    """One tie from two with the same key: notes of both (once each), extras of the first."""
    notes = [n for n in (first.notes, other.notes) if n.strip()]
    if len(notes) == 2 and notes[0] == notes[1]:
        notes = notes[:1]
    extra = dict(other.extra) | dict(first.extra)
    return replace(first, weight=weight, notes="; ".join(notes), extra=extra)


def _normalize(
    normalizer: Callable[[str, Any], Any],
    field: str,
    value: Any,
    enumerated: frozenset[str] = frozenset(),
) -> Any:
    """`enumerated`: the record's required enumerated fields (a group's free-text `kind` is
    not a tie's)."""
    if field in enumerated and (value is None or (isinstance(value, str) and not value.strip())):
        raise RecordProblem(_("must not be empty"), field)
    try:
        return normalizer(field, value)
    except ValidationError as error:
        raise RecordProblem(error.message, field) from None
