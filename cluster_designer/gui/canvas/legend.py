"""The legend: sector shapes and tie kinds, drawn compactly in a corner of the view.

Three short rows: the sectors in the first column, the tie kinds in the next two, so the
legend takes a strip along the bottom instead of a tall box over the map. While the canvas
shows an evaluation or a comparison, further columns say what sizes, rings, thick ties,
pale actors and compare colours mean (`LegendNote`s, set with the overlay).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from cluster_designer.i18n import N_, _
from cluster_designer.model import Origin, Sector, TieKind

from .. import style
from .actor_item import paint_moved_in, shape_for
from .groups import SPIN_OFF_COLOUR, group_colour

ROW = 16.0
PAD = 7.0
SWATCH = 24.0
GAP = 5.0
COLUMN_GAP = 12.0
ROWS = 3


@dataclass(frozen=True)
class LegendNote:
    """One line the legend adds for an overlay: a swatch of `kind` and what it means.

    Kinds: "size" (a small and a large shape), "ring" (the highlight ring), "tie" (a thick
    tie), "dim" (a pale shape), "fill" (a shape in `color`, a hex string); for what the View
    menu shows: "group" (a soft outline), "domestic" and "overseas" (the moved-in badges),
    "spin_off" (the dashed line to a parent)."""

    kind: str
    text: str
    color: str | None = None


FEATURE_TEXTS = {
    "group": N_("Group (outline)"),
    "domestic": N_("Moved in from the country"),
    "overseas": N_("Moved in from abroad"),
    "spin_off": N_("Spin-off – parent"),
}


def feature_notes(scene: Any) -> list[LegendNote]:
    """Lines for the groups and origins a scene shows (only those its design has)."""
    design = scene.design
    if design is None:
        return []
    notes = []
    if scene.groups_visible and design.groups:
        notes.append(LegendNote("group", _(FEATURE_TEXTS["group"])))
    if scene.origins_visible:
        origins = {a.origin for a in design}
        for origin in (Origin.DOMESTIC, Origin.OVERSEAS):
            if origin in origins:
                notes.append(LegendNote(origin.value, _(FEATURE_TEXTS[origin.value])))
        if any(a.parent for a in design):
            notes.append(LegendNote("spin_off", _(FEATURE_TEXTS["spin_off"])))
    return notes


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


Entry = Sector | TieKind | LegendNote


def _columns(notes: Sequence[LegendNote] = ()) -> list[list[Entry]]:
    kinds: list[Entry] = list(TieKind)
    extra: list[Entry] = list(notes)
    columns: list[list[Entry]] = [list(Sector)]
    columns.extend(kinds[i : i + ROWS] for i in range(0, len(kinds), ROWS))
    columns.extend(extra[i : i + ROWS] for i in range(0, len(extra), ROWS))
    return columns


def _label(entry: Entry) -> str:
    return entry.text if isinstance(entry, LegendNote) else entry.label


def _column_widths(notes: Sequence[LegendNote] = ()) -> list[float]:
    metrics = QFontMetricsF(_font())
    return [
        SWATCH + GAP + max(metrics.horizontalAdvance(_label(e)) for e in column)
        for column in _columns(notes)
    ]


def legend_size(notes: Sequence[LegendNote] = ()) -> tuple[float, float]:
    widths = _column_widths(notes)
    width = sum(widths) + COLUMN_GAP * (len(widths) - 1) + 2 * PAD
    return width, ROW * ROWS + 2 * PAD


def paint_legend(painter: QPainter, top_left: QPointF, notes: Sequence[LegendNote] = ()) -> QRectF:
    """Paint the legend with its top-left corner at `top_left` (painter units ≈ pixels)."""
    width, height = legend_size(notes)
    box = QRectF(top_left, QPointF(top_left.x() + width, top_left.y() + height))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(200, 200, 200), 1))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 5, 5)
    painter.setFont(_font())
    x = box.left() + PAD
    for column, col_width in zip(_columns(notes), _column_widths(notes), strict=True):
        y = box.top() + PAD + ROW / 2
        for entry in column:
            if isinstance(entry, Sector):
                _sector(painter, x, y, entry)
            elif isinstance(entry, LegendNote):
                paint_note(painter, x, y, entry)
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


def paint_note(painter: QPainter, x: float, y: float, note: LegendNote) -> None:
    """The swatch of `note`, SWATCH wide and about 12 high, its left end at (x, y)."""
    grey, outline = QColor(150, 150, 150), QColor(90, 90, 90)
    painter.save()
    if note.kind == "size":
        painter.setPen(QPen(outline, 1))
        painter.setBrush(grey)
        painter.drawEllipse(QPointF(x + 4, y), 3, 3)
        painter.drawEllipse(QPointF(x + 15, y), 6.5, 6.5)
    elif note.kind == "tie":
        painter.setPen(QPen(QColor(77, 77, 77), 4.5))
        painter.drawLine(QPointF(x, y), QPointF(x + SWATCH, y))
    elif note.kind == "group":
        colour = group_colour(0)
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.setPen(QPen(colour, 1.3))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(x + 1, y - 6, SWATCH - 2, 12), 6, 6)
    elif note.kind in ("domestic", "overseas"):
        painter.setPen(QPen(outline, 1))
        painter.setBrush(grey)
        painter.drawEllipse(QPointF(x + SWATCH / 2 + 2, y), 5, 5)
        paint_moved_in(painter, QPointF(x + SWATCH / 2 - 4, y + 3), note.kind, 4.5)
    elif note.kind == "spin_off":
        painter.setPen(QPen(SPIN_OFF_COLOUR, 1.4, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, y), QPointF(x + SWATCH, y))
    else:
        fill = QColor(note.color) if note.color else grey
        if note.kind == "dim":
            fill = QColor(226, 226, 224)
            outline = QColor(200, 200, 198)
        painter.translate(x + SWATCH / 2, y)
        if note.kind == "ring":
            painter.setPen(QPen(style.HIGHLIGHT_COLOR, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), 7.5, 7.5)
        painter.setPen(QPen(outline, 1))
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(0, 0), 4.5, 4.5)
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
