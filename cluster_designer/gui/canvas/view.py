"""The view onto the cluster scene: zoom, pan, the legend overlay and keyboard editing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QLineEdit, QWidget

from ... import i18n
from .. import editing, style
from ..commands import UpdateActorCommand
from .labels import label_scale
from .legend import legend_size, paint_legend
from .scene import ClusterScene
from .scroll_bars import KeptGrooveStyle, keep_grooves
from .tools import Tool

MIN_ZOOM, MAX_ZOOM = 0.02, 8.0
ZOOM_STEP = 1.25
LEGEND_MARGIN = 8
FIT_MARGIN = 6
GESTURE_PAUSE_MS = 150  # the wheel has been still this long: the sharp frame is drawn
MAX_UNDERLAYS = 2  # earlier sharp frames kept to fill what a zoom out uncovers


class NameEditor(QLineEdit):
    """In-place editor for an actor's name: Enter (or leaving the field) commits, Escape cancels."""

    def __init__(self, view: CanvasView, actor_id: str) -> None:
        super().__init__(view.viewport())
        self.setObjectName("actorNameEditor")
        self.view = view
        self.actor_id = actor_id
        self._closed = False
        self.returnPressed.connect(self.commit)
        self.editingFinished.connect(self.commit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def commit(self) -> None:
        if self._closed:
            return
        scene = self.view.cluster_scene
        text = self.text().strip()
        design = scene.design
        self.close_editor()
        if design is None or self.actor_id not in design.actors or not text:
            return
        if text != design.actor(self.actor_id).name:
            scene.document.push(UpdateActorCommand(design, self.actor_id, "name", text))

    def close_editor(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.view.name_editor = None
        self.hide()
        self.deleteLater()
        self.view.setFocus()


class Snapshot:
    """A sharp frame of the viewport (legend left out) and the scene-to-viewport transform it
    was drawn with: during a wheel zoom it is drawn scaled instead of redrawing the map."""

    def __init__(self, pixmap: QPixmap, transform: QTransform) -> None:
        self.pixmap = pixmap
        self.to_scene = transform.inverted()[0]
        self.zoom = transform.m11()

    def paint(self, painter: QPainter, transform: QTransform) -> None:
        painter.setWorldTransform(self.to_scene * transform)
        painter.drawPixmap(0, 0, self.pixmap)

    def covers(self, transform: QTransform, rect: QRect) -> bool:
        """Drawn with `transform`, this frame covers `rect` (viewport pixels) with a pixel to
        spare on each side: nothing drawn before it would show."""
        ratio = self.pixmap.devicePixelRatio()
        size = QRectF(0, 0, self.pixmap.width() / ratio, self.pixmap.height() / ratio)
        return (
            (self.to_scene * transform).mapRect(size).contains(QRectF(rect).adjusted(-1, -1, 1, 1))
        )


class LegendPicture:
    """The legend drawn once into a transparent pixmap and then blitted on every frame (it
    used to be laid out and drawn again on each paint, wheel-zoom steps included). Kept for
    one set of entries, width, position within a pixel, pixel ratio and language."""

    PAD = 2  # room for the box's outline, which reaches half a pixel outside it

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._size = (0.0, 0.0)
        self._size_key: tuple[object, ...] | None = None
        self._pixmap: QPixmap | None = None

    def size(self, entries: list, max_width: float) -> tuple[float, float]:
        key = (tuple(entries), max_width, i18n.current_language())
        if key != self._size_key:
            self._size, self._size_key = legend_size(entries, max_width), key
        return self._size

    def paint(self, painter: QPainter, top_left: QPointF, entries: list, max_width: float) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        x0, y0 = int(top_left.x()) - self.PAD, int(top_left.y()) - self.PAD
        offset = QPointF(top_left.x() - x0, top_left.y() - y0)
        key = (
            tuple(entries),
            max_width,
            i18n.current_language(),
            ratio,
            offset.x(),
            offset.y(),
        )
        if key != self._key or self._pixmap is None:
            width, height = self.size(entries, max_width)
            pixmap = QPixmap(
                int((width + offset.x() + self.PAD + 1) * ratio),
                int((height + offset.y() + self.PAD + 1) * ratio),
            )
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            legend_painter = QPainter(pixmap)
            paint_legend(legend_painter, offset, entries, max_width)
            legend_painter.end()
            self._pixmap, self._key = pixmap, key
        painter.drawPixmap(QPoint(x0, y0), self._pixmap)


class CanvasView(QGraphicsView):
    """Zooms around the cursor, pans with the middle button or Space+drag; the legend stays put.

    A wheel zoom is a gesture: from its first step until the wheel rests for GESTURE_PAUSE_MS
    the view shows its last sharp frame scaled to the new zoom (what cytoscape.js calls
    texture-on-viewport), then draws the sharp frame once (`settle_zoom`). Frames taken
    earlier and still true (nothing changed on the map since) fill what a zoom out uncovers.
    Any change to the map during a gesture ends it at once: the scaled frame is never stale.
    """

    zoomChanged = Signal(float)  # the new zoom factor, after any zoom (wheel, keys, fit, reset)
    _gesture: Snapshot | None = None  # (set again in __init__; Qt may scroll before that)

    def __init__(self, scene: ClusterScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.cluster_scene = scene
        if not scene.view_rect.isNull():
            self.setSceneRect(scene.view_rect)
        self.name_editor: NameEditor | None = None
        self.setObjectName("canvasView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(
            QGraphicsView.CacheModeFlag.CacheBackground
        )  # the static layer: see tie_layer.py
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._space = False
        self._pan_from: QPoint | None = None
        self._announced_zoom = self.zoom_factor()
        self._gesture: Snapshot | None = None  # the frame a running wheel zoom scales
        self._underlays: list[Snapshot] = []  # older sharp frames, still true, coarsest first
        self._gesture_true = True  # nothing changed on the map since the gesture's frame
        self._settle_due = False  # the map changed during the gesture: settle before painting
        self._settling = False
        self._hide_legend = False
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(GESTURE_PAUSE_MS)
        self._settle_timer.timeout.connect(self.settle_zoom)
        self._legend = LegendPicture()
        # Every paint covers the whole exposed area (the cached background, or the zoom
        # gesture's frames over a fill): Qt need not fill the viewport first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        # The scroll bars repaint as the view moves (a settling zoom's frame waits for them,
        # a pan repaints them at each step): their grooves are laid from kept pictures.
        self._bar_style = KeptGrooveStyle()
        keep_grooves(self, self._bar_style)
        scene.document.designChanged.connect(lambda _design: self.fit_to_view())

    # --- zoom --------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self.transform().m11()

    def set_zoom(
        self, factor: float, anchor_under_mouse: bool = False, gesture: bool = False
    ) -> None:
        """Zoom to `factor`; a `gesture` step (the wheel) shows the scaled sharp frame until
        the gesture rests, anything else draws the sharp frame at once."""
        if not gesture:
            self.settle_zoom()
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom_factor()
        if factor == current:
            return
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if anchor_under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        if gesture:
            self._begin_gesture()
        self.scale(factor / current, factor / current)
        self._zoom_changed()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_to_view(self) -> None:
        """Show the whole diagram, its grown labels included, above the legend strip."""
        scene = self.cluster_scene
        vp = self.viewport().rect()
        reserve = (
            self._legend.size(scene.legend_entries(), self._legend_max_width())[1]
            + 2 * LEGEND_MARGIN
            if scene.legend_visible
            else 0.0
        )
        width, height = (
            max(vp.width() - 2 * FIT_MARGIN, 50),
            max(vp.height() - reserve - 2 * FIT_MARGIN, 50),
        )
        rect = scene.diagram_rect()
        zoom = 1.0
        for _round in range(3):  # labels grow when zoomed out, which widens what must fit
            spread = rect.adjusted(-self._label_overhang(zoom), 0, self._label_overhang(zoom), 0)
            zoom = min(1.5, width / max(spread.width(), 1), height / max(spread.height(), 1))
        self.set_zoom(zoom)
        centre = rect.center()
        self.centerOn(QPointF(centre.x(), centre.y() + reserve / 2 / max(self.zoom_factor(), 1e-6)))
        self._zoom_changed()

    def _label_overhang(self, zoom: float) -> float:
        """How far grown labels of the outermost actors reach past the diagram's margin."""
        return max(0.0, 60.0 * (label_scale(zoom) - 1.0))

    def center_on_actor(self, actor_id: str) -> None:
        """Jump to the actor and select it (used by search and the evaluation panel)."""
        scene = self.cluster_scene
        if actor_id not in scene.items_by_id:
            return
        x, y = scene.actor_pos(actor_id)
        if self.zoom_factor() < 0.6:
            self.set_zoom(1.0)
        self.centerOn(QPointF(x, y))
        scene.select_ids([actor_id])

    def _zoom_changed(self) -> None:
        """Every zoom path ends here: the scene's level of detail follows (when the gesture
        rests, during one), listeners hear once."""
        zoom = self.zoom_factor()
        if self._gesture is None:
            self.cluster_scene.set_zoom_level(zoom)
        self.viewport().update()
        if zoom != self._announced_zoom:
            self._announced_zoom = zoom
            self.zoomChanged.emit(zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.set_zoom(self.zoom_factor() * (1.0015**delta), anchor_under_mouse=True, gesture=True)
        self._settle_timer.start()
        event.accept()

    # --- the zoom gesture: a scaled sharp frame until the wheel rests ------------------
    @property
    def zooming(self) -> bool:
        """A wheel zoom runs: the view shows a scaled copy of its last sharp frame."""
        return self._gesture is not None

    def _begin_gesture(self) -> None:
        if self._gesture is None:
            self._gesture = self._sharp_frame()
            self._gesture_true = True
            # The scroll bars show where the view is when the gesture rests: repainting them
            # (Fusion's gradients) at every wheel step cost more than the step's frame.
            for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
                bar.setUpdatesEnabled(False)

    def _sharp_frame(self) -> Snapshot | None:
        """The viewport as it is now, without the legend (drawn on top, unscaled) or any child
        widget (the name editor); a warm repaint (the static layer is cached)."""
        viewport = self.viewport()
        if viewport.width() <= 0 or viewport.height() <= 0 or not self.isVisible():
            return None
        ratio = viewport.devicePixelRatioF()
        pixmap = QPixmap(viewport.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        self._hide_legend = True
        try:
            viewport.render(pixmap, QPoint(), QRegion(), QWidget.RenderFlag.DrawWindowBackground)
        finally:
            self._hide_legend = False
        return Snapshot(pixmap, self.viewportTransform())

    def settle_zoom(self) -> None:
        """End a running wheel zoom: the level of detail follows the zoom and the next paint
        draws the sharp frame (also what the pause timer runs)."""
        self._settle_timer.stop()
        self._settle_due = False
        snapshot, self._gesture = self._gesture, None
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.setUpdatesEnabled(True)  # (repaints them if they were off)
        if snapshot is None:
            return
        self._settling = True
        try:  # a change of level of detail redraws the static layer: earlier frames stay true
            self.cluster_scene.set_zoom_level(self.zoom_factor())
        finally:
            self._settling = False
        if self._gesture_true:
            self._underlays = [*self._underlays, snapshot][-MAX_UNDERLAYS:]
            self._underlays.sort(key=lambda frame: frame.zoom)
        self.resetCachedContent()
        self.cluster_scene.label_planner.repainted_all()
        self.viewport().update()

    def static_changed(self) -> None:
        """The scene's static layer changed (ClusterScene.invalidate_static): frames taken
        before are no longer true; a running gesture settles before its next paint."""
        if self._settling:
            return
        self._underlays.clear()
        if self._gesture is not None and self._gesture_true:
            self._gesture_true = False
            self._settle_due = True
            self.viewport().update()
            QTimer.singleShot(0, self, self._settle_if_due)

    def _settle_if_due(self) -> None:
        if self._settle_due:
            self.settle_zoom()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._settle_due:
            self.settle_zoom()
        snapshot = self._gesture
        if snapshot is None:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        transform = self.viewportTransform()
        frames = [snapshot]
        if not snapshot.covers(transform, event.rect()):  # zooming out: uncovered margins
            painter.fillRect(event.rect(), style.CANVAS_BACKGROUND)
            frames = [*self._underlays, snapshot]
        for frame in frames:
            frame.paint(painter, transform)
        painter.resetTransform()
        self._paint_legend(painter)
        painter.end()

    # --- legend ------------------------------------------------------------------------
    def _legend_max_width(self) -> float:
        return max(self.viewport().width() - 2 * LEGEND_MARGIN, 1.0)

    def legend_rect(self) -> QRectF:
        width, height = self._legend.size(
            self.cluster_scene.legend_entries(), self._legend_max_width()
        )
        vp = self.viewport().rect()
        return QRectF(
            vp.right() - width - LEGEND_MARGIN, vp.bottom() - height - LEGEND_MARGIN, width, height
        )

    def leaveEvent(self, event: QEvent) -> None:
        self.cluster_scene.set_hovered(None)
        super().leaveEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)  # the scene's: drop target, hovered actor
        if self._hide_legend:
            return
        painter.save()
        painter.resetTransform()
        self._paint_legend(painter)
        painter.restore()

    def _paint_legend(self, painter: QPainter) -> None:
        if self.cluster_scene.legend_visible:
            self._legend.paint(
                painter,
                self.legend_rect().topLeft(),
                self.cluster_scene.legend_entries(),
                self._legend_max_width(),
            )

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._gesture is None:  # items coming on screen follow the level of detail
            self.cluster_scene.item_detail.sync()
        if self.cluster_scene.legend_visible:  # scrolled pixels carry the legend along: repaint it
            legend = self.legend_rect().toAlignedRect().adjusted(-2, -2, 2, 2)
            self.viewport().update(legend)
            self.viewport().update(legend.translated(dx, dy))
        if self.name_editor is not None:
            self.name_editor.move(self.name_editor.pos() + QPoint(dx, dy))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._gesture is None:
            self.cluster_scene.item_detail.sync()

    # --- panning -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.settle_zoom()  # a click acts on the map as drawn sharp
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self._restore_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _restore_cursor(self) -> None:
        cursor = (
            Qt.CursorShape.OpenHandCursor
            if self._space
            else (
                Qt.CursorShape.ArrowCursor
                if self.cluster_scene.tool is Tool.SELECT
                else Qt.CursorShape.CrossCursor
            )
        )
        self.viewport().setCursor(cursor)

    # --- keyboard ----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.cluster_scene
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        step = style.GRID_STEP if mods & Qt.KeyboardModifier.ShiftModifier else 1.0
        arrows: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left.value: (-step, 0.0),
            Qt.Key.Key_Right.value: (step, 0.0),
            Qt.Key.Key_Up.value: (0.0, -step),
            Qt.Key.Key_Down.value: (0.0, step),
        }
        if key in arrows and not ctrl:
            editing.nudge(scene.document, scene, *arrows[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            editing.delete_selection(scene.document, scene)
        elif key == Qt.Key.Key_Escape:
            scene.gestures.cancel()
            scene.set_tool(Tool.SELECT)
        elif ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.zoom_reset()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self._restore_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._space = False
        super().focusOutEvent(event)

    # --- in-place name editing ---------------------------------------------------------
    def open_name_editor(self, actor_id: str) -> NameEditor | None:
        scene = self.cluster_scene
        item = scene.items_by_id.get(actor_id)
        if item is None or scene.design is None:
            return None
        if self.name_editor is not None:
            self.name_editor.commit()
        if not scene.detailed:  # shown as a point: zoom in to it first
            self.center_on_actor(actor_id)
        label = self.mapFromScene(item.mapToScene(item.label.boundingRect())).boundingRect()
        editor = NameEditor(self, actor_id)
        editor.setText(scene.design.actor(actor_id).name)
        width = max(180, label.width() + 40)
        editor.setGeometry(
            int(label.center().x() - width / 2),
            label.top() - 2,
            int(width),
            editor.sizeHint().height(),
        )
        editor.selectAll()
        editor.show()
        editor.setFocus()
        self.name_editor = editor
        return editor
