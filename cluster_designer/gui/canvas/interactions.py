"""Mouse gestures on the canvas as small state machines: move, draw a tie, rubber band.

A drag moves items on screen only; the model hears of it once, on release, as one
MoveActorsCommand (with any location change from crossing the region boundary), so the
whole drag is one undo step and the model stays the single source of truth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
)

from cluster_designer.i18n import N_, _
from cluster_designer.model import Sector, make_actor, make_tie

from .. import style
from ..commands import AddItemsCommand, MoveActorsCommand
from .region import location_at
from .tools import Tool

if TYPE_CHECKING:
    from .scene import ClusterScene


ID_PREFIX = {Sector.UNIVERSITY: "U", Sector.COMPANY: "C", Sector.SUPPORT: "S"}
NEW_NAME = {  # marked with N_(): translated when an actor is made
    Sector.UNIVERSITY: N_("New university"),
    Sector.COMPANY: N_("New company"),
    Sector.SUPPORT: N_("New support organization"),
}


def add_actor_at(
    scene: ClusterScene, point: QPointF, sector: Sector | None, edit_name: bool
) -> str | None:
    """Add an actor where the user clicked (one undo step), select it and open its name editor."""
    design = scene.design
    if design is None:
        return None
    sector = Sector(sector or scene.last_sector)
    scene.last_sector = sector
    point = scene.snap(point)
    actor = make_actor(
        id=design.unique_actor_id(ID_PREFIX[sector], scene.document.other_actor_ids()),
        name=_(NEW_NAME[sector]),
        sector=sector,
        location=location_at(point, scene.region_rect()),
        x=point.x(),
        y=point.y(),
    )
    if not scene.document.push(
        AddItemsCommand(design, [actor], text=_("Add {sector}").format(sector=sector.label.lower()))
    ):
        return None
    scene.select_ids([actor.id])
    if edit_name:
        scene.edit_name(actor.id)
    return actor.id


def add_tie(scene: ClusterScene, source: str, target: str) -> int | None:
    """Add a tie of the scene's current kind (one undo step) and select it."""
    if scene.design is None or source == target:
        return None
    kind = scene.tie_kind
    command = AddItemsCommand(
        scene.design,
        [],
        [make_tie(source=source, target=target, kind=kind)],
        text=_("Add {kind} tie {source} – {target}").format(
            kind=kind.label.lower(),
            source=scene.design.actor(source).name,
            target=scene.design.actor(target).name,
        ),
    )
    if not scene.document.push(command):
        return None
    scene.select_ids([], command.tie_uids)
    return command.tie_uids[0]


def zoom_of(event: QGraphicsSceneMouseEvent) -> float:
    """The zoom of the view that sent a scene mouse event (1.0 when unknown)."""
    widget = event.widget()
    view = widget.parent() if widget is not None else None
    if isinstance(view, QGraphicsView):
        return view.transform().m11()
    return 1.0


def _ctrl(event: QGraphicsSceneMouseEvent) -> bool:
    return bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class MoveGesture:
    """Press on an actor; once the mouse travels far enough, the selection follows it."""

    def __init__(
        self, scene: ClusterScene, anchor: str, press: QPointF, zoom: float, click_selects: bool
    ) -> None:
        self.scene = scene
        self.anchor = anchor
        self.press = press
        self.zoom = zoom
        self.click_selects = (
            click_selects  # a plain click (no drag) narrows the selection to the anchor
        )
        self.started = False
        self.ids = scene.selected_actor_ids() or [anchor]
        self.start = {i: scene.actor_pos(i) for i in self.ids}
        self.current = dict(self.start)

    def move(self, pos: QPointF) -> None:
        delta = pos - self.press
        if not self.started:
            if delta.manhattanLength() * self.zoom < QApplication.startDragDistance():
                return
            self.started = True
            self.scene.begin_move(self.ids)
        ax, ay = self.start[self.anchor] if self.anchor in self.start else self.start[self.ids[0]]
        snapped = self.scene.snap(QPointF(ax + delta.x(), ay + delta.y()))
        dx, dy = snapped.x() - ax, snapped.y() - ay
        self.current = {i: (x + dx, y + dy) for i, (x, y) in self.start.items()}
        self.scene.set_positions(self.current)
        self._show_drop_target()

    def _show_drop_target(self) -> None:
        """Crossing the region's edge changes what an actor is: show where it would go."""
        scene, anchor = self.scene, self.anchor
        if scene.design is None or anchor not in self.current:
            return
        target = scene.location_for(anchor, QPointF(*self.current[anchor]))
        scene.set_drop_target(target if target is not scene.design.actor(anchor).location else None)

    def finish(self, pos: QPointF) -> None:
        scene = self.scene
        scene.set_drop_target(None)
        if not self.started:
            if self.click_selects:
                scene.select_ids([self.anchor])
            return
        scene.end_move()
        moved = {i: p for i, p in self.current.items() if p != self.start[i]}
        if not moved or scene.design is None:
            return
        command = MoveActorsCommand(
            scene.design, moved, locations=scene.locations_after_move(moved)
        )
        if not scene.document.push(command):
            self.cancel()

    def cancel(self) -> None:
        self.scene.set_drop_target(None)
        if self.started:
            self.scene.end_move()
            self.scene.set_positions(self.start)


