"""The project's timeline: its designs that have a year, oldest first, with their metrics.

`trend --json` and the window's Trend view read the same points. Designs of the same year
come by name (as text, character by character), so the order never depends on how the
project lists them. The metrics are `Evaluation.metrics()`, keyed as in `compare`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..i18n import _, display_width, ngettext
from .metric_info import METRIC_INFO
from .report import format_value, pad
from .results import Evaluation, Number

# What the table of `trend` shows and the Trend view charts at first: how tight the region
# is, what flows and moves in, whether joint work joins all three sectors, how it holds.
TREND_METRICS: tuple[str, ...] = (
    "density.region",
    "inflows.count",
    "arrivals.count",
    "groups.triple_helix_share",
    "resilience.robustness",
)

T = TypeVar("T")


def timeline_order(items: Iterable[tuple[str, int | None, T]]) -> list[tuple[str, int, T]]:
    """(name, year, anything) with a year, oldest first; equal years by name."""
    dated = [(name, year, extra) for name, year, extra in items if year is not None]
    return sorted(dated, key=lambda item: (item[1], item[0]))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One design of the timeline."""

    name: str
    year: int
    metrics: Mapping[str, Number | None]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "year": self.year, "metrics": dict(self.metrics)}


def trend_point(name: str, year: int, evaluation: Evaluation) -> TrendPoint:
    return TrendPoint(name, year, evaluation.metrics())


def trend_dict(points: Sequence[TrendPoint]) -> dict[str, Any]:
    """The JSON object of `cluster-designer trend --json`."""
    return {"designs": [p.to_dict() for p in points]}


LABEL_WIDTH = 34
COLUMN_GAP = 2


def format_trend(points: Sequence[TrendPoint], metrics: Sequence[str] = TREND_METRICS) -> str:
    """The timeline as a table a planner reads: one column per design (year over name), one
    row per metric."""
    title = ngettext(
        "Timeline: {n} design with a year", "Timeline: {n} designs with a year", len(points)
    ).format(n=len(points))
    header_years = [str(p.year) for p in points]
    header_names = [p.name for p in points]
    rows = [
        (METRIC_INFO[key][0], [format_value(key, p.metrics.get(key)) for p in points])
        for key in metrics
    ]
    widths = [
        max(display_width(header_years[i]), display_width(header_names[i]), 8)
        for i in range(len(points))
    ]
    for _label, cells in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, cells, strict=True)]
    label_width = max([LABEL_WIDTH, *(display_width(label) for label, _cells in rows)])

    def line(label: str, cells: Sequence[str]) -> str:
        text = pad(label, label_width)
        for width, cell in zip(widths, cells, strict=True):
            text += " " * (COLUMN_GAP + width - display_width(cell)) + cell
        return text.rstrip()

    lines = [title, "=" * display_width(title), ""]
    lines.append(line("", header_years))
    lines.append(line("", header_names))
    lines.append("-" * display_width(line("", header_names)))
    lines += [line(label, cells) for label, cells in rows]
    lines += ["", _("All metrics of every design: cluster-designer trend PROJECT --json")]
    return "\n".join(lines) + "\n"
