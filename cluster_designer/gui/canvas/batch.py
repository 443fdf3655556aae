"""Hand numpy buffers to QPainter's array calls without building Python lists of lines.

PySide6 exposes `drawLines(const QLineF *, int)`; wrapping the array's memory as the first
QLineF lets Qt read the whole buffer in place (the same trick pyqtgraph uses).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QLineF, QPointF
from PySide6.QtGui import QPainter, QPainterPath


def draw_lines(painter: QPainter, lines: np.ndarray) -> None:
    """Draw an (n, 4) array of x1, y1, x2, y2 in one call."""
    n = len(lines)
    if n == 0:
        return
    buf = np.ascontiguousarray(lines, dtype=np.float64)
    first = cast(QLineF, shiboken6.wrapInstance(buf.ctypes.data, QLineF))
    painter.drawLines(first, n)


def draw_points(painter: QPainter, points: np.ndarray) -> None:
    """Draw an (n, 2) array of x, y in one call."""
    n = len(points)
    if n == 0:
        return
    buf = np.ascontiguousarray(points, dtype=np.float64)
    first = cast(QPointF, shiboken6.wrapInstance(buf.ctypes.data, QPointF))
    painter.drawPoints(first, n)


_PATH_RECORD = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])


def polygons_path(corners: np.ndarray) -> QPainterPath:
    """Closed polygons as one path: `corners` (n, k, 2) holds k corners of each of n polygons.

    Built from the path's serialised form (QDataStream: element count, then a type and two
    big-endian doubles per element, then the last subpath's start and the fill rule), the
    way pyqtgraph's arrayToQPath does, instead of a Python call per corner; each polygon is
    moveTo its first corner, lineTo the others and back to the first, as a loop would build.
    """
    path = QPainterPath()
    n, k = corners.shape[0], corners.shape[1]
    if n == 0:
        return path
    count = n * (k + 1)
    records = np.empty(count, dtype=_PATH_RECORD)
    points = np.concatenate((corners, corners[:, :1]), axis=1).reshape(-1, 2)
    records["x"], records["y"] = points[:, 0], points[:, 1]
    kinds = np.ones((n, k + 1), dtype=np.int32)  # LineToElement
    kinds[:, 0] = 0  # MoveToElement
    records["type"] = kinds.reshape(-1)
    head = np.array([count], dtype=">i4").tobytes()
    tail = np.array([count - k - 1, 0], dtype=">i4").tobytes()  # last subpath start, OddEvenFill
    stream = QDataStream(QByteArray(head + records.tobytes() + tail))
    stream >> path
    return path


class Digest(Protocol):
    """What of a hashlib object the digests here use."""

    def update(self, data: bytes | memoryview, /) -> None: ...


def digest_arrays(digest: Digest, arrays: Iterable[np.ndarray]) -> None:
    """Feed each array's type, shape and bytes to a hashlib `digest`: two runs of arrays
    update it alike only if they hold the same values in the same shapes."""
    for array in arrays:
        data = np.ascontiguousarray(array)
        digest.update(f"{data.dtype.str}{data.shape};".encode())
        digest.update(data.data)
