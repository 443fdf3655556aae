"""Reading the canvas back from the X server and comparing it with a freshly drawn canvas."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from scipy import ndimage  # imported here: its first import takes seconds, not a check's time

from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.document import Document

CHANNEL_TOLERANCE = 24  # a pixel differs when one of its channels differs by more than this
# A part of the view repainted alone clips long ties at its edge, and the rasteriser then puts
# a few antialiased pixels of crossing ties differently than a whole-view drawing does. Those
# seams are scattered single pixels; anything stale (a tie, a label, a halo, an actor) is a
# connected patch. So: no connected patch of more than SEAM_PIXELS, and few seams in all.
SEAM_PIXELS = 4
MAX_SEAMS = 40
SETTLE_SECONDS = 2.0  # how long a slow repaint may take before the screen counts as stale


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[:, :, :3].astype(np.int16)


def differing(a: QImage, b: QImage) -> np.ndarray:
    """Mask of the pixels that differ between two images of the same size, beyond
    antialiasing: a pixel whose colour in each image lies within the range of colours
    around it in the other (its 3 × 3 neighbourhood, channel by channel) is an edge drawn a
    fraction of a pixel apart, not a difference. Qt places glyphs and stamps on whole or
    quarter pixels and rounds negative positions away from zero, so text drawn before the
    view scrolled by whole pixels can sit a sub-pixel step away from a fresh drawing; its
    edges differ, its picture does not. Anything stale — a line, label, ring or colour
    missing or left behind — has pixels no neighbour in the other image explains."""
    pa, pb = pixels(a), pixels(b)
    assert pa.shape == pb.shape, (pa.shape, pb.shape)
    raw = np.abs(pa - pb).max(axis=2) > CHANNEL_TOLERANCE
    if not raw.any():
        return raw
    return raw & ~(_explained(pa, pb) & _explained(pb, pa))


def _explained(values: np.ndarray, around: np.ndarray) -> np.ndarray:
    """Where each channel of `values` lies within the range of `around`'s 3 × 3 neighbourhood."""
    size = (3, 3, 1)
    low = ndimage.minimum_filter(around, size=size, mode="nearest") - CHANNEL_TOLERANCE
    high = ndimage.maximum_filter(around, size=size, mode="nearest") + CHANNEL_TOLERANCE
    return ((values >= low) & (values <= high)).all(axis=2)


def stale_patches(mask: np.ndarray) -> list[int]:
    """Sizes of the connected patches of differing pixels too big to be seams, largest first."""
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    sizes = np.bincount(labels.ravel())[1:] if count else np.zeros(0, dtype=np.int64)
    big = sorted((int(n) for n in sizes if n > SEAM_PIXELS), reverse=True)
    if not big and int(mask.sum()) > MAX_SEAMS:
        return [int(mask.sum())]
    return big


def fresh_canvas(view: CanvasView) -> CanvasView:
    """A new scene and view on a copy of the view's design, in the same state, never painted."""
    scene: ClusterScene = view.cluster_scene
    document = Document()
    design = scene.design
    document.set_design(design.copy(design.name) if design is not None else None)
    twin_scene = ClusterScene(document)
    twin_scene.set_labels_visible(scene.labels_visible)
    twin_scene.set_legend_visible(scene.legend_visible)
    twin_scene.set_grid_visible(scene.grid_visible)
    twin_scene.set_groups_visible(scene.groups_visible)
    twin_scene.set_origins_visible(scene.origins_visible)
    emphasis, layer = scene.emphasis, scene.tie_layer
    twin_scene.set_overlay(
        sizes=emphasis.sizes,
        colors=emphasis.colors,
        highlight_actors=emphasis.highlight,
        highlight_ties=layer._highlight,
        dimmed_actors=emphasis.dimmed,
        dimmed_ties=layer._dimmed,
        notes=scene.legend_notes,
    )
    twin_scene.select_ids(scene.selected_actor_ids(), scene.selected_tie_uids())
    twin = CanvasView(twin_scene)
    twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    twin.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    twin.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    twin.resize(view.viewport().size())
    twin.show()
    twin.setSceneRect(view.sceneRect())
    twin.setTransform(view.transform())
    twin_scene.set_zoom_level(view.zoom_factor())
    twin.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    twin.verticalScrollBar().setValue(view.verticalScrollBar().value())
    twin_scene.set_hovered(scene.hovered)
    _align(twin, view)
    return twin


def _align(twin: CanvasView, view: CanvasView) -> None:
    """Put the map where the view has it. Where the map is smaller than the view in one
    direction Qt centres it, in the view as if its scroll bars were hidden (a scroll bar there
    does not move it) but in the twin, which has none, in its smaller viewport: the twin's
    scene rectangle is moved by the difference (and a scrolled direction scrolled to the
    view's place)."""
    zoom = view.zoom_factor()
    for _round in range(2):
        mine, theirs = twin.viewportTransform(), view.viewportTransform()
        dx, dy = mine.dx() - theirs.dx(), mine.dy() - theirs.dy()
        if dx == 0 and dy == 0:
            return
        twin.setSceneRect(twin.sceneRect().translated(dx / zoom, dy / zoom))
        for bar, delta, place in (
            (twin.horizontalScrollBar(), dx, theirs.dx()),
            (twin.verticalScrollBar(), dy, theirs.dy()),
        ):
            if delta != 0 and bar.maximum() > bar.minimum():
                bar.setValue(round(-place))
    mine, theirs = twin.viewportTransform(), view.viewportTransform()
    assert (mine.dx(), mine.dy()) == (theirs.dx(), theirs.dy()), "the fresh canvas is misplaced"


