"""Hand numpy buffers to QPainter's array calls without building Python lists of lines.

PySide6 exposes `drawLines(const QLineF *, int)`; wrapping the array's memory as the first
QLineF lets Qt read the whole buffer in place (the same trick pyqtgraph uses).
"""

from __future__ import annotations

from typing import cast

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF
from PySide6.QtGui import QPainter


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
