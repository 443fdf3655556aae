"""The map drawn for paper: every actor identifiable, no text under MIN_POINTS, and the
structure visible through the ties.

The canvas is made for zooming; a page is not. Here actors keep one physical size whatever
the map's scale, names are set at LABEL_POINTS and placed where they collide with nothing;
an actor whose name finds no free place gets a number instead, listed with its full name
in the key (`MapPlan.key`), never a smaller font. When the ties are so many that they would
hide the actors and the region's shape, the ties inside the region are drawn fainter (the
inflows crossing its edge keep their strength). Each tie kind has its own dash pattern and
the directed kinds an arrowhead, so a grey-scale print keeps them apart. Groups, spin-offs
and actors that moved in are drawn as the canvas draws them (paper_groups).

It reads only the design (positions, or the canvas's placement for actors without one), so
it paints on any device, on any thread.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from cluster_designer.i18n import _, ngettext
from cluster_designer.model import Design, Location, Tie

from .. import style
from ..canvas.region import place_unplaced, region_rect_for, zone_rects
from .paper_groups import (
    PaperHull,
    badge_box,
    moved_in_actors,
    paint_badges,
    paint_hull_names,
    paint_hulls,
    paint_spin_offs,
    paper_hulls,
    spin_off_lines,
)
from .sheet import CAPTION, INK, font_metrics, print_font

LABEL_POINTS = 7.0
MIN_POINTS = 7.0
SYMBOL_MM = 3.4  # an actor's shape on paper, whatever the map's scale
ARROW_MM = 1.7
MAX_LABEL_CHARS = 40  # longer names are numbered and written out in the key
MAX_NUMBERED = 400  # a key longer than this helps nobody; the least connected stay unnamed
FADE_INK = 0.045  # ties' paper area share above which the region's own ties are faded
MIN_FADE = 0.35
ZONE_TITLE = 26.0  # scene units kept for the lane titles


@dataclass(frozen=True, slots=True)
class KeyEntry:
    number: int
    name: str
    location: str


@dataclass(slots=True)
class MapPlan:
    """Where everything goes on one page: the scale, the labels, the numbered actors."""

    target: QRectF
    scale: float  # device pixels per scene unit
    origin: QPointF  # where the scene's source rect's top-left lands
    source: QRectF
    positions: dict[str, tuple[float, float]]
    labels: dict[str, tuple[QRectF, str]] = field(default_factory=dict)  # id → box, text
    numbers: dict[str, int] = field(default_factory=dict)  # id → number in the key
    fade: float = 1.0  # opacity of the ties inside the region
    unnamed: int = 0  # actors beyond MAX_NUMBERED, neither named nor numbered
    hulls: list[PaperHull] = field(default_factory=list)  # the groups' outlines
    spin_offs: list[tuple[QPointF, QPointF]] = field(default_factory=list)  # child, parent
    badges: list[tuple[QPointF, str]] = field(default_factory=list)  # moved-in actors

    def to_page(self, x: float, y: float) -> QPointF:
        return QPointF(
            self.origin.x() + (x - self.source.left()) * self.scale,
            self.origin.y() + (y - self.source.top()) * self.scale,
        )

    def page_rect(self, rect: QRectF) -> QRectF:
        top_left = self.to_page(rect.left(), rect.top())
        return QRectF(
            top_left.x(), top_left.y(), rect.width() * self.scale, rect.height() * self.scale
        )

    @property
    def key(self) -> list[KeyEntry]:
        return sorted(
            (KeyEntry(n, self._names[a], self._locations[a]) for a, n in self.numbers.items()),
            key=lambda e: e.number,
        )

    _names: dict[str, str] = field(default_factory=dict)
    _locations: dict[str, str] = field(default_factory=dict)


class PaperMap:
    """One design's map for print: plan it for a rectangle, then paint the plan."""

    def __init__(self, design: Design) -> None:
        self.design = design
        actors = list(design.actors.values())
        placed = {a.id: (a.x, a.y) for a in actors if a.x is not None and a.y is not None}
        positions: dict[str, tuple[float, float]] = {
            k: (float(x), float(y)) for k, (x, y) in placed.items()
        }
        positions.update(place_unplaced(actors, positions))
        self.positions = positions
        region_points = [positions[a.id] for a in actors if a.location is Location.REGION]
        self.region = region_rect_for(region_points)
        self.zones = zone_rects(self.region)
        bounds = self.region.united(self.zones[0]).united(self.zones[1])
        for x, y in positions.values():
            bounds = bounds.united(QRectF(x - 20, y - 20, 40, 40))
        self.source = bounds.adjusted(-20, -20, 20, 20)
        self.ranked = self._order()

    # --- planning ----------------------------------------------------------------------
    def plan(self, painter: QPainter, target: QRectF, mm: float) -> MapPlan:
        source = self.source
        scale = min(target.width() / source.width(), target.height() / source.height())
        w = source.width() * scale
        origin = QPointF(target.center().x() - w / 2, target.top())  # space left goes below
        plan = MapPlan(target, scale, origin, source, self.positions)
        plan._names = {a.id: a.name for a in self.design.actors.values()}
        plan._locations = {a.id: a.location.value for a in self.design.actors.values()}
        self._place_labels(painter, plan, mm)
        plan.fade = self._fade(plan, mm)
        return plan

    def _order(self) -> list[str]:
        """Most partners first: the hubs keep their names when space runs out."""
        degree: dict[str, int] = defaultdict(int)
        for tie in self.design.ties.values():
            degree[tie.source] += 1
            degree[tie.target] += 1
        actors = self.design.actors.values()
        return [a.id for a in sorted(actors, key=lambda a: (-degree[a.id], a.name, a.id))]

    def _place_labels(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        font = print_font(LABEL_POINTS)
        metrics = font_metrics(font, painter.device())
        half = SYMBOL_MM * mm / 2
        taken = _Boxes(5 * mm)
        self._centres = {a: plan.to_page(x, y) for a, (x, y) in self.positions.items()}
        self._cell = 12 * mm
        self._grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for actor_id, point in self._centres.items():
            taken.add(QRectF(point.x() - half, point.y() - half, 2 * half, 2 * half))
            self._grid[self._cell_of(point)].append(actor_id)
        for title_box in self._fixed_texts(painter, plan, mm):
            taken.add(title_box)
        self._plan_groups_and_origins(painter, plan, half, mm, taken)
        for hull in plan.hulls:
            taken.add(hull.label)
        pad = 0.4 * mm
        height = metrics.height()
        unplaced: list[str] = []
        for actor_id in self.ranked:
            name = " ".join(self.design.actors[actor_id].name.split())
            if len(name) > MAX_LABEL_CHARS:
                unplaced.append(actor_id)
                continue
            box = self._free_box(
                plan, actor_id, metrics.horizontalAdvance(name) + 2 * pad, height, half, taken, mm
            )
            if box is None:
                unplaced.append(actor_id)
                continue
            plan.labels[actor_id] = (box, name)
            taken.add(box)
        # Past a few hundred numbers a key stops helping: the least connected go unnamed.
        if len(unplaced) > MAX_NUMBERED:
            rank = {a: i for i, a in enumerate(self.ranked)}
            unplaced.sort(key=rank.__getitem__)
            plan.unnamed = len(unplaced) - MAX_NUMBERED
            unplaced = unplaced[:MAX_NUMBERED]
        # Numbers in reading order (top to bottom, left to right), so the key is easy to follow.
        unplaced.sort(key=lambda a: (round(self.positions[a][1] / 60), self.positions[a][0]))
        for number, actor_id in enumerate(unplaced, 1):
            text = str(number)
            w = metrics.horizontalAdvance(text) + 2 * pad
            box = self._free_box(plan, actor_id, w, height, half, taken, mm)
            if box is None:  # crowded: beside the shape anyway, a number is small
                point = plan.to_page(*self.positions[actor_id])
                box = QRectF(point.x() + half, point.y() - height, w, height)
            plan.numbers[actor_id] = number
            plan.labels[actor_id] = (box, text)
            taken.add(box)

    def _plan_groups_and_origins(
        self, painter: QPainter, plan: MapPlan, half: float, mm: float, taken: _Boxes
    ) -> None:
        """The moved-in badges, spin-off lines and the groups' outlines and names (see
        paper_groups): badges and names are placed before the actors' names, which keep
        clear of them, and a group's name keeps clear of actors and badges."""
        centres = self._centres
        plan.badges = [(centres[a], mark) for a, mark in moved_in_actors(self.design).items()]
        for point, _mark in plan.badges:
            taken.add(badge_box(point, 2 * half, mm))
        plan.spin_offs = [(centres[c], centres[p]) for c, p in spin_off_lines(self.design)]
        plan.hulls = paper_hulls(
            painter,
            self.design,
            centres,
            half,
            mm,
            plan.target,
            lambda box: not taken.hits(box),
        )

    def _fixed_texts(self, painter: QPainter, plan: MapPlan, mm: float) -> list[QRectF]:
        """The region's and the lanes' titles: labels keep clear of them."""
        boxes = []
        font = print_font(8.0, True)
        metrics = font_metrics(font, painter.device())
        for rect, text in self._titles():
            page = plan.page_rect(rect)
            boxes.append(
                QRectF(
                    page.left() + 2 * mm,
                    page.top() + 1 * mm,
                    metrics.horizontalAdvance(text) + 2 * mm,
                    metrics.height(),
                )
            )
        return boxes

    def _titles(self) -> list[tuple[QRectF, str]]:
        return [
            (self.region, self.design.region or _("The region")),
            (self.zones[0], _("Domestic")),
            (self.zones[1], _("Overseas")),
        ]

    def _free_box(
        self,
        plan: MapPlan,
        actor_id: str,
        w: float,
        h: float,
        half: float,
        taken: _Boxes,
        mm: float,
    ) -> QRectF | None:
        point = plan.to_page(*self.positions[actor_id])
        x, y = point.x(), point.y()
        gap = 0.5 * mm
        candidates = (
            QRectF(x - w / 2, y + half + gap, w, h),  # below
            QRectF(x - w / 2, y - half - gap - h, w, h),  # above
            QRectF(x + half + gap, y - h / 2, w, h),  # right
            QRectF(x - half - gap - w, y - h / 2, w, h),  # left
            QRectF(x + half * 0.7, y + half * 0.7, w, h),  # below right
            QRectF(x - half * 0.7 - w, y - half * 0.7 - h, w, h),  # above left
        )
        bounds = plan.target
        for box in candidates:
            if not bounds.contains(box):
                continue
            if taken.hits(box):
                continue
            if not self._nearest_is(actor_id, box, mm):
                continue  # the name would seem to belong to a neighbour
            return box
        return None

    def _cell_of(self, point: QPointF) -> tuple[int, int]:
        return (int(point.x() // self._cell), int(point.y() // self._cell))

    def _nearest_is(self, actor_id: str, box: QRectF, mm: float) -> bool:
        """True when no other actor is as close to the label as its own actor."""
        own = _distance(box, self._centres[actor_id])
        cx, cy = self._cell_of(box.center())
        reach = int(own // self._cell) + 2
        for gx in range(cx - reach, cx + reach + 1):
            for gy in range(cy - reach, cy + reach + 1):
                for other in self._grid.get((gx, gy), ()):
                    if other != actor_id and _distance(box, self._centres[other]) < own + 0.8 * mm:
                        return False
        return True

    def _fade(self, plan: MapPlan, mm: float) -> float:
        """How strongly the region's own ties are drawn: fainter the more paper they cover."""
        area = plan.page_rect(self.source).width() * plan.page_rect(self.source).height()
        if area <= 0:
            return 1.0
        ink = 0.0
        width = 0.3 * mm
        for tie in self.design.ties.values():
            a, b = (
                plan.to_page(*self.positions[tie.source]),
                plan.to_page(*self.positions[tie.target]),
            )
            ink += math.hypot(b.x() - a.x(), b.y() - a.y()) * width
        share = ink / area
        return 1.0 if share <= FADE_INK else max(MIN_FADE, FADE_INK / share)

    # --- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(plan.target)
        self._paint_backdrop(painter, plan, mm)
        paint_hulls(painter, plan.hulls, mm)
        paint_spin_offs(painter, plan.spin_offs, mm)
        self._paint_ties(painter, plan, mm)
        self._paint_actors(painter, plan, mm)
        paint_badges(painter, plan.badges, SYMBOL_MM * mm, mm)
        self._paint_labels(painter, plan, mm)
        paint_hull_names(painter, plan.hulls, mm)
        painter.restore()

    def _paint_backdrop(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        region = plan.page_rect(self.region)
        painter.setPen(QPen(style.REGION_OUTLINE, 0.35 * mm))
        painter.setBrush(style.REGION_FILL)
        painter.drawRoundedRect(region, 2.5 * mm, 2.5 * mm)
        painter.setPen(QPen(QColor(170, 170, 170), 0.25 * mm, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(248, 248, 248))
        for zone in self.zones:
            painter.drawRoundedRect(plan.page_rect(zone), 2 * mm, 2 * mm)
        font = print_font(8.0, True)
        painter.setFont(font)
        for (rect, text), colour in zip(
            self._titles(),
            (style.REGION_LABEL, style.OUTSIDE_LABEL, style.OUTSIDE_LABEL),
            strict=True,
        ):
            page = plan.page_rect(rect)
            painter.setPen(colour)
            metrics = font_metrics(font, painter.device())
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, page.width() - 4 * mm)
            painter.drawText(
                QRectF(
                    page.left() + 2 * mm,
                    page.top() + 1 * mm,
                    page.width() - 4 * mm,
                    metrics.height(),
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )

    def _paint_ties(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        region = {a.id for a in self.design.actors.values() if a.location is Location.REGION}
        heaviest: dict[str, float] = defaultdict(float)
        for tie in self.design.ties.values():
            heaviest[tie.kind.value] = max(heaviest[tie.kind.value], tie.weight)
        pairs: dict[tuple[str, str], list[Tie]] = defaultdict(list)
        for tie in self.design.ties.values():
            pair = (
                (tie.source, tie.target) if tie.source <= tie.target else (tie.target, tie.source)
            )
            pairs[pair].append(tie)
        half = SYMBOL_MM * mm / 2
        faded: list[tuple[Tie, int, int]] = []
        strong: list[tuple[Tie, int, int]] = []
        for ties in pairs.values():
            for slot, tie in enumerate(ties):
                inside = tie.source in region and tie.target in region
                (faded if inside and plan.fade < 1 else strong).append((tie, slot, len(ties)))
        for group, alpha in ((faded, plan.fade), (strong, 1.0)):
            for tie, slot, count in group:
                self._paint_tie(painter, plan, tie, slot, count, heaviest, alpha, half, mm)

    def _paint_tie(
        self,
        painter: QPainter,
        plan: MapPlan,
        tie: Tie,
        slot: int,
        count: int,
        heaviest: dict[str, float],
        alpha: float,
        half: float,
        mm: float,
    ) -> None:
        a = plan.to_page(*self.positions[tie.source])
        b = plan.to_page(*self.positions[tie.target])
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy)
        if length < 2 * half + 0.5 * mm:
            return
        ux, uy = dx / length, dy / length
        offset = (slot - (count - 1) / 2) * 0.7 * mm  # ties of one pair side by side
        nx, ny = -uy * offset, ux * offset
        start = QPointF(a.x() + ux * half + nx, a.y() + uy * half + ny)
        end = QPointF(b.x() - ux * half + nx, b.y() - uy * half + ny)
        width = (
            0.18
            + 0.42
            * math.sqrt(
                min(1.0, tie.weight / heaviest[tie.kind.value] if heaviest[tie.kind.value] else 1.0)
            )
        ) * mm
        pen = style.tie_pen(tie.kind, width)
        colour = QColor(pen.color())
        colour.setAlphaF(alpha)
        pen.setColor(colour)
        painter.setPen(pen)
        if tie.directed:
            arrow = ARROW_MM * mm
            base = QPointF(end.x() - ux * arrow, end.y() - uy * arrow)
            painter.drawLine(start, base)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            wing = arrow * 0.45
            painter.drawPolygon(
                QPolygonF(
                    [
                        end,
                        QPointF(base.x() - uy * wing, base.y() + ux * wing),
                        QPointF(base.x() + uy * wing, base.y() - ux * wing),
                    ]
                )
            )
        else:
            painter.drawLine(start, end)

    def _paint_actors(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        size = SYMBOL_MM * mm
        for actor in self.design.actors.values():
            point = plan.to_page(*self.positions[actor.id])
            sec = style.SECTOR_STYLES[actor.sector]
            rect = QRectF(point.x() - size / 2, point.y() - size / 2, size, size)
            painter.setPen(QPen(sec.outline, 0.25 * mm))
            painter.setBrush(sec.fill)
            painter.drawPath(style.shape_path(sec.shape, rect))

    def _paint_labels(self, painter: QPainter, plan: MapPlan, mm: float) -> None:
        font = print_font(LABEL_POINTS)
        bold = QFont(font)
        bold.setBold(True)
        for actor_id, (box, text) in plan.labels.items():
            numbered = actor_id in plan.numbers
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 225))
            path = QPainterPath()
            path.addRoundedRect(box, 0.6 * mm, 0.6 * mm)
            painter.drawPath(path)
            painter.setFont(bold if numbered else font)
            painter.setPen(INK if not numbered else CAPTION.darker(150))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class _Boxes:
    """Rectangles already taken on the page, in a grid of cells, so asking whether a new one
    overlaps any looks only at its neighbours (thousands of actors, not millions of tests)."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[QRectF]] = defaultdict(list)

    def _keys(self, box: QRectF) -> list[tuple[int, int]]:
        c = self.cell
        xs = range(int(box.left() // c), int(box.right() // c) + 1)
        ys = range(int(box.top() // c), int(box.bottom() // c) + 1)
        return [(x, y) for x in xs for y in ys]

    def add(self, box: QRectF) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)

    def hits(self, box: QRectF) -> bool:
        return any(box.intersects(o) for key in self._keys(box) for o in self.cells.get(key, ()))


def _distance(box: QRectF, point: QPointF) -> float:
    dx = max(box.left() - point.x(), 0.0, point.x() - box.right())
    dy = max(box.top() - point.y(), 0.0, point.y() - box.bottom())
    return math.hypot(dx, dy)


# --- the key -------------------------------------------------------------------------------
def key_title(plan: MapPlan) -> str:
    title = _("KEY TO THE NUMBERS")
    if not plan.unnamed:
        return title
    note = ngettext(
        "{n} less connected actor is not named",
        "{n} less connected actors are not named",
        plan.unnamed,
    ).format(n=f"{plan.unnamed:,}")
    return _("{title} ({note})").format(title=title, note=note)


def key_column_width(painter: QPainter, entries: list[KeyEntry], mm: float, limit: float) -> float:
    font = print_font(LABEL_POINTS)
    metrics = font_metrics(font, painter.device())
    widest = max((metrics.horizontalAdvance(e.name) for e in entries), default=0.0)
    number = metrics.horizontalAdvance("000") + 2 * mm
    return min(limit, number + widest + 3 * mm)


def paint_key(
    painter: QPainter, rect: QRectF, entries: list[KeyEntry], mm: float, title: str
) -> int:
    """As many entries as fit in `rect`, in columns; returns how many were painted."""
    font, bold = print_font(LABEL_POINTS), print_font(LABEL_POINTS, True)
    metrics = font_metrics(font, painter.device())
    line = metrics.height() + 0.3 * mm
    painter.save()
    painter.setFont(print_font(7.5, True))
    painter.setPen(CAPTION)
    head = font_metrics(print_font(7.5, True), painter.device()).height()
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), head), Qt.AlignmentFlag.AlignLeft, title
    )
    top = rect.top() + head + 1 * mm
    rows = max(1, int((rect.bottom() - top) // line))
    col_w = key_column_width(painter, entries, mm, rect.width())
    columns = max(1, int((rect.width() + 3 * mm) // (col_w + 3 * mm)))
    number_w = metrics.horizontalAdvance("000") + 1.5 * mm
    shown = min(len(entries), rows * columns)
    for i, entry in enumerate(entries[:shown]):
        column, row = divmod(i, rows)
        x = rect.left() + column * (col_w + 3 * mm)
        y = top + row * line
        painter.setFont(bold)
        painter.setPen(CAPTION.darker(150))
        painter.drawText(
            QRectF(x, y, number_w - 1 * mm, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(entry.number),
        )
        painter.setFont(font)
        painter.setPen(INK)
        name = metrics.elidedText(entry.name, Qt.TextElideMode.ElideRight, col_w - number_w)
        painter.drawText(
            QRectF(x + number_w, y, col_w - number_w, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
    painter.restore()
    return shown
