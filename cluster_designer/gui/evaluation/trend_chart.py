"""The Trend chart: chosen metrics across the project's timeline, painted with QPainter.

One band per metric, stacked, sharing the years along the bottom: a density, a count and a
share do not share a scale, so each band has its own (from 0, or from the lowest value when
it goes below 0). Each point carries its value; every design is named under its point, with
its year. One paint function draws the screen, the PNG, the SVG and the printed page, so
they always agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator

from cluster_designer.analysis.trend import TrendPoint
from cluster_designer.i18n import _
from cluster_designer.io.files import atomic_write_bytes

from ..printing.export import ExportError, buffer_bytes, memory_file
from .formatting import format_value, label

# Okabe–Ito colours: told apart by people with any common colour vision.
LINE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
INK = QColor(30, 30, 30)
MUTED = QColor(95, 99, 104)
GRID = QColor(225, 225, 225)
TREND_SUFFIXES = (".png", ".svg")
EXPORT_WIDTH = 1100  # px at 96 dpi; the height follows the number of bands
BAND_MIN = 120.0
SAME_YEAR_GAP = 34.0  # px between designs of one year
NAME_ROOM = 90.0  # px left of the first design for its slanted name
NAME_SLANT = 35.0  # degrees
NAME_LENGTH = 210.0  # px: longer "year · name" texts are cut with "…"


@dataclass(frozen=True, slots=True)
class TrendFigure:
    """What the chart shows: the points (oldest first) and the metrics, one band each."""

    points: tuple[TrendPoint, ...]
    metrics: tuple[str, ...]
    title: str = ""


def font(points: float, bold: bool = False) -> QFont:
    """A font sized in the chart's own units (px at 96 dpi), so the painter's scale sizes it
    alike on screen, in a PNG, an SVG and on paper, whatever the device's resolution."""
    f = QFont()
    f.setPixelSize(max(1, round(points * 96 / 72)))
    f.setBold(bold)
    return f


def preferred_height(figure: TrendFigure, width: float) -> float:
    """Tall enough for every band at a readable size."""
    return 60.0 + 110.0 + max(1, len(figure.metrics)) * (BAND_MIN + 14)


def x_positions(points: Sequence[TrendPoint], left: float, right: float) -> list[float]:
    """Each design's x: its year on a linear scale; designs of one year side by side."""
    if not points:
        return []
    years = [p.year for p in points]
    low, high = min(years), max(years)
    same = {y: [i for i, p in enumerate(points) if p.year == y] for y in set(years)}
    widest = max(len(v) for v in same.values())
    pad = SAME_YEAR_GAP * (widest - 1) / 2 + 24
    # the names under the chart slant down to the left: room for the first one's
    inner_left, inner_right = left + pad + NAME_ROOM, right - pad
    xs = []
    for i, point in enumerate(points):
        if high == low:
            centre = (inner_left + inner_right) / 2
        else:
            centre = inner_left + (point.year - low) / (high - low) * (inner_right - inner_left)
        group = same[point.year]
        offset = group.index(i) - (len(group) - 1) / 2
        xs.append(centre + offset * SAME_YEAR_GAP)
    return xs


def _range(values: Sequence[float]) -> tuple[float, float]:
    low = min(0.0, *values)
    high = max(values)
    if high - low < 1e-12:
        high = low + 1.0
    return low, high + (high - low) * 0.15


