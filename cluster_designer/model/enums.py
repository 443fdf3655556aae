"""The closed vocabularies of docs/reference/data-model.md, with their labels for people.

The values are what files hold and are never translated; `.label`, `.plural` and `.unit`
are shown to people and come in the current language.
"""

from __future__ import annotations

from enum import StrEnum

from cluster_designer.i18n import N_, _


class Sector(StrEnum):
    UNIVERSITY = "university"
    COMPANY = "company"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return _(SECTOR_LABELS[self])

    @property
    def plural(self) -> str:
        """The sector's members in running text: "universities", "support organizations"."""
        return _(SECTOR_PLURALS[self])


class Location(StrEnum):
    REGION = "region"
    DOMESTIC = "domestic"
    OVERSEAS = "overseas"

    @property
    def label(self) -> str:
        return _(LOCATION_LABELS[self])

    @property
    def is_outside(self) -> bool:
        return self is not Location.REGION


class TieKind(StrEnum):
    COLLABORATION = "collaboration"
    INFORMATION = "information"
    FUNDING = "funding"
    HUMAN_RESOURCES = "human_resources"
    TECHNOLOGY_TRANSFER = "technology_transfer"

    @property
    def directed(self) -> bool:
        """Collaboration and information are mutual; the other kinds flow source → target."""
        return self in _DIRECTED

    @property
    def label(self) -> str:
        return _(TIE_KIND_LABELS[self])

    @property
    def unit(self) -> str:
        return _(TIE_KIND_UNITS[self])


class Origin(StrEnum):
    """How a region actor came to be in the region; unknown is `None`, never a member."""

    LOCAL = "local"
    SPIN_OFF = "spin_off"
    DOMESTIC = "domestic"
    OVERSEAS = "overseas"

    @property
    def label(self) -> str:
        return _(ORIGIN_LABELS[self])

    @property
    def moved_in(self) -> bool:
        """Came in from outside the region (a relocation, branch or lab)."""
        return self in (Origin.DOMESTIC, Origin.OVERSEAS)


_DIRECTED = frozenset({TieKind.FUNDING, TieKind.HUMAN_RESOURCES, TieKind.TECHNOLOGY_TRANSFER})

# Marked with N_(): translated where shown (`.label`, `.unit`, or `_()` around a lookup).
SECTOR_LABELS: dict[Sector, str] = {
    Sector.UNIVERSITY: N_("University"),
    Sector.COMPANY: N_("Company"),
    Sector.SUPPORT: N_("Support organization"),
}

SECTOR_PLURALS: dict[str, str] = {
    Sector.UNIVERSITY: N_("universities"),
    Sector.COMPANY: N_("companies"),
    Sector.SUPPORT: N_("support organizations"),
}
"""The one place sector plurals are written; keyed by Sector, so 'company' works as a key too."""

LOCATION_LABELS: dict[Location, str] = {
    Location.REGION: N_("In the region"),
    Location.DOMESTIC: N_("Domestic (outside the region)"),
    Location.OVERSEAS: N_("Overseas"),
}

ORIGIN_LABELS: dict[Origin, str] = {
    Origin.LOCAL: N_("Founded locally"),
    Origin.SPIN_OFF: N_("Spin-off"),
    Origin.DOMESTIC: N_("Moved in from elsewhere in the country"),
    Origin.OVERSEAS: N_("Moved in from abroad"),
}
ORIGIN_UNKNOWN_LABEL = N_("Unknown")

GROUP_KIND_SUGGESTIONS: tuple[str, ...] = (
    N_("consortium"),
    N_("joint research project"),
    N_("council"),
    N_("programme"),
)

TIE_KIND_LABELS: dict[TieKind, str] = {
    TieKind.COLLABORATION: N_("Collaboration"),
    TieKind.INFORMATION: N_("Information"),
    TieKind.FUNDING: N_("Funding"),
    TieKind.HUMAN_RESOURCES: N_("Human resources"),
    TieKind.TECHNOLOGY_TRANSFER: N_("Technology transfer"),
}

TIE_KIND_UNITS: dict[TieKind, str] = {
    TieKind.COLLABORATION: N_("joint projects"),
    TieKind.INFORMATION: N_("meetings a year"),
    TieKind.FUNDING: N_("million yen a year"),
    TieKind.HUMAN_RESOURCES: N_("people a year"),
    TieKind.TECHNOLOGY_TRANSFER: N_("licences"),
}

SUBTYPE_SUGGESTIONS: dict[Sector, tuple[str, ...]] = {
    Sector.UNIVERSITY: (
        N_("national university"),
        N_("public university"),
        N_("private university"),
        N_("technical college"),
    ),
    Sector.COMPANY: (N_("large firm"), N_("SME"), N_("start-up")),
    Sector.SUPPORT: (
        N_("government"),
        N_("municipality"),
        N_("public research institute"),
        N_("financial institution"),
        N_("incubator"),
        N_("industry association"),
    ),
}
