"""What the canvas tells a planner is true: undo texts name actors, a drag across the region's
edge says so while dragging and in the undo text, highlights are visible, the legend explains
the overlay, and the mouse wheel scrolls the panel past the "Size actors by" box."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cluster_designer.gui import style
from cluster_designer.gui.canvas.actor_item import ActorItem
from cluster_designer.gui.canvas.legend import LegendNote, legend_size
from cluster_designer.gui.combo import FocusedWheelComboBox
from cluster_designer.gui.commands import (
    AddItemsCommand,
    MoveActorsCommand,
    RemoveItemsCommand,
    UpdateActorCommand,
    UpdateTieCommand,
)
from cluster_designer.model import Design, Location, make_actor, make_tie
from tests.gui.window_fixtures import wheel_down_at


def _design() -> Design:
    design = Design("Domain", region="Hamamatsu")
    design.add_actors(
        [
            make_actor(id="U1", name="Hamana University", sector="university", x=0, y=0),
            make_actor(id="C10", name="Aoba Rubber Products", sector="company", x=150, y=60),
            make_actor(
                id="C72", name="Aoba Thailand", sector="company", location="overseas", x=700, y=0
            ),
        ]
    )
    design.add_ties([make_tie(source="U1", target="C10", kind="collaboration")])
    return design


def test_undo_texts_name_actors_and_ties_by_name() -> None:
    design = _design()
    assert (
        UpdateActorCommand(design, "U1", "tags", ["a"]).text() == "Change tags of Hamana University"
    )
    assert UpdateActorCommand(design, "C10", "name", "X").text() == (
        "Change name of Aoba Rubber Products"
    )
    uid = next(iter(design.ties))
    assert UpdateTieCommand(design, uid, "weight", 2).text() == (
        "Change weight of tie Hamana University – Aoba Rubber Products"
    )
    assert RemoveItemsCommand(design, ["C10"]).text() == "Delete Aoba Rubber Products"
    assert RemoveItemsCommand(design, [], [uid]).text() == (
        "Delete tie Hamana University – Aoba Rubber Products"
    )
    assert RemoveItemsCommand(design, ["C10", "U1"], [uid]).text() == "Delete 2 actors and tie"
    new = make_actor(id="S1", name="Hamamatsu City", sector="support")
    assert AddItemsCommand(design, [new]).text() == "Add Hamamatsu City"
    assert MoveActorsCommand(design, {"C10": (10.0, 10.0)}).text() == "Move Aoba Rubber Products"
    assert (
        MoveActorsCommand(
            design, {"C10": (900.0, 10.0)}, locations={"C10": Location.OVERSEAS}
        ).text()
        == "Move Aoba Rubber Products to Overseas"
    )
    assert (
        MoveActorsCommand(
            design, {"C72": (0.0, 10.0)}, text="Nudge", locations={"C72": Location.REGION}
        ).text()
        == "Move Aoba Thailand into the region"
    )
    for command in (UpdateActorCommand(design, "C10", "notes", "n"),):
        assert "C10" not in command.text()


def test_a_drag_across_the_edge_highlights_the_target_lane_and_says_so(
    qtbot: Any, document: Any, canvas: Any, mouse: Any
) -> None:
    scene, view = canvas
    document.set_design(_design())
    view.zoom_reset()
    view.centerOn(QPointF(300, 0))
    region = scene.region_rect()
    target = (region.right() + 150, 60.0)
    seen: list[Location | None] = []
    vp = view.viewport()
    start, end = mouse.at(150, 60), mouse.at(*target)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for n in range(1, 9):
        QTest.mouseMove(vp, start + (end - start) * (n / 8))
        seen.append(scene.drop_target)
    assert _blue_pixels(view.viewport().grab().toImage()) > 300  # the lane's border, drawn
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert seen[0] is None and seen[-1] is Location.OVERSEAS  # shown before the drop
    assert scene.drop_target is None  # and gone after it
    assert document.design.actor("C10").location is Location.OVERSEAS
    assert document.undo_stack.undoText() == "Move Aoba Rubber Products to Overseas"
    # a small drag inside the region changes nothing but the position, and shows nothing
    mouse.drag((0, 0), (20, 10))
    assert document.design.actor("U1").location is Location.REGION
    assert document.undo_stack.undoText() == "Move Hamana University"


def _blue_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    bgr = rows.reshape(image.height(), image.width(), 4)[:, :, :3].astype(int)
    blue = style.SELECTION_COLOR
    target = np.array([blue.blue(), blue.green(), blue.red()])
    return int((np.abs(bgr - target).sum(axis=2) < 40).sum())


def _ring_pixels(highlighted: bool) -> int:
    actor = make_actor(id="U1", name="A", sector="university")
    item = ActorItem(actor)
    item.highlighted = highlighted
    image = QImage(80, 80, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(40, 40)
    painter.scale(0.4, 0.4)  # zoomed out, as a whole map is shown
    item.draw(painter)
    painter.end()
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(80, 80, 4)[:, :, :3]
    ring = np.array(
        [style.HIGHLIGHT_COLOR.blue(), style.HIGHLIGHT_COLOR.green(), style.HIGHLIGHT_COLOR.red()]
    )
    return int((np.abs(data.astype(int) - ring).sum(axis=2) < 60).sum())


def test_a_highlighted_actor_wears_a_ring_seen_zoomed_out(qapp: Any) -> None:
    assert _ring_pixels(False) == 0
    assert _ring_pixels(True) >= 30  # a ring several pixels wide, not a 1-px outline


def test_the_legend_explains_the_overlay(document: Any, canvas: Any) -> None:
    scene, view = canvas
    plain = legend_size()
    notes = [LegendNote("size", "Larger: more partners"), LegendNote("ring", "Ring: broker")]
    assert legend_size(notes)[0] > plain[0]
    scene.set_overlay(highlight_actors=["U1"], notes=notes)
    assert scene.legend_notes == notes
    assert view.legend_rect().width() == legend_size(notes)[0]
    scene.set_overlay()
    assert scene.legend_notes == []


def test_the_wheel_scrolls_past_the_size_box_until_it_has_the_focus(qtbot: Any) -> None:
    box = FocusedWheelComboBox()
    qtbot.addWidget(box)
    box.addItems(["Same size", "Partners", "Brokerage"])
    box.show()
    qtbot.waitExposed(box)
    box.clearFocus()
    event = wheel_down_at(box)
    QApplication.sendEvent(box, event)
    assert box.currentIndex() == 0 and not event.isAccepted()  # left to the scroll area
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    QApplication.sendEvent(box, wheel_down_at(box))
    assert box.currentIndex() == 1
