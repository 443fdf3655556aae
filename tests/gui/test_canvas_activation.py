"""The window's activation does not go through every item of the map.

QGraphicsScene hands WindowActivate and WindowDeactivate to every top-level item, after
sorting all of them by stacking order: 52–75 ms on the window's thread at 50,000 actors,
each time the window gained or lost focus (any dialog opening or closing, switching to
another program; the biggest part of the stall while Compare opened). No item of the map
uses activation (no panels, nothing focusable on the scene, no painting by active state),
so the scene takes those events itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsRectItem

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.document import Document
from cluster_designer.model import Design, make_actor

ACTIVATION = (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


class _Listening(QGraphicsRectItem):
    def __init__(self) -> None:
        super().__init__(0, 0, 10, 10)
        self.seen: list[QEvent.Type] = []

    def sceneEvent(self, event: QEvent) -> bool:
        if event.type() in ACTIVATION:
            self.seen.append(event.type())
        return super().sceneEvent(event)


def test_activation_changes_reach_no_item_of_the_map(qtbot: Any) -> None:
    design = Design("Plan")
    design.load([make_actor(id=f"A{i}", name=f"Actor {i}", sector="company") for i in range(5)], [])
    document = Document()
    document.set_design(design)
    scene = ClusterScene(document)
    listening = _Listening()
    scene.addItem(listening)
    for kind in ACTIVATION * 2:
        QApplication.sendEvent(scene, QEvent(kind))
    assert listening.seen == []
    focusable = QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
    assert not scene.items_by_id["A0"].flags() & focusable  # what activation would matter to
