"""Many lines drawn on both cores: the later half of them by a thread, into an image.

A frame of a big design is mostly Qt's raster engine drawing tie lines (about a microsecond
a line or dash), and PySide6 holds Python's lock for the whole of `QPainter.drawLines`, so
a second thread could not draw at the same time. Here `QPainter::drawLines` is called
through ctypes, which lets go of the lock during the call: the window's thread draws the
first groups of lines into the frame while a worker thread draws the remaining groups into
a transparent image of the exposed area, with the same transform and clip; the image is
then laid over the frame. The lines are opaque and not antialiased (anything else is drawn
directly), so the frame's pixels are exactly those of drawing every group in order.

When the native call cannot be found (another platform's library layout, a different
Qt), everything is drawn directly, as before.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import numpy as np
import PySide6
import shiboken6
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QPen, QPixmap, QTransform

from .batch import draw_lines, draw_points

PARALLEL_MIN_LINES = 6000  # fewer lines are drawn faster than two images are made and laid
# The window's thread also cuts the dashes of its groups and lays the image over them: it
# takes a little less than half (measured: with halves, the worker finished 15-30% sooner).
MAIN_SHARE = 0.42
POINT_WORK = 0.5  # a point (a small square) is about half a line's work
MIN_AREA_PX = 64  # a shorter exposed area is drawn directly


@dataclass(frozen=True)
class LineGroup:
    """Lines (n, 4: x1, y1, x2, y2, scene units) drawn with one pen, in drawing order; or
    points (n, 2).

    Dashed lines may come with `pieces`, which cuts them into solid dashes drawn with
    `piece_pen` (None when there would be too many: then `pen` dashes them); it runs on
    whichever thread draws the group. `weight` guesses the group's share of the work."""

    pen: QPen
    lines: np.ndarray
    pieces: Callable[[np.ndarray], np.ndarray | None] | None = None
    piece_pen: QPen | None = None
    weight: float = -1.0
    points: bool = False  # `lines` holds points (n, 2), drawn with the pen's width and cap

    def drawn(self) -> tuple[QPen, np.ndarray]:
        """The pen and the lines to draw."""
        if self.pieces is not None and self.piece_pen is not None:
            pieces = self.pieces(self.lines)
            if pieces is not None:
                return self.piece_pen, pieces
        return self.pen, self.lines

    @property
    def work(self) -> float:
        if self.weight >= 0:
            return self.weight
        return len(self.lines) * (POINT_WORK if self.points else 1.0)


NativeDraw = Callable[[int, int, int], None]


_SYMBOLS = {
    # QPainter::drawLines(const QLineF *, int) and QPainter::drawPoints(const QPointF *, int)
    "lines": ("_ZN8QPainter9drawLinesEPK6QLineFi", "?drawLines@QPainter@@QEAAXPEBVQLineF@@H@Z"),
    "points": (
        "_ZN8QPainter10drawPointsEPK7QPointFi",
        "?drawPoints@QPainter@@QEAAXPEBVQPointF@@H@Z",
    ),
}


@cache
def _native(what: str) -> NativeDraw | None:
    """QPainter's array call `what` ("lines" or "points") from Qt's own library, or None."""
    itanium, msvc = _SYMBOLS[what]
    if sys.platform.startswith("win"):
        names, symbol = ["Qt6Gui.dll"], msvc
    elif sys.platform == "darwin":
        names = [os.path.join("Qt", "lib", "QtGui.framework", "Versions", "A", "QtGui")]
        symbol = itanium
    else:
        names, symbol = [os.path.join("Qt", "lib", "libQt6Gui.so.6")], itanium
    for root in PySide6.__path__:
        for name in names:
            path = os.path.join(root, name)
            if not os.path.exists(path):
                continue
            try:
                function = getattr(ctypes.CDLL(path), symbol)
            except (OSError, AttributeError):
                continue
            function.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
            function.restype = None
            return function
    return None


