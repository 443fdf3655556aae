"""The text pages of the meeting brief as HTML for a QTextDocument: the cover, the key figures
with their change from the baseline, the diagnosis and the dynamics.

Every number is the evaluation's (or the dynamics analyses'), formatted by
`report.format_value`, the formatter of the report, the panel and `evaluate`'s text output;
a change is marked with an arrow and a word, so it reads without colour.
"""

from __future__ import annotations

from html import escape

from cluster_designer.analysis.brief import BriefContent, BriefSide, KeyFigure
from cluster_designer.analysis.metric_info import METRIC_INFO
from cluster_designer.analysis.report import format_delta, format_value
from cluster_designer.i18n import _, ngettext, pgettext

from .sheet import SheetInfo

DASH = "—"
PERCENT = "\u00a0%"
MARKS = {"good": ("✔", "#1B7F3B"), "warning": ("!", "#B3541E"), "info": ("•", "#4A4A4A")}
VERDICT_COLOURS = {"better": "#1B7F3B", "worse": "#B3541E"}

CSS = """
body { color: #1E1E1E; }
h1 { font-size: 15pt; margin: 0 0 2pt 0; }
h2 { font-size: 11pt; margin: 8pt 0 3pt 0; color: #2F4A66; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt 0; color: #2F4A66; }
p { margin: 0 0 4pt 0; }
td, th { padding: 1.2pt 5pt; }
th { text-align: left; color: #4A4A4A; font-weight: bold; border-bottom: 1px solid #4A4A4A; }
td.num, th.num { text-align: right; }
.muted { color: #5E5E5E; }
.small { font-size: 8pt; }
.finding { margin: 0 0 5pt 0; }
.group td { font-weight: bold; color: #2F4A66; padding-top: 5pt; }
"""


def value_text(key: str, value: float | int | None) -> str:
    return format_value(key, value, missing=DASH, percent=PERCENT)


def label(key: str) -> str:
    return METRIC_INFO.get(key, (key, "", None))[0]


def change_html(figure: KeyFigure) -> str:
    if figure.delta is None:
        return ""
    text = escape(format_delta(figure.key, figure.delta, missing=DASH, zero="±0"))
    if figure.verdict == "better":
        mark = _("▲ better")
    elif figure.verdict == "worse":
        mark = _("▼ worse")
    else:
        return f"<span class='muted'>{text}</span>"
    colour = VERDICT_COLOURS[figure.verdict]
    return f"{text} <span style='color:{colour}'><b>{escape(mark)}</b></span>"


def table(dpi: float, attributes: str = "") -> str:
    """A table's opening tag with cells padded by 3 pt: Qt takes the padding in pixels of the
    paint device, not from CSS."""
    padding = round(3.0 * dpi / 72)
    return f"<table cellspacing='0' cellpadding='{padding}' {attributes}>"


def tag(name: str, text: str, attributes: str = "") -> str:
    """`text` (escaped) in an element: `tag("h2", _("Resilience"))`."""
    opening = f"{name} {attributes}" if attributes else name
    return f"<{opening}>{escape(text)}</{name}>"


def _document(body: str) -> str:
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"


# --- the cover -----------------------------------------------------------------------------
HEADLINE_KEYS = (
    "actors.by_location.region",
    "ties.total",
    "density.region",
    "inflows.count",
    "resilience.robustness",
)


def cover_html(
    content: BriefContent, info: SheetInfo, contents: list[tuple[str, int]], dpi: float = 96.0
) -> str:
    """The cover; `dpi` is the paint device's, because table spacing is set in its pixels."""

    def px(points: float) -> int:
        return round(points * dpi / 72)

    main, base = content.main, content.baseline
    parts = [
        tag("p", _("MEETING BRIEF"), "class='muted' style='font-size:10pt'"),
        f"<h1 style='font-size:28pt; margin:2pt 0 4pt 0'>{escape(main.name)}</h1>",
    ]
    if main.design.region:
        parts.append(tag("p", main.design.region, "style='font-size:13pt'"))
    if base is not None:
        compared = _("compared with {baseline}").format(baseline=base.name)
        parts.append(tag("p", compared, "style='font-size:11pt' class='muted'"))
    rows = [(_("Date"), info.date)]
    if info.author:
        rows.append((_("Prepared by"), info.author))
    if info.note:
        rows.append((_("Note"), info.note))
    parts.append(
        f"<p style='font-size:6pt'>&nbsp;</p><table cellspacing='0' cellpadding='{px(1)}'>"
    )
    for caption, value in rows:
        parts.append(
            f"<tr><td class='muted'>{escape(caption)}</td><td width='{px(12)}'></td>"
            f"<td>{escape(value)}</td></tr>"
        )
    parts.append("</table>")
    pattern = main.diagnosis.pattern
    summary = [
        tag("h2", _("In short")),
        f"<p><b>{escape(pattern.title)}.</b> {escape(pattern.text)}</p>",
    ]
    figures = {f.key: f for f in content.key_figures}
    shown = [figures[k] for k in HEADLINE_KEYS if k in figures]
    if shown:
        summary.append(f"<table cellspacing='0' cellpadding='{px(2)}' width='100%'><tr>")
        for figure in shown:
            change = change_html(figure)
            change_row = f"<br/><span class='small'>{change}</span>" if change else ""
            summary.append(
                "<td valign='top'>"
                f"<span class='muted small'>{escape(label(figure.key))}</span><br/>"
                "<span style='font-size:17pt'><b>"
                f"{escape(value_text(figure.key, figure.value))}</b></span>"
                f"{change_row}</td>"
            )
        summary.append("</tr></table>")
    parts.append(
        f"<p style='font-size:10pt'>&nbsp;</p><table width='100%' cellspacing='0' "
        f"cellpadding='{px(9)}'><tr><td bgcolor='#F2F5F8'>"
        + "".join(summary)
        + "</td></tr></table>"
    )
    if contents:
        parts.append(tag("h2", pgettext("brief", "Contents"), "style='margin-top:14pt'"))
        parts.append(f"<table cellspacing='0' cellpadding='{px(1)}'>")
        for title, page in contents:
            parts.append(
                f"<tr><td>{escape(title)}</td><td width='{px(30)}'></td>"
                f"<td class='num muted'>{page}</td></tr>"
            )
        parts.append("</table>")
    return _document("".join(parts))