def paint_trend(painter: QPainter, area: QRectF, figure: TrendFigure, scale: float = 1.0) -> None:
    """Draw the figure into `area` (units: px at 96 dpi times `scale`)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = scale
    top = area.top()
    if figure.title:
        painter.setFont(font(12, bold=True))
        painter.setPen(INK)
        painter.drawText(
            QRectF(area.left(), top, area.width(), 26 * s),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            figure.title,
        )
        top += 32 * s
    points = figure.points
    names_height = (NAME_LENGTH * math.sin(math.radians(NAME_SLANT)) + 16) * s
    value_font = font(8)
    axis_font = font(8)
    painter.setFont(axis_font)
    label_width = 64 * s
    left = area.left() + label_width
    right = area.right() - 12 * s
    xs = x_positions(points, left, right)
    bands = figure.metrics
    band_area = QRectF(left, top, right - left, area.bottom() - names_height - top)
    band_h = band_area.height() / max(1, len(bands))
    for b, key in enumerate(bands):
        band = QRectF(left, band_area.top() + b * band_h, right - left, band_h - 14 * s)
        color = QColor(LINE_COLORS[b % len(LINE_COLORS)])
        _paint_band(painter, band, key, points, xs, color, s, value_font, axis_font)
    # the years and names under the last band
    painter.setPen(INK)
    base = band_area.bottom()
    name_font = font(8.5, bold=True)
    name_metrics = QFontMetricsF(name_font)
    slant = math.cos(math.radians(NAME_SLANT))
    for x, point in zip(xs, points, strict=True):
        painter.setPen(QPen(GRID, 1 * s))
        painter.drawLine(QPointF(x, band_area.top()), QPointF(x, base - 8 * s))
        painter.setPen(INK)
        painter.setFont(name_font)
        painter.save()
        painter.translate(x, base)
        painter.rotate(-NAME_SLANT)
        # never past the left edge: the text may run as far as the edge allows
        room = min(NAME_LENGTH, (x - area.left()) / slant - 6 * s)
        text = f"{point.year} · {point.name}"
        elided = name_metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 20 * s))
        painter.drawText(QPointF(-name_metrics.horizontalAdvance(elided) - 4 * s, 4 * s), elided)
        painter.restore()
    painter.restore()


def _paint_band(
    painter: QPainter,
    band: QRectF,
    key: str,
    points: Sequence[TrendPoint],
    xs: Sequence[float],
    color: QColor,
    s: float,
    value_font: QFont,
    axis_font: QFont,
) -> None:
    title_h = 18 * s
    painter.setFont(font(9, bold=True))
    painter.setPen(color.darker(115))
    painter.drawText(
        QRectF(band.left(), band.top(), band.width(), title_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        label(key),
    )
    plot = QRectF(band.left(), band.top() + title_h + 16 * s, band.width(), 0)
    plot.setBottom(band.bottom())
    values = [p.metrics.get(key) for p in points]
    known = [float(v) for v in values if v is not None]
    low, high = _range(known) if known else (0.0, 1.0)

    def y_of(v: float) -> float:
        return plot.bottom() - (v - low) / (high - low) * plot.height()

    # frame: the zero line and the top of the scale, with their values on the left
    painter.setFont(axis_font)
    marks = [low] + ([max(known)] if known and max(known) > low else [])
    for v in marks:
        y = y_of(v)
        painter.setPen(QPen(GRID, 1 * s))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(plot.left() - 62 * s, y - 9 * s, 56 * s, 18 * s),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            format_value(key, _tidy(key, v)),
        )
    # the line, broken where a design has no value
    pen = QPen(color, 2.2 * s)
    painter.setPen(pen)
    path = QPainterPath()
    started = False
    for x, value in zip(xs, values, strict=True):
        if value is None:
            started = False
            continue
        point = QPointF(x, y_of(float(value)))
        if started:
            path.lineTo(point)
        else:
            path.moveTo(point)
            started = True
    painter.drawPath(path)
    painter.setFont(value_font)
    below = _staggered(points)
    for x, shown, under in zip(xs, values, below, strict=True):
        if shown is None:
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(x - 30 * s, plot.bottom() - 16 * s, 60 * s, 16 * s),
                int(Qt.AlignmentFlag.AlignCenter),
                format_value(key, None),
            )
            continue
        point = QPointF(x, y_of(float(shown)))
        painter.setPen(QPen(QColor("white"), 1.5 * s))
        painter.setBrush(color)
        painter.drawEllipse(point, 4.5 * s, 4.5 * s)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(INK)
        # designs of one year sit close together: every other value goes under its point
        box = QRectF(x - 40 * s, point.y() + (6 if under else -22) * s, 80 * s, 16 * s)
        align = Qt.AlignmentFlag.AlignTop if under else Qt.AlignmentFlag.AlignBottom
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | align), format_value(key, shown))


def _staggered(points: Sequence[TrendPoint]) -> list[bool]:
    """Whether each point's value is written under it: every second design of a year."""
    seen: dict[int, int] = {}
    under = []
    for p in points:
        under.append(seen.get(p.year, 0) % 2 == 1)
        seen[p.year] = seen.get(p.year, 0) + 1
    return under


def _tidy(key: str, value: float) -> float | int:
    """A scale value as the metric's own kind: counts stay whole."""
    return round(value) if float(value).is_integer() else value


# --- files --------------------------------------------------------------------------------


def export_trend(figure: TrendFigure, path: str | Path) -> Path:
    """Write the chart as .png (2× for sharp print) or .svg, replacing the file in one step."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TREND_SUFFIXES:
        raise ExportError(
            _("{name}: the trend chart is written as {formats}, not {suffix}").format(
                name=path.name, formats=", ".join(TREND_SUFFIXES), suffix=suffix or _("no suffix")
            )
        )
    if not path.parent.is_dir():
        raise ExportError(
            _("{path}: the folder {folder} does not exist").format(path=path, folder=path.parent)
        )
    size = QSizeF(EXPORT_WIDTH, preferred_height(figure, EXPORT_WIDTH))
    data = _png(figure, size) if suffix == ".png" else _svg(figure, size)
    if not data:
        raise ExportError(_("{path}: the file could not be written").format(path=path))
    atomic_write_bytes(path, data)
    return path


def _png(figure: TrendFigure, size: QSizeF, factor: int = 2) -> bytes:
    image = QImage(
        round(size.width() * factor),
        round(size.height() * factor),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    dpm = round(96 * factor / 0.0254)  # the picture's size on paper: 96 dpi before the 2×
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(factor, factor)
        paint_trend(painter, QRectF(16, 12, size.width() - 32, size.height() - 24), figure)
    finally:
        painter.end()
    buffer = memory_file()
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return buffer_bytes(buffer)


def _svg(figure: TrendFigure, size: QSizeF) -> bytes:
    buffer = memory_file()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    whole = QSize(round(size.width()), round(size.height()))
    generator.setSize(whole)
    generator.setViewBox(QRectF(0, 0, whole.width(), whole.height()))
    generator.setTitle(figure.title)
    generator.setDescription(_("Trend of metrics across the timeline, drawn by Cluster Designer"))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, whole.width(), whole.height()), QColor("white"))
        paint_trend(painter, QRectF(16, 12, size.width() - 32, size.height() - 24), figure)
    finally:
        painter.end()
    return buffer_bytes(buffer)
