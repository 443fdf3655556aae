"""Plain-language text reports for planners: format_report(ev) and format_comparison(cmp).

Numbers are aligned in columns; widths count East Asian wide characters as two, so
Japanese names line up in a terminal too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..i18n import N_, _, ngettext
from ..i18n import display_width as display_width
from ..i18n import wrap as _wrap
from ..model import TieKind
from .claims import pct
from .compare import Comparison
from .diagnosis import Diagnosis, Finding, diagnose
from .metric_info import METRIC_INFO, SECTOR_BLOCK_METRICS
from .results import Evaluation, Number

LABEL_WIDTH = 44
VALUE_WIDTH = 10
LIST_LIMIT = 20  # longer lists of actors or ties are cut with "… and N more"

SHARE_METRICS = frozenset(
    {
        "components.largest_share",
        "inflows.overseas_share",
        "inflows.reached_share",
        "brokerage.top_gatekeeper_share",
        "spread.region_reached_share",
        "arrivals.share",
        "groups.triple_helix_share",
        "groups.with_outside_share",
    }
)

# The metrics a planner reads first, in the order of the report's sections (headings marked
# with N_() and translated where printed).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("Who is on the map"),
        (
            "actors.total",
            "actors.by_sector.university",
            "actors.by_sector.company",
            "actors.by_sector.support",
            "actors.by_location.region",
            "actors.by_location.domestic",
            "actors.by_location.overseas",
            "ties.total",
            *(f"ties.by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        N_("How closely the region works together"),
        (
            "density.region",
            "density.overall",
            "degree.mean",
            "clustering.average",
            "clustering.transitivity",
            "ei_index",
            *SECTOR_BLOCK_METRICS,
        ),
    ),
    (
        N_("Dependence and cohesion"),
        (
            "centralization.degree",
            "degree.max",
            "components.count",
            "components.largest_share",
            "components.isolates",
        ),
    ),
    (
        N_("What flows in from outside"),
        (
            "inflows.count",
            "inflows.reached_share",
            "inflows.overseas_share",
            *(f"inflows.by_kind.{k.value}" for k in TieKind),
        ),
    ),
    (
        N_("How ideas travel and how much hangs on a few"),
        (
            "brokerage.region_gatekeepers",
            "brokerage.top_gatekeeper_share",
            "spread.region_reached_share",
            "spread.rounds",
            "resilience.robustness",
            "resilience.removals_to_half",
        ),
    ),
    (
        N_("Where the actors come from and what groups join"),
        (
            "arrivals.count",
            "arrivals.share",
            "arrivals.by_origin.local",
            "arrivals.by_origin.spin_off",
            "arrivals.university_spin_offs",
            "arrivals.by_origin.domestic",
            "arrivals.by_origin.overseas",
            "arrivals.by_origin.unknown",
            "groups.count",
            "groups.triple_helix_share",
            "groups.with_outside_share",
        ),
    ),
)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def format_value(
    name: str, value: Number | None, *, missing: str | None = None, percent: str = "%"
) -> str:
    """A metric as a planner reads it (the report, the GUI and the printed page share this)."""
    if value is None:
        return _("n/a") if missing is None else missing
    if name in SHARE_METRICS:  # (as the diagnosis writes it: a part never reads as 0 or 100)
        return pct(float(value))[:-1] + percent
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if name.startswith("inflows.weight_by_kind"):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if name == "ei_index":
        return f"{value:+.3f}"
    if name == "degree.mean":
        return f"{value:.2f}"
    return f"{value:.3f}"


def format_delta(
    name: str, delta: Number | None, *, missing: str = "", zero: str | None = None
) -> str:
    """b − a in the metric's own unit; percentage points for shares."""
    if delta is None:
        return missing
    if delta == 0:
        return _("same") if zero is None else zero
    if name in SHARE_METRICS:
        return _("{points} pts").format(points=f"{delta * 100:+.0f}")
    if isinstance(delta, int) and not isinstance(delta, bool):
        return f"{delta:+,}"
    if name.startswith("inflows.weight_by_kind"):
        return f"{delta:+,.1f}"
    if name == "degree.mean":
        return f"{delta:+.2f}"
    return f"{delta:+.3f}"


def _row(label: str, *cells: str) -> str:
    return ("  " + pad(label, LABEL_WIDTH) + "".join(c.rjust(VALUE_WIDTH) for c in cells)).rstrip()


def _heading(text: str) -> list[str]:
    return ["", text, "-" * display_width(text)]


def _finding_lines(finding: Finding) -> list[str]:
    mark = {"good": "+", "warning": "!", "info": "-"}[finding.severity]
    return [f"  {mark} {finding.title}", *(f"    {line}" for line in _wrap(finding.text, 76))]


