"""The concept figure's sides: the Domestic and Overseas boxes with an arrow into the region
for each kind of tie that brings something in (its count and summed weight written above
it), and the outflows apart below, with hollow heads. Each kind keeps its colour and dash
pattern, so the arrows stay apart in grey.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF

from cluster_designer.analysis.concept import Flow
from cluster_designer.i18n import _, ngettext
from cluster_designer.model import TieKind

from .. import style
from .sheet import CAPTION, INK, font_metrics

if TYPE_CHECKING:
    from .concept_figure import ConceptFigure

SIDE_EDGE = QColor(165, 165, 165)


def weight_text(kind: str, weight: float) -> str:
    """'340 million yen a year': a summed weight in the unit of its kind."""
    number = f"{weight:,.0f}" if float(weight).is_integer() else f"{weight:,.1f}"
    return _("{number} {unit}").format(number=number, unit=TieKind(kind).unit)


class ConceptSides:
    """Paints one figure's two sides with its fonts and its scale."""

    def __init__(self, figure: ConceptFigure) -> None:
        self.figure = figure

    def paint(self, painter: QPainter, side: str, zone: QRectF, region: QRectF) -> None:
        """The outside world on one side: its actors, and arrows in (and out) by kind."""
        mm = self.figure.mm
        left = side == "domestic"
        gap = 3 * mm
        box = zone.adjusted(0, 0, -gap, 0) if left else zone.adjusted(gap, 0, 0, 0)
        painter.setPen(QPen(SIDE_EDGE, 0.3 * mm, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(250, 250, 250))
        painter.drawRoundedRect(box, 2 * mm, 2 * mm)
        title_font, small = self.figure.font(8.0, True), self.figure.font(7.0)
        title = _("Domestic") if left else _("Overseas")
        count = self.figure.summary.outside[side]
        inner = box.adjusted(2 * mm, 1.5 * mm, -2 * mm, -1.5 * mm)
        y = inner.top()
        for text, font, colour in (
            (title, title_font, style.OUTSIDE_LABEL),
            (ngettext("{n} actor", "{n} actors", count).format(n=count), small, CAPTION),
        ):
            painter.setFont(font)
            painter.setPen(colour)
            h = self.figure.line_height(painter, font)
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += h
        inflows = [f for f in self.figure.summary.inflows if f.side == side and f.count]
        outflows = [f for f in self.figure.summary.outflows if f.side == side and f.count]
        start_x = inner.left() if left else inner.right()
        edge_x = region.left() if left else region.right()
        caption_font = self.figure.font(7.0, True)
        caption_h = self.figure.line_height(painter, caption_font)
        top = y + 3 * mm
        rows = [(f, True) for f in inflows] + [(f, False) for f in outflows]
        available = inner.bottom() - top - caption_h * (1 + bool(outflows)) - gap
        needed = sum(self._flow_height(painter, f, inner.width()) for f, _i in rows)
        after = 1.8 * mm if needed <= available else 0.6 * mm  # closer rows when crowded
        headings = {0: _("INFLOWS") if inflows else _("NO INFLOWS")}
        if outflows:
            headings[len(inflows)] = _("OUTFLOWS")
        y = top
        for index, (flow, inward) in enumerate([*rows, (None, True)]):
            if index in headings:
                if index:
                    y += gap
                painter.setFont(caption_font)
                painter.setPen(CAPTION)
                painter.drawText(
                    QRectF(inner.left(), y, inner.width(), caption_h),
                    (Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter,
                    headings[index],
                )
                y += caption_h + 0.5 * mm
            if flow is None:
                break
            y = self._paint_flow(painter, flow, inward, y, start_x, edge_x, left, inner, after)

    def _arrow_room(self, count: int) -> float:
        """The height an arrow takes: its head is wider than its shaft."""
        width = self._arrow_width(count)
        return max(width, 2 * max(1.3 * self.figure.mm, width * 1.1))

    def _arrow_width(self, count: int) -> float:
        return max(0.6 * self.figure.mm, 4.5 * self.figure.mm * count / self.figure.scale.flow)

    def _flow_lines(
        self, painter: QPainter, flow: Flow, width: float
    ) -> list[tuple[str, QFont, QColor]]:
        """The kind in bold, then its count and weight: on one line when they fit."""
        bold, small = self.figure.font(7.0, True), self.figure.font(7.0)
        ties = ngettext("{n} tie", "{n} ties", flow.count).format(n=flow.count)
        weight = weight_text(flow.kind, flow.weight)
        both = _("{ties} · {weight}").format(ties=ties, weight=weight)
        lines = [(TieKind(flow.kind).label, bold, INK)]
        if font_metrics(small, painter.device()).horizontalAdvance(both) <= width:
            lines.append((both, small, CAPTION))
        else:
            lines += [(ties, small, CAPTION), (weight, small, CAPTION)]
        return lines

    def _wrapped_height(self, painter: QPainter, text: str, font: QFont, width: float) -> float:
        return (
            font_metrics(font, painter.device())
            .boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
            .height()
        )

    def _flow_height(self, painter: QPainter, flow: Flow, width: float) -> float:
        lines = self._flow_lines(painter, flow, width)
        text = sum(self._wrapped_height(painter, t, font, width) for t, font, _c in lines)
        return text + self._arrow_room(flow.count) + 2.1 * self.figure.mm

    def _paint_flow(
        self,
        painter: QPainter,
        flow: Flow,
        inward: bool,
        y: float,
        start_x: float,
        edge_x: float,
        left: bool,
        zone: QRectF,
        after: float,
    ) -> float:
        mm = self.figure.mm
        kind = TieKind(flow.kind)
        align = Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight
        for text, font, colour in self._flow_lines(painter, flow, zone.width()):
            painter.setFont(font)
            painter.setPen(colour)
            h = self._wrapped_height(painter, text, font, zone.width())
            painter.drawText(
                QRectF(zone.left(), y, zone.width(), h),
                int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
                text,
            )
            y += h
        width = self._arrow_width(flow.count)
        head = self._arrow_room(flow.count)
        line_y = y + head / 2 + 0.3 * mm
        a, b = (QPointF(start_x, line_y), QPointF(edge_x, line_y))
        if not inward:
            a, b = b, a
        paint_arrow(painter, a, b, kind, width, mm, hollow=not inward)
        return line_y + head / 2 + after


def paint_arrow(
    painter: QPainter,
    a: QPointF,
    b: QPointF,
    kind: TieKind,
    width: float,
    mm: float,
    hollow: bool = False,
) -> None:
    """A thick arrow a → b in the kind's colour and dash pattern (readable in grey too)."""
    head_len = max(2.2 * mm, width * 1.6)
    head_half = max(1.3 * mm, width * 1.1)
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base = QPointF(b.x() - ux * head_len, b.y() - uy * head_len)
    pen = style.tie_pen(kind, width)
    if hollow:
        faded = QColor(pen.color())
        faded.setAlpha(170)
        pen.setColor(faded)
    painter.save()
    painter.setPen(pen)
    painter.drawLine(a, base)
    nx, ny = -uy, ux
    head = QPolygonF(
        [
            b,
            QPointF(base.x() + nx * head_half, base.y() + ny * head_half),
            QPointF(base.x() - nx * head_half, base.y() - ny * head_half),
        ]
    )
    colour = style.TIE_STYLES[kind].color
    if hollow:
        painter.setPen(QPen(colour, 0.35 * mm))
        painter.setBrush(QColor("white"))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    painter.drawPolygon(head)
    painter.restore()
