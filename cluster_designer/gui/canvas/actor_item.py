"""The item drawn for one actor: its sector's shape and colour, a label, pin and badges.

Items hold only what they need to paint (copied from the model by the scene when the model
announces a change); they never change the model themselves. At rest an item is fully
transparent and the scene draws it into its cached static layer (`draw`, see scene.py);
only while it is dragged ("live") does Qt paint the item itself.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from cluster_designer.i18n import _
from cluster_designer.model import Actor, Location

from .. import style

LABEL_MAX_CHARS = 24  # on screen at overview zooms; the tooltip keeps the full name
LABEL_MAX_CHARS_FULL = 40  # on paper and when zoomed in
LABEL_POINTS = 9.0
_PATHS: dict[tuple[style.Shape, float], QPainterPath] = {}


def shape_for(shape: style.Shape, size: float) -> QPainterPath:
    """The sector shape centred on (0, 0), cached by shape and size."""
    key = (shape, round(size, 2))
    path = _PATHS.get(key)
    if path is None:
        path = style.shape_path(shape, QRectF(-size / 2, -size / 2, size, size))
        _PATHS[key] = path
    return path


def elide(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tooltip_for(actor: Actor) -> str:
    lines = [actor.name, actor.sector.label]
    if actor.subtype:
        lines[-1] = _("{sector} — {subtype}").format(sector=lines[-1], subtype=actor.subtype)
    lines.append(actor.location.label)
    if actor.extra.get("pinned") == "1":
        lines.append(_("Pinned (layouts keep it in place)"))
    return "\n".join(lines)


_FONTS: dict[str, QFont] = {}


def label_font() -> QFont:
    """Created on first use: a QFont made before the application exists has no real size."""
    font = _FONTS.get("label")
    if font is None:
        font = QFont()
        font.setPointSizeF(LABEL_POINTS)
        _FONTS["label"] = font
    return font


_METRICS: list[tuple[QFont, QFontMetricsF, float, dict[str, float]]] = []
WIDTHS_KEPT = 200_000  # measured label widths kept (a 50,000-actor design has 100,000 texts)


def _label_rect(text: str, top: float) -> QRectF:
    # The metrics are kept while the font stays the same (a new QFontMetricsF per label was
    # a third of building an actor item), and so are the widths they measured: the print-safe
    # diagram bounds ask for 400 boxes of actors without items at every drag step.
    font = label_font()
    if not _METRICS or _METRICS[0][0] is not font:
        metrics = QFontMetricsF(font)
        _METRICS[:] = [(font, metrics, metrics.height() + 1, {})]
    _font, metrics, height, widths = _METRICS[0]
    width = widths.get(text)
    if width is None:
        if len(widths) >= WIDTHS_KEPT:
            widths.clear()
        width = widths[text] = metrics.horizontalAdvance(text) + 6
    return QRectF(-width / 2, top, width, height)


def label_rects(name: str, size: float) -> tuple[str, str, QRectF, QRectF]:
    """An actor's label texts (short, long) and their boxes around its centre for a shape
    of `size`: what its LabelItem holds, known before the item is made (lazy_items.py)."""
    top = size / 2 + 3
    text, long = elide(name), elide(name, LABEL_MAX_CHARS_FULL)
    rect = _label_rect(text, top)
    return text, long, rect, rect if long == text else _label_rect(long, top)


class LabelItem(QGraphicsItem):
    """The actor's name centred under the shape, on a soft background for legibility.

    It holds two texts: `text`, shortened for overview zooms, and `long_text` (up to
    LABEL_MAX_CHARS_FULL) for paper and close zooms. The scene decides which labels are drawn
    and how large (see labels.py); the item itself paints only while its actor is dragged.
    """

    epoch = 0  # bumped whenever any label's text or box changes (caches of the boxes check it)

    def __init__(self, parent: ActorItem) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._text = ""
        self._long = ""
        self._rect = QRectF()
        self._long_rect = QRectF()
        self.live_long = False  # the long text while dragged (set by the scene from its zoom)

    def set_text(self, name: str, size: float) -> None:
        """The texts and boxes for the actor's `name` under a shape of `size`."""
        self.prepareGeometryChange()
        LabelItem.epoch += 1
        self._text, self._long, self._rect, self._long_rect = label_rects(name, size)

    @property
    def text(self) -> str:
        return self._text

    @property
    def long_text(self) -> str:
        return self._long

    def rect(self, long: bool = False) -> QRectF:
        return self._long_rect if long else self._rect

    def boundingRect(self) -> QRectF:
        return self._long_rect.united(self._rect)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        self.draw(painter, self.live_long)

    def stamp_key(self, long: bool, emphasis: bool, scale: float) -> tuple:
        """Everything `draw_scaled` depends on besides the zoom (see stamps.py)."""
        return (
            "label",
            self._long if long else self._text,
            self.rect(long).getCoords(),
            emphasis,
            scale,
        )

    def stamp_box(self, long: bool, scale: float) -> QRectF:
        """What `draw_scaled` covers around the actor's centre, the emphasis pen included."""
        rect = self.rect(long)
        top = rect.top()
        return QRectF(
            rect.left() * scale, top, rect.width() * scale, rect.height() * scale
        ).adjusted(-2, -2, 2, 2)

    def draw_scaled(self, painter: QPainter, long: bool, emphasis: bool, scale: float) -> None:
        """`draw` around the actor's centre, grown by `scale` from the label's top edge."""
        top = self.rect().top()
        painter.translate(0, top)
        painter.scale(scale, scale)
        painter.translate(0, -top)
        self.draw(painter, long, emphasis)

    def draw(self, painter: QPainter, long: bool = False, emphasis: bool = False) -> None:
        rect = self._long_rect if long else self._rect
        painter.setPen(QPen(style.SELECTION_COLOR, 1.2) if emphasis else Qt.PenStyle.NoPen)
        painter.setBrush(style.LABEL_BACKGROUND)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setFont(label_font())
        painter.setPen(style.LABEL_COLOR)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._long if long else self._text)


