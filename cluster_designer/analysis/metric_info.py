"""Plain-language labels for every metric, in one place for the GUI, the report and compare.

METRIC_INFO[dotted name] = (label, what it means for the region, better) where better is
"higher", "lower" or None (neither direction is simply better).
"""

from __future__ import annotations

from typing import Literal

from ..model import Location, Sector, TieKind
from ..model.enums import LOCATION_LABELS, SECTOR_PLURALS, TIE_KIND_LABELS
from .dynamics_summary import DYNAMICS_METRIC_INFO
from .evaluate import SECTOR_PAIRS

Better = Literal["higher", "lower"] | None
MetricInfo = tuple[str, str, Better]


def _build() -> dict[str, MetricInfo]:
    info: dict[str, MetricInfo] = {
        "actors.total": (
            "Actors",
            "Organizations on the map, inside and outside the region.",
            None,
        ),
    }
    for s in Sector:
        info[f"actors.by_sector.{s.value}"] = (
            SECTOR_PLURALS[s.value].capitalize(),
            f"How many {SECTOR_PLURALS[s.value]} are on the map.",
            None,
        )
    for loc in Location:
        info[f"actors.by_location.{loc.value}"] = (
            LOCATION_LABELS[loc],
            "How many actors are located here.",
            None,
        )
    for s in Sector:
        info[f"actors.region_by_sector.{s.value}"] = (
            f"{SECTOR_PLURALS[s.value].capitalize()} in the region",
            f"How many {SECTOR_PLURALS[s.value]} are located inside the region.",
            None,
        )
    info["ties.total"] = (
        "Ties",
        "Relations of any kind; more ties mean more exchange between organizations.",
        "higher",
    )
    for k in TieKind:
        info[f"ties.by_kind.{k.value}"] = (
            f"{TIE_KIND_LABELS[k]} ties",
            f"How many {TIE_KIND_LABELS[k].lower()} ties there are.",
            "higher",
        )
    info["density.overall"] = (
        "Density (all actors)",
        "Share of all possible pairs of actors that have at least one tie.",
        "higher",
    )
    info["density.region"] = (
        "Density inside the region",
        "Share of possible pairs of region actors that work together; a tight cluster is dense.",
        "higher",
    )
    for k in TieKind:
        info[f"density.by_kind.{k.value}"] = (
            f"Density of {TIE_KIND_LABELS[k].lower()}",
            f"Share of all pairs of actors joined by a {TIE_KIND_LABELS[k].lower()} tie.",
            "higher",
        )
    for a, b in SECTOR_PAIRS:
        words = (
            f"among {SECTOR_PLURALS[a]}" if a == b else f"{SECTOR_PLURALS[a]} – {SECTOR_PLURALS[b]}"
        )
        single = {
            "university": "university",
            "company": "company",
            "support": "support-organization",
        }
        pairs = f"pairs of {SECTOR_PLURALS[a]}" if a == b else f"{single[a]}–{single[b]} pairs"
        info[f"density.sector_blocks.{a}-{b}"] = (
            f"Ties {words}",
            (
                f"In the region, the share of possible {pairs} that are tied "
                "(empty when a sector is missing)."
            ),
            "higher",
        )
    info.update(
        {
            "centralization.degree": (
                "Dependence on one actor",
                (
                    "Freeman degree centralization: 1 when everyone is tied only to one actor "
                    "(a company town or hub), 0 when all have equally many partners."
                ),
                "lower",
            ),
            "components.count": (
                "Separate groups",
                (
                    "Groups of actors with no path between them; "
                    "an actor without ties is a group of its own."
                ),
                "lower",
            ),
            "components.largest_share": (
                "Largest connected group",
                "Share of actors that can reach each other through ties.",
                "higher",
            ),
            "components.isolates": (
                "Actors without ties",
                "Organizations on the map that have no tie to anyone.",
                "lower",
            ),
            "clustering.average": (
                "Partners working together",
                (
                    "Average clustering: how often two partners of an actor "
                    "are also tied to each other."
                ),
                "higher",
            ),
            "clustering.transitivity": (
                "Closed triangles",
                "Transitivity: share of two-step connections that are closed into a triangle.",
                "higher",
            ),
            "ei_index": (
                "Ties across sectors",
                (
                    "E-I index in the region: +1 when all ties join different sectors, "
                    "−1 when all stay within a sector."
                ),
                "higher",
            ),
            "inflows.count": (
                "Inflows from outside",
                "Ties that bring people, money, technology or information into the region.",
                "higher",
            ),
        }
    )
    for k in TieKind:
        label = TIE_KIND_LABELS[k].lower()
        info[f"inflows.by_kind.{k.value}"] = (
            f"Inflows of {label}",
            f"{TIE_KIND_LABELS[k]} ties that bring something into the region.",
            "higher",
        )
        info[f"inflows.weight_by_kind.{k.value}"] = (
            f"Inflow volume of {label} ({k.unit})",
            f"Summed weight of {label} inflows, in {k.unit}.",
            "higher",
        )
    info.update(
        {
            "inflows.overseas_share": (
                "Inflows from overseas",
                "Share of the inflows whose outside partner is overseas.",
                None,
            ),
            "inflows.reached_share": (
                "Region actors drawing in",
                "Share of region actors that receive at least one inflow from outside.",
                "higher",
            ),
            "degree.mean": (
                "Partners per actor",
                "Average number of organizations each actor is tied to.",
                "higher",
            ),
            "degree.max": (
                "Most partners of one actor",
                "Number of partners of the best-connected actor.",
                None,
            ),
        }
    )
    info.update(DYNAMICS_METRIC_INFO)
    return info


METRIC_INFO: dict[str, MetricInfo] = _build()


def metric_label(name: str) -> str:
    return METRIC_INFO.get(name, (name, "", None))[0]
