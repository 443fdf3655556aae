"""The parts of a printed sheet: fonts, the framed title block, the legend and the diagram frame.

All painters work in device pixels; `mm` is pixels per millimetre and fonts are set in points,
so the same code gives the same physical look on a printer, a PDF, an SVG and a PNG.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QPaintDevice,
    QPainter,
    QPen,
    QPolygonF,
)

from cluster_designer.i18n import _, format_date
from cluster_designer.model import Design, Sector, TieKind

from .. import style
from ..canvas.actor_item import shape_for
from ..canvas.legend import SWATCH as CANVAS_SWATCH
from ..canvas.legend import LegendNote, paint_note

FALLBACK_FAMILIES = (
    "Noto Sans",
    "DejaVu Sans",
    "Noto Sans CJK JP",
    "Yu Gothic",
    "Meiryo",
    "Hiragino Sans",
)
INK = QColor("#1E1E1E")
CAPTION = QColor("#6B6B6B")
RULE = QColor("#4A4A4A")
APP_NAME = "Cluster Designer"


def print_font(points: float, bold: bool = False) -> QFont:
    """A font whose family list falls back to Japanese faces, so 静岡大学 never prints as boxes.

    The list starts with the family the window's font really is (a generic name such as
    "Sans Serif" is passed over in a family list). Latin text is not set in a CJK face: Qt
    writes no text for the digits such a face gives Latin runs, so a PDF's figures could not
    be copied or searched.
    """
    font = QFont(QGuiApplication.font())
    first = _latin_family(font.family())
    families = [*first, *(f for f in FALLBACK_FAMILIES if f not in first)]
    font.setFamilies(families)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@functools.lru_cache(maxsize=8)
def _latin_family(family: str) -> tuple[str, ...]:
    resolved = QFontInfo(QFont(family)).family()
    return () if not resolved or "CJK" in resolved else (resolved,)


def font_metrics(font: QFont, device: QPaintDevice) -> QFontMetricsF:
    return QFontMetricsF(font, device)


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """The texts of the title block."""

    design_name: str
    region: str = ""
    author: str = ""
    note: str = ""
    date: str = field(default_factory=lambda: format_date(dt.date.today()))

    @classmethod
    def for_design(cls, design: Design, author: str = "", note: str = "") -> SheetInfo:
        return cls(design.name, design.region, author.strip(), note.strip())


# --- title block ---------------------------------------------------------------------------
TITLE_WIDTH_MM = 128.0
NAME_ROW_MM = 13.0
ROW_MM = 9.0


def title_block_size(info: SheetInfo, mm: float, max_width: float) -> tuple[float, float]:
    rows = NAME_ROW_MM + ROW_MM + (ROW_MM if info.author or info.note else 0.0)
    return min(TITLE_WIDTH_MM * mm, max_width), rows * mm


def paint_title_block(
    painter: QPainter, rect: QRectF, info: SheetInfo, page_text: str, mm: float
) -> None:
    """A framed block like an engineering drawing's: name, region, date, page, author, note."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    thin, thick = QPen(RULE, 0.2 * mm), QPen(RULE, 0.45 * mm)
    painter.setBrush(QColor("white"))
    painter.setPen(thick)
    painter.drawRect(rect)
    w = rect.width()
    name_row = QRectF(rect.left(), rect.top(), w, NAME_ROW_MM * mm)
    brand_w = min(30 * mm, w * 0.28)
    _cell(
        painter,
        QRectF(name_row.left(), name_row.top(), w - brand_w, name_row.height()),
        _("Design"),
        info.design_name,
        mm,
        value_points=13.0,
        bold=True,
    )
    _cell(
        painter,
        QRectF(name_row.right() - brand_w, name_row.top(), brand_w, name_row.height()),
        _("Drawn with"),
        APP_NAME,
        mm,
        value_points=7.5,
    )
    y = name_row.bottom()
    widths = (w * 0.46, w * 0.26, w * 0.28)
    x = rect.left()
    cells = (
        (_("Region"), info.region or "—"),
        (_("Date"), info.date),
        (_("Sheet"), page_text),
    )
    for (caption, value), width in zip(cells, widths, strict=True):
        _cell(painter, QRectF(x, y, width, ROW_MM * mm), caption, value, mm)
        x += width
    lines = [
        (name_row.right() - brand_w, name_row.top(), name_row.bottom()),
        (rect.left() + widths[0], y, y + ROW_MM * mm),
        (rect.left() + widths[0] + widths[1], y, y + ROW_MM * mm),
    ]
    rows = [y]
    if info.author or info.note:
        y += ROW_MM * mm
        rows.append(y)
        _cell(
            painter,
            QRectF(rect.left(), y, widths[0], ROW_MM * mm),
            _("Prepared by"),
            info.author or "—",
            mm,
        )
        _cell(
            painter,
            QRectF(rect.left() + widths[0], y, w - widths[0], ROW_MM * mm),
            _("Note"),
            info.note or "—",
            mm,
        )
        lines.append((rect.left() + widths[0], y, y + ROW_MM * mm))
    painter.setPen(thin)
    for ry in rows:
        painter.drawLine(QPointF(rect.left(), ry), QPointF(rect.right(), ry))
    for lx, top, bottom in lines:
        painter.drawLine(QPointF(lx, top), QPointF(lx, bottom))
    painter.restore()


