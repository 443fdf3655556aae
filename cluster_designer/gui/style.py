"""Colours, shapes and line styles: one place, shared by canvas, legend, icons and print.

Colours come from the Okabe–Ito palette (readable by colour-blind users); every sector also
has its own shape and every tie kind its own dash pattern (solid, short dashes, long dashes,
dots, dash-dot) and the directed kinds an arrowhead, so a grey-scale print stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from cluster_designer.model import Location, Sector, TieKind


class Shape(Enum):
    CIRCLE = "circle"
    ROUNDED_SQUARE = "rounded_square"
    DIAMOND = "diamond"


@dataclass(frozen=True)
class SectorStyle:
    fill: QColor
    outline: QColor
    shape: Shape


@dataclass(frozen=True)
class TieStyle:
    color: QColor
    pen_style: Qt.PenStyle
    dash_pattern: tuple[float, ...] | None  # custom dashes in line widths, None = pen_style


SECTOR_STYLES: dict[Sector, SectorStyle] = {
    Sector.UNIVERSITY: SectorStyle(QColor("#0072B2"), QColor("#00476F"), Shape.CIRCLE),
    Sector.COMPANY: SectorStyle(QColor("#E69F00"), QColor("#8F6300"), Shape.ROUNDED_SQUARE),
    Sector.SUPPORT: SectorStyle(QColor("#009E73"), QColor("#005C43"), Shape.DIAMOND),
}

TIE_STYLES: dict[TieKind, TieStyle] = {
    TieKind.COLLABORATION: TieStyle(QColor("#4D4D4D"), Qt.PenStyle.SolidLine, None),
    TieKind.INFORMATION: TieStyle(QColor("#3A9BD9"), Qt.PenStyle.DashLine, (5.0, 3.0)),
    TieKind.FUNDING: TieStyle(QColor("#D55E00"), Qt.PenStyle.DashLine, (9.0, 2.5)),
    TieKind.HUMAN_RESOURCES: TieStyle(QColor("#CC79A7"), Qt.PenStyle.DotLine, (1.5, 2.5)),
    TieKind.TECHNOLOGY_TRANSFER: TieStyle(
        QColor("#6A3D9A"), Qt.PenStyle.DashDotLine, (6.0, 2.5, 1.5, 2.5)
    ),
}

# The region area and outside zones.
REGION_FILL = QColor(236, 242, 248)
REGION_OUTLINE = QColor(120, 144, 170)
REGION_LABEL = QColor(70, 90, 115)
OUTSIDE_LABEL = QColor(120, 120, 120)
LOCATION_BADGE: dict[Location, str] = {
    Location.REGION: "",
    Location.DOMESTIC: "D",
    Location.OVERSEAS: "O",
}

SELECTION_COLOR = QColor("#1F6FEB")
HIGHLIGHT_COLOR = QColor("#C2185B")  # brokers, isolates, compare marks: a ring around the shape
HIGHLIGHT_HALO = QColor(194, 24, 91, 45)
SELECTION_HALO = QColor(31, 111, 235, 60)
HOVER_COLOR = QColor(31, 111, 235, 150)
LABEL_COLOR = QColor("#1E1E1E")
LABEL_BACKGROUND = QColor(255, 255, 255, 215)
CANVAS_BACKGROUND = QColor("#FBFBFA")
GRID_COLOR = QColor(225, 225, 222)

ACTOR_SIZE = 28.0  # the shape's width and height in scene units at zoom 1
GRID_STEP = 20.0


def tie_width(weight: float, max_weight: float) -> float:
    """Line width 1–5 growing with weight relative to the heaviest tie of that kind."""
    if max_weight <= 0:
        return 1.5
    return 1.0 + 4.0 * min(1.0, weight / max_weight) ** 0.5


def shape_path(shape: Shape, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    if shape is Shape.CIRCLE:
        path.addEllipse(rect)
    elif shape is Shape.ROUNDED_SQUARE:
        r = rect.width() * 0.18
        path.addRoundedRect(rect, r, r)
    else:
        c = rect.center()
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), rect.top()),
                    QPointF(rect.right(), c.y()),
                    QPointF(c.x(), rect.bottom()),
                    QPointF(rect.left(), c.y()),
                    QPointF(c.x(), rect.top()),
                ]
            )
        )
    return path


def sector_icon(sector: Sector, size: int = 32) -> QIcon:
    """The sector's shape and colour as an icon for toolbars, lists and the legend."""
    style = SECTOR_STYLES[sector]
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.14
    p.setPen(QPen(style.outline, max(1.0, size / 20)))
    p.setBrush(style.fill)
    p.drawPath(shape_path(style.shape, QRectF(m, m, size - 2 * m, size - 2 * m)))
    p.end()
    return QIcon(pix)


def tie_pen(kind: TieKind, width: float = 2.0, cosmetic: bool = False) -> QPen:
    style = TIE_STYLES[kind]
    pen = QPen(style.color, width)
    pen.setCosmetic(cosmetic)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if style.dash_pattern is not None:
        pen.setDashPattern(list(style.dash_pattern))
    return pen


def tie_kind_icon(kind: TieKind, size: int = 32) -> QIcon:
    """A short sample of the kind's line (with an arrowhead for directed kinds)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    y = size / 2
    end = size - 3 if not kind.directed else size - 9
    p.setPen(tie_pen(kind, max(2.0, size / 12)))
    p.drawLine(QPointF(3, y), QPointF(end, y))
    if kind.directed:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TIE_STYLES[kind].color)
        p.drawPolygon(
            QPolygonF([QPointF(size - 2, y), QPointF(size - 11, y - 5), QPointF(size - 11, y + 5)])
        )
    p.end()
    return QIcon(pix)
