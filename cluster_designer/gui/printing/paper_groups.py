"""Groups and origins on the paper map, as the canvas shows them: each group a soft outline
in its own colour with its name on the top edge, a dashed line from each spin-off to its
parent, and the moved-in badge at an actor's lower left.

Actors keep one physical size on paper whatever the map's scale, so the outlines are padded
in millimetres, not scene units. Everything here works in page pixels (`mm` per millimetre).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from cluster_designer.model import Design

from ..canvas.actor_item import paint_moved_in
from ..canvas.groups import (
    FILL_ALPHA,
    OUTLINE_ALPHA,
    SPIN_OFF_COLOUR,
    group_colour,
    hull_path,
    moved_in_mark,
)
from .sheet import font_metrics, print_font

NAME_POINTS = 7.0  # nothing on a map page is set smaller
PAD_MM = 1.3  # the first group's outline keeps this far from its members' shapes
PAD_STEP_MM = 0.9  # each further group (mod 4) lies this much further out
BADGE_MM = 0.95  # the moved-in badge's radius


@dataclass(frozen=True, slots=True)
class PaperHull:
    name: str
    path: QPainterPath  # page pixels
    colour: QColor
    label: QRectF  # the name's box, on the outline's top edge


def paper_hulls(
    painter: QPainter,
    design: Design,
    centres: Mapping[str, QPointF],
    half: float,
    mm: float,
    bounds: QRectF,
    free: Callable[[QRectF], bool],
) -> list[PaperHull]:
    """The groups' outlines around their members' centres (`half`: half a symbol's size),
    each name on its outline's top edge where `free` says it covers nothing (no actor, no
    title, no other group's name); sliding along the edge, then above it or inside the
    outline (on a small map the edge is often crowded)."""
    metrics = font_metrics(print_font(NAME_POINTS, True), painter.device())
    hulls: list[PaperHull] = []
    for index, group in enumerate(design.groups.values()):
        points = [(centres[m].x(), centres[m].y()) for m in group.members if m in centres]
        if not points:
            continue
        pad = half + (PAD_MM + PAD_STEP_MM * (index % 4)) * mm
        path = hull_path(points, pad)
        width = metrics.horizontalAdvance(group.name) + 2 * mm
        height = metrics.height() + 0.4 * mm
        label = _name_box(path, width, height, bounds, free, [h.label for h in hulls])
        hulls.append(PaperHull(group.name, path, group_colour(index), label))
    return hulls


def _clear(box: QRectF, others: list[QRectF]) -> bool:
    return not any(box.intersects(o) for o in others)


def _name_box(
    path: QPainterPath,
    width: float,
    height: float,
    bounds: QRectF,
    free: Callable[[QRectF], bool],
    others: list[QRectF],
) -> QRectF:
    """On the top edge if the name covers nothing there; else the free place nearest to it,
    above the outline, on its bottom edge or inside it; else on the top edge anyway."""
    box = path.boundingRect()
    top = min((path.elementAt(i) for i in range(path.elementCount())), key=lambda e: e.y)
    low, high = box.left(), box.right() - width  # the name stays over its own outline
    if high < low:
        low = high = box.center().x() - width / 2
    start = min(max(top.x - width / 2, low), high)
    lefts = sorted(
        {low + (high - low) * k / 16 for k in range(17)} | {start}, key=lambda x: abs(x - start)
    )
    edge = box.top() - height / 2
    rows = [edge, box.top() - height, box.top()]
    y = box.top() - 2 * height
    while y <= box.bottom():  # further out above, then down through the outline
        rows.append(y)
        y += height / 2
    rows.sort(key=lambda r: (r > box.top(), abs(r - edge)))
    for row in rows:
        for x in lefts:
            c = QRectF(min(max(x, bounds.left()), bounds.right() - width), row, width, height)
            if bounds.contains(c) and free(c) and _clear(c, others):
                return c
    fallback = QRectF(start, edge, width, height)
    fallback.moveLeft(min(max(fallback.left(), bounds.left()), bounds.right() - width))
    fallback.moveTop(min(max(fallback.top(), bounds.top()), bounds.bottom() - height))
    return fallback


def spin_off_lines(design: Design) -> list[tuple[str, str]]:
    """(spin-off, parent) for every actor whose parent is on the map."""
    return [(a.id, a.parent) for a in design if a.parent and a.parent in design.actors]


def badge_centre(point: QPointF, size: float) -> QPointF:
    """Where the moved-in badge sits: at the shape's lower left, as on the canvas."""
    return QPointF(point.x() - size / 2 - size / 28, point.y() + size / 2 - 3 * size / 28)


def badge_box(point: QPointF, size: float, mm: float) -> QRectF:
    centre = badge_centre(point, size)
    r = BADGE_MM * mm
    return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)


def moved_in_actors(design: Design) -> dict[str, str]:
    """Actor id → 'domestic' or 'overseas' for every actor that moved in."""
    return {a.id: mark for a in design if (mark := moved_in_mark(a.origin))}


def paint_hulls(painter: QPainter, hulls: list[PaperHull], mm: float) -> None:
    """Every fill first, so no outline is hidden under another group's fill."""
    for hull in hulls:
        fill = QColor(hull.colour)
        fill.setAlpha(FILL_ALPHA)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawPath(hull.path)
    for hull in hulls:
        outline = QColor(hull.colour)
        outline.setAlpha(OUTLINE_ALPHA)
        painter.setPen(QPen(outline, 0.3 * mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(hull.path)


def paint_spin_offs(painter: QPainter, lines: list[tuple[QPointF, QPointF]], mm: float) -> None:
    pen = QPen(SPIN_OFF_COLOUR, 0.3 * mm, Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    for a, b in lines:
        painter.drawLine(a, b)


def paint_badges(
    painter: QPainter, badges: list[tuple[QPointF, str]], size: float, mm: float
) -> None:
    for point, mark in badges:
        paint_moved_in(painter, badge_centre(point, size), mark, BADGE_MM * mm)


def paint_hull_names(painter: QPainter, hulls: list[PaperHull], mm: float) -> None:
    painter.setFont(print_font(NAME_POINTS, True))
    for hull in hulls:
        painter.setPen(QPen(hull.colour, 0.2 * mm))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(hull.label, 0.8 * mm, 0.8 * mm)
        painter.setPen(hull.colour.darker(130))
        painter.drawText(hull.label, Qt.AlignmentFlag.AlignCenter, hull.name)
