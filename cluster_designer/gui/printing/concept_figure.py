"""The cluster concept figure: the picture the knowledge-cluster idea is explained with, drawn
from a design's numbers (`cluster_designer.analysis.concept`).

Inside the region box the three sectors, each a shape whose area grows with its actors;
bands between them and loops on them whose width shows the ties (their number or their
density, as chosen); on the Domestic and Overseas sides, arrows into the region for each
kind of tie with its count and summed weight, and the outflows apart below them.

Everything is laid out for the rectangle it is given, in millimetres with fonts in points,
so the same painter serves the window's tab, the printed brief and the SVG/PDF/PNG files;
no text is set below MIN_POINTS. Two designs drawn with one `ConceptScale` (and rectangles
of one size) share every yardstick, so growth from today's map to the plan shows as size.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from cluster_designer.analysis.concept import SECTORS, Band, ConceptSummary
from cluster_designer.analysis.report import format_value
from cluster_designer.i18n import _, ngettext
from cluster_designer.model import SUBTYPE_SUGGESTIONS, Sector

from .. import style
from .concept_sides import ConceptSides
from .sheet import CAPTION, INK, font_metrics, print_font

MIN_POINTS = 7.0
WIDTH_BY = ("ties", "density")

BAND_COLOR = QColor(96, 120, 146)
BAND_ZERO = QColor(150, 150, 150)
REGION_FILL = QColor(240, 245, 250)
REGION_EDGE = QColor(120, 144, 170)
PILL = QColor(255, 255, 255, 235)

# Where the sectors sit in the region box (fractions of its inner area), the direction their
# loop points to (degrees, counter-clockwise from east) and where their label goes.
PLACES: dict[str, tuple[float, float, float, str]] = {
    "university": (0.5, 0.28, 90.0, "right"),
    "company": (0.28, 0.72, 205.0, "below"),
    "support": (0.72, 0.72, 0.0, "below"),
}
# Area of each shape drawn with half-size 1, so shapes of equal counts have equal areas.
SHAPE_AREA = {
    style.Shape.CIRCLE: math.pi,
    style.Shape.ROUNDED_SQUARE: 4.0 - (4 - math.pi) * 0.18**2,
    style.Shape.DIAMOND: 2.0,
}


@dataclass(frozen=True, slots=True)
class ConceptOptions:
    """What the user chose: band widths by number of ties or by density; subtypes shown."""

    width_by: str = "ties"
    subtypes: bool = False

    def __post_init__(self) -> None:
        if self.width_by not in WIDTH_BY:
            raise ValueError(f"width_by must be one of {WIDTH_BY}")


@dataclass(frozen=True, slots=True)
class ConceptScale:
    """The yardsticks: the values drawn at full size. One scale for designs shown together."""

    actors: int
    band: float
    flow: int

    @classmethod
    def of(cls, summaries: Sequence[ConceptSummary], options: ConceptOptions) -> ConceptScale:
        actors = max((s.actors for c in summaries for s in c.sectors), default=0)
        if options.width_by == "density":
            band = max((b.density or 0.0 for c in summaries for b in c.bands), default=0.0)
        else:
            band = float(max((b.ties for c in summaries for b in c.bands), default=0))
        flows = [f.count for c in summaries for f in (*c.inflows, *c.outflows)]
        return cls(actors=max(actors, 1), band=band or 1.0, flow=max(flows, default=0) or 1)


def subtype_label(subtype: str, sector: str) -> str:
    """A subtype as the reader's language writes it: suggestions are translated."""
    if not subtype:
        return _("not specified")
    return _(subtype) if subtype in SUBTYPE_SUGGESTIONS[Sector(sector)] else subtype


def band_text(ties: int, density: float | None, key: str, width_by: str) -> str:
    if width_by == "density":
        value = format_value(f"density.sector_blocks.{key}", density, missing="—")
        return _("density {value}").format(value=value)
    return ngettext("{n} tie", "{n} ties", ties).format(n=ties)


