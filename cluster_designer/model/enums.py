"""The closed vocabularies of docs/reference/data-model.md."""

from __future__ import annotations

from enum import StrEnum

from cluster_designer.i18n import N_


class Sector(StrEnum):
    UNIVERSITY = "university"
    COMPANY = "company"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]

    @property
    def plural(self) -> str:
        """'universities': the sector's members in running text (untranslated; see N_)."""
        return SECTOR_PLURALS[self]


class Location(StrEnum):
    REGION = "region"
    DOMESTIC = "domestic"
    OVERSEAS = "overseas"

    @property
    def label(self) -> str:
        return LOCATION_LABELS[self]

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
        return TIE_KIND_LABELS[self]

    @property
    def unit(self) -> str:
        return TIE_KIND_UNITS[self]


_DIRECTED = frozenset({TieKind.FUNDING, TieKind.HUMAN_RESOURCES, TieKind.TECHNOLOGY_TRANSFER})

SECTOR_LABELS: dict[Sector, str] = {
    Sector.UNIVERSITY: "University",
    Sector.COMPANY: "Company",
    Sector.SUPPORT: "Support organization",
}

SECTOR_PLURALS: dict[str, str] = {
    Sector.UNIVERSITY: N_("universities"),
    Sector.COMPANY: N_("companies"),
    Sector.SUPPORT: N_("support organizations"),
}
"""The one place sector plurals are written; keyed by Sector, so 'company' works as a key too."""

LOCATION_LABELS: dict[Location, str] = {
    Location.REGION: "In the region",
    Location.DOMESTIC: "Domestic (outside the region)",
    Location.OVERSEAS: "Overseas",
}

TIE_KIND_LABELS: dict[TieKind, str] = {
    TieKind.COLLABORATION: "Collaboration",
    TieKind.INFORMATION: "Information",
    TieKind.FUNDING: "Funding",
    TieKind.HUMAN_RESOURCES: "Human resources",
    TieKind.TECHNOLOGY_TRANSFER: "Technology transfer",
}

TIE_KIND_UNITS: dict[TieKind, str] = {
    TieKind.COLLABORATION: "joint projects",
    TieKind.INFORMATION: "meetings a year",
    TieKind.FUNDING: "million yen a year",
    TieKind.HUMAN_RESOURCES: "people a year",
    TieKind.TECHNOLOGY_TRANSFER: "licences",
}

SUBTYPE_SUGGESTIONS: dict[Sector, tuple[str, ...]] = {
    Sector.UNIVERSITY: (
        "national university",
        "public university",
        "private university",
        "technical college",
    ),
    Sector.COMPANY: ("large firm", "SME", "start-up"),
    Sector.SUPPORT: (
        "government",
        "municipality",
        "public research institute",
        "financial institution",
        "incubator",
        "industry association",
    ),
}