class TieGesture:
    """Press on an actor, drag a rubber line, release on another actor to add a tie."""

    def __init__(self, scene: ClusterScene, source: str, zoom: float) -> None:
        self.scene = scene
        self.source = source
        self.zoom = zoom
        x, y = scene.actor_pos(source)
        pen = QPen(style.TIE_STYLES[scene.tie_kind].color, 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line = QGraphicsLineItem(QLineF(x, y, x, y))
        self.line.setPen(pen)
        self.line.setZValue(50)
        scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        line = self.line.line()
        self.line.setLine(QLineF(line.p1(), pos))

    def finish(self, pos: QPointF) -> None:
        self.cancel()
        target = self.scene.actor_at(pos, self.zoom)
        if target is not None and target != self.source:
            self.scene.add_tie(self.source, target)

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class BandGesture:
    """Drag on empty canvas: select the actors inside the rectangle (Ctrl adds to the selection)."""

    def __init__(self, scene: ClusterScene, press: QPointF, additive: bool) -> None:
        self.scene = scene
        self.press = press
        self.additive = additive
        self.before = scene.selected_actor_ids() if additive else []
        self.rect = QGraphicsRectItem(QRectF(press, press))
        pen = QPen(style.SELECTION_COLOR, 1)
        pen.setCosmetic(True)
        self.rect.setPen(pen)
        fill = QColor(style.SELECTION_COLOR)
        fill.setAlpha(40)
        self.rect.setBrush(fill)
        self.rect.setZValue(60)
        scene.addItem(self.rect)

    def move(self, pos: QPointF) -> None:
        self.rect.setRect(QRectF(self.press, pos).normalized())

    def finish(self, pos: QPointF) -> None:
        rect = QRectF(self.press, pos).normalized()
        self.cancel()
        if rect.width() == 0 and rect.height() == 0:
            return
        inside = self.scene.table.in_rect(rect.left(), rect.top(), rect.right(), rect.bottom())
        ties = self.scene.selected_tie_uids() if self.additive else []
        self.scene.select_ids(list(dict.fromkeys(self.before + inside)), ties)

    def cancel(self) -> None:
        if self.rect.scene() is not None:
            self.scene.removeItem(self.rect)


Gesture = MoveGesture | TieGesture | BandGesture


class Gestures:
    """Decides what a press starts, given the tool, the modifiers and what is under the mouse."""

    def __init__(self, scene: ClusterScene) -> None:
        self.scene = scene
        self.active: Gesture | None = None

    def cancel(self) -> None:
        if self.active is not None:
            self.active.cancel()
            self.active = None

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        scene = self.scene
        if scene.design is None:
            return False
        self.cancel()
        pos, zoom = event.scenePos(), zoom_of(event)
        actor = scene.actor_at(pos, zoom)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if scene.tool is Tool.ADD_ACTOR:
            scene.set_tool(Tool.SELECT)
            scene.add_actor_at(pos)
        elif scene.tool is Tool.DRAW_TIE or (shift and actor is not None):
            if actor is not None:
                self.active = TieGesture(scene, actor, zoom)
        elif actor is not None:
            click_selects = False
            if _ctrl(event):
                scene.toggle_ids([actor])
                if not scene.is_selected(actor):
                    return True
            elif not scene.is_selected(actor):
                scene.select_ids([actor])
            else:
                click_selects = True
            self.active = MoveGesture(scene, actor, pos, zoom, click_selects)
        else:
            tie = scene.tie_at(pos, zoom)
            if tie is not None:
                if _ctrl(event):
                    scene.toggle_ids((), [tie])
                else:
                    scene.select_ids((), [tie])
            else:
                if not _ctrl(event):
                    scene.clear_selection_ids()
                self.active = BandGesture(scene, pos, _ctrl(event))
        event.accept()
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.active is None:
            return False
        self.active.move(event.scenePos())
        event.accept()
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self.scene.design is None:
            return False
        gesture, self.active = self.active, None
        if gesture is not None:
            gesture.finish(event.scenePos())
        event.accept()
        return True

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self.scene.design is None:
            return False
        self.cancel()
        scene = self.scene
        pos, zoom = event.scenePos(), zoom_of(event)
        actor = scene.actor_at(pos, zoom)
        if actor is not None:
            scene.select_ids([actor])
            scene.edit_name(actor)
        elif scene.tool is Tool.SELECT and scene.tie_at(pos, zoom) is None:
            scene.add_actor_at(pos)
        event.accept()
        return True
