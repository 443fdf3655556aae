"""What the user decides about a file from someone else, and what the import says back.

Files from Gephi, yEd, igraph or a colleague's spreadsheet rarely say in our words which
actors are universities or which are in the region. `ImportChoices` carries the user's
answers — one sector for all, or a sector read from an attribute through a value map (the
same for locations), the kind of edges that have none, and whether repeated ties may be
merged — to every reader. `ImportReport` collects what a reader assumed or changed, so the
command line and the window can say it in one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cluster_designer.model import Location, Sector, TieKind, ValidationError
from cluster_designer.model.entities import parse_kind, parse_location, parse_sector
from cluster_designer.model.vocabulary import fold_word

from ..i18n import N_, _, ngettext
from .errors import FormatError

KIND_NAMES: dict[TieKind, str] = {
    TieKind.COLLABORATION: N_("collaboration"),
    TieKind.INFORMATION: N_("information"),
    TieKind.FUNDING: N_("funding"),
    TieKind.HUMAN_RESOURCES: N_("human resources"),
    TieKind.TECHNOLOGY_TRANSFER: N_("technology transfer"),
}
"""Tie kinds as words in running text (the report's sentences)."""

EMPTY_VALUE = ""
"""The key under which a value map counts actors whose attribute is missing or empty."""


@dataclass(frozen=True, slots=True)
class FieldChoice:
    """How to settle one actor field (sector or location) for a file.

    `attribute`: read the field from this attribute or column (matched case-insensitively),
    its values turned into the field's values by `mapping` first and the vocabulary second.
    `fixed`: the value for every actor the file (or the attribute) leaves undetermined.
    """

    fixed: str | None = None
    attribute: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)

    @property
    def given(self) -> bool:
        return self.fixed is not None or self.attribute is not None

    def mapped(self, raw: Any, parse: Any) -> Any | None:
        """The field value for one attribute value, or None when neither map nor words know it."""
        if raw is None or not str(raw).strip():
            return None
        key = fold_word(raw)
        for word, value in self.mapping.items():
            if fold_word(word) == key:
                return parse(value)
        try:
            return parse(raw)
        except ValidationError:
            return None


@dataclass(frozen=True, slots=True)
class ImportChoices:
    """The user's answers for one import; the defaults read a file exactly as it says."""

    sector: FieldChoice = field(default_factory=FieldChoice)
    location: FieldChoice = field(default_factory=FieldChoice)
    kind: TieKind | None = None
    """The kind of edges whose kind the file does not give (default collaboration)."""
    merge_duplicates: bool = False
    """Ties repeated with the same ends and kind become one: weights summed, notes kept."""

    @property
    def default_kind(self) -> TieKind:
        return self.kind or TieKind.COLLABORATION


def parse_value_map(text: str, field_name: str) -> dict[str, str]:
    """`大学=university, 企業=company` → {'大学': 'university', '企業': 'company'}.

    The right-hand sides are checked now (any word of the vocabulary), so a typo is reported
    before the file is read. Raises ValueError with a message for the user.
    """
    parse = {"sector": parse_sector, "location": parse_location}[field_name]
    mapping: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        word, sep, value = part.partition("=")
        if not sep or not word.strip() or not value.strip():
            raise ValueError(
                _("'{part}' is not of the form value={field}").format(
                    part=part.strip(), field=field_name
                )
            )
        try:
            mapping[word.strip()] = str(parse(value.strip()))
        except ValidationError as error:
            raise ValueError(error.message) from None
    return mapping


class ValueMapError(FormatError):
    """Values of the attribute the user chose that neither the map nor the vocabulary know."""

    def __init__(self, file: str, field_name: str, attribute: str, values: Counter[str]) -> None:
        self.field_name = field_name
        self.attribute = attribute
        self.values = values
        shown = ", ".join(
            ngettext("'{value}' ({count} actor)", "'{value}' ({count} actors)", n).format(
                value=v if v != EMPTY_VALUE else _("(empty)"), count=n
            )
            for v, n in values.most_common(6)
        )
        if len(values) > 6:
            shown = _("{values} and {count} other values").format(
                values=shown, count=len(values) - 6
            )
        members: list[Sector] | list[Location] = (
            list(Sector) if field_name == "sector" else list(Location)
        )
        allowed = ", ".join(m.value for m in members)
        if field_name == "sector":
            text = _(
                "{file}: attribute '{attribute}' has values that say no sector: {values}; "
                "give a sector ({allowed}) for each of them"
            )
        else:
            text = _(
                "{file}: attribute '{attribute}' has values that say no location: {values}; "
                "give a location ({allowed}) for each of them"
            )
        super().__init__(
            text.format(file=file, attribute=attribute, values=shown, allowed=allowed),
            file=file,
            column=attribute,
        )


@dataclass(slots=True)
class MergedTie:
    """One tie made of several repeated ones: where they were, and what it became."""

    description: str
    places: list[str]
    weight: float


