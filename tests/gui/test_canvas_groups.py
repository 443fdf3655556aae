"""Groups and origins on the canvas: outlines around members that follow them, badges and
spin-off lines on request, legend lines, and all of it in the exported picture."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.canvas.groups import group_colour
from cluster_designer.gui.commands import AddGroupCommand, MoveActorsCommand, UpdateActorCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import Origin, make_group
from tests.gui.window_fixtures import sample_design


def scene_with_group(qtbot: Any) -> tuple[Document, ClusterScene]:
    document = Document()
    document.set_design(sample_design())
    scene = ClusterScene(document)
    design = document.design
    document.push(
        AddGroupCommand(design, make_group(id="G1", name="Consortium", members=("U1", "C1")))
    )
    return document, scene


def picture(scene: ClusterScene) -> QImage:
    image = QImage(600, 400, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render_diagram(painter, QRectF(0, 0, 600, 400), include_legend=False)
    painter.end()
    return image


def outline_pixels(image: QImage, colour: QColor) -> int:
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(
                c.blue() - colour.blue()
            ) < 90 and c != QColor("white"):
                found += 1
    return found


def test_a_group_is_an_outline_around_its_members_in_the_export(qtbot: Any) -> None:
    _document, scene = scene_with_group(qtbot)
    (hull,) = scene.group_layer.hulls()
    for member in ("U1", "C1"):
        assert hull.path.contains(QPointF(*scene.actor_pos(member)))
    assert not hull.path.contains(QPointF(*scene.actor_pos("S1")))
    colour = group_colour(0)
    with_groups = picture(scene)
    scene.set_groups_visible(False)
    without = picture(scene)
    assert outline_pixels(with_groups, colour) > outline_pixels(without, colour) + 20


def test_outlines_follow_moves_and_undo(qtbot: Any) -> None:
    document, scene = scene_with_group(qtbot)
    design = document.design
    document.push(MoveActorsCommand(design, {"C1": (400.0, 300.0)}))
    (hull,) = scene.group_layer.hulls()
    assert hull.path.contains(QPointF(400, 300))
    document.undo_stack.undo()
    (hull,) = scene.group_layer.hulls()
    assert not hull.path.contains(QPointF(400, 300))
    assert hull.path.contains(QPointF(*scene.actor_pos("C1")))


def test_origins_on_request_with_legend_lines(qtbot: Any) -> None:
    document, scene = scene_with_group(qtbot)
    design = document.design
    document.push(UpdateActorCommand(design, "C1", "origin", Origin.OVERSEAS))
    document.push(UpdateActorCommand(design, "S1", "origin", Origin.SPIN_OFF))
    document.push(UpdateActorCommand(design, "S1", "parent", "U1"))
    item = scene.actor_item("C1")
    assert item is not None and item.origin_mark == ""
    assert [n.kind for n in scene.legend_entries()] == ["group"]
    scene.set_origins_visible(True)
    assert item.origin_mark == "overseas"
    assert [line.child for line in scene.group_layer.shown_lines()] == ["S1"]
    assert [n.kind for n in scene.legend_entries()] == ["group", "overseas", "spin_off"]
    document.undo_stack.undo()  # the parent
    assert scene.group_layer.shown_lines() == []
