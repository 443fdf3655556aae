"""The legend: sector shapes and tie kinds, drawn in a corner of the view or of a printout."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from cluster_designer.model import Sector, TieKind

from .. import style
from .actor_item import shape_for

ROW = 20.0
PAD = 10.0
SWATCH = 34.0


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(9)
    return font


def legend_size() -> tuple[float, float]:
    metrics = QFontMetricsF(_font())
    labels = [s.label for s in Sector] + [k.label + (" →" if k.directed else "") for k in TieKind]
    width = max(metrics.horizontalAdvance(t) for t in labels) + SWATCH + 3 * PAD
    height = ROW * (len(Sector) + len(TieKind)) + 2 * PAD + 6
    return width, height


def paint_legend(painter: QPainter, top_left: QPointF) -> QRectF:
    """Paint the legend with its top-left corner at `top_left` (painter units ≈ pixels)."""
    width, height = legend_size()
    box = QRectF(top_left, QPointF(top_left.x() + width, top_left.y() + height))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(170, 170, 170), 1))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(_font())
    y = box.top() + PAD + ROW / 2
    x_swatch = box.left() + PAD
    x_text = x_swatch + SWATCH + PAD
    for sector in Sector:
        sec = style.SECTOR_STYLES[sector]
        painter.save()
        painter.translate(x_swatch + SWATCH / 2, y)
        painter.setPen(QPen(sec.outline, 1.2))
        painter.setBrush(sec.fill)
        painter.drawPath(shape_for(sec.shape, 14))
        painter.restore()
        _text(painter, x_text, y, sector.label)
        y += ROW
    y += 6
    for kind in TieKind:
        pen = style.tie_pen(kind, 2.0)
        painter.setPen(pen)
        end = x_swatch + SWATCH - (7 if kind.directed else 0)
        painter.drawLine(QPointF(x_swatch, y), QPointF(end, y))
        if kind.directed:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pen.color())
            tip = x_swatch + SWATCH
            painter.drawPolygon(QPolygonF([QPointF(tip, y), QPointF(tip - 9, y - 4.5), QPointF(tip - 9, y + 4.5)]))
        _text(painter, x_text, y, kind.label)
        y += ROW
    painter.restore()
    return box


def _text(painter: QPainter, x: float, y: float, text: str) -> None:
    painter.setPen(style.LABEL_COLOR)
    painter.drawText(QRectF(x, y - ROW / 2, 400, ROW), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
