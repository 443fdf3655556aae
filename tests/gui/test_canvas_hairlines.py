"""Ties lying many deep are drawn 1 pixel wide (canvas/tie_layer.py, HAIRLINE_LAYERS); one
picture never mixes both widths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter

from cluster_designer.gui.canvas import tie_layer
from cluster_designer.gui.commands import AddItemsCommand, MoveActorsCommand
from cluster_designer.model import make_actor, make_tie

RING = 30  # actors on a circle, every pair tied: 435 ties


def _web(document) -> list[int]:
    """A ring of RING actors tied to each other with varied weights, and inside it one
    actor "hub" tied to R0 (on the right) from the left."""
    actors = [
        make_actor(
            id=f"R{k}",
            name=f"R{k}",
            sector=("company", "university", "support")[k % 3],
            x=300 * math.cos(2 * math.pi * k / RING),
            y=300 * math.sin(2 * math.pi * k / RING),
        )
        for k in range(RING)
    ]
    actors.append(make_actor(id="hub", name="hub", sector="company", x=-250, y=0))
    kinds = ("collaboration", "information", "funding", "human_resources", "technology_transfer")
    ties = [
        make_tie(source=f"R{a}", target=f"R{b}", kind=kinds[(a + b) % 5], weight=1 + (a * b) % 9)
        for a in range(RING)
        for b in range(a + 1, RING)
    ]
    ties.append(make_tie(source="hub", target="R0", kind="collaboration"))
    document.push(AddItemsCommand(document.design, actors, ties))
    return list(document.design.ties)


def _recording(monkeypatch) -> list[float]:
    """From now on, the pen widths of the tie groups drawn (not the points)."""
    drawn: list[float] = []
    real = tie_layer.draw_groups

    def recording(painter, groups, *args, **kwargs):
        drawn.extend(g.pen.widthF() for g in groups if getattr(g, "points", True) is False)
        return real(painter, groups, *args, **kwargs)

    monkeypatch.setattr(tie_layer, "draw_groups", recording)
    return drawn


def _widths(view, monkeypatch) -> list[float]:
    """Pen widths of the tie groups of a fresh drawing of the view."""
    with monkeypatch.context() as patched:
        drawn = _recording(patched)
        view.resetCachedContent()
        view.viewport().grab()
    return drawn


def _at(view, zoom: float) -> None:
    view.set_zoom(zoom)
    view.centerOn(QPointF(0, 0))


def test_deep_ties_are_one_pixel_wide_and_emphasis_keeps_its_width(
    qtbot, document, canvas, monkeypatch
) -> None:
    scene, view = canvas
    uids = _web(document)
    layer = scene.tie_layer
    coverage = layer.layers(1.0)
    deep = coverage / (tie_layer.HAIRLINE_LAYERS * 1.5)  # lying 12 deep
    shallow = coverage / (tie_layer.HAIRLINE_LAYERS * 0.5)  # 4 deep
    assert layer.layers(deep) > tie_layer.HAIRLINE_LAYERS > layer.layers(shallow)
    _at(view, shallow)
    assert len(set(_widths(view, monkeypatch))) > 3  # the weights show
    _at(view, deep)
    assert set(_widths(view, monkeypatch)) == {1.0}
    scene.set_overlay(highlight_ties=[uids[0]])
    widths = _widths(view, monkeypatch)
    assert 1.0 in widths and max(widths) >= 3.0  # the highlighted tie stands out
    scene.set_overlay()
    scene.select_ids([], [uids[1]])
    widths = _widths(view, monkeypatch)
    assert 1.0 in widths and max(widths) >= 6.0  # the selection's halo


def test_a_map_with_shapes_keeps_its_widths_however_deep(
    qtbot, document, canvas, monkeypatch
) -> None:
    scene, view = canvas
    _web(document)
    monkeypatch.setattr(tie_layer, "HAIRLINE_LAYERS", 0.0)  # any depth is deep enough
    _at(view, 1.0)
    assert not scene.tie_layer.points_mode
    assert len(set(_widths(view, monkeypatch))) > 3


def test_printed_and_exported_maps_keep_the_widths(qtbot, document, canvas, monkeypatch) -> None:
    scene, view = canvas
    _web(document)
    _at(view, scene.tie_layer.layers(1.0) / (tie_layer.HAIRLINE_LAYERS * 2))  # 16 deep
    assert set(_widths(view, monkeypatch)) == {1.0}
    drawn = _recording(monkeypatch)
    source = scene.diagram_rect()
    zoom = scene.tie_layer.layers(1.0) / (tie_layer.HAIRLINE_LAYERS * 2)  # 16 deep
    size = (math.ceil(source.width() * zoom), math.ceil(source.height() * zoom))
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.render_diagram(painter, QRectF(0, 0, *size), include_legend=False)
    painter.end()
    assert len(set(drawn)) > 3


def test_how_deep_ties_lie_is_their_length_over_the_actors_area(document, canvas) -> None:
    scene, _ = canvas
    _web(document)
    layer = scene.tie_layer

    def expected(zoom: float) -> float:
        xy = scene.table.xy
        a, b = xy[layer.src], xy[layer.dst]
        length = np.hypot(*(b - a).T).sum()
        return length / (np.ptp(xy[:, 0]) * np.ptp(xy[:, 1])) / zoom

    assert layer.layers(0.5) == pytest.approx(expected(0.5), rel=1e-12)
    before = layer.layers(0.5)
    document.push(MoveActorsCommand(document.design, {"hub": (0.0, 3000.0)}))
    assert layer.layers(0.5) == pytest.approx(expected(0.5), rel=1e-12)  # positions followed
    assert layer.layers(0.5) < before / 3


def test_a_move_that_changes_the_width_redraws_the_whole_map(
    qtbot, document, canvas, monkeypatch
) -> None:
    """Moving the hub next to R0 shortens its tie: at the same zoom the ties no longer lie
    deep enough. Whatever part of the map the move repaints, the whole map is drawn again
    (one picture never mixes both widths)."""
    scene, view = canvas
    _web(document)
    layer = scene.tie_layer
    _at(view, layer.layers(1.0) / (tie_layer.HAIRLINE_LAYERS * 1.001))
    view.viewport().repaint()
    assert layer._hair_at is not None and layer._hair_at[1]  # drawn 1 pixel wide
    everywhere = []
    real = type(scene).invalidate_static

    def invalidate(self, rect=None):
        everywhere.append(rect is None)
        real(self, rect)

    monkeypatch.setattr(type(scene), "invalidate_static", invalidate)
    document.push(MoveActorsCommand(document.design, {"hub": (250.0, 0.0)}))
    assert everywhere == [False]  # the move itself asks for its surroundings only
    assert layer.layers(view.zoom_factor()) < tie_layer.HAIRLINE_LAYERS
    view.viewport().repaint()
    qtbot.wait(1)
    assert everywhere == [False, True]
    assert not layer._hair_at[1]
    view.viewport().repaint()
    qtbot.wait(1)
    assert everywhere == [False, True]  # once