class ActorItem(QGraphicsItem):
    """One actor, top-level (no shared parent: moving one must not walk thousands of siblings)."""

    def __init__(self, actor: Actor, size: float = style.ACTOR_SIZE) -> None:
        super().__init__()
        self.actor_id = actor.id
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the scene runs the gestures
        self.label = LabelItem(self)
        self.size = size
        self.fill_override: QColor | None = None
        self.dimmed = False
        self.highlighted = False
        self.marked = False  # selected (the scene keeps its own selection, see scene.py)
        self._style = style.SECTOR_STYLES[actor.sector]
        self._badge = ""
        self._pinned = False
        self._moved_in = ""  # 'domestic' or 'overseas': an actor that moved into the region
        self.show_origin = False  # the View menu's Show Origins (set by the scene)
        self._name = actor.name
        self.setOpacity(0.0)  # at rest the scene's static layer draws it
        self.sync(actor)

    def sync(self, actor: Actor) -> None:
        """Copy what is painted from the model's actor (repainting where it was drawn, too:
        a shorter name leaves the longer one's box)."""
        if self.scene() is not None:
            self.refresh()
        self.actor_id = actor.id
        self._style = style.SECTOR_STYLES[actor.sector]
        self._badge = (
            style.LOCATION_BADGE.get(actor.location, "")
            if actor.location is not Location.REGION
            else ""
        )
        self._pinned = actor.extra.get("pinned") == "1"
        origin = actor.origin
        self._moved_in = origin.value if origin is not None and origin.moved_in else ""
        self._name = actor.name
        self.label.set_text(actor.name, self.size)
        self.setToolTip(tooltip_for(actor))
        self.refresh()

    def set_live(self, live: bool) -> None:
        """Painted by Qt (live, while dragged) or by the scene's static layer (at rest)."""
        self.setOpacity(1.0 if live else 0.0)
        self.refresh()

    def drawn_rect(self) -> QRectF:
        """Scene area of the shape, its halo and its label at the largest size it is drawn."""
        scene = self.scene()
        label = self.label.boundingRect()
        scale = getattr(scene, "label_scale", 1.0)
        if scale != 1.0:
            label = QRectF(
                label.left() * scale, label.top(), label.width() * scale, label.height() * scale
            )
        return self.mapRectToScene(self.boundingRect().united(label))

    def refresh(self) -> None:
        """Repaint wherever this actor is drawn: the item itself and the static layer under it."""
        scene = self.scene()
        if hasattr(scene, "invalidate_static"):
            scene.invalidate_static(self.drawn_rect())
        elif scene is not None:
            scene.invalidate(self.drawn_rect(), QGraphicsScene.SceneLayer.BackgroundLayer)
        self.update()

    @property
    def radius(self) -> float:
        return self.size / 2

    def set_size(self, size: float) -> None:
        if size != self.size:
            self.refresh()
            self.prepareGeometryChange()
            self.size = size
            self.label.set_text(self._name, size)
            self.refresh()

    def boundingRect(self) -> QRectF:
        half = self.size / 2 + RING_REACH
        return QRectF(-half, -half, 2 * half, 2 * half)

    def shape(self) -> QPainterPath:
        return shape_for(self._style.shape, self.size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        self.draw(painter)

    def look(self) -> tuple:
        """Everything `draw` depends on besides the zoom: the key of its stamp (stamps.py)."""
        fill = self.fill_override or self._style.fill
        return (
            self._style.shape,
            self.size,
            fill.rgba(),
            self._style.outline.rgba(),
            self.dimmed,
            self.highlighted,
            self.marked,
            self._badge,
            self._pinned,
            self.origin_mark,
        )

    @property
    def origin_mark(self) -> str:
        """The origin badge drawn now: 'domestic', 'overseas' or ''."""
        return self._moved_in if self.show_origin else ""

    def draw(self, painter: QPainter) -> None:
        """The shape, selection halo, badge and pin around (0, 0) of the painter."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = shape_for(self._style.shape, self.size)
        fill = self.fill_override or self._style.fill
        outline = self._style.outline
        if self.dimmed:
            fill = _pale(fill)
            outline = _pale(outline)
        if self.marked:
            paint_ring(
                painter, self._style.shape, self.size, style.SELECTION_COLOR, style.SELECTION_HALO
            )
        if self.highlighted:  # a broker, an isolate, a compare mark: a ring seen at any zoom
            paint_ring(
                painter,
                self._style.shape,
                self.size,
                style.HIGHLIGHT_COLOR,
                style.HIGHLIGHT_HALO,
                inner=True,
            )
        painter.setPen(QPen(outline, 2.5 if self.highlighted else 1.5))
        painter.setBrush(QBrush(fill))
        painter.drawPath(path)
        if self._badge:
            self._paint_badge(painter)
        if self._pinned:
            self._paint_pin(painter)
        if self.show_origin and self._moved_in:
            paint_moved_in(painter, QPointF(-self.size / 2 - 1, self.size / 2 - 3), self._moved_in)

    def paint_hover(self, painter: QPainter, scale: float, ring: bool, label: bool) -> None:
        """Under the mouse: a light ring (`ring`) and the full name at `scale` on top."""
        pos, top = self.pos(), self.label.rect().top()
        painter.save()
        painter.translate(pos)
        if ring:
            paint_ring(painter, self._style.shape, self.size, style.HOVER_COLOR, QColor(0, 0, 0, 0))
        if label:
            painter.translate(0, top)
            painter.scale(scale, scale)
            painter.translate(0, -top)
            self.label.draw(painter, True, emphasis=True)
        painter.restore()

    def _paint_badge(self, painter: QPainter) -> None:
        r = self.size / 2
        box = QRectF(r * 0.35, -r - 2, 12, 12)
        painter.setPen(QPen(QColor(90, 90, 90), 1))
        painter.setBrush(QColor(255, 255, 255))
        painter.drawEllipse(box)
        font = QFont(label_font())
        font.setPixelSize(8)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._badge)

    def _paint_pin(self, painter: QPainter) -> None:
        r = self.size / 2
        head = QPointF(-r * 0.75, -r * 0.75)
        painter.setPen(QPen(QColor(60, 60, 60), 1.5))
        painter.drawLine(head, head + QPointF(4, 4))
        painter.setBrush(QColor("#C0392B"))
        painter.drawEllipse(head, 3.5, 3.5)


RING_REACH = 14.0  # scene units the selection halo reaches beyond the shape
MOVED_IN_COLOURS = {"domestic": QColor("#1565C0"), "overseas": QColor("#C62828")}


def paint_moved_in(painter: QPainter, centre: QPointF, mark: str, radius: float = 6.0) -> None:
    """The badge of an actor that moved in: an arrow coming in, in a blue disc (from
    elsewhere in the country) or a red disc ringed like a globe (from abroad)."""
    painter.save()
    painter.translate(centre)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    colour = MOVED_IN_COLOURS.get(mark, QColor(90, 90, 90))
    painter.setPen(QPen(QColor("white"), 1.2))
    painter.setBrush(colour)
    painter.drawEllipse(QPointF(0, 0), radius, radius)
    r = radius
    if mark == "overseas":  # a globe's meridian behind the arrow
        painter.setPen(QPen(QColor(255, 255, 255, 150), 0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), r * 0.45, r * 0.85)
    pen = QPen(QColor("white"), max(r * 0.22, 1.1))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    tip = QPointF(r * 0.35, r * 0.35)
    painter.drawLine(QPointF(-r * 0.5, -r * 0.5), tip)
    painter.drawLine(tip, QPointF(r * 0.35, -r * 0.2))
    painter.drawLine(tip, QPointF(-r * 0.2, r * 0.35))
    painter.restore()


def paint_ring(
    painter: QPainter,
    shape: style.Shape,
    size: float,
    colour: QColor,
    halo: QColor,
    inner: bool = False,
) -> None:
    """A soft halo and a crisp ring around the shape, at least 2 px wide at any zoom
    (`inner`: a thicker ring hugging the shape, inside where a selection ring goes)."""
    zoom = max(painter.worldTransform().map(QLineF(0, 0, 1, 0)).length(), 0.05)
    if inner:
        ring = min(max(3.0 / zoom, 3.5), 6.0)
        gap = min(max(0.8 / zoom, 1.0), 2.0)
    else:
        ring = min(max(2.5 / zoom, 2.5), 6.0)
        gap = min(max(2.5 / zoom, 2.5), 5.0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(halo)
    painter.drawPath(shape_for(shape, size + 2 * (gap + ring) + 2))
    painter.setPen(QPen(colour, ring))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape_for(shape, size + 2 * gap + ring))


def _pale(color: QColor) -> QColor:
    bg = style.CANVAS_BACKGROUND
    return QColor(
        (color.red() + 3 * bg.red()) // 4,
        (color.green() + 3 * bg.green()) // 4,
        (color.blue() + 3 * bg.blue()) // 4,
    )