# --- key figures, diagnosis, dynamics ------------------------------------------------------
def figures_html(content: BriefContent, dpi: float = 96.0) -> str:
    main, base = content.main, content.baseline
    # widths keep long design names from running into each other (they wrap instead)
    value_w = "20%" if base is not None else "30%"
    head = [tag("th", _("Figure"), "width='38%'")]
    if base is not None:
        head.append(f"<th class='num' width='{value_w}'>{escape(base.name)}</th>")
    head.append(f"<th class='num' width='{value_w}'>{escape(main.name)}</th>")
    if base is not None:
        head.append(tag("th", _("Change"), "class='num' width='22%'"))
    columns = len(head)
    parts = [
        tag("h1", _("Key figures")),
        "<p class='muted'>"
        + escape(
            _("The numbers of the evaluation; the change is marked better or worse for the region.")
            if base is not None
            else _("The numbers of the evaluation.")
        )
        + "</p>",
        table(dpi, "width='100%'") + "<thead><tr>" + "".join(head) + "</tr></thead>",
    ]
    for heading, figures in content.groups:
        parts.append(f"<tr class='group'><td colspan='{columns}'>{escape(_(heading))}</td></tr>")
        for n, figure in enumerate(figures):
            shade = " bgcolor='#F2F5F8'" if n % 2 == 0 else ""
            cells = [f"<td>{escape(label(figure.key))}</td>"]
            if base is not None:
                cells.append(
                    f"<td class='num'>{escape(value_text(figure.key, figure.baseline))}</td>"
                )
            cells.append(
                f"<td class='num'><b>{escape(value_text(figure.key, figure.value))}</b></td>"
            )
            if base is not None:
                cells.append(f"<td class='num'>{change_html(figure)}</td>")
            parts.append(f"<tr{shade}>{''.join(cells)}</tr>")
    parts.append("</table>")
    return _document("".join(parts))


def diagnosis_html(content: BriefContent, dpi: float = 96.0) -> str:
    return _document("".join(_diagnosis(content)))


def dynamics_html(content: BriefContent, dpi: float = 96.0) -> str:
    return _document("".join(_dynamics(content, dpi)))


def findings_html(content: BriefContent, dpi: float = 96.0) -> str:
    """The diagnosis, then the dynamics: one flow of text, so short ones share a page."""
    return _document("".join([*_diagnosis(content), *_dynamics(content, dpi)]))


def _diagnosis(content: BriefContent) -> list[str]:
    main = content.main
    parts = [tag("h1", _("Diagnosis"))]
    for finding in main.diagnosis.findings:
        mark, colour = MARKS.get(finding.severity, MARKS["info"])
        parts.append(
            f"<p class='finding'><span style='color:{colour}'><b>{mark}</b></span> "
            f"<b>{escape(finding.title)}.</b> {escape(finding.text)}</p>"
        )
    if content.baseline is not None:
        base = content.baseline
        parts.append(
            tag("h2", _("The baseline: {name}").format(name=base.name))
            + f"<p><b>{escape(base.diagnosis.pattern.title)}.</b> "
            f"{escape(base.diagnosis.pattern.text)}</p>"
        )
    return parts


def _dynamics(content: BriefContent, dpi: float) -> list[str]:
    side = content.main
    parts = [tag("h1", _("Dynamics of the region"), "style='margin-top:14pt'")]
    parts += _gatekeepers(side, dpi)
    parts += _chain_reaction(side, dpi)
    parts += _resilience(side, dpi)
    parts += _suggestions(side, dpi)
    return parts


