"""Toolbar and menu icons: the platform's icon theme where it has one, else simple drawn glyphs.

Drawing the fallbacks in code keeps the bundle free of image files and makes every action show
an icon on platforms without a theme (Windows before 11, the offscreen test platform).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

INK = QColor("#3C4043")
ACCENT = QColor("#1F6FEB")
_NORMAL = (QColor("#3C4043"), QColor("#1F6FEB"))
_DISABLED = (QColor("#B8BBBF"), QColor("#A9BEDD"))
SIZES = (16, 24, 32, 48)

Painter = Callable[[QPainter], None]  # draws on a 24×24 canvas


def _pen(p: QPainter, color: QColor | None = None, width: float = 1.8) -> None:
    pen = QPen(INK if color is None else color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _magnifier(p: QPainter, inner: str) -> None:
    _pen(p)
    p.drawEllipse(QRectF(3, 3, 13, 13))
    p.drawLine(QPointF(14, 14), QPointF(21, 21))
    c = QPointF(9.5, 9.5)
    if inner in ("+", "-"):
        p.drawLine(QPointF(6.5, 9.5), QPointF(12.5, 9.5))
    if inner == "+":
        p.drawLine(QPointF(9.5, 6.5), QPointF(9.5, 12.5))
    if inner == "1":
        p.drawLine(QPointF(8.5, 7.5), QPointF(10, 6.5))
        p.drawLine(QPointF(10, 6.5), QPointF(10, 12.5))
    if inner == "dot":
        p.setBrush(INK)
        p.drawEllipse(c, 1.2, 1.2)


def _fit(p: QPainter) -> None:
    _pen(p)
    for x, y, dx, dy in ((3, 3, 1, 1), (21, 3, -1, 1), (3, 21, 1, -1), (21, 21, -1, -1)):
        p.drawLine(QPointF(x, y), QPointF(x + 5 * dx, y))
        p.drawLine(QPointF(x, y), QPointF(x, y + 5 * dy))
    p.drawRect(QRectF(8, 8, 8, 8))


def _grid(p: QPainter) -> None:
    _pen(p, width=1.4)
    for v in (4, 10, 16, 22):
        p.drawLine(QPointF(v - 1, 3), QPointF(v - 1, 21))
        p.drawLine(QPointF(3, v - 1), QPointF(21, v - 1))


def _snap(p: QPainter) -> None:
    _pen(p, QColor("#9AA0A6"), 1.2)
    for v in (5, 12, 19):
        p.drawLine(QPointF(v, 3), QPointF(v, 21))
        p.drawLine(QPointF(3, v), QPointF(21, v))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawEllipse(QPointF(12, 12), 3.5, 3.5)


def _legend(p: QPainter) -> None:
    _pen(p, width=1.4)
    p.drawRoundedRect(QRectF(3, 3, 18, 18), 2, 2)
    for i, color in enumerate(("#0072B2", "#E69F00", "#009E73")):
        y = 7.5 + i * 4.5
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawEllipse(QPointF(7.5, y), 1.7, 1.7)
        _pen(p, width=1.4)
        p.drawLine(QPointF(11, y), QPointF(18, y))


def _labels(p: QPainter) -> None:
    _pen(p, width=2.0)
    p.drawLine(QPointF(5, 5), QPointF(19, 5))
    p.drawLine(QPointF(12, 5), QPointF(12, 19))
    p.drawLine(QPointF(9, 19), QPointF(15, 19))


def _select(p: QPainter) -> None:
    _pen(p, width=1.4)
    p.setBrush(INK)
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(6, 3),
                QPointF(6, 19),
                QPointF(10, 15),
                QPointF(13, 21),
                QPointF(15.5, 20),
                QPointF(12.5, 14),
                QPointF(18, 14),
            ]
        )
    )


def _pin(p: QPainter) -> None:
    _pen(p)
    p.drawEllipse(QRectF(8, 3, 8, 8))
    p.drawLine(QPointF(12, 11), QPointF(12, 21))
    p.drawLine(QPointF(7, 12), QPointF(17, 12))


def _align(mode: str) -> Painter:
    def draw(p: QPainter) -> None:
        _pen(p, QColor("#9AA0A6"), 1.4)
        if mode in ("left", "right", "hcenter"):
            x = {"left": 4, "right": 20, "hcenter": 12}[mode]
            p.drawLine(QPointF(x, 2), QPointF(x, 22))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(INK)
            for y, w in ((5, 13), (13, 8)):
                left = {"left": 5.5, "right": 18.5 - w, "hcenter": 12 - w / 2}[mode]
                p.drawRoundedRect(QRectF(left, y, w, 6), 1, 1)
        else:
            y = {"top": 4, "bottom": 20, "vcenter": 12}[mode]
            p.drawLine(QPointF(2, y), QPointF(22, y))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(INK)
            for x, h in ((5, 13), (13, 8)):
                top = {"top": 5.5, "bottom": 18.5 - h, "vcenter": 12 - h / 2}[mode]
                p.drawRoundedRect(QRectF(x, top, 6, h), 1, 1)

    return draw


def _distribute(axis: str) -> Painter:
    def draw(p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(INK)
        for v in (3, 10.5, 18):
            rect = QRectF(v, 7, 3.5, 10) if axis == "horizontal" else QRectF(7, v, 10, 3.5)
            p.drawRoundedRect(rect, 1, 1)

    return draw


def _layout(kind: str) -> Painter:
    def draw(p: QPainter) -> None:
        pts = (
            [QPointF(6, 6), QPointF(18, 7), QPointF(7, 18), QPointF(17, 17), QPointF(12, 12)]
            if kind == "force"
            else [QPointF(5, 6), QPointF(5, 12), QPointF(5, 18), QPointF(17, 6), QPointF(17, 14)]
        )
        _pen(p, QColor("#9AA0A6"), 1.3)
        for a, b in (
            ((0, 4), (1, 4), (2, 4), (3, 4), (0, 1))
            if kind == "force"
            else ((0, 3), (1, 3), (2, 4), (1, 4))
        ):
            p.drawLine(pts[a], pts[b])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(INK)
        for pt in pts:
            p.drawEllipse(pt, 2.6, 2.6)

    return draw


def _page(p: QPainter, mark: str = "") -> None:
    _pen(p, width=1.5)
    path = QPainterPath()
    path.moveTo(5, 3)
    path.lineTo(14, 3)
    path.lineTo(19, 8)
    path.lineTo(19, 21)
    path.lineTo(5, 21)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(14, 3), QPointF(14, 8))
    p.drawLine(QPointF(14, 8), QPointF(19, 8))
    if mark == "+":
        _pen(p, ACCENT, 2.0)
        p.drawLine(QPointF(12, 11), QPointF(12, 18))
        p.drawLine(QPointF(8.5, 14.5), QPointF(15.5, 14.5))


def _folder(p: QPainter) -> None:
    _pen(p, width=1.5)
    path = QPainterPath()
    path.moveTo(3, 19)
    path.lineTo(3, 5)
    path.lineTo(9, 5)
    path.lineTo(11, 7.5)
    path.lineTo(21, 7.5)
    path.lineTo(21, 19)
    path.closeSubpath()
    p.drawPath(path)


def _save(p: QPainter) -> None:
    _pen(p, width=1.5)
    p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2)
    p.drawRect(QRectF(8, 4, 8, 5))
    p.drawRect(QRectF(7.5, 13, 9, 7))


def _arrow(direction: str) -> Painter:
    def draw(p: QPainter) -> None:
        _pen(p, width=2.0)
        path = QPainterPath()
        if direction == "undo":
            path.moveTo(18, 18)
            path.cubicTo(QPointF(19, 9), QPointF(12, 8), QPointF(6, 9))
            p.drawPath(path)
            p.drawLine(QPointF(6, 9), QPointF(10, 5))
            p.drawLine(QPointF(6, 9), QPointF(10, 13))
        else:
            path.moveTo(6, 18)
            path.cubicTo(QPointF(5, 9), QPointF(12, 8), QPointF(18, 9))
            p.drawPath(path)
            p.drawLine(QPointF(18, 9), QPointF(14, 5))
            p.drawLine(QPointF(18, 9), QPointF(14, 13))

    return draw


def _delete(p: QPainter) -> None:
    _pen(p, width=1.6)
    p.drawLine(QPointF(4, 6.5), QPointF(20, 6.5))
    p.drawLine(QPointF(9.5, 6.5), QPointF(10, 3.5))
    p.drawLine(QPointF(10, 3.5), QPointF(14, 3.5))
    p.drawLine(QPointF(14, 3.5), QPointF(14.5, 6.5))
    p.drawPolyline(
        QPolygonF([QPointF(6, 6.5), QPointF(7.5, 21), QPointF(16.5, 21), QPointF(18, 6.5)])
    )


def _copy(p: QPainter) -> None:
    _pen(p, width=1.5)
    p.drawRoundedRect(QRectF(4, 4, 11, 13), 1.5, 1.5)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(9, 8, 11, 13), 1.5, 1.5)


def _tie(p: QPainter) -> None:
    _pen(p, None, 2.0)
    p.drawLine(QPointF(6, 18), QPointF(18, 6))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawEllipse(QPointF(5.5, 18.5), 3.2, 3.2)
    p.drawEllipse(QPointF(18.5, 5.5), 3.2, 3.2)


def _design(p: QPainter) -> None:
    _pen(p, width=1.5)
    p.drawRoundedRect(QRectF(3, 4, 18, 16), 2, 2)
    _layout("force")(p)


def _group(p: QPainter) -> None:
    """Three actors inside a soft outline: a group (consortium, project)."""
    pen = QPen(ACCENT, 1.6, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(QColor(31, 111, 235, 40))
    p.drawRoundedRect(QRectF(2.5, 3.5, 19, 17), 7, 7)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(INK)
    for x, y in ((8, 9), (16, 9), (12, 15.5)):
        p.drawEllipse(QPointF(x, y), 2.6, 2.6)


def _origin(p: QPainter) -> None:
    """An arrow coming into an actor: where actors came from."""
    _pen(p, ACCENT, 2.0)
    p.drawLine(QPointF(3, 5), QPointF(11, 13))
    p.drawLine(QPointF(11, 13), QPointF(11, 8))
    p.drawLine(QPointF(11, 13), QPointF(6, 13))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(INK)
    p.drawEllipse(QPointF(16, 16), 5, 5)


GLYPHS: dict[str, Painter] = {
    "group": _group,
    "origin": _origin,
    "zoom-in": lambda p: _magnifier(p, "+"),
    "zoom-out": lambda p: _magnifier(p, "-"),
    "zoom-reset": lambda p: _magnifier(p, "1"),
    "find": lambda p: _magnifier(p, ""),
    "fit": _fit,
    "grid": _grid,
    "snap": _snap,
    "legend": _legend,
    "labels": _labels,
    "select": _select,
    "pin": _pin,
    "new": lambda p: _page(p, "+"),
    "open": _folder,
    "save": _save,
    "undo": _arrow("undo"),
    "redo": _arrow("redo"),
    "delete": _delete,
    "copy": _copy,
    "design": _design,
    "tie": _tie,
    "layout-force": _layout("force"),
    "layout-sector": _layout("sector"),
    **{f"align-{m}": _align(m) for m in ("left", "right", "top", "bottom", "hcenter", "vcenter")},
    **{f"distribute-{a}": _distribute(a) for a in ("horizontal", "vertical")},
}

THEME: dict[str, QIcon.ThemeIcon] = {
    "zoom-in": QIcon.ThemeIcon.ZoomIn,
    "zoom-out": QIcon.ThemeIcon.ZoomOut,
    "fit": QIcon.ThemeIcon.ZoomFitBest,
    "find": QIcon.ThemeIcon.EditFind,
    "new": QIcon.ThemeIcon.DocumentNew,
    "open": QIcon.ThemeIcon.DocumentOpen,
    "save": QIcon.ThemeIcon.DocumentSave,
    "undo": QIcon.ThemeIcon.EditUndo,
    "redo": QIcon.ThemeIcon.EditRedo,
    "delete": QIcon.ThemeIcon.EditDelete,
    "copy": QIcon.ThemeIcon.EditCopy,
}


@cache
def icon(name: str) -> QIcon:
    """The named icon; an empty QIcon for an unknown name (the action then shows text only)."""
    theme = THEME.get(name)
    if theme is not None and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    draw = GLYPHS.get(name)
    if draw is None:
        return QIcon()
    global INK, ACCENT
    result = QIcon()
    for mode, (ink, accent) in ((QIcon.Mode.Normal, _NORMAL), (QIcon.Mode.Disabled, _DISABLED)):
        INK, ACCENT = ink, accent
        for size in SIZES:
            pix = QPixmap(size, size)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.scale(size / 24, size / 24)
            draw(p)
            p.end()
            result.addPixmap(pix, mode)
    INK, ACCENT = _NORMAL
    return result