@dataclass(slots=True)
class ImportReport:
    """What a reader assumed or changed; `lines()` says it for users, in their language."""

    kind_assumed: int = 0
    assumed_kind: TieKind = TieKind.COLLABORATION
    directed_file: bool = False
    reciprocal_pairs: list[str] = field(default_factory=list)
    merged: list[MergedTie] = field(default_factory=list)
    time_varying: Counter[str] = field(default_factory=Counter)
    dynamic_graph: bool = False
    sectors_from: Counter[str] = field(default_factory=Counter)
    sectors_fixed: int = 0
    locations_fixed: int = 0

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.kind_assumed:
            kind = _(KIND_NAMES[self.assumed_kind])
            if self.directed_file and not self.assumed_kind.directed:
                out.append(
                    ngettext(
                        "{count} edge has no tie kind; it was read as {kind}, a mutual kind, "
                        "although the file is directed",
                        "{count} edges have no tie kind; they were read as {kind}, a mutual "
                        "kind, although the file is directed",
                        self.kind_assumed,
                    ).format(count=self.kind_assumed, kind=kind)
                )
            else:
                out.append(
                    ngettext(
                        "{count} edge has no tie kind; it was read as {kind}",
                        "{count} edges have no tie kind; they were read as {kind}",
                        self.kind_assumed,
                    ).format(count=self.kind_assumed, kind=kind)
                )
        if self.reciprocal_pairs:
            count = len(self.reciprocal_pairs)
            out.append(
                ngettext(
                    "{count} pair of opposite edges (A → B and B → A) became one {kind} tie, "
                    "weighted by the larger of the two: {pairs}",
                    "{count} pairs of opposite edges (A → B and B → A) became one {kind} tie "
                    "each, weighted by the larger of the two: {pairs}",
                    count,
                ).format(
                    count=count,
                    kind=_(KIND_NAMES[self.assumed_kind]),
                    pairs=_listed(self.reciprocal_pairs),
                )
            )
        if self.merged:
            count = len(self.merged)
            pieces = [
                _("{tie} ({places}; weight {weight:g})").format(
                    tie=m.description, places=", ".join(m.places), weight=m.weight
                )
                for m in self.merged
            ]
            out.append(
                ngettext(
                    "{count} repeated tie was merged (weights added, notes kept): {ties}",
                    "{count} repeated ties were merged (weights added, notes kept): {ties}",
                    count,
                ).format(count=count, ties=_listed(pieces))
            )
        for attribute, count in sorted(self.time_varying.items()):
            out.append(
                ngettext(
                    "'{attribute}' changes over time in the file on {count} element; the "
                    "latest value was kept",
                    "'{attribute}' changes over time in the file on {count} elements; the "
                    "latest value was kept each time",
                    count,
                ).format(attribute=attribute, count=count)
            )
        if self.dynamic_graph:
            out.append(
                _(
                    "the file describes a network that changes over time; every actor and tie "
                    "it ever holds was read, as one map"
                )
            )
        if self.sectors_fixed:
            out.append(
                ngettext(
                    "{count} actor got the sector you chose for actors the file says nothing about",
                    "{count} actors got the sector you chose for actors the file says nothing "
                    "about",
                    self.sectors_fixed,
                ).format(count=self.sectors_fixed)
            )
        if self.locations_fixed:
            out.append(
                ngettext(
                    "{count} actor got the location you chose",
                    "{count} actors got the location you chose",
                    self.locations_fixed,
                ).format(count=self.locations_fixed)
            )
        return out


def _listed(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown = _("{items} and {count} others").format(items=shown, count=len(items) - limit)
    return shown


def parse_kind_choice(value: str) -> TieKind:
    """A kind the user typed for edges without one (any word of the vocabulary)."""
    try:
        return parse_kind(value)
    except ValidationError as error:
        raise ValueError(error.message) from None


class ActorSettler:
    """Applies the sector and location choices record by record.

    Values of the chosen attribute that neither the map nor the vocabulary know are counted
    and refused together by `check()`, so the user sees every value to map at once.
    """

    def __init__(self, file: str, choices: ImportChoices, report: ImportReport) -> None:
        self.file = file
        self.choices = choices
        self.report = report
        self.unmapped: dict[str, Counter[str]] = {"sector": Counter(), "location": Counter()}

    def settle(self, values: dict[str, Any], extra: Mapping[str, str]) -> None:
        """Set `values['sector']` / `values['location']` as the choices say (in place)."""
        sector = self.choices.sector
        if sector.attribute is not None:
            raw = attribute_value(values, extra, sector.attribute)
            found = sector.mapped(raw, parse_sector)
            values.pop("sector", None)
            if found is not None:
                values["sector"] = found
                self.report.sectors_from[str(found)] += 1
            elif sector.fixed is None:
                self.unmapped["sector"][_key(raw)] += 1
        if sector.fixed is not None and not _present(values.get("sector")):
            values["sector"] = sector.fixed
            self.report.sectors_fixed += 1
        location = self.choices.location
        if location.attribute is not None:
            raw = attribute_value(values, extra, location.attribute)
            found = location.mapped(raw, parse_location)
            values.pop("location", None)
            if found is not None:
                values["location"] = found
            elif location.fixed is None:
                self.unmapped["location"][_key(raw)] += 1
        if location.fixed is not None and not _present(values.get("location")):
            values["location"] = location.fixed
            self.report.locations_fixed += 1

    def check(self) -> None:
        for field_name in ("sector", "location"):
            attribute = getattr(self.choices, field_name).attribute
            if self.unmapped[field_name] and attribute is not None:
                raise ValueMapError(self.file, field_name, attribute, self.unmapped[field_name])


def attribute_value(values: Mapping[str, Any], extra: Mapping[str, str], name: str) -> Any:
    """The value of an attribute or column by name, compared case-insensitively after trimming."""
    wanted = name.strip().casefold()
    for source in (values, extra):
        for key, value in source.items():
            if key.strip().casefold() == wanted:
                return value
    return None


def _present(value: Any) -> bool:
    return value is not None and bool(str(value).strip())


def _key(raw: Any) -> str:
    return str(raw).strip() if _present(raw) else EMPTY_VALUE
