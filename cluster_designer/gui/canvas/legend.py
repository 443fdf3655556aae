"""The legend: sector shapes and tie kinds, drawn compactly in a corner of the view.

Three short rows: the sectors in the first column, the tie kinds in the next two, so the
legend takes a strip along the bottom instead of a tall box over the map. A view too narrow
for that strip gets more rows (and at the last shortened labels), never a legend wider than
the view. While the canvas
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
from cluster_designer.model import Design, Origin, Sector, TieKind

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
    return design_notes(design, scene.groups_visible, scene.origins_visible)


def design_notes(design: Design, groups: bool = True, origins: bool = True) -> list[LegendNote]:
    """Lines for the design's groups (with `groups`) and the kinds of origin it has (with
    `origins`): what a map of it shows besides sectors and tie kinds."""
    notes = []
    if groups and design.groups:
        notes.append(LegendNote("group", _(FEATURE_TEXTS["group"])))
    if origins:
        present = {a.origin for a in design}
        for origin in (Origin.DOMESTIC, Origin.OVERSEAS):
            if origin in present:
                notes.append(LegendNote(origin.value, _(FEATURE_TEXTS[origin.value])))
        if any(a.parent for a in design):
            notes.append(LegendNote("spin_off", _(FEATURE_TEXTS["spin_off"])))
    return notes


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


Entry = Sector | TieKind | LegendNote


MAX_ROWS = 8  # a narrow view gets a taller legend, up to this many rows
MIN_TEXT = 40.0  # a label is never cut shorter than this (pixels, before the ellipsis)


@dataclass(frozen=True)
class LegendLayout:
    """Where the legend's entries go: columns of entries, each column's width and its text
    width (a label wider than that is elided), and the number of rows."""

    columns: list[list[Entry]]
    widths: list[float]
    text_widths: list[float]
    rows: int

    @property
    def size(self) -> tuple[float, float]:
        width = sum(self.widths) + COLUMN_GAP * (len(self.widths) - 1) + 2 * PAD
        return width, ROW * self.rows + 2 * PAD


def _columns(notes: Sequence[LegendNote], rows: int, flow: bool) -> list[list[Entry]]:
    """Sectors, tie kinds and `notes` in columns of `rows`: each kind of entry starts a
    column of its own, or with `flow` they follow one another (fewer, fuller columns)."""
    parts: list[list[Entry]] = [list(Sector), list(TieKind), list(notes)]
    if flow:
        parts = [[e for part in parts for e in part]]
    return [part[i : i + rows] for part in parts for i in range(0, len(part), rows)]


def _label(entry: Entry) -> str:
    return entry.text if isinstance(entry, LegendNote) else entry.label


def _layout_for(columns: list[list[Entry]], rows: int) -> LegendLayout:
    metrics = QFontMetricsF(_font())
    texts = [max(metrics.horizontalAdvance(_label(e)) for e in column) for column in columns]
    return LegendLayout(columns, [SWATCH + GAP + t for t in texts], texts, rows)


def legend_layout(notes: Sequence[LegendNote] = (), max_width: float | None = None) -> LegendLayout:
    """Three rows when the legend fits `max_width` so (or no width is given); else more rows,
    then the entries flowing from one column into the next, and at the last labels elided so
    the legend is never wider than `max_width` (a narrow map view with both docks open)."""
    widest = _layout_for(_columns(notes, ROWS, flow=False), ROWS)
    if max_width is None or widest.size[0] <= max_width:
        return widest
    candidates = [
        _layout_for(_columns(notes, rows, flow), rows)
        for flow in (False, True)
        for rows in range(ROWS + 1, MAX_ROWS + 1)
    ]
    for layout in candidates:
        if layout.size[0] <= max_width:
            return layout
    narrowest = min(candidates, key=lambda layout: (layout.size[0], layout.rows))
    return _elided(narrowest, max_width)


def _elided(layout: LegendLayout, max_width: float) -> LegendLayout:
    """`layout` with every column's text cut to one common limit, the largest that fits."""
    count = len(layout.columns)
    fixed = (SWATCH + GAP) * count + COLUMN_GAP * (count - 1) + 2 * PAD
    room = max_width - fixed
    texts = sorted(layout.text_widths)
    limit = MIN_TEXT
    for i, text in enumerate(texts):  # the widest `count - i` columns share what is left
        share = (room - sum(texts[:i])) / (count - i)
        if share <= text:
            limit = max(MIN_TEXT, share)
            break
    else:
        limit = texts[-1]
    cut = [min(t, limit) for t in layout.text_widths]
    return LegendLayout(layout.columns, [SWATCH + GAP + t for t in cut], cut, layout.rows)


def legend_size(
    notes: Sequence[LegendNote] = (), max_width: float | None = None
) -> tuple[float, float]:
    return legend_layout(notes, max_width).size


def paint_legend(
    painter: QPainter,
    top_left: QPointF,
    notes: Sequence[LegendNote] = (),
    max_width: float | None = None,
) -> QRectF:
    """Paint the legend with its top-left corner at `top_left` (painter units ≈ pixels), no
    wider than `max_width` when one is given."""
    layout = legend_layout(notes, max_width)
    width, height = layout.size
    box = QRectF(top_left, QPointF(top_left.x() + width, top_left.y() + height))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(200, 200, 200), 1))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 5, 5)
    font = _font()
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    x = box.left() + PAD
    for column, col_width, text_width in zip(
        layout.columns, layout.widths, layout.text_widths, strict=True
    ):
        y = box.top() + PAD + ROW / 2
        for entry in column:
            if isinstance(entry, Sector):
                _sector(painter, x, y, entry)
            elif isinstance(entry, LegendNote):
                paint_note(painter, x, y, entry)
            else:
                _tie(painter, x, y, entry)
            text = metrics.elidedText(_label(entry), Qt.TextElideMode.ElideRight, text_width + 0.5)
            _text(painter, x + SWATCH + GAP, y, text)
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