def fresh_image(view: CanvasView) -> QImage:
    """What a fresh canvas in the view's state shows."""
    twin = fresh_canvas(view)
    try:
        return twin.viewport().grab().toImage()
    finally:
        twin.close()
        twin.deleteLater()


class ScreenCheck:
    """`check(what)`: the canvas on screen equals a fresh drawing of the design, or fail."""

    def __init__(self, window: Any, qtbot: Any, artifacts: Path) -> None:
        self.window = window
        self.qtbot = qtbot
        self.artifacts = artifacts
        self.checks = 0

    @property
    def view(self) -> CanvasView:
        return self.window.view

    def on_screen(self) -> QImage:
        """The viewport's pixels as the X server holds them (not a fresh render)."""
        viewport = self.view.viewport()
        origin = viewport.mapTo(self.window, QPoint(0, 0))
        return (
            self.window.screen()
            .grabWindow(
                self.window.winId(), origin.x(), origin.y(), viewport.width(), viewport.height()
            )
            .toImage()
        )

    def fresh(self) -> QImage:
        return fresh_image(self.view)

    def settle(self) -> None:
        """Let queued work (label reconciling, deferred updates) and the repaint happen."""
        for _ in range(3):
            QApplication.processEvents()
            QTest.qWait(15)

    def check(self, what: str, settle_seconds: float = SETTLE_SECONDS) -> None:
        """`settle_seconds`: how long the screen may take to become right, counted in event
        processing only (drawing the fresh canvas and comparing do not count); 0: one settle."""
        self.checks += 1
        waited = 0.0
        while True:
            start = time.monotonic()
            self.settle()
            waited += time.monotonic() - start
            screen, fresh = self.on_screen(), self.fresh()
            mask = differing(screen, fresh)
            patches = stale_patches(mask)
            if not patches:
                return
            if waited > settle_seconds:
                break
        ys, xs = np.nonzero(mask)
        stem = f"{self.checks:03d}-" + "".join(c if c.isalnum() else "-" for c in what)[:60]
        self.artifacts.mkdir(parents=True, exist_ok=True)
        screen.save(str(self.artifacts / f"{stem}-screen.png"))
        fresh.save(str(self.artifacts / f"{stem}-fresh.png"))
        raise AssertionError(
            f"the map on screen is stale {what}: {int(mask.sum())} pixels differ from a fresh "
            f"drawing (patches of {patches[:8]} pixels), in x {xs.min()}–{xs.max()}, "
            f"y {ys.min()}–{ys.max()} of the viewport; "
            f"see {self.artifacts}/{stem}-*.png"
        )


class CanvasMouse:
    """Mouse and keys on the window's canvas, addressed in scene coordinates or by actor id."""

    def __init__(self, window: Any) -> None:
        self.window = window

    @property
    def view(self) -> CanvasView:
        return self.window.view

    def at(self, target: str | tuple[float, float]) -> QPoint:
        if isinstance(target, str):
            target = self.view.cluster_scene.actor_pos(target)
        return self.view.mapFromScene(QPointF(*target))

    def click(
        self,
        target: str | tuple[float, float],
        mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        point = self.at(target)
        QTest.mouseMove(self.view.viewport(), point)
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, mods, point)

    def double_click(self, target: str | tuple[float, float]) -> None:
        point = self.at(target)
        QTest.mouseDClick(
            self.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )

    def drag(
        self,
        start: str | tuple[float, float],
        end: str | tuple[float, float],
        steps: int = 8,
        during: Any = None,
    ) -> None:
        viewport = self.view.viewport()
        p0, p1 = self.at(start), self.at(end)
        QTest.mouseMove(viewport, p0)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)
        for n in range(1, steps + 1):
            QTest.mouseMove(viewport, p0 + (p1 - p0) * (n / steps))
            QTest.qWait(10)
            if during is not None:
                during(n)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p1)

    def wheel(self, target: str | tuple[float, float], notches: int) -> None:
        """Turn the mouse wheel by `notches` (positive: zoom in) with the pointer on `target`."""
        viewport = self.view.viewport()
        point = self.at(target)
        QTest.mouseMove(viewport, point)
        QApplication.sendEvent(
            viewport,
            QWheelEvent(
                QPointF(point),
                QPointF(viewport.mapToGlobal(point)),
                QPoint(0, 0),
                QPoint(0, 120 * notches),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            ),
        )

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.view, key, mods)

    def away(self) -> None:
        """Leave the canvas, as a person reaching for a panel would (the hover ring goes)."""
        self.view.cluster_scene.set_hovered(None)
