"""The optional printed page of key metrics and the diagnosis, as HTML for a QTextDocument."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from cluster_designer.analysis import (
    METRIC_INFO,
    Broker,
    Diagnosis,
    Evaluation,
    diagnose,
    evaluate,
)
from cluster_designer.analysis.report import SECTIONS, format_value
from cluster_designer.analysis.results import Number
from cluster_designer.analysis.suggest import Suggestions
from cluster_designer.i18n import _
from cluster_designer.model import Design

from ..dynamics.print_page import dynamics_html

MARKS = {"good": ("✔", "#1B7F3B"), "warning": ("!", "#B3541E"), "info": ("•", "#4A4A4A")}
BROKER_LIMIT = 5

_CSS = """
h1 { font-size: 14pt; margin: 0 0 1pt 0; }
h2 { font-size: 10pt; margin: 6pt 0 2pt 0; color: #2F4A66; }
p { margin: 0 0 4pt 0; }
td { padding: 0.8pt 4pt; }
td.value { text-align: right; }
.muted { color: #6B6B6B; }
.finding { margin: 0 0 4pt 0; }
"""


def metrics_html(
    design: Design,
    columns: int = 2,
    evaluation: tuple[Evaluation, Diagnosis] | None = None,
    dynamics: bool = False,
    suggestions: Suggestions | None = None,
) -> str:
    """Key metrics with plain-language labels and the diagnosis, the tables in `columns` columns.

    The window passes the `evaluation` it already has (or had computed in the background):
    evaluating here would freeze it. Without one (the command line) the design is evaluated.
    With `dynamics`, the roles, the chain reaction, the resilience curve and the `suggestions`
    (if any) follow the tables."""
    if evaluation is None:
        ev = evaluate(design)
        diagnosis = diagnose(ev)
    else:
        ev, diagnosis = evaluation
    metrics = ev.metrics()
    title = escape(design.name) + (f" — {escape(design.region)}" if design.region else "")
    pattern = diagnosis.pattern.title.lower()
    in_short = escape(_("In short: this design resembles a {pattern}.").format(pattern=pattern))
    heading = escape(_("Key metrics and diagnosis"))
    findings = escape(_("Findings"))
    parts = [
        f"<html><head><style>{_CSS}</style></head><body>",
        f"<h1>{heading}</h1><p class='muted'>{title}</p>",
        f"<p>{in_short}</p>",
        f"<h2>{findings}</h2>",
    ]
    for finding in diagnosis.findings:
        mark, colour = MARKS.get(finding.severity, MARKS["info"])
        finding_title = escape(_("{title}.").format(title=finding.title))
        parts.append(
            f"<p class='finding'><span style='color:{colour}'><b>{mark}</b></span> "
            f"<b>{finding_title}</b> {escape(finding.text)}</p>"
        )
    cells = [_section_table(heading, names, metrics) for heading, names in SECTIONS]
    cells.append(_broker_table(ev.brokers))
    parts.append("<table width='100%' cellspacing='0' cellpadding='0'>")
    width = 100 // columns - 3
    for i in range(0, len(cells), columns):
        row = cells[i : i + columns] + [""] * (columns - len(cells[i : i + columns]))
        spacer = "<td width='3%'></td>"
        parts.append(
            "<tr>"
            + spacer.join(f"<td width='{width}%' valign='top'>{c}</td>" for c in row)
            + "</tr>"
        )
    parts.append("</table>")
    if dynamics:
        parts.append(dynamics_html(ev, suggestions))
    parts.append("</body></html>")
    return "".join(parts)


def _section_table(
    heading: str, names: tuple[str, ...], metrics: Mapping[str, Number | None]
) -> str:
    rows = []
    for n, name in enumerate(names):
        shade = " bgcolor='#F2F5F8'" if n % 2 == 0 else ""
        value = format_value(name, metrics.get(name))
        label = escape(METRIC_INFO[name][0])
        rows.append(f"<tr{shade}><td>{label}</td><td class='value'>{escape(value)}</td></tr>")
    table = f"<table width='100%' cellspacing='0'>{''.join(rows)}</table>"
    return f"<h2>{escape(_(heading))}</h2>{table}"


def _broker_table(brokers: tuple[Broker, ...]) -> str:
    top = [b for b in brokers if b.betweenness > 0][:BROKER_LIMIT]
    if not top:
        none = escape(_("No actor lies between others."))
        body = f"<p class='muted'>{none}</p>"
    else:
        rows = "".join(
            f"<tr><td>{rank}. {escape(b.name)}</td><td class='value'>{b.betweenness:.3f}</td></tr>"
            for rank, b in enumerate(top, 1)
        )
        body = f"<table width='100%' cellspacing='0'>{rows}</table>"
    heading = escape(_("Brokers (actors that link others)"))
    return f"<h2>{heading}</h2>{body}"
