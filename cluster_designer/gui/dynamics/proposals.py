"""Suggested ties drawn on the canvas as dashed lines between their actors.

A plain graphics item on top of the scene: the ties and actors are painted in the scene's
background, so this never touches the tie layer's cache. It reads the actors' positions
from the scene and is told to update when they move.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from .. import style
from .looks import PROPOSAL_COLOR

GAP = style.ACTOR_SIZE / 2 + 4  # the line stops short of the actors' shapes


class ProposalItem(QGraphicsObject):
    """Dashed lines for (source id, target id) pairs; missing actors are skipped."""

    def __init__(self, scene: object) -> None:
        super().__init__()
        self.setObjectName("dynamics_proposals")
        self.cluster_scene = scene
        self.pairs: list[tuple[str, str]] = []
        self.lines: list[QLineF] = []
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_pairs(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = list(pairs)
        self.refresh()

    def refresh(self) -> None:
        """Recompute the lines from the actors' current positions."""
        self.prepareGeometryChange()
        table = getattr(self.cluster_scene, "table", None)
        lines = []
        for source, target in self.pairs:
            if table is None or source not in table.rows or target not in table.rows:
                continue
            a = QPointF(*self.cluster_scene.actor_pos(source))  # type: ignore[attr-defined]
            b = QPointF(*self.cluster_scene.actor_pos(target))  # type: ignore[attr-defined]
            length = math.hypot(b.x() - a.x(), b.y() - a.y())
            if length <= 2 * GAP:
                continue
            dx, dy = (b.x() - a.x()) / length * GAP, (b.y() - a.y()) / length * GAP
            lines.append(QLineF(a.x() + dx, a.y() + dy, b.x() - dx, b.y() - dy))
        self.lines = lines
        self.update()

    def boundingRect(self) -> QRectF:
        if not self.lines:
            return QRectF()
        rect = QRectF(self.lines[0].p1(), self.lines[0].p2()).normalized()
        for line in self.lines[1:]:
            rect = rect.united(QRectF(line.p1(), line.p2()).normalized())
        return rect.adjusted(-4, -4, 4, 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.lines:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = QPen(QColor(255, 255, 255, 200), 6.0)  # keeps the dashes readable over ties
        halo.setCosmetic(True)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(halo)
        painter.drawLines(self.lines)
        pen = QPen(PROPOSAL_COLOR, 3.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLines(self.lines)