MIN_VALUE_POINTS = 6.0


def _cell(
    painter: QPainter,
    rect: QRectF,
    caption: str,
    value: str,
    mm: float,
    value_points: float = 9.0,
    bold: bool = False,
) -> None:
    inner = rect.adjusted(1.8 * mm, 1.0 * mm, -1.8 * mm, -0.8 * mm)
    cap_font = print_font(5.5)
    painter.setFont(cap_font)
    painter.setPen(CAPTION)
    cap_h = font_metrics(cap_font, painter.device()).height()
    painter.drawText(
        QRectF(inner.left(), inner.top(), inner.width(), cap_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        caption.upper(),
    )
    points = value_points
    font = print_font(points, bold)
    metrics = font_metrics(font, painter.device())
    while metrics.horizontalAdvance(value) > inner.width() and points > MIN_VALUE_POINTS:
        points = max(MIN_VALUE_POINTS, points - 0.5)  # shrink before shortening: names matter
        font = print_font(points, bold)
        metrics = font_metrics(font, painter.device())
    text = metrics.elidedText(value, Qt.TextElideMode.ElideRight, inner.width())
    painter.setFont(font)
    painter.setPen(INK)
    value_rect = QRectF(inner.left(), inner.top() + cap_h, inner.width(), inner.height() - cap_h)
    painter.drawText(value_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


# --- legend --------------------------------------------------------------------------------
LEGEND_POINTS = 7.5
LEGEND_HEADING_POINTS = 7.0  # nothing on a map page is set smaller
LEGEND_ROW_MM = 5.2
SWATCH_MM = 9.0
LEGEND_PAD_MM = 2.5


def legend_entries(notes: Sequence[LegendNote] = ()) -> list[str]:
    """The legend's labels in order: sectors, tie kinds, then the groups and origins shown."""
    return [s.label for s in Sector] + [k.label for k in TieKind] + [n.text for n in notes]


def _legend_column_width(device: QPaintDevice, mm: float, notes: Sequence[LegendNote]) -> float:
    metrics = font_metrics(print_font(LEGEND_POINTS), device)
    text = max(metrics.horizontalAdvance(t) for t in legend_entries(notes))
    return SWATCH_MM * mm + 2 * mm + text + 4 * mm


def legend_size(
    device: QPaintDevice, mm: float, max_width: float, notes: Sequence[LegendNote] = ()
) -> tuple[float, float] | None:
    """Width and height of the legend laid out in as many columns as fit; None if two don't.

    `notes` are the canvas legend's lines for what the design shows (groups, origins:
    `canvas.legend.feature_notes`); they follow the tie kinds."""
    col = _legend_column_width(device, mm, notes)
    columns = int((max_width - 2 * LEGEND_PAD_MM * mm) // col)
    if columns < 2:
        return None
    rows = _legend_rows(columns, len(notes))
    heading = font_metrics(print_font(LEGEND_HEADING_POINTS, True), device).height() + 1.0 * mm
    used = min(columns, 1 + -(-(len(TieKind) + len(notes)) // rows))
    return (
        used * col + 2 * LEGEND_PAD_MM * mm,
        rows * LEGEND_ROW_MM * mm + heading + 2 * LEGEND_PAD_MM * mm,
    )


def _legend_rows(columns: int, extra: int = 0) -> int:
    """Sectors fill the first column; tie kinds and `extra` lines share the others with at
    least as many rows."""
    return max(len(Sector), -(-(len(TieKind) + extra) // (columns - 1)))


def paint_legend(
    painter: QPainter, rect: QRectF, mm: float, notes: Sequence[LegendNote] = ()
) -> None:
    """Sector shapes, then tie kinds with their line styles and arrowheads for directed kinds,
    then `notes` (groups, origins) drawn as the canvas legend draws them."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(170, 170, 170), 0.2 * mm))
    painter.setBrush(QColor("white"))
    painter.drawRect(rect)
    col = _legend_column_width(painter.device(), mm, notes)
    columns = max(2, int((rect.width() - 2 * LEGEND_PAD_MM * mm + 1) // col))
    rows = _legend_rows(columns, len(notes))
    heading_font = print_font(LEGEND_HEADING_POINTS, True)
    painter.setFont(heading_font)
    painter.setPen(CAPTION)
    left, top = rect.left() + LEGEND_PAD_MM * mm, rect.top() + LEGEND_PAD_MM * mm
    heading_h = font_metrics(heading_font, painter.device()).height()
    painter.drawText(
        QRectF(left, top, rect.width(), heading_h), Qt.AlignmentFlag.AlignLeft, _("LEGEND")
    )
    top += heading_h + 1.0 * mm
    row_h = LEGEND_ROW_MM * mm
    for i, sector in enumerate(Sector):
        _sector_swatch(painter, QPointF(left, top + (i + 0.5) * row_h), sector, mm)
    others: list[TieKind | LegendNote] = [*TieKind, *notes]
    for i, entry in enumerate(others):
        column, row = 1 + i // rows, i % rows
        at = QPointF(left + column * col, top + (row + 0.5) * row_h)
        if isinstance(entry, LegendNote):
            _note_swatch(painter, at, entry, mm)
        else:
            _tie_swatch(painter, at, entry, mm)
    painter.restore()


def _note_swatch(painter: QPainter, at: QPointF, note: LegendNote, mm: float) -> None:
    """The canvas legend's swatch for `note`, scaled to the printed swatch width."""
    painter.save()
    painter.translate(at)
    scale = SWATCH_MM * mm / CANVAS_SWATCH
    painter.scale(scale, scale)
    paint_note(painter, 0, 0, note)
    painter.restore()
    _legend_text(painter, at, note.text, mm)


def _sector_swatch(painter: QPainter, at: QPointF, sector: Sector, mm: float) -> None:
    sec = style.SECTOR_STYLES[sector]
    painter.save()
    painter.translate(at.x() + SWATCH_MM * mm / 2, at.y())
    size = 3.6 * mm
    painter.scale(size / 14, size / 14)
    painter.setPen(QPen(sec.outline, 1.2))
    painter.setBrush(sec.fill)
    painter.drawPath(shape_for(sec.shape, 14))
    painter.restore()
    _legend_text(painter, at, sector.label, mm)


def _tie_swatch(painter: QPainter, at: QPointF, kind: TieKind, mm: float) -> None:
    painter.save()
    pen = style.tie_pen(kind, 0.55 * mm)
    painter.setPen(pen)
    x0, x1, y = at.x(), at.x() + SWATCH_MM * mm, at.y()
    head = 2.2 * mm
    painter.drawLine(QPointF(x0, y), QPointF(x1 - (head if kind.directed else 0), y))
    if kind.directed:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        tip = [QPointF(x1, y), QPointF(x1 - head, y - head / 2), QPointF(x1 - head, y + head / 2)]
        painter.drawPolygon(QPolygonF(tip))
    painter.restore()
    _legend_text(painter, at, kind.label, mm)


def _legend_text(painter: QPainter, at: QPointF, text: str, mm: float) -> None:
    painter.setFont(print_font(LEGEND_POINTS))
    painter.setPen(INK)
    box = QRectF(
        at.x() + SWATCH_MM * mm + 2 * mm,
        at.y() - LEGEND_ROW_MM * mm / 2,
        80 * mm,
        LEGEND_ROW_MM * mm,
    )
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


# --- diagram -------------------------------------------------------------------------------
def fit_rect(source: QRectF, target: QRectF) -> QRectF:
    """`source`'s aspect ratio scaled to fit `target`, centred in it."""
    if source.width() <= 0 or source.height() <= 0:
        return QRectF(target)
    scale = min(target.width() / source.width(), target.height() / source.height())
    w, h = source.width() * scale, source.height() * scale
    return QRectF(target.center().x() - w / 2, target.center().y() - h / 2, w, h)


def paint_frame(painter: QPainter, rect: QRectF, mm: float) -> None:
    painter.save()
    painter.setPen(QPen(RULE, 0.3 * mm))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()