class ConceptFigure:
    """Paints one design's concept figure into a rectangle (see the module's docstring)."""

    def __init__(
        self,
        summary: ConceptSummary,
        options: ConceptOptions | None = None,
        scale: ConceptScale | None = None,
        title: str | None = None,
        subtitle: str | None = None,
    ) -> None:
        self.summary = summary
        self.options = options or ConceptOptions()
        self.scale = scale or ConceptScale.of([summary], self.options)
        self.title = summary.design if title is None else title
        self.subtitle = subtitle or ""

    # --- fonts -------------------------------------------------------------------------
    def font(self, points: float, bold: bool = False) -> QFont:
        """A print font of `points` (grown by the text scale), never under MIN_POINTS."""
        return print_font(max(MIN_POINTS, points * self._text_scale), bold)

    def line_height(self, painter: QPainter, font: QFont) -> float:
        return font_metrics(font, painter.device()).height()

    # --- painting ----------------------------------------------------------------------
    def paint(
        self, painter: QPainter, rect: QRectF, mm: float, text_scale: float = 1.0, key: bool = True
    ) -> None:
        """The figure filling `rect`; `mm` is device pixels per millimetre. `key` adds the
        line saying what sizes and widths mean."""
        self._text_scale = max(1.0, text_scale)
        self.mm = mm
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        top = rect.top()
        if self.title:
            font = self.font(11.0, True)
            painter.setFont(font)
            painter.setPen(INK)
            h = self.line_height(painter, font)
            painter.drawText(
                QRectF(rect.left(), top, rect.width(), h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                font_metrics(font, painter.device()).elidedText(
                    self.title, Qt.TextElideMode.ElideRight, rect.width()
                ),
            )
            top += h
        if self.subtitle:
            font = self.font(7.5)
            painter.setFont(font)
            painter.setPen(CAPTION)
            h = self.line_height(painter, font)
            painter.drawText(
                QRectF(rect.left(), top, rect.width(), h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                font_metrics(font, painter.device()).elidedText(
                    self.subtitle, Qt.TextElideMode.ElideRight, rect.width()
                ),
            )
            top += h
        top += 2 * mm
        bottom = rect.bottom()
        if key:
            key_rect = self._key_rect(painter, rect)
            bottom = key_rect.top() - 2 * mm
            self._paint_key(painter, key_rect)
        body = QRectF(rect.left(), top, rect.width(), max(10 * mm, bottom - top))
        side_w = min(max(body.width() * 0.22, 30 * mm), 56 * mm)
        region = body.adjusted(side_w, 0, -side_w, 0)
        self._paint_region(painter, region)
        sides = ConceptSides(self)
        for side, zone in (
            ("domestic", QRectF(body.left(), body.top(), side_w, body.height())),
            ("overseas", QRectF(region.right(), body.top(), side_w, body.height())),
        ):
            sides.paint(painter, side, zone, region)
        painter.restore()

    # --- the key line ------------------------------------------------------------------
    def _key_text(self) -> str:
        if self.options.width_by == "density":
            bands = _("band width: density of ties (share of possible pairs linked)")
        else:
            bands = _("band width: number of ties between region actors")
        return _(
            "Shape area: region actors of the sector · {bands} · arrow width: ties crossing "
            "the region's edge, by kind, with their summed weight"
        ).format(bands=bands)

    def _key_rect(self, painter: QPainter, rect: QRectF) -> QRectF:
        font = self.font(7.0)
        box = font_metrics(font, painter.device()).boundingRect(
            QRectF(0, 0, rect.width(), 1e6),
            int(Qt.TextFlag.TextWordWrap),
            self._key_text(),
        )
        return QRectF(rect.left(), rect.bottom() - box.height(), rect.width(), box.height())

    def _paint_key(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(self.font(7.0))
        painter.setPen(CAPTION)
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            self._key_text(),
        )

    # --- the region: sectors, bands, loops ---------------------------------------------
    def _paint_region(self, painter: QPainter, region: QRectF) -> None:
        mm = self.mm
        painter.setPen(QPen(REGION_EDGE, 0.5 * mm))
        painter.setBrush(REGION_FILL)
        painter.drawRoundedRect(region, 3 * mm, 3 * mm)
        font = self.font(8.0, True)
        painter.setFont(font)
        painter.setPen(style.REGION_LABEL)
        head_h = self.line_height(painter, font)
        title = self.summary.region or _("The region")
        painter.drawText(
            QRectF(
                region.left() + 2.5 * mm, region.top() + 1.5 * mm, region.width() - 5 * mm, head_h
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            font_metrics(font, painter.device()).elidedText(
                title, Qt.TextElideMode.ElideRight, region.width() - 5 * mm
            ),
        )
        inner = region.adjusted(4 * mm, head_h + 3 * mm, -4 * mm, -3 * mm)
        self._bounds = region.adjusted(1 * mm, 1 * mm, -1 * mm, -1 * mm)
        size = min(inner.width(), inner.height())
        max_half = size * 0.15
        halves = {s: self._half_size(s, max_half) for s in SECTORS}
        centres = {
            s: QPointF(inner.left() + fx * inner.width(), inner.top() + fy * inner.height())
            for s, (fx, fy, _a, _l) in PLACES.items()
        }
        for s in SECTORS:  # a label below its shape must fit in the box: lift the shape
            if PLACES[s][3] == "below":
                label_h = self._label_size(painter, self._label_lines(s))[1]
                lowest = inner.bottom() - label_h - 1.5 * self.mm - max(halves[s], 2.5 * mm)
                centres[s].setY(min(centres[s].y(), max(lowest, inner.center().y())))
        max_band = min(9 * mm, max_half * 0.75)
        for band in self.summary.bands:
            if band.is_loop:
                continue
            self._paint_band(
                painter,
                centres[band.a],
                centres[band.b],
                halves[band.a],
                halves[band.b],
                band,
                max_band,
            )
        for band in self.summary.bands:
            if band.is_loop:
                angle = PLACES[band.a][2]
                self._paint_loop(
                    painter, centres[band.a], halves[band.a], angle, band, max_band, size
                )
        for sector in SECTORS:
            self._paint_sector(painter, sector, centres[sector], halves[sector])

    def _half_size(self, sector: str, max_half: float) -> float:
        """Half the width of the sector's shape: its area is proportional to its actors."""
        n = self.summary.sector(sector).actors
        shape = style.SECTOR_STYLES[Sector(sector)].shape
        full_area = math.pi * max_half**2  # the largest count fills a circle of max_half
        area = full_area * n / self.scale.actors
        return math.sqrt(area / SHAPE_AREA[shape]) if n else 0.0

    def _band_width(self, band_value: float, max_band: float) -> float:
        return max(0.5 * self.mm, max_band * band_value / self.scale.band) if band_value else 0.0

    def _band_value(self, ties: int, density: float | None) -> float:
        return (density or 0.0) if self.options.width_by == "density" else float(ties)

    def _paint_band(
        self,
        painter: QPainter,
        a: QPointF,
        b: QPointF,
        half_a: float,
        half_b: float,
        band: Band,
        max_band: float,
    ) -> None:
        mm = self.mm
        width = self._band_width(self._band_value(band.ties, band.density), max_band)
        if width:
            pen = QPen(_alpha(BAND_COLOR, 150), width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        else:
            pen = QPen(BAND_ZERO, 0.3 * mm, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(a, b)
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy) or 1.0
        # the label in the middle of the visible stretch between the two shapes
        t = (half_a + (length - half_a - half_b) / 2) / length
        at = QPointF(a.x() + dx * t, a.y() + dy * t)
        self._pill(painter, at, band_text(band.ties, band.density, band.key, self.options.width_by))

    def _paint_loop(
        self,
        painter: QPainter,
        centre: QPointF,
        half: float,
        angle_deg: float,
        band: Band,
        max_band: float,
        size: float,
    ) -> None:
        """A ring beside the shape, half hidden under it: ties within the sector."""
        mm = self.mm
        width = self._band_width(self._band_value(band.ties, band.density), max_band)
        angle = math.radians(angle_deg)
        ring = max(3.5 * mm, size * 0.055) + width / 2
        reach = max(half, 2.5 * mm) * (0.72 if half else 1.0) + ring * 0.55
        ring_centre = QPointF(
            centre.x() + reach * math.cos(angle), centre.y() - reach * math.sin(angle)
        )
        if width:
            pen = QPen(_alpha(BAND_COLOR, 150), width)
        else:
            pen = QPen(BAND_ZERO, 0.3 * mm, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring_centre, ring, ring)
        far = reach + ring + width / 2 + 1.0 * mm
        apex = QPointF(centre.x() + far * math.cos(angle), centre.y() - far * math.sin(angle))
        self._pill(
            painter,
            apex,
            band_text(band.ties, band.density, band.key, self.options.width_by),
            outward=angle,
        )

    def _paint_sector(self, painter: QPainter, sector: str, centre: QPointF, half: float) -> None:
        mm = self.mm
        box = self.summary.sector(sector)
        sec = style.SECTOR_STYLES[Sector(sector)]
        if half > 0:
            rect = QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)
            path = style.shape_path(sec.shape, rect)
            painter.setPen(QPen(sec.outline, 0.35 * mm))
            painter.setBrush(sec.fill)
            painter.drawPath(path)
            if self.options.subtypes and len(box.subtypes) > 1:
                self._paint_subtype_split(painter, path, rect, box.subtypes, sec.fill, sec.outline)
            number = f"{box.actors:,}"
            font = self.font(9.0, True)
            metrics = font_metrics(font, painter.device())
            inside = 2 * half * (0.62 if sec.shape is style.Shape.DIAMOND else 0.8)
            if metrics.horizontalAdvance(number) < inside and metrics.height() < inside:
                painter.setFont(font)
                painter.setPen(sec.outline)
                halo = 0.22 * mm
                for dx, dy in ((-halo, 0), (halo, 0), (0, -halo), (0, halo)):
                    painter.drawText(rect.translated(dx, dy), Qt.AlignmentFlag.AlignCenter, number)
                painter.setPen(QColor("white"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, number)
        else:
            painter.setPen(QPen(sec.outline, 0.3 * mm, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = 2.5 * mm
            painter.drawPath(
                style.shape_path(sec.shape, QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))
            )
            half = r
        lines = self._label_lines(sector)
        self._label_block(painter, centre, half, PLACES[sector][3], lines)

    def _label_lines(self, sector: str) -> list[tuple[str, bool]]:
        """The sector's name (bold), its count and, when split, its subtypes."""
        box = self.summary.sector(sector)
        plural = Sector(sector).plural
        lines = [
            (plural.capitalize() if self._is_latin() else plural, True),
            (
                ngettext("{n} in the region", "{n} in the region", box.actors).format(n=box.actors),
                False,
            ),
        ]
        if self.options.subtypes:
            for subtype, count in box.subtypes[:5]:
                lines.append((f"{subtype_label(subtype, sector)} {count}", False))
            if len(box.subtypes) > 5:
                rest = sum(c for _s, c in box.subtypes[5:])
                lines.append((_("others {n}").format(n=rest), False))
        return lines

    def _label_size(self, painter: QPainter, lines: list[tuple[str, bool]]) -> tuple[float, float]:
        fonts = [self.font(8.0, True) if bold else self.font(7.0) for _t, bold in lines]
        width = max(
            font_metrics(f, painter.device()).horizontalAdvance(t)
            for f, (t, _b) in zip(fonts, lines, strict=True)
        )
        height = sum(self.line_height(painter, f) for f in fonts)
        return width + 2 * self.mm, height + 1 * self.mm

    @staticmethod
    def _is_latin() -> bool:
        return _("universities") == "universities"

    def _paint_subtype_split(
        self,
        painter: QPainter,
        shape: QPainterPath,
        rect: QRectF,
        subtypes: tuple[tuple[str, int], ...],
        fill: QColor,
        outline: QColor,
    ) -> None:
        """The shape filled like a stacked bar, one band per subtype from the bottom up (most
        actors first), in lighter shades of the sector's colour."""
        total = sum(c for _s, c in subtypes)
        painter.save()
        painter.setClipPath(shape)
        bottom = rect.bottom()
        for i, (_subtype, count) in enumerate(subtypes):
            height = rect.height() * count / total
            stripe = QRectF(rect.left(), bottom - height, rect.width(), height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill.lighter(100 + 28 * i) if i else fill)
            painter.drawRect(stripe)
            if i:
                painter.setPen(QPen(QColor("white"), 0.3 * self.mm))
                painter.drawLine(stripe.bottomLeft(), stripe.bottomRight())
            bottom -= height
        painter.restore()
        painter.setPen(QPen(outline, 0.35 * self.mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(shape)

    def _label_block(
        self,
        painter: QPainter,
        centre: QPointF,
        half: float,
        where: str,
        lines: list[tuple[str, bool]],
    ) -> None:
        mm = self.mm
        fonts = [self.font(8.0, True) if bold else self.font(7.0) for _t, bold in lines]
        heights = [self.line_height(painter, f) for f in fonts]
        w, h = self._label_size(painter, lines)
        if where == "right":
            box = QRectF(centre.x() + half + 2 * mm, centre.y() - h / 2, w, h)
            align = Qt.AlignmentFlag.AlignLeft
        else:
            box = QRectF(centre.x() - w / 2, centre.y() + half + 1.5 * mm, w, h)
            align = Qt.AlignmentFlag.AlignHCenter
        box = _clamped(box, self._bounds)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PILL)
        painter.drawRoundedRect(box, 1.2 * mm, 1.2 * mm)
        y = box.top() + 0.5 * mm
        for (text, bold), font, height in zip(lines, fonts, heights, strict=True):
            painter.setFont(font)
            painter.setPen(INK if bold else CAPTION)
            painter.drawText(
                QRectF(box.left() + 1 * mm, y, box.width() - 2 * mm, height),
                align | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += height

    def _pill(
        self, painter: QPainter, at: QPointF, text: str, outward: float | None = None
    ) -> None:
        """A small white label centred on `at` (or beyond it, away from the shape)."""
        mm = self.mm
        font = self.font(7.0, True)
        metrics = font_metrics(font, painter.device())
        w, h = metrics.horizontalAdvance(text) + 2.4 * mm, metrics.height() + 0.6 * mm
        x, y = at.x() - w / 2, at.y() - h / 2
        if outward is not None:
            x += math.cos(outward) * w / 2
            y -= math.sin(outward) * h / 2
        box = _clamped(QRectF(x, y, w, h), self._bounds)
        painter.setPen(QPen(QColor(200, 205, 212), 0.2 * mm))
        painter.setBrush(PILL)
        painter.drawRoundedRect(box, h / 2, h / 2)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # --- the sides: inflow and outflow arrows ------------------------------------------


def _clamped(box: QRectF, bounds: QRectF) -> QRectF:
    """`box` moved (not resized) to lie inside `bounds` where it fits."""
    dx = max(0.0, bounds.left() - box.left()) - max(0.0, box.right() - bounds.right())
    dy = max(0.0, bounds.top() - box.top()) - max(0.0, box.bottom() - bounds.bottom())
    return box.translated(dx, dy)


def _alpha(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def paint_concepts(
    painter: QPainter,
    rect: QRectF,
    mm: float,
    figures: Sequence[ConceptFigure],
    text_scale: float = 1.0,
    side_by_side: bool | None = None,
) -> list[QRectF]:
    """One or two figures in `rect`, in equal parts (side by side when the rectangle is wide,
    one above the other when tall) so a shared scale compares like with like. Returns the
    rectangles used."""
    if not figures:
        return []
    gap = 8 * mm
    count = len(figures)
    across = rect.width() >= rect.height() if side_by_side is None else side_by_side
    if across:
        w = (rect.width() - gap * (count - 1)) / count
        rects = [
            QRectF(rect.left() + i * (w + gap), rect.top(), w, rect.height()) for i in range(count)
        ]
    else:
        h = (rect.height() - gap * (count - 1)) / count
        rects = [
            QRectF(rect.left(), rect.top() + i * (h + gap), rect.width(), h) for i in range(count)
        ]
    for figure, part in zip(figures, rects, strict=True):
        figure.paint(painter, part, mm, text_scale)
    if count > 1:
        painter.save()
        painter.setPen(QPen(QColor(200, 200, 200), 0.3 * mm))
        for first, second in itertools.pairwise(rects):
            if across:
                x = (first.right() + second.left()) / 2
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            else:
                y = (first.bottom() + second.top()) / 2
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.restore()
    return rects
