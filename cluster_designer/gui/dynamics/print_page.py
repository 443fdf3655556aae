"""The region's dynamics on the printed metrics page: brokerage roles, the chain reaction per
round, the resilience curve (drawn as an image) and, when the Suggest tab has them, the
suggested ties. Everything comes from the evaluation the page already uses, so printing
computes nothing on the window's thread."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter, QPen, QPolygonF

from cluster_designer.analysis.brokerage import ROLES
from cluster_designer.analysis.dynamics_summary import DynamicsSummary
from cluster_designer.analysis.dynamics_words import (
    gain_sentence,
    goal_label,
    holding_sentence,
    reach_sentence,
    role_label,
)
from cluster_designer.analysis.results import Evaluation
from cluster_designer.analysis.suggest import Suggestions
from cluster_designer.i18n import _, pgettext

CURVE_SIZE = (1200, 420)  # pixels of the curve image; shown about 120 mm wide
CURVE_COLOR = QColor("#08519C")


def dynamics_html(ev: Evaluation, suggestions: Suggestions | None = None) -> str:
    """HTML for the metrics page's part on the dynamics (empty without the figures): roles
    and the chain reaction on the left, the resilience curve and suggestions on the right."""
    d = ev.dynamics
    if d is None:
        return ""
    left = [_h2(_("Brokerage roles, inside and outside the region"))]
    left.append(_roles_table(d))
    left.append(_h2(_("The chain reaction from the universities")))
    left.append(_reach_text(d))
    right = []
    if d.largest_share:
        right.append(_h2(pgettext("dynamics", "Resilience")))
        robustness = "—" if d.robustness is None else f"{d.robustness:.3f}"
        caption = _(
            "Largest connected share of the region as its best-connected actors are removed "
            "one by one (robustness {robustness})."
        ).format(robustness=robustness)
        holding = escape(holding_sentence(d.robustness, d.removals_to_half, d.first_removed_name))
        right.append(
            f"<p>{holding}</p>"
            f"<p><img src='{curve_image(d.largest_share)}' width='440' height='154'><br>"
            f"<span class='muted'>{escape(caption)}</span></p>"
        )
    if suggestions is not None and suggestions.ties and suggestions.design == ev.design:
        right.append(_h2(_("Suggested new ties")))
        goal = escape(
            _("Toward {goal}: {before} now, {after} with all {count} ties.").format(
                goal=goal_label(suggestions.goal),
                before=f"{suggestions.before or 0.0:.3f}",
                after=f"{suggestions.after or 0.0:.3f}",
                count=len(suggestions.ties),
            )
        )
        items = "".join(
            f"<p>{n}. {escape(gain_sentence(suggestions, tie))}</p>"
            for n, tie in enumerate(suggestions.ties, 1)
        )
        right.append(f"<p>{goal}</p>{items}")
    heading = escape(_("The region's dynamics"))
    return (
        f"<h1 style='page-break-before: always'>{heading}</h1>"
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='48%' valign='top'>{''.join(left)}</td><td width='4%'></td>"
        f"<td width='48%' valign='top'>{''.join(right)}</td></tr></table>"
    )


def _h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _roles_table(d: DynamicsSummary) -> str:
    if not d.role_totals:
        return ""
    rows = []
    for n, role in enumerate(ROLES):
        shade = " bgcolor='#F2F5F8'" if n % 2 == 0 else ""
        leaders = pgettext("list separator", "; ").join(d.role_leaders[n]) if d.role_leaders else ""
        rows.append(
            f"<tr{shade}><td width='24%'>{escape(role_label(role))}</td>"
            f"<td width='12%' class='value'>{d.role_totals[n]:,}</td><td width='3%'></td>"
            f"<td width='61%'>{escape(leaders)}</td></tr>"
        )
    role, count, busiest = (
        escape(pgettext("dynamics", "Role")),
        escape(_("Brokerages")),
        escape(_("Busiest actors")),
    )
    head = (
        f"<tr><td><b>{role}</b></td><td class='value'><b>{count}</b></td><td></td>"
        f"<td><b>{busiest}</b></td></tr>"
    )
    return f"<table width='100%' cellspacing='0'>{head}{''.join(rows)}</table>"


def _reach_text(d: DynamicsSummary) -> str:
    if d.spread_seeds == 0 or not d.reach_per_round:
        none = escape(_("The region has no university to start from."))
        return f"<p class='muted'>{none}</p>"
    steps = " · ".join(
        _("round {number}: {reached}").format(number=i, reached=f"{count:,}")
        for i, count in enumerate(d.reach_per_round)
    )
    lead = _("Actors reached by the end of each round (round 0: the universities):")
    reach = reach_sentence(d.region_reached_share, d.spread_rounds)
    return f"<p>{escape(reach)}</p><p>{escape(lead)} {escape(steps)}</p>"


def curve_image(shares: Sequence[float]) -> str:
    """The curve as a PNG data URL for the page's QTextDocument."""
    width, height = CURVE_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(22)
    painter.setFont(font)
    plot = QRectF(90, 20, width - 120, height - 80)
    painter.setPen(QPen(QColor("#7A7A7A"), 2))
    painter.drawRect(plot)
    for value in (0.0, 0.5, 1.0):
        y = plot.bottom() - value * plot.height()
        painter.drawText(
            QRectF(0, y - 14, 80, 28),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{value * 100:.0f}%",
        )
        x = plot.left() + value * plot.width()
        painter.drawText(
            QRectF(x - 60, plot.bottom() + 6, 120, 28),
            Qt.AlignmentFlag.AlignCenter,
            f"{value * 100:.0f}%",
        )
    half = plot.bottom() - 0.5 * plot.height()
    painter.setPen(QPen(QColor("#AAAAAA"), 2, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(plot.left(), half), QPointF(plot.right(), half))
    n = len(shares) - 1
    if n > 0:
        points = QPolygonF(
            [
                QPointF(plot.left() + q / n * plot.width(), plot.bottom() - s * plot.height())
                for q, s in enumerate(shares)
            ]
        )
        painter.setPen(QPen(CURVE_COLOR, 5))
        painter.drawPolyline(points)
    painter.setPen(QColor("#4A4A4A"))
    painter.drawText(
        QRectF(plot.left(), height - 30, plot.width(), 28),
        Qt.AlignmentFlag.AlignCenter,
        _("Region actors removed (share)"),
    )
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    return "data:image/png;base64," + bytes(data.toBase64().data()).decode("ascii")
