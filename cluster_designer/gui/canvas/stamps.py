"""Pre-rendered images of the small drawings repeated on screen: actor shapes and labels.

A cold repaint of the static layer (after a zoom step, a layout, or its undo) draws hundreds
of them; blitting a cached image is several times cheaper than filling and stroking
antialiased paths and laying out text again. A stamp's key holds everything its look
depends on plus the device scale, so a change of sector, emphasis, text or zoom simply asks
for another stamp: nothing is ever invalidated, old stamps age out. Stamps land on the nearest
device pixel. Only for raster painting on screen: print and export keep drawing vectors.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QTransform

MAX_BYTES = 32 * 1024 * 1024  # the oldest stamps go beyond this
MAX_SIDE = 512  # device pixels; a bigger drawing is drawn directly


def nearest_pixel(value: float) -> int:
    """The device pixel a stamp lands on, halves rounded up: Qt scrolls the cached static
    layer by whole pixels, so a stamp drawn before a scroll and one drawn after must agree
    (Python's `round` takes halves to the even neighbour: 0.5 → 0 but 1.5 → 2)."""
    return math.floor(value + 0.5)


class Stamps:
    """Least-recently-used stamp images by key and device scale."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._images: OrderedDict[Hashable, tuple[QImage, int, int]] = OrderedDict()
        self._bytes = 0
        self.max_bytes = max_bytes

    def __len__(self) -> int:
        return len(self._images)

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0

    @staticmethod
    def scale_of(painter: QPainter) -> tuple[float, float] | None:
        """(zoom, device pixel ratio) when the painter draws unrotated and unsheared onto a
        raster image (the view's cached background); None when stamps must not be used."""
        engine = painter.paintEngine()
        if engine is None or engine.type() != QPaintEngine.Type.Raster:
            return None
        world, device = painter.worldTransform(), painter.deviceTransform()
        zoom = world.m11()
        if (
            device.type().value > QTransform.TransformationType.TxScale.value
            or zoom <= 0
            or zoom != world.m22()
            or device.m11() != device.m22()
        ):
            return None
        return zoom, device.m11() / zoom

    def draw(
        self,
        painter: QPainter,
        device: QTransform,
        key: Hashable,
        x: float,
        y: float,
        zoom: float,
        dpr: float,
        box: Callable[[], QRectF],
        render: Callable[[QPainter], None],
    ) -> bool:
        """Blit the stamp of `key` with its origin on scene point (x, y); `device` is the
        painter's device transform of the scene and the painter's own transform the identity.
        When the stamp is missing, `render` draws it around (0, 0) in scene units within
        `box()`. False (nothing drawn) when the drawing is too big for a stamp."""
        full = (key, zoom, dpr)
        entry = self._images.get(full)
        if entry is None:
            entry = self._render(box(), zoom, dpr, render)
            if entry is None:
                return False
            self._images[full] = entry
            self._bytes += entry[0].sizeInBytes()
            while self._bytes > self.max_bytes and len(self._images) > 1:
                _key, (old, _w, _h) = self._images.popitem(last=False)
                self._bytes -= old.sizeInBytes()
        else:
            self._images.move_to_end(full)
        image, ox, oy = entry
        px, py = cast(tuple[float, float], device.map(x, y))
        left, top = nearest_pixel(px) - ox, nearest_pixel(py) - oy
        painter.drawImage(QPointF(left / dpr, top / dpr), image)
        return True

    @staticmethod
    def _render(
        box: QRectF,
        zoom: float,
        dpr: float,
        render: Callable[[QPainter], None],
    ) -> tuple[QImage, int, int] | None:
        scale = zoom * dpr
        left, top = math.floor(box.left() * scale) - 1, math.floor(box.top() * scale) - 1
        width = math.ceil(box.right() * scale) + 1 - left
        height = math.ceil(box.bottom() * scale) + 1 - top
        if width > MAX_SIDE or height > MAX_SIDE or width <= 0 or height <= 0:
            return None
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        image.setDevicePixelRatio(dpr)
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.translate(-left / dpr, -top / dpr)
        painter.scale(zoom, zoom)
        render(painter)
        painter.end()
        return image, -left, -top
