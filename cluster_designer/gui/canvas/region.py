"""The region area: where it is, which location a point belongs to, where new actors go;
and the backdrop painted under the diagram (region, outside zones, grid).

The region rectangle is the bounding box of the `region` actors plus a margin, at least
600×400. The scene recomputes it only when the model changes (a drop, an undo, a load), so
it never jumps while an actor is being dragged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from cluster_designer.analysis.map_geometry import (
    LANE_GAP,
    LANE_TITLE,
    LANE_WIDTH,
    PLACE_STEP,
    REGION_MARGIN,
    REGION_MIN_HEIGHT,
    REGION_MIN_WIDTH,
)
from cluster_designer.i18n import N_, _
from cluster_designer.model import Actor, Location

from .. import style
from .batch import draw_lines
from .geometry import PositionTable
from .lazy_items import LazyItems

MIN_WIDTH, MIN_HEIGHT = REGION_MIN_WIDTH, REGION_MIN_HEIGHT
MARGIN = REGION_MARGIN
ZONE_GAP = LANE_GAP
ZONE_WIDTH = LANE_WIDTH
REGION_TITLE_MAX_POINTS = 26.0  # the region's title stays inside the box's top margin


def region_rect_for(points: Iterable[tuple[float, float]]) -> QRectF:
    """Bounding box of the region actors plus margin, grown symmetrically to the minimum size."""
    pts = list(points)
    if not pts:
        return QRectF(-MIN_WIDTH / 2, -MIN_HEIGHT / 2, MIN_WIDTH, MIN_HEIGHT)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    rect = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))).adjusted(
        -MARGIN, -MARGIN, MARGIN, MARGIN
    )
    if rect.width() < MIN_WIDTH:
        grow = (MIN_WIDTH - rect.width()) / 2
        rect.adjust(-grow, 0, grow, 0)
    if rect.height() < MIN_HEIGHT:
        grow = (MIN_HEIGHT - rect.height()) / 2
        rect.adjust(0, -grow, 0, grow)
    return rect


def region_rect_around(extent: tuple[float, float, float, float] | None) -> QRectF:
    """`region_rect_for` from the bounds (left, top, right, bottom) of the region actors."""
    if extent is None:
        return region_rect_for([])
    return region_rect_for([(extent[0], extent[1]), (extent[2], extent[3])])


def location_at(point: QPointF, region: QRectF, previous: Location | None = None) -> Location:
    """Inside the region → region; left of it → domestic; right → overseas.

    Above or below the region an outside actor keeps its outside location; an actor leaving
    the region there goes to the nearer side.
    """
    if region.contains(point):
        return Location.REGION
    if point.x() < region.left():
        return Location.DOMESTIC
    if point.x() > region.right():
        return Location.OVERSEAS
    if previous is not None and previous.is_outside:
        return previous
    return Location.DOMESTIC if point.x() < region.center().x() else Location.OVERSEAS


def zone_rects(region: QRectF) -> tuple[QRectF, QRectF]:
    """The areas drawn left (domestic) and right (overseas) of the region."""
    left = QRectF(region.left() - ZONE_GAP - ZONE_WIDTH, region.top(), ZONE_WIDTH, region.height())
    right = QRectF(region.right() + ZONE_GAP, region.top(), ZONE_WIDTH, region.height())
    return left, right


def diagram_rect_for(region: QRectF, table: PositionTable, items: LazyItems) -> QRectF:
    """The region, the outside zones and every actor with its label."""
    left, right = zone_rects(region)
    rect = region.united(left).united(right)
    extent = table.extent()
    if extent is not None:
        rect = rect.united(QRectF(QPointF(extent[0], extent[1]), QPointF(extent[2], extent[3])))
        rect = rect.united(_edge_labels_rect(extent, table, items))
    return rect.adjusted(-40, -40, 40, 60)


def _edge_labels_rect(
    extent: tuple[float, float, float, float],
    table: PositionTable,
    items: LazyItems,
) -> QRectF:
    """Full names of the leftmost and rightmost actors, so print never cuts them off."""
    xy, ids = table.xy, table.ids
    rows = np.flatnonzero((xy[:, 0] < extent[0] + 250) | (xy[:, 0] > extent[2] - 250))[:400]
    if rows.size == 0:
        return QRectF()
    box = np.array([items.label_rect(ids[r], True).getCoords() for r in rows.tolist()]).reshape(
        -1, 4
    )
    box += xy[rows][:, [0, 1, 0, 1]]
    lo, hi = box[:, :2].min(axis=0), box[:, 2:].max(axis=0)
    return QRectF(QPointF(lo[0], lo[1]), QPointF(hi[0], hi[1])).adjusted(-30, 0, 30, 0)


def place_unplaced(
    actors: Iterable[Actor], placed: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Deterministic positions for actors without x/y: a grid in the region or its zone.

    Computed the same way every time a design is shown, so nothing has to be written to the
    model (the design stays unmodified) until the user moves them.
    """
    actors = list(actors)
    todo = {loc: [a for a in actors if not a.placed and a.location is loc] for loc in Location}
    region_pts = [
        placed[a.id]
        for a in actors
        if a.placed and a.location is Location.REGION and a.id in placed
    ]
    region = region_rect_for(region_pts)
    result: dict[str, tuple[float, float]] = {}
    inside = todo[Location.REGION]
    if inside:
        cols = max(1, math.ceil(math.sqrt(len(inside) * 1.5)))
        if region_pts:
            x0, y0 = region.left() + MARGIN, region.bottom() + PLACE_STEP / 2
        else:
            rows = math.ceil(len(inside) / cols)
            x0 = -(cols - 1) * PLACE_STEP / 2
            y0 = -(rows - 1) * PLACE_STEP / 2
        for n, actor in enumerate(inside):
            result[actor.id] = (x0 + (n % cols) * PLACE_STEP, y0 + (n // cols) * PLACE_STEP)
        region = region_rect_for(region_pts + list(result.values()))
    left_zone, right_zone = zone_rects(region)
    for loc, zone, direction in (
        (Location.DOMESTIC, left_zone, -1),
        (Location.OVERSEAS, right_zone, 1),
    ):
        items = todo[loc]
        per_col = max(1, int((zone.height() - PLACE_STEP / 2 - LANE_TITLE) // PLACE_STEP) + 1)
        x_start = zone.right() - PLACE_STEP / 2 if direction < 0 else zone.left() + PLACE_STEP / 2
        for n, actor in enumerate(items):
            col, row = divmod(n, per_col)
            result[actor.id] = (
                x_start + direction * col * PLACE_STEP,
                zone.top() + LANE_TITLE + row * PLACE_STEP,
            )
    return result


def _zone_font(zoom: float, zone_width: float) -> QFont:
    font = QFont()
    font.setPointSizeF(_readable(11.0, 8.5, zoom, zone_width=zone_width))
    font.setBold(True)
    return font


def _title_font(zoom: float) -> QFont:
    font = QFont()
    font.setPointSizeF(min(_readable(13.0, 9.5, zoom), REGION_TITLE_MAX_POINTS))
    font.setBold(True)
    return font


_ZONE_TEXT_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_TITLE_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def title_rects(region: QRectF, label: str, zoom: float) -> list[QRectF]:
    """Where the region's title and the lanes' titles are drawn at this zoom (scene units):
    what labels and actors must stay clear of."""
    left_zone, right_zone = zone_rects(region)
    metrics = QFontMetricsF(_zone_font(zoom, left_zone.width()))
    rects = [
        metrics.boundingRect(zone.adjusted(6, 8, -6, -8), _ZONE_TEXT_FLAGS, text)
        for zone, text in ((left_zone, _("Domestic")), (right_zone, _("Overseas")))
    ]
    title = QFontMetricsF(_title_font(zoom))
    rects.append(
        title.boundingRect(region.adjusted(18, 10, -18, -10), _TITLE_FLAGS, label or _("Region"))
    )
    return rects


def paint_region(painter: QPainter, region: QRectF, label: str) -> None:
    """The region as a labelled rounded rectangle, with the two outside zones beside it."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    left_zone, right_zone = zone_rects(region)
    zone_pen = QPen(QColor(190, 190, 190), 1.2, Qt.PenStyle.DashLine)
    zone_pen.setCosmetic(True)
    zoom = max(painter.worldTransform().map(QLineF(0, 0, 1, 0)).length(), 1e-3)
    font = _zone_font(zoom, left_zone.width())
    for zone, text in ((left_zone, _("Domestic")), (right_zone, _("Overseas"))):
        painter.setPen(zone_pen)
        painter.setBrush(QColor(246, 246, 244))
        painter.drawRoundedRect(zone, 14, 14)
        painter.setPen(style.OUTSIDE_LABEL)
        painter.setFont(font)
        painter.drawText(zone.adjusted(6, 8, -6, -8), _ZONE_TEXT_FLAGS, text)
    pen = QPen(style.REGION_OUTLINE, 2)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(style.REGION_FILL)
    painter.drawRoundedRect(region, 24, 24)
    painter.setFont(_title_font(zoom))
    painter.setPen(style.REGION_LABEL)
    painter.drawText(region.adjusted(18, 10, -18, -10), _TITLE_FLAGS, label or _("Region"))


def paint_grid(painter: QPainter, rect: QRectF) -> None:
    """The editing grid in `rect`, its step doubled until lines are at least 8 px apart."""
    zoom = painter.worldTransform().m11() or 1.0
    step = style.GRID_STEP
    while step * zoom < 8:
        step *= 2
    xs = np.arange(np.floor(rect.left() / step) * step, rect.right() + step, step)
    ys = np.arange(np.floor(rect.top() / step) * step, rect.bottom() + step, step)
    lines = np.vstack(
        [
            np.column_stack(
                (xs, np.full_like(xs, rect.top()), xs, np.full_like(xs, rect.bottom()))
            ),
            np.column_stack(
                (np.full_like(ys, rect.left()), ys, np.full_like(ys, rect.right()), ys)
            ),
        ]
    )
    painter.setPen(QPen(style.GRID_COLOR, 0))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    draw_lines(painter, lines)


def _readable(
    points: float, device_min: float, zoom: float, zone_width: float | None = None
) -> float:
    """A caption's size in scene points: at least `device_min` points on the device when
    zoomed out, but never wider than a zone caption can be."""
    size = max(points, device_min / zoom)
    if zone_width is not None:
        size = min(size, zone_width / 6.0)
    return size


_DROP_CAPTIONS = {
    Location.REGION: N_("Drop here: it becomes a region actor"),
    Location.DOMESTIC: N_("Drop here: it becomes domestic"),
    Location.OVERSEAS: N_("Drop here: it becomes overseas"),
}


def zone_of(location: Location, region: QRectF) -> QRectF:
    """Where actors of this location stand: the region box or one of the outside lanes."""
    if location is Location.REGION:
        return QRectF(region)
    left, right = zone_rects(region)
    return left if location is Location.DOMESTIC else right


def paint_drop_target(painter: QPainter, region: QRectF, location: Location) -> None:
    """While a drag would change an actor's location: its new zone, highlighted and named."""
    zone = zone_of(location, region)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill = QColor(style.SELECTION_COLOR)
    fill.setAlpha(40)
    pen = QPen(style.SELECTION_COLOR, 3)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(zone, 14, 14)
    zoom = max(painter.worldTransform().map(QLineF(0, 0, 1, 0)).length(), 1e-3)
    font = QFont()
    font.setPointSizeF(min(max(10.0, 9.0 / zoom), zone.width() / 9.0))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(style.SELECTION_COLOR)
    painter.drawText(
        zone.adjusted(8, 8, -8, -10),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
        _(_DROP_CAPTIONS[location]),
    )
    painter.restore()