def _gatekeepers(side: BriefSide, dpi: float) -> list[str]:
    parts = [
        tag("h2", _("Gatekeepers into the region")),
        "<p>"
        + escape(
            _(
                "Region actors that pass what comes from outside the region on to other region "
                "actors, with how often they do (gatekeeper brokerages)."
            )
        )
        + "</p>",
    ]
    if not side.gatekeepers:
        return [*parts, tag("p", _("No region actor keeps the gate."), "class='muted'")]
    parts.append(
        table(dpi)
        + "<thead><tr>"
        + tag("th", _("Actor"))
        + tag("th", _("Brokerages"), "class='num'")
        + "</tr></thead>"
    )
    for n, keeper in enumerate(side.gatekeepers, 1):
        parts.append(
            f"<tr><td>{n}. {escape(keeper.name)}</td>"
            f"<td class='num'>{keeper.brokerages:,}</td></tr>"
        )
    parts.append("</table>")
    return parts


def _chain_reaction(side: BriefSide, dpi: float) -> list[str]:
    spread = side.spread
    parts = [tag("h2", _("The chain reaction"))]
    if not spread.seeds:
        text = _("There is no university in the region where a chain reaction could start.")
        return [*parts, f"<p class='muted'>{escape(text)}</p>"]
    share = value_text("spread.region_reached_share", spread.region_reached_share)
    rounds = len(spread.rounds)
    parts.append(
        "<p>"
        + escape(
            ngettext(
                "An idea from the region's universities ({seeds}) reaches {share} of the region "
                "in {rounds} round (an actor takes it up once half of its partners have).",
                "An idea from the region's universities ({seeds}) reaches {share} of the region "
                "in {rounds} rounds (an actor takes it up once half of its partners have).",
                rounds,
            ).format(seeds=len(spread.seeds), share=share, rounds=rounds)
        )
        + "</p>"
    )
    reach = spread.reach_per_round
    parts.append(
        table(dpi)
        + "<thead><tr>"
        + tag("th", _("Round"))
        + tag("th", _("Actors reached"), "class='num'")
        + "</tr></thead>"
    )
    for number, total in enumerate(reach):
        name = _("start (the universities)") if number == 0 else str(number)
        parts.append(f"<tr><td>{escape(name)}</td><td class='num'>{total:,}</td></tr>")
    parts.append("</table>")
    return parts


def _resilience(side: BriefSide, dpi: float) -> list[str]:
    attack = side.resilience
    parts = [tag("h2", _("Resilience"))]
    if attack.robustness is None:
        return [*parts, tag("p", _("No actor is in the region."), "class='muted'")]
    parts.append(
        "<p>"
        + escape(
            _(
                "Robustness {value}: about 0.5 when everyone works with everyone, near 0 when "
                "all hangs on one hub. Below, what is left connected of the region as its "
                "best-connected actors go, one after another."
            ).format(value=value_text("resilience.robustness", attack.robustness))
        )
        + "</p>"
    )
    parts.append(
        table(dpi)
        + "<thead><tr>"
        + tag("th", _("Lost"))
        + tag("th", _("Region still connected"), "class='num'")
        + "</tr></thead>"
    )
    for q, name in enumerate(attack.names[:5], 1):
        share = value_text("components.largest_share", attack.largest_share[q])
        parts.append(f"<tr><td>{q}. {escape(name)}</td><td class='num'>{escape(share)}</td></tr>")
    parts.append("</table>")
    return parts


def _suggestions(side: BriefSide, dpi: float) -> list[str]:
    suggested = side.suggestions
    if side.suggestions_skipped:
        text = _(
            "On a design this large the search for new ties takes minutes: run it in the "
            "Dynamics panel (Suggest) or with the command 'suggest'."
        )
        return [tag("h2", _("Suggestions")), tag("p", text, "class='muted'")]
    if suggested is None or not suggested.ties:
        return []
    parts = [
        tag("h2", _("Suggestions")),
        "<p>"
        + escape(
            _(
                "New collaboration ties between region actors of different sectors that would "
                "raise the region's robustness most, picked one after another: from {before} "
                "to {after} with all of them."
            ).format(
                before=value_text("resilience.robustness", suggested.before),
                after=value_text("resilience.robustness", suggested.after),
            )
        )
        + "</p>",
        (
            table(dpi)
            + "<thead><tr>"
            + tag("th", _("New tie"))
            + tag("th", _("Robustness after"), "class='num'")
            + "</tr></thead>"
        ),
    ]
    for n, tie in enumerate(suggested.ties, 1):
        pair = _("{a} – {b}").format(a=tie.source_name, b=tie.target_name)
        value = value_text("resilience.robustness", tie.value)
        parts.append(f"<tr><td>{n}. {escape(pair)}</td><td class='num'>{escape(value)}</td></tr>")
    parts.append("</table>")
    if suggested.method == "heuristic":
        parts.append(
            "<p class='muted small'>"
            + escape(_("On a design this large the search estimates; the first pick is checked."))
            + "</p>"
        )
    return parts
