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

Such a drawing can also be kept (`KeptPictures`): the groups are then drawn into one
transparent picture of the exposed area, laid over the frame and kept under a digest of
everything that picture is made from (each group's pen, lines or triangles, the transform,
the clip and the area). Putting a change back (an undo, a redo) asks for the same drawing
again: it is laid from there instead of drawn.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache, partial

import numpy as np
import PySide6
import shiboken6
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPen, QPixmap, QTransform

from .batch import Digest, digest_arrays, draw_lines, draw_points, polygons_path

PARALLEL_MIN_LINES = 6000  # fewer lines are drawn faster than two images are made and laid
# The window's thread also cuts the dashes of its groups and lays the image over them: it
# takes a little less than half (measured: with halves, the worker finished 15-30% sooner).
MAIN_SHARE = 0.42
POINT_WORK = 0.5  # a point (a small square) is about half a line's work
MIN_AREA_PX = 64  # a shorter exposed area is drawn directly
MAX_DASH_PIECES = 250_000


def dash_pieces(lines: np.ndarray, pattern: Sequence[float]) -> np.ndarray | None:
    """The dashes of lines that start on a whole period, as solid pieces (pattern: on, off, …
    lengths in scene units). Drawn by us rather than by Qt's dasher, whose pattern restarts
    wherever a line is clipped: a repainted patch or a scrolled strip would then not meet the
    dashes around it. None when there would be too many pieces (Qt dashes them then)."""
    period = float(sum(pattern))
    dx, dy = lines[:, 2] - lines[:, 0], lines[:, 3] - lines[:, 1]
    length = np.hypot(dx, dy)
    count = np.ceil(length / period).astype(np.int64)
    total = int(count.sum())
    if total * (len(pattern) // 2) > MAX_DASH_PIECES:
        return None
    row = np.repeat(np.arange(len(lines)), count)
    step = (np.arange(total) - np.repeat(np.cumsum(count) - count, count)) * period
    full, ux, uy = (
        length[row],
        dx[row] / np.maximum(length[row], 1e-9),
        dy[row] / np.maximum(length[row], 1e-9),
    )
    pieces, offset = [], 0.0
    for on, off in zip(pattern[0::2], pattern[1::2], strict=False):
        start = step + offset
        end = np.minimum(start + on, full)
        keep = end > start
        x0, y0 = lines[row[keep], 0], lines[row[keep], 1]
        pieces.append(
            np.column_stack(
                (
                    x0 + ux[keep] * start[keep],
                    y0 + uy[keep] * start[keep],
                    x0 + ux[keep] * end[keep],
                    y0 + uy[keep] * end[keep],
                )
            )
        )
        offset += on + off
    return np.vstack(pieces) if pieces else np.zeros((0, 4))


@dataclass(frozen=True)
class LineGroup:
    """Lines (n, 4: x1, y1, x2, y2, scene units) drawn with one pen, in drawing order; or
    points (n, 2).

    Dashed lines may come with a `dashes` pattern (on, off, … in scene units): they are then
    cut into solid dashes (`dash_pieces`) drawn with `piece_pen`, on whichever thread draws
    the group, or dashed by `pen` when the pieces would be too many. `weight` guesses the
    group's share of the work."""

    pen: QPen
    lines: np.ndarray
    dashes: tuple[float, ...] = ()
    piece_pen: QPen | None = None
    weight: float = -1.0
    points: bool = False  # `lines` holds points (n, 2), drawn with the pen's width and cap

    def drawn(self) -> tuple[QPen, np.ndarray]:
        """The pen and the lines to draw."""
        if self.dashes and self.piece_pen is not None:
            pieces = dash_pieces(self.lines, self.dashes)
            if pieces is not None:
                return self.piece_pen, pieces
        return self.pen, self.lines

    @property
    def work(self) -> float:
        if self.weight >= 0:
            return self.weight
        return len(self.lines) * (POINT_WORK if self.points else 1.0)

    @property
    def size(self) -> tuple[str, int]:
        return ("points" if self.points else "lines", len(self.lines))

    def frozen(self) -> LineGroup:
        """The group as it is now, for a kept drawing: its pens copied (a copy keeps its
        values whatever happens to the original) and its lines read-only."""
        self.lines.setflags(write=False)
        return replace(
            self,
            pen=QPen(self.pen),
            piece_pen=None if self.piece_pen is None else QPen(self.piece_pen),
        )

    def describe(self, digest: Digest) -> None:
        """Feed everything this group draws with to `digest` (see KeptPictures)."""
        digest.update(b"points;" if self.points else b"lines;")
        _describe_pen(digest, self.pen)
        if self.piece_pen is not None:
            _describe_pen(digest, self.piece_pen)
        digest.update(repr(self.dashes).encode())
        digest_arrays(digest, (self.lines,))


@dataclass(frozen=True)
class FillGroup:
    """Triangles (n, 3, 2: corners in scene units) filled with one colour, as one path: the
    arrowheads. Drawn after the lines before them, by the window's thread."""

    colour: QColor
    corners: np.ndarray

    @property
    def size(self) -> tuple[str, int]:
        return ("fill", len(self.corners))

    def frozen(self) -> FillGroup:
        self.corners.setflags(write=False)
        return replace(self, colour=QColor(self.colour))

    def describe(self, digest: Digest) -> None:
        digest.update(f"fill;{_colour_key(self.colour)};".encode())
        digest_arrays(digest, (self.corners,))

    def draw(self, painter: QPainter) -> None:
        painter.fillPath(polygons_path(self.corners), self.colour)


Group = LineGroup | FillGroup


def _colour_key(colour: QColor) -> tuple[int, int, int, int]:
    value = colour.rgba64()  # the 16 bits per channel Qt keeps
    return value.red(), value.green(), value.blue(), value.alpha()


def _describe_pen(digest: Digest, pen: QPen) -> None:
    style = pen.style()
    digest.update(
        repr(
            (
                _colour_key(pen.color()),
                pen.widthF(),
                style.value,
                pen.capStyle().value,
                pen.joinStyle().value,
                pen.isCosmetic(),
                pen.dashPattern() if style != Qt.PenStyle.SolidLine else (),
                pen.dashOffset(),
                pen.brush().style().value,
            )
        ).encode()
    )


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


@dataclass
class _Kept:
    outline: str
    groups: list[Group]  # what it was drawn from (pens copied, arrays made read-only)
    image: QImage
    key: bytes = b""  # worked out when first compared


class KeptPictures:
    """The latest drawings of groups (see the module's text), each a transparent picture of
    the area it was drawn in, found again by a digest of what it was drawn from. Kept only
    where a second thread may draw (a big drawing on a raster device); at most SIZE of them
    (each the size of the exposed area: 6.4 MB for a 1600 x 1000 view).

    A drawing keeps what it was drawn from, and digests are worked out only when a new
    drawing has the same outline (transform, clip, area, group sizes) as a kept one: most
    drawings never are compared, and hashing while the worker draws slowed the frame (both
    threads want Python's lock then)."""

    SIZE = 2

    def __init__(self) -> None:
        self._kept: list[_Kept] = []  # oldest first

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    @staticmethod
    def outline(painter: QPainter, area: QRect, groups: Sequence[Group]) -> str:
        """A cheap part of the key: the transform, clip and area, and each group's kind and
        size. A drawing whose outline no kept one shares is not looked for (no hashing)."""
        world = painter.worldTransform()
        return repr(
            (
                world.m11(),
                world.m12(),
                world.m13(),
                world.m21(),
                world.m22(),
                world.m23(),
                world.m31(),
                world.m32(),
                world.m33(),
                painter.clipBoundingRect().getRect(),
                area.getRect(),
                painter.device().devicePixelRatioF(),
                painter.testRenderHint(QPainter.RenderHint.Antialiasing),
                [group.size for group in groups],
            )
        )

    @staticmethod
    def key(outline: str, groups: Sequence[Group]) -> bytes:
        """Everything the picture of `groups` drawn with `outline` depends on."""
        digest = hashlib.sha1(usedforsecurity=False)  # (SHA-1: the fastest here, by far)
        digest.update(outline.encode())
        for group in groups:
            group.describe(digest)
        return digest.digest()

    def find(self, outline: str, groups: Sequence[Group]) -> QImage | None:
        """The kept picture of exactly this drawing, if there is one."""
        candidates = [kept for kept in self._kept if kept.outline == outline]
        if not candidates:
            return None
        key = self.key(outline, groups)
        for kept in candidates:
            if not kept.key:
                kept.key = self.key(kept.outline, kept.groups)
            if kept.key == key:
                self._kept.remove(kept)
                self._kept.append(kept)
                return kept.image
        return None

    def keep(self, outline: str, groups: Sequence[Group], image: QImage) -> None:
        self._kept.append(_Kept(outline, [group.frozen() for group in groups], image))
        while len(self._kept) > self.SIZE:
            _recycle(self._kept.pop(0).image)


def draw_groups(
    painter: QPainter,
    groups: Sequence[Group],
    meanwhile: Callable[[], object] | None = None,
    kept: KeptPictures | None = None,
) -> None:
    """Draw the groups in order, on both cores when they are many (see the module's text);
    `meanwhile`, if given, runs on the window's thread while the worker draws (only then).
    The lines before the first FillGroup are shared between the threads; the fills and
    what follows them are drawn by the window's thread after. With `kept`, a drawing made
    before from the same groups, transform, clip and area is laid instead of drawn again,
    and a new one is kept there (both only where a second thread may draw)."""
    native = native_draw_lines()
    shared = len(groups)
    for k, group in enumerate(groups):
        if isinstance(group, FillGroup):
            shared = k
            break
    lines = [group for group in groups[:shared] if isinstance(group, LineGroup)]
    total = sum(group.work for group in lines)
    area = None
    if (
        native is not None
        and total >= PARALLEL_MIN_LINES
        and not painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        and all(group.pen.color().alpha() == 255 for group in lines)
    ):
        area = _drawing_area(painter)
    if native is None or area is None:
        _draw_direct(painter, groups)
        return
    # The later lines go to the worker, drawn into an image laid over the earlier ones:
    # the lines come out in the same order, so the frame's pixels are one drawing's.
    half, split = total * MAIN_SHARE, shared
    count = 0.0
    for k, group in enumerate(lines):
        if count >= half:
            split = k
            break
        count += group.work
    first, second, after = lines[:split], lines[split:], groups[shared:]
    outline = ""
    if kept is not None:
        outline = kept.outline(painter, area, groups)
        found = kept.find(outline, groups)
        if found is not None:
            if meanwhile is not None:
                meanwhile()
            _lay(painter, area, found)
            return
    picture = _Picture(painter, area)
    pending = _worker().submit(partial(picture.drawn, second, native))
    mine = None
    try:
        if kept is None:
            _draw_native(painter, first, native)
        else:
            mine = picture.drawn(first, native)
        if meanwhile is not None:
            meanwhile()
    finally:
        later = pending.result()  # complete before it is laid, whatever happened here
    if mine is None or kept is None:
        _lay(painter, area, later)
        _recycle(later)
        _draw_direct(painter, after)
        return
    picture.draw(mine, after, native, over=later)
    _recycle(later)
    kept.keep(outline, groups, mine)
    _lay(painter, area, mine)


class _Picture:
    """Transparent images of `painter`'s drawing area, drawn into as `painter` would draw."""

    def __init__(self, painter: QPainter, area: QRect) -> None:
        self.ratio = painter.device().devicePixelRatioF()
        self.area = area
        self.clip = painter.clipBoundingRect()  # scene units, a rectangle (see _drawing_area)
        x, y = area.left() / self.ratio, area.top() / self.ratio
        self.world = painter.worldTransform() * QTransform.fromTranslate(-x, -y)

    def drawn(self, groups: Sequence[LineGroup], native: NativeDraw) -> QImage:
        """A new image of the area with `groups` drawn into it."""
        image = _blank(self.area.width(), self.area.height())
        image.setDevicePixelRatio(self.ratio)
        self.draw(image, groups, native)
        return image

    def draw(
        self,
        image: QImage,
        groups: Sequence[Group],
        native: NativeDraw,
        over: QImage | None = None,
    ) -> None:
        """Draw `over` (an image of the area) and then `groups` into `image`."""
        painter = QPainter(image)
        if over is not None:
            painter.drawImage(QPointF(0, 0), over)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setWorldTransform(self.world)
        painter.setClipRect(self.clip)
        lines = [group for group in groups if isinstance(group, LineGroup)]
        if len(lines) == len(groups):
            _draw_native(painter, lines, native)
        else:
            _draw_direct(painter, groups)
        painter.end()


# Images of a drawing area done with (a worker's part once laid, a kept drawing let go),
# for the next drawing of the same size: a new one of a 1600 x 1000 area costs 1.6 ms of page
# faults and clearing, clearing an old one 0.15 ms. The window's thread and the worker take
# from here at the same time, hence the lock.
_SPARE: list[QImage] = []
_SPARE_LOCK = threading.Lock()
MAX_SPARE = 1  # (each one is the size of the drawing area: 6.4 MB at 1600 x 1000)
MAX_SPARE_PIXELS = 3840 * 2400  # a bigger area (an export) is not a screen's: not kept


def _blank(width: int, height: int) -> QImage:
    """A transparent image of this size, a spare one if there is one."""
    with _SPARE_LOCK:
        for k, image in enumerate(_SPARE):
            if image.width() == width and image.height() == height:
                del _SPARE[k]
                break
        else:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    return image


def _recycle(image: QImage) -> None:
    if image.width() * image.height() > MAX_SPARE_PIXELS:
        return
    with _SPARE_LOCK:
        _SPARE.append(image)
        del _SPARE[:-MAX_SPARE]


def _lay(painter: QPainter, area: QRect, image: QImage) -> None:
    """Lay a picture of `area` (device pixels) over what `painter` drew."""
    ratio = painter.device().devicePixelRatioF()
    painter.save()
    painter.setWorldTransform(QTransform())
    painter.drawImage(QPointF(area.left() / ratio, area.top() / ratio), image)
    painter.restore()


def _draw_direct(painter: QPainter, groups: Sequence[Group]) -> None:
    for group in groups:
        if isinstance(group, FillGroup):
            group.draw(painter)
            continue
        pen, lines = group.drawn()
        painter.setPen(pen)
        (draw_points if group.points else draw_lines)(painter, lines)


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
