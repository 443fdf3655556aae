"""How evaluation numbers read for people: one formatter for the panel, what-if and compare.

Densities and indices keep three decimals (small differences matter between designs),
shares become whole percentages, counts get thousands separators, and a metric that is
not defined shows "—" with the reason in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from cluster_designer.analysis import METRIC_INFO, Evaluation, report
from cluster_designer.analysis.metric_info import SECTOR_BLOCK_METRICS
from cluster_designer.analysis.origins import ORIGIN_KEYS
from cluster_designer.i18n import N_, _
from cluster_designer.model import Location, Sector, TieKind

Number = int | float
Verdict = Literal["better", "worse"] | None

DASH = "—"
PERCENT = "\u00a0%"  # a no-break space keeps "13 %" on one line

SHARE_METRICS = report.SHARE_METRICS

# (group title, main metrics shown with their explanation, detail metrics shown indented);
# titles marked with N_() and translated where shown.
GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        N_("Size"),
        ("actors.total", "ties.total"),
        (
            *(f"actors.by_sector.{s.value}" for s in Sector),
            *(f"actors.by_location.{loc.value}" for loc in Location),
            *(f"ties.by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        N_("Density"),
        ("density.region", "density.overall", "degree.mean", "degree.max"),
        tuple(f"density.by_kind.{k.value}" for k in TieKind),
    ),
    (
        N_("Sector ties"),
        (
            "ei_index",
            *SECTOR_BLOCK_METRICS,
        ),
        (),
    ),
    (
        N_("Openness to outside"),
        ("inflows.count", "inflows.reached_share", "inflows.overseas_share"),
        (
            *(f"inflows.by_kind.{k.value}" for k in TieKind),
            *(f"inflows.weight_by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        N_("Structure"),
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
    (
        N_("Chain reaction and resilience"),
        (
            "spread.region_reached_share",
            "resilience.robustness",
            "resilience.removals_to_half",
            "brokerage.region_gatekeepers",
        ),
        ("spread.rounds", "spread.seeds", "brokerage.top_gatekeeper_share"),
    ),
    (
        N_("Origins and groups"),
        (
            "arrivals.count",
            "arrivals.share",
            "arrivals.university_spin_offs",
            "groups.count",
            "groups.triple_helix_share",
            "groups.with_outside_share",
        ),
        tuple(f"arrivals.by_origin.{key}" for key in ORIGIN_KEYS),
    ),
)

ALL_METRICS: tuple[str, ...] = tuple(k for _title, main, detail in GROUPS for k in (*main, *detail))

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
    if v == "better":
        return _("▲ better")
    if v == "worse":
        return _("▼ worse")
    return ""


def null_reason(key: str, ev: Evaluation) -> str:
    """Why a metric has no value, in the words of the design."""
    if key.startswith("density.sector_blocks."):
        a, b = key.rsplit(".", 1)[1].split("-")
        counts: Mapping[str, int] = ev.actors.region_by_sector
        if a == b:
            return _("Fewer than two {sectors} in the region.").format(sectors=Sector(a).plural)
        missing = [Sector(s).plural for s in (a, b) if counts.get(s, 0) == 0]
        if len(missing) == 2:
            return _("No {a} and no {b} in the region.").format(a=missing[0], b=missing[1])
        if missing:
            return _("No {sectors} in the region.").format(sectors=missing[0])
        return _("Not defined.")
    if key == "ei_index":
        return _("No ties between actors inside the region.")
    if key == "inflows.overseas_share":
        return _("Nothing flows in from outside.")
    if key in ("inflows.reached_share", "arrivals.share"):
        return _("No actors are marked as inside the region.")
    if key.startswith("groups."):
        return _("The design has no groups.")
    return _("Not defined for this design.")
