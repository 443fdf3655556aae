"""Plain-language labels for every metric, in one place for the GUI, the report and compare.

METRIC_INFO[dotted name] = (label, what it means for the region, better) where better is
"higher", "lower" or None (neither direction is simply better). The texts are in the
current language: the table is built on first use in each language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

from ..i18n import N_, _, current_language
from ..model import Location, Sector, TieKind
from .dynamics_summary import DYNAMICS_METRIC_INFO
from .evaluate import SECTOR_PAIRS

Better = Literal["higher", "lower"] | None
MetricInfo = tuple[str, str, Better]

# The sector-pair densities in the order the report, the panel and the printed page list
# them: the company pairs first, pairs within one sector after those across sectors.
SECTOR_BLOCK_METRICS: tuple[str, ...] = tuple(
    f"density.sector_blocks.{pair}"
    for pair in (
        "company-company",
        "company-university",
        "company-support",
        "support-university",
        "university-university",
        "support-support",
    )
)

# One member of a sector inside a compound ("university–company pairs").
SECTOR_SINGULAR = {
    "university": N_("university"),
    "company": N_("company"),
    "support": N_("support-organization"),
}


def _build() -> dict[str, MetricInfo]:
    info: dict[str, MetricInfo] = {
        "actors.total": (
            _("Actors"),
            _("Organizations on the map, inside and outside the region."),
            None,
        ),
    }
    for s in Sector:
        info[f"actors.by_sector.{s.value}"] = (
            s.plural.capitalize(),
            _("How many {sectors} are on the map.").format(sectors=s.plural),
            None,
        )
    for loc in Location:
        info[f"actors.by_location.{loc.value}"] = (
            loc.label,
            _("How many actors are located here."),
            None,
        )
    for s in Sector:
        info[f"actors.region_by_sector.{s.value}"] = (
            _("{sectors} in the region").format(sectors=s.plural).capitalize(),
            _("How many {sectors} are located inside the region.").format(sectors=s.plural),
            None,
        )
    info["ties.total"] = (
        _("Ties"),
        _("Relations of any kind; more ties mean more exchange between organizations."),
        "higher",
    )
    for k in TieKind:
        info[f"ties.by_kind.{k.value}"] = (
            _("{kind} ties").format(kind=k.label),
            _("How many {kind} ties there are.").format(kind=k.label.lower()),
            "higher",
        )
    info["density.overall"] = (
        _("Density (all actors)"),
        _("Share of all possible pairs of actors that have at least one tie."),
        "higher",
    )
    info["density.region"] = (
        _("Density inside the region"),
        _("Share of possible pairs of region actors that work together; a tight cluster is dense."),
        "higher",
    )
    for k in TieKind:
        info[f"density.by_kind.{k.value}"] = (
            _("Density of {kind}").format(kind=k.label.lower()),
            _("Share of all pairs of actors joined by a {kind} tie.").format(kind=k.label.lower()),
            "higher",
        )
    for a, b in SECTOR_PAIRS:
        if a == b:
            label = _("Ties among {sectors}").format(sectors=Sector(a).plural)
            text = _(
                "In the region, the share of possible pairs of {sectors} that are tied "
                "(empty when there are fewer than two)."
            ).format(sectors=Sector(a).plural)
        else:
            label = _("Ties {sectors_a} – {sectors_b}").format(
                sectors_a=Sector(a).plural, sectors_b=Sector(b).plural
            )
            text = _(
                "In the region, the share of possible {sector_a}–{sector_b} pairs that are "
                "tied (empty when a sector is missing)."
            ).format(sector_a=_(SECTOR_SINGULAR[a]), sector_b=_(SECTOR_SINGULAR[b]))
        info[f"density.sector_blocks.{a}-{b}"] = (label, text, "higher")
    info.update(
        {
            "centralization.degree": (
                _("Dependence on one actor"),
                _(
                    "Freeman degree centralization: 1 when everyone is tied only to one actor "
                    "(a company town or hub), 0 when all have equally many partners."
                ),
                "lower",
            ),
            "components.count": (
                _("Separate groups"),
                _(
                    "Groups of actors with no path between them; an actor without ties is a "
                    "group of its own."
                ),
                "lower",
            ),
            "components.largest_share": (
                _("Largest connected group"),
                _("Share of actors that can reach each other through ties."),
                "higher",
            ),
            "components.isolates": (
                _("Actors without ties"),
                _("Organizations on the map that have no tie to anyone."),
                "lower",
            ),
            "clustering.average": (
                _("Partners working together"),
                _(
                    "Average clustering: how often two partners of an actor are also tied to "
                    "each other."
                ),
                "higher",
            ),
            "clustering.transitivity": (
                _("Closed triangles"),
                _("Transitivity: share of two-step connections that are closed into a triangle."),
                "higher",
            ),
            "ei_index": (
                _("Ties across sectors"),
                _(
                    "E-I index in the region: +1 when all ties join different sectors, "
                    "−1 when all stay within a sector."
                ),
                "higher",
            ),
            "inflows.count": (
                _("Inflows from outside"),
                _("Ties that bring people, money, technology or information into the region."),
                "higher",
            ),
        }
    )
    for k in TieKind:
        info[f"inflows.by_kind.{k.value}"] = (
            _("Inflows of {kind}").format(kind=k.label.lower()),
            _("{kind} ties that bring something into the region.").format(kind=k.label),
            "higher",
        )
        info[f"inflows.weight_by_kind.{k.value}"] = (
            _("Inflow volume of {kind} ({unit})").format(kind=k.label.lower(), unit=k.unit),
            _("Summed weight of {kind} inflows, in {unit}.").format(
                kind=k.label.lower(), unit=k.unit
            ),
            "higher",
        )
    info.update(
        {
            "inflows.overseas_share": (
                _("Inflows from overseas"),
                _("Share of the inflows whose outside partner is overseas."),
                None,
            ),
            "inflows.reached_share": (
                _("Region actors drawing in"),
                _("Share of region actors that receive at least one inflow from outside."),
                "higher",
            ),
            "degree.mean": (
                _("Partners per actor"),
                _("Average number of organizations each actor is tied to."),
                "higher",
            ),
            "degree.max": (
                _("Most partners of one actor"),
                _("Number of partners of the best-connected actor."),
                None,
            ),
        }
    )
    info.update(_origin_info())
    # the dynamics figures' texts are marked with N_() where they are declared
    info.update(
        {
            name: (_(label), _(meaning), better)
            for name, (label, meaning, better) in DYNAMICS_METRIC_INFO.items()
        }
    )
    return info


def _origin_info() -> dict[str, MetricInfo]:
    """`arrivals.*` and `groups.*`: where the region's actors came from, what groups join."""
    info: dict[str, MetricInfo] = {
        "arrivals.by_origin.local": (
            _("Founded in the region"),
            _("Region actors founded locally (not spin-offs, not moved in)."),
            None,
        ),
        "arrivals.by_origin.spin_off": (
            _("Spin-offs"),
            _("Region actors that spun off from another organization, such as a university."),
            "higher",
        ),
        "arrivals.by_origin.domestic": (
            _("Moved in from elsewhere in the country"),
            _("Region actors that moved in (a relocation, branch or lab) from another region."),
            "higher",
        ),
        "arrivals.by_origin.overseas": (
            _("Moved in from abroad"),
            _("Region actors that moved in (a relocation, branch or lab) from abroad."),
            "higher",
        ),
        "arrivals.by_origin.unknown": (
            _("Origin not recorded"),
            _(
                "Region actors whose origin is not recorded; the arrival figures count only "
                "what is recorded."
            ),
            None,
        ),
        "arrivals.count": (
            _("Moved in from outside"),
            _(
                "Region actors that came in from elsewhere in the country or from abroad: a "
                "knowledge cluster draws companies and people into the region."
            ),
            "higher",
        ),
        "arrivals.share": (
            _("Share moved in from outside"),
            _("Share of the region's actors that moved in from outside the region."),
            "higher",
        ),
        "arrivals.university_spin_offs": (
            _("University spin-offs"),
            _(
                "Region actors that spun off from a university: the universities' knowledge "
                "turned into new firms."
            ),
            "higher",
        ),
        "groups.count": (
            _("Groups"),
            _("Joint research organizations, consortia, projects and councils on the map."),
            "higher",
        ),
        "groups.triple_helix_share": (
            _("Groups of industry, academia and government"),
            _(
                "Share of groups with a university, a company and a support organization among "
                "their members: the joint research organization a knowledge cluster works through."
            ),
            "higher",
        ),
        "groups.with_outside_share": (
            _("Groups reaching outside the region"),
            _(
                "Share of groups with at least one member outside the region, which brings "
                "outside knowledge into their joint work."
            ),
            "higher",
        ),
    }
    return info


class _MetricTable(Mapping[str, MetricInfo]):
    """The table in the current language, built once per language on first use."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, MetricInfo]] = {}

    def _table(self) -> dict[str, MetricInfo]:
        language = current_language()
        table = self._tables.get(language)
        if table is None:
            table = self._tables[language] = _build()
        return table

    def __getitem__(self, name: str) -> MetricInfo:
        return self._table()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


METRIC_INFO: Mapping[str, MetricInfo] = _MetricTable()


def metric_label(name: str) -> str:
    return METRIC_INFO.get(name, (name, "", None))[0]
