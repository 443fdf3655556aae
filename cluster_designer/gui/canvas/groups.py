"""Groups as soft outlines around their members, and spin-offs linked to their parents.

A group is drawn as the convex hull of its members, each padded by a circle, so the outline is
rounded; every group has its own colour and its own padding (the first hugs its members, the
next lies a little further out…), so where groups share members the outlines stay apart and
their light fills let ties and actors show through. The name sits on the outline's top edge.

Like the tie layer, everything is drawn into the scene's cached static layer, except while a
drag moves a member: then the groups (and spin-off lines) touching the moving actors leave the
static layer and this item paints them live, following the pointer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cluster_designer.model import Design, Origin

from .. import style
from .geometry import PositionTable

# Distinct hues that are not the sectors' fills; light fills keep ties and actors readable.
GROUP_COLOURS = (
    QColor("#00897B"),
    QColor("#8E24AA"),
    QColor("#E65100"),
    QColor("#3949AB"),
    QColor("#7CB342"),
    QColor("#D81B60"),
    QColor("#6D4C41"),
)
FILL_ALPHA = 26
OUTLINE_ALPHA = 200
BASE_PAD = style.ACTOR_SIZE / 2 + 10  # the first group's outline keeps this far from centres
PAD_STEP = 9.0  # each further group (mod 4) lies this much further out
LABEL_POINTS = 7.5
MAX_LABEL_SCALE = 2.2  # zoomed out, a group's name grows up to this much to stay readable
SPIN_OFF_COLOUR = QColor("#7B1FA2")
_SEGMENTS = 20


def group_colour(index: int) -> QColor:
    return QColor(GROUP_COLOURS[index % len(GROUP_COLOURS)])


def group_pad(index: int) -> float:
    return BASE_PAD + PAD_STEP * (index % 4)


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain; counter-clockwise, without repeating the first point."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def hull_path(centres: list[tuple[float, float]], pad: float) -> QPainterPath:
    """The rounded outline around `centres`, `pad` away from each."""
    ring = [
        (pad * math.cos(2 * math.pi * k / _SEGMENTS), pad * math.sin(2 * math.pi * k / _SEGMENTS))
        for k in range(_SEGMENTS)
    ]
    points = [(x + dx, y + dy) for x, y in centres for dx, dy in ring]
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in convex_hull(points)]))
    path.closeSubpath()
    return path


def _label_font() -> QFont:
    font = QFont()
    font.setPointSizeF(LABEL_POINTS)
    font.setBold(True)
    return font


@dataclass(frozen=True, slots=True)
class Hull:
    group_id: str
    name: str
    members: tuple[str, ...]
    path: QPainterPath
    colour: QColor
    label: QRectF  # the name's box, centred on the outline's top edge

    def label_at(self, scale: float) -> QRectF:
        """The name's box drawn `scale` times its size, grown about its centre."""
        box = QRectF(self.label)
        centre = box.center()
        box.setSize(box.size() * scale)
        box.moveCenter(centre)
        return box

    @property
    def rect(self) -> QRectF:
        return (
            self.path.boundingRect().united(self.label_at(MAX_LABEL_SCALE)).adjusted(-3, -3, 3, 3)
        )


@dataclass(frozen=True, slots=True)
class SpinOffLine:
    child: str
    parent: str
    start: QPointF
    end: QPointF

    @property
    def rect(self) -> QRectF:
        return QRectF(self.start, self.end).normalized().adjusted(-4, -4, 4, 4)


