"""How evaluation numbers read for people: one formatter for the panel, what-if and compare.

Densities and indices keep three decimals (small differences matter between designs),
shares become whole percentages, counts get thousands separators, and a metric that is
not defined shows "—" with the reason in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from cluster_designer.analysis import METRIC_INFO, Evaluation, report
from cluster_designer.model import Location, Sector, TieKind
from cluster_designer.model.enums import SECTOR_PLURALS

Number = int | float
Verdict = Literal["better", "worse"] | None

DASH = "—"
PERCENT = "\u00a0%"  # a no-break space keeps "13 %" on one line

SHARE_METRICS = report.SHARE_METRICS

# (group title, main metrics shown with their explanation, detail metrics shown indented).
GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Size",
        ("actors.total", "ties.total"),
        (
            *(f"actors.by_sector.{s.value}" for s in Sector),
            *(f"actors.by_location.{loc.value}" for loc in Location),
            *(f"ties.by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        "Density",
        ("density.region", "density.overall", "degree.mean", "degree.max"),
        tuple(f"density.by_kind.{k.value}" for k in TieKind),
    ),
    (
        "Sector ties",
        (
            "ei_index",
            "density.sector_blocks.company-company",
            "density.sector_blocks.company-university",
            "density.sector_blocks.company-support",
            "density.sector_blocks.support-university",
            "density.sector_blocks.university-university",
            "density.sector_blocks.support-support",
        ),
        (),
    ),
    (
        "Openness to outside",
        ("inflows.count", "inflows.reached_share", "inflows.overseas_share"),
        (
            *(f"inflows.by_kind.{k.value}" for k in TieKind),
            *(f"inflows.weight_by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        "Structure",
        (
            "centralization.degree",
            "components.count",
            "components.largest_share",
            "components.isolates",
            "clustering.average",
            "clustering.transitivity",
        ),
        (),
    ),
)

ALL_METRICS: tuple[str, ...] = tuple(k for _, main, detail in GROUPS for k in (*main, *detail))

# The metrics the compare view draws as bar charts.
KEY_METRICS: tuple[str, ...] = (
    "density.overall",
    "density.region",
    "centralization.degree",
    "inflows.count",
    "density.sector_blocks.company-company",
    "ei_index",
)


def label(key: str) -> str:
    return METRIC_INFO.get(key, (key, "", None))[0]


def explanation(key: str) -> str:
    return METRIC_INFO.get(key, (key, "", None))[1]


def better_direction(key: str) -> str | None:
    return METRIC_INFO.get(key, (key, "", None))[2]


def format_value(key: str, value: Number | None) -> str:
    """The number as a planner reads it; "—" when it is not defined."""
    return report.format_value(key, value, missing=DASH, percent=PERCENT)


def format_delta(key: str, delta: Number | None) -> str:
    """b − a in the metric's own unit; percentage points for shares."""
    return report.format_delta(key, delta, missing=DASH, zero="0")


def delta_of(a: Number | None, b: Number | None) -> Number | None:
    return None if a is None or b is None else b - a


def verdict(key: str, delta: Number | None) -> Verdict:
    """Whether a change is good for the region, by the metric's `better` direction."""
    better = better_direction(key)
    if better is None or delta is None or abs(delta) < 1e-12:
        return None
    return "better" if (delta > 0) == (better == "higher") else "worse"


def verdict_mark(v: Verdict) -> str:
    """An arrow and a word, so the verdict does not rely on colour alone."""
    return {"better": "▲ better", "worse": "▼ worse"}.get(v or "", "")


def null_reason(key: str, ev: Evaluation) -> str:
    """Why a metric has no value, in the words of the design."""
    if key.startswith("density.sector_blocks."):
        a, b = key.rsplit(".", 1)[1].split("-")
        counts: Mapping[str, int] = ev.actors.region_by_sector
        if a == b:
            return f"Fewer than two {SECTOR_PLURALS[a]} in the region."
        missing = [SECTOR_PLURALS[s] for s in (a, b) if counts.get(s, 0) == 0]
        return f"No {' and no '.join(missing)} in the region." if missing else "Not defined."
    return {
        "ei_index": "No ties between actors inside the region.",
        "inflows.overseas_share": "Nothing flows in from outside.",
        "inflows.reached_share": "No actors are marked as inside the region.",
    }.get(key, "Not defined for this design.")