def format_report(ev: Evaluation, diagnosis: Diagnosis | None = None) -> str:
    """The evaluation of one design as a short report a planner can read."""
    diagnosis = diagnosis or diagnose(ev)
    if ev.region:
        title = _("Evaluation of “{design}” — {region}").format(design=ev.design, region=ev.region)
    else:
        title = _("Evaluation of “{design}”").format(design=ev.design)
    lines = [title, "=" * display_width(title), ""]
    lines += _wrap(
        _("In short: this design resembles a {pattern}.").format(
            pattern=diagnosis.pattern.title.lower()
        ),
        78,
    )
    lines += _heading(_("Findings"))
    for finding in diagnosis.findings:
        lines += _finding_lines(finding)
    metrics = ev.metrics()
    for heading, names in SECTIONS:
        lines += _heading(_(heading))
        for name in names:
            lines.append(_row(METRIC_INFO[name][0], format_value(name, metrics[name])))
    lines += _heading(_("Brokers (actors that link others)"))
    brokers = [b for b in ev.brokers if b.betweenness > 0]
    if not brokers:
        lines.append(
            "  " + _("No actor lies between others: every pair is tied directly or not at all.")
        )
    for rank, b in enumerate(brokers, 1):
        lines.append(_row(f"{rank}. {b.name}", f"{b.betweenness:.3f}"))
    if not ev.betweenness_exact:
        lines.append(
            "  "
            + _(
                "Brokerage estimated from a sample of {sample} actors (the design has {total})."
            ).format(sample=f"{ev.betweenness_sample:,}", total=f"{ev.actors.total:,}")
        )
    return "\n".join(lines) + "\n"


def format_comparison(cmp: Comparison) -> str:
    """What changes between two designs, with better/worse in words, and what was edited."""
    title = _("Comparing “{a}” (A) with “{b}” (B)").format(a=cmp.a, b=cmp.b)
    lines = [title, "=" * display_width(title), ""]
    pattern_a = diagnose(cmp.evaluation_a).pattern.title.lower()
    pattern_b = diagnose(cmp.evaluation_b).pattern.title.lower()
    if pattern_a == pattern_b:
        lines += _wrap(_("Both designs resemble a {pattern}.").format(pattern=pattern_a), 78)
    else:
        lines += _wrap(
            _("A resembles a {pattern_a}; B resembles a {pattern_b}.").format(
                pattern_a=pattern_a, pattern_b=pattern_b
            ),
            78,
        )
    main = [name for _heading_text, names in SECTIONS for name in names]
    for heading, names in SECTIONS:
        lines += _heading(_(heading))
        lines.append(_row("", "A", "B", _("change"), ""))
        for name in names:
            lines.append(_comparison_row(cmp, name))
    others = [n for n, c in cmp.metrics.items() if n not in main and c.a != c.b]
    if others:
        lines += _heading(_("Other changes"))
        lines += [_comparison_row(cmp, n) for n in others]
    lines += _heading(_("What was edited"))
    lines += _wrap(_matching_sentence(cmp), 78)
    by_name = [p for p in cmp.actor_pairs if p.by == "name"]
    if by_name and cmp.same_lineage:
        lines += _listing(
            _("Actors matched by name"),
            [f"{cmp.names_a[p.a]} ({p.a}) = {cmp.names_b[p.b]} ({p.b})" for p in by_name],
        )
    lines += _listing(_("Actors added"), [cmp.names_b.get(i, i) for i in cmp.actors_added])
    lines += _listing(_("Actors removed"), [cmp.names_a.get(i, i) for i in cmp.actors_removed])
    lines += _listing(_("Actors changed"), [cmp.names_b.get(i, i) for i in cmp.actors_changed])
    lines += _listing(_("Ties added"), [_tie_words(cmp.names_b, k) for k in cmp.ties_added])
    lines += _listing(_("Ties removed"), [_tie_words(cmp.names_a, k) for k in cmp.ties_removed])
    lines += _listing(_("Ties changed"), [_tie_words(cmp.names_b, k) for k in cmp.ties_changed])
    return "\n".join(lines) + "\n"


def _comparison_row(cmp: Comparison, name: str) -> str:
    change = cmp.metrics[name]
    label, _meaning, better = METRIC_INFO.get(name, (name, "", None))
    verdict = ""
    if change.delta not in (None, 0) and better is not None:
        improved = (change.delta > 0) == (better == "higher")
        verdict = _("better") if improved else _("worse")
    return _row(
        label,
        format_value(name, change.a),
        format_value(name, change.b),
        format_delta(name, change.delta),
        verdict,
    )


def _matching_sentence(cmp: Comparison) -> str:
    """How the actors of A and B were paired, which decides what counts as changed."""
    if cmp.same_lineage:
        return _(
            "B derives from A (a duplicate or copy), so actors are matched by id: {by_id} by "
            "id and {by_name} more by name."
        ).format(by_id=cmp.matched_by_id, by_name=cmp.matched_by_name)
    return _(
        "A and B were drawn separately, so actors are matched by name only (ignoring case, "
        "width and spaces): {by_name} matched."
    ).format(by_name=cmp.matched_by_name)


def _tie_words(names: Mapping[str, str], key: tuple[str, str, str]) -> str:
    """A tie in words, with the names of the design its ids belong to."""
    source, target, kind = key
    arrow = "→" if TieKind(kind).directed else "–"
    return _("{source} {arrow} {target} ({kind})").format(
        source=names.get(source, source),
        arrow=arrow,
        target=names.get(target, target),
        kind=TieKind(kind).label.lower(),
    )


def _listing(label: str, items: Sequence[str]) -> list[str]:
    lines = [_row(label, f"{len(items):,}")]
    lines += [f"      {item}" for item in _cut(items)]
    return lines


def _cut(items: Sequence[str]) -> Iterable[str]:
    yield from items[:LIST_LIMIT]
    if len(items) > LIST_LIMIT:
        more = len(items) - LIST_LIMIT
        yield ngettext("… and {count} more", "… and {count} more", more).format(count=f"{more:,}")