class GroupLayer(QGraphicsItem):
    """Outlines of groups and spin-off lines; paints only the live ones itself (see module)."""

    def __init__(self, table: PositionTable) -> None:
        super().__init__()
        self.table = table
        self.design: Design | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-20)  # under the ties' live layer and the actors
        self.groups_visible = True
        self.origins_visible = False
        self._hulls: dict[str, Hull] | None = None
        self._lines: list[SpinOffLine] | None = None
        self._moving: set[str] = set()

    # --- content -----------------------------------------------------------------------
    def set_design(self, design: Design | None) -> None:
        self.design = design
        self.changed()

    def changed(self) -> None:
        """Groups, members, parents or positions changed: recompute on the next use."""
        self._hulls = None
        self._lines = None

    def hulls(self) -> list[Hull]:
        if self._hulls is None:
            self._hulls = self._build_hulls()
        return list(self._hulls.values())

    def lines(self) -> list[SpinOffLine]:
        if self._lines is None:
            self._lines = self._build_lines()
        return self._lines

    def _build_hulls(self) -> dict[str, Hull]:
        design, rows, xy = self.design, self.table.rows, self.table.xy
        if design is None:
            return {}
        metrics = QFontMetricsF(_label_font())
        hulls: dict[str, Hull] = {}
        placed: list[QRectF] = []
        for index, group in enumerate(design.groups.values()):
            centres = [
                (float(xy[rows[m], 0]), float(xy[rows[m], 1])) for m in group.members if m in rows
            ]
            if not centres:
                continue
            path = hull_path(centres, group_pad(index))
            box = path.boundingRect()
            top = min((path.elementAt(i) for i in range(path.elementCount())), key=lambda e: e.y)
            width = metrics.horizontalAdvance(group.name) + 10
            height = metrics.height() + 2
            x = min(max(top.x - width / 2, box.left()), box.right() - width)
            label = QRectF(x, box.top() - height / 2, width, height)
            for _attempt in range(len(placed)):  # two names on one spot: the later steps aside
                hit = next((p for p in placed if p.intersects(label)), None)
                if hit is None:
                    break
                label.moveLeft(hit.right() + 4)
            placed.append(label)
            hulls[group.id] = Hull(
                group.id, group.name, group.members, path, group_colour(index), label
            )
        return hulls

    def _build_lines(self) -> list[SpinOffLine]:
        design, rows, xy = self.design, self.table.rows, self.table.xy
        if design is None:
            return []
        found = []
        for actor in design:
            if actor.parent and actor.id in rows and actor.parent in rows:
                a, b = rows[actor.id], rows[actor.parent]
                found.append(
                    SpinOffLine(
                        actor.id,
                        actor.parent,
                        QPointF(float(xy[a, 0]), float(xy[a, 1])),
                        QPointF(float(xy[b, 0]), float(xy[b, 1])),
                    )
                )
        return found

    # --- what is shown -----------------------------------------------------------------
    def shown_hulls(self) -> list[Hull]:
        return self.hulls() if self.groups_visible else []

    def shown_lines(self) -> list[SpinOffLine]:
        return self.lines() if self.origins_visible else []

    def touching(self, actor_ids: Iterable[str]) -> QRectF:
        """Where what touches these actors is drawn now (hulls with them, their lines)."""
        ids = set(actor_ids)
        rect = QRectF()
        for hull in self.shown_hulls():
            if ids.intersection(hull.members):
                rect = rect.united(hull.rect)
        for line in self.shown_lines():
            if line.child in ids or line.parent in ids:
                rect = rect.united(line.rect)
        return rect

    def _live_hull(self, hull: Hull) -> bool:
        return bool(self._moving) and not self._moving.isdisjoint(hull.members)

    def _live_line(self, line: SpinOffLine) -> bool:
        return line.child in self._moving or line.parent in self._moving

    # --- drag ----------------------------------------------------------------------------
    def begin_live(self, actor_ids: Iterable[str]) -> QRectF:
        """The actors start moving; returns the static area their groups and lines leave."""
        self._moving = set(actor_ids)
        rect = self.touching(self._moving)
        self.update(rect)
        return rect

    def end_live(self) -> QRectF:
        """The drag ended; returns the static area the live outlines go back into."""
        if not self._moving:
            return QRectF()
        rect = self.touching(self._moving)
        self._moving = set()
        self.update(rect)
        return rect

    @property
    def live(self) -> bool:
        return bool(self._moving)

    # --- painting ----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        scene = self.scene()
        return scene.sceneRect() if scene is not None else QRectF()

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._moving:
            return
        self._draw(painter, QRectF(option.exposedRect), live=True)

    def paint_static(self, painter: QPainter, rect: QRectF, names: bool = False) -> None:
        """The resting outlines and lines (under the ties), or with `names` their names (drawn
        after the ties, so no tie crosses a group's name)."""
        painter.save()
        if names:
            self._draw_names(painter, self._hulls_in(rect, live=False))
        else:
            self._draw(painter, rect, live=False, names=False)
        painter.restore()

    def _hulls_in(self, rect: QRectF, live: bool) -> list[Hull]:
        return [
            h for h in self.shown_hulls() if self._live_hull(h) == live and h.rect.intersects(rect)
        ]

    def _draw_names(self, painter: QPainter, hulls: list[Hull]) -> None:
        if not hulls:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        zoom = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        scale = min(max(1.0, 0.9 / max(zoom, 1e-6)), MAX_LABEL_SCALE)
        font = _label_font()
        font.setPointSizeF(LABEL_POINTS * scale)
        painter.setFont(font)
        for hull in hulls:
            box = hull.label_at(scale)
            painter.setPen(QPen(hull.colour, 1.0 * scale))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(box, 4 * scale, 4 * scale)
            painter.setPen(hull.colour.darker(130))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, hull.name)

    def _draw(self, painter: QPainter, rect: QRectF, live: bool, names: bool = True) -> None:
        hulls = self._hulls_in(rect, live)
        lines = [
            ln
            for ln in self.shown_lines()
            if self._live_line(ln) == live and ln.rect.intersects(rect)
        ]
        if not hulls and not lines:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for hull in hulls:  # every fill first, so no outline is hidden under another's fill
            fill = QColor(hull.colour)
            fill.setAlpha(FILL_ALPHA)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawPath(hull.path)
        for hull in hulls:
            outline = QColor(hull.colour)
            outline.setAlpha(OUTLINE_ALPHA)
            painter.setPen(QPen(outline, 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(hull.path)
        if lines:
            pen = QPen(SPIN_OFF_COLOUR, 1.4, Qt.PenStyle.DashLine)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            for line in lines:
                painter.drawLine(line.start, line.end)
        if names:
            self._draw_names(painter, hulls)


def moved_in_mark(origin: Origin | None) -> str:
    """'domestic' or 'overseas' for an actor that moved into the region, else ''."""
    return origin.value if origin is not None and origin.moved_in else ""
