"""The legend: sector shapes and tie kinds, drawn compactly in a corner of the view.

Three short rows: the sectors in the first column, the tie kinds in the next two, so the
legend takes a strip along the bottom instead of a tall box over the map.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from cluster_designer.model import Sector, TieKind

from .. import style
from .actor_item import shape_for

ROW = 16.0
PAD = 7.0
SWATCH = 24.0
GAP = 5.0
COLUMN_GAP = 12.0
ROWS = 3


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


def _columns() -> list[list[Sector | TieKind]]:
    kinds: list[Sector | TieKind] = list(TieKind)
    columns: list[list[Sector | TieKind]] = [list(Sector)]
    columns.extend(kinds[i : i + ROWS] for i in range(0, len(kinds), ROWS))
    return columns


def _label(entry: Sector | TieKind) -> str:
    return entry.label


def _column_widths() -> list[float]:
    metrics = QFontMetricsF(_font())
    return [
        SWATCH + GAP + max(metrics.horizontalAdvance(_label(e)) for e in column)
        for column in _columns()
    ]


def legend_size() -> tuple[float, float]:
    widths = _column_widths()
    width = sum(widths) + COLUMN_GAP * (len(widths) - 1) + 2 * PAD
    return width, ROW * ROWS + 2 * PAD


def paint_legend(painter: QPainter, top_left: QPointF) -> QRectF:
    """Paint the legend with its top-left corner at `top_left` (painter units ≈ pixels)."""
    width, height = legend_size()
    box = QRectF(top_left, QPointF(top_left.x() + width, top_left.y() + height))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(200, 200, 200), 1))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 5, 5)
    painter.setFont(_font())
    x = box.left() + PAD
    for column, col_width in zip(_columns(), _column_widths(), strict=True):
        y = box.top() + PAD + ROW / 2
        for entry in column:
            if isinstance(entry, Sector):
                _sector(painter, x, y, entry)
            else:
                _tie(painter, x, y, entry)
            _text(painter, x + SWATCH + GAP, y, _label(entry))
            y += ROW
        x += col_width + COLUMN_GAP
    painter.restore()
    return box


def _sector(painter: QPainter, x: float, y: float, sector: Sector) -> None:
    sec = style.SECTOR_STYLES[sector]
    painter.save()
    painter.translate(x + SWATCH / 2, y)
    painter.setPen(QPen(sec.outline, 1.2))
    painter.setBrush(sec.fill)
    painter.drawPath(shape_for(sec.shape, 11))
    painter.restore()


def _tie(painter: QPainter, x: float, y: float, kind: TieKind) -> None:
    pen = style.tie_pen(kind, 2.0)
    painter.setPen(pen)
    end = x + SWATCH - (7 if kind.directed else 0)
    painter.drawLine(QPointF(x, y), QPointF(end, y))
    if kind.directed:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        tip = x + SWATCH
        painter.drawPolygon(
            QPolygonF([QPointF(tip, y), QPointF(tip - 8, y - 4), QPointF(tip - 8, y + 4)])
        )


def _text(painter: QPainter, x: float, y: float, text: str) -> None:
    painter.setPen(style.LABEL_COLOR)
    painter.drawText(
        QRectF(x, y - ROW / 2, 400, ROW),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        text,
    )