def native_draw_lines() -> NativeDraw | None:
    return _native("lines")


def native_draw_points() -> NativeDraw | None:
    return _native("points")


@cache
def _worker() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="canvas-lines")


def draw_groups(
    painter: QPainter,
    groups: Sequence[LineGroup],
    meanwhile: Callable[[], object] | None = None,
) -> None:
    """Draw the groups in order, on both cores when they are many (see the module's text);
    `meanwhile`, if given, runs on the window's thread while the worker draws (only then)."""
    native = native_draw_lines()
    total = sum(group.work for group in groups)
    area = None
    if (
        native is not None
        and total >= PARALLEL_MIN_LINES
        and not painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        and all(group.pen.color().alpha() == 255 for group in groups)
    ):
        area = _drawing_area(painter)
    if native is None or area is None:
        for group in groups:
            pen, lines = group.drawn()
            painter.setPen(pen)
            (draw_points if group.points else draw_lines)(painter, lines)
        return
    # The later groups go to the worker, drawn into an image laid over the earlier ones:
    # the lines come out in the same order, so the frame's pixels are one drawing's.
    half, split = total * MAIN_SHARE, len(groups)
    count = 0.0
    for k, group in enumerate(groups):
        if count >= half:
            split = k
            break
        count += group.work
    first, second = groups[:split], groups[split:]
    world = painter.worldTransform()
    ratio = painter.device().devicePixelRatioF()
    clip = painter.clipBoundingRect()  # scene units, a rectangle (checked in _drawing_area)
    x, y = area.left() / ratio, area.top() / ratio
    image = QImage(area.width(), area.height(), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)

    def draw_later() -> None:
        image.fill(0)
        later = QPainter(image)
        later.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        later.setWorldTransform(world * QTransform.fromTranslate(-x, -y))
        later.setClipRect(clip)
        _draw_native(later, second, native)
        later.end()

    pending = _worker().submit(draw_later)
    try:
        _draw_native(painter, first, native)
        if meanwhile is not None:
            meanwhile()
    finally:
        pending.result()  # the image is complete before it is laid, whatever happened here
    painter.save()
    painter.setWorldTransform(QTransform())
    painter.drawImage(QPointF(x, y), image)
    painter.restore()


def _draw_native(painter: QPainter, groups: Sequence[LineGroup], native: NativeDraw) -> None:
    address = shiboken6.getCppPointer(painter)[0]
    for group in groups:
        pen, drawn = group.drawn()
        array = np.ascontiguousarray(drawn, dtype=np.float64)
        if not len(array):
            continue
        painter.setPen(pen)
        if group.points:
            points = native_draw_points()
            if points is None:
                draw_points(painter, array)
            else:
                points(address, array.ctypes.data, len(array))
        else:
            native(address, array.ctypes.data, len(array))  # Python's lock is let go


def _drawing_area(painter: QPainter) -> QRect | None:
    """The exposed area in device pixels (whole ones), if a second thread can draw into it:
    a raster image or pixmap, a rectangular clip, tall enough to be worth it."""
    engine = painter.paintEngine()
    if engine is None or engine.type() != QPaintEngine.Type.Raster or not painter.hasClipping():
        return None
    region = painter.clipRegion()
    if region.rectCount() > 1:
        return None
    device = painter.device()
    if not isinstance(device, QPixmap | QImage):  # the views' cached static layer, an export
        return None
    ratio = device.devicePixelRatioF()
    size = device.deviceIndependentSize()
    bounds = QRectF(0, 0, size.width() * ratio, size.height() * ratio)  # device pixels
    logical = painter.worldTransform().mapRect(painter.clipBoundingRect())
    exposed = QRectF(
        logical.left() * ratio,
        logical.top() * ratio,
        logical.width() * ratio,
        logical.height() * ratio,
    ).toAlignedRect()
    area = QRectF(exposed).intersected(bounds).toAlignedRect()
    if area.height() < MIN_AREA_PX or area.width() <= 0:
        return None
    return area
