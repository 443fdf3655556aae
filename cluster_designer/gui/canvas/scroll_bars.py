"""The canvas's scroll bars, painted for less: each bar's groove is kept as a picture.

Fusion paints a scroll bar's groove (a gradient across the bar and its outline) slowly: most
of a bar's paint, about 2-7 ms for the canvas's vertical bar at a 1000-pixel-high view,
against 1-3 ms for the slider and arrows over it (more for a slider nearly the bar's
length, as at the view of the whole map: its own gradient, not kept). The canvas's bars
repaint whenever the view moves: when a wheel zoom settles (its sharp frame waits for
them), and at each step of a pan. The groove does not depend on where the slider is, only
on the bar's size, state and palette: it is drawn once per such look and laid from there,
and the slider and the arrows are drawn over it as before.

The groove is partly transparent (its edges blend with what lies under the bar), so the
kept picture is drawn over the colour the bar stands on. The bars fill their own
background with that same colour (the window's, as before: what the window painted under
them), so a bar's pixels are exactly the ones Fusion's own paint gives; tests compare both.
Only Fusion is known to draw its groove independently of the slider: under any other
style the bars are painted as that style paints them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QProxyStyle,
    QStyle,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QWidget,
)

GROOVE = QStyle.SubControl.SC_ScrollBarGroove
KEPT_LOOKS = 8  # a bar's size times its states (hovered, pressed, disabled) in use


class KeptGrooveStyle(QProxyStyle):
    """The application's style, but a scroll bar's groove is laid from a kept picture
    (see the module's text). Set on the bars of one view only; anything else is drawn by
    the base style itself."""

    def __init__(self, base: QStyle | None = None) -> None:
        if base is None:
            super().__init__()
        else:
            super().__init__(base)
        self._kept: dict[tuple[object, ...], QPixmap] = {}
        self.grooves_drawn = 0  # (for tests: how often a groove was drawn, not laid)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if isinstance(option, QStyleOptionSlider):
            picture = self._groove(control, option, painter, widget)
            if picture is not None:
                painter.drawPixmap(option.rect.topLeft(), picture)
                rest = QStyleOptionSlider(option)
                rest.subControls = option.subControls & ~GROOVE
                super().drawComplexControl(control, rest, painter, widget)
                return
        super().drawComplexControl(control, option, painter, widget)

    def _groove(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionSlider,
        painter: QPainter,
        widget: QWidget | None,
    ) -> QPixmap | None:
        """The groove's picture for this look, drawn now if not kept; None where the bar is
        painted as the base style paints it."""
        if (
            control != QStyle.ComplexControl.CC_ScrollBar
            or not option.subControls & GROOVE
            or widget is None
            or not widget.autoFillBackground()
            or self.baseStyle().name().lower() != "fusion"
            or self.styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, option, widget)
        ):
            return None
        ground = widget.palette().brush(widget.backgroundRole())
        if ground.style() != Qt.BrushStyle.SolidPattern or option.rect.isEmpty():
            return None
        ratio = painter.device().devicePixelRatioF()
        if ratio != round(ratio):  # (a fractional scale would resample the picture)
            return None
        key = (
            option.rect.getRect(),
            option.state.value,
            option.activeSubControls.value,
            option.orientation.value,
            option.direction.value,
            option.palette.cacheKey(),
            ground.color().rgba(),
            ratio,
        )
        picture = self._kept.pop(key, None)
        if picture is None:
            picture = self._draw_groove(option, ground, ratio, widget)
            while len(self._kept) >= KEPT_LOOKS:
                del self._kept[next(iter(self._kept))]  # the look used longest ago
        self._kept[key] = picture  # (last: used most recently)
        return picture

    def _draw_groove(
        self, option: QStyleOptionSlider, ground: QBrush, ratio: float, widget: QWidget
    ) -> QPixmap:
        self.grooves_drawn += 1
        picture = QPixmap(option.rect.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor(ground.color()))
        groove = QStyleOptionSlider(option)
        groove.rect = QRect(QPoint(0, 0), option.rect.size())
        groove.subControls = GROOVE
        painter = QPainter(picture)
        try:
            super().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, groove, painter, widget)
        finally:
            painter.end()
        return picture


def keep_grooves(area: QAbstractScrollArea, style: KeptGrooveStyle) -> None:
    """Paint `area`'s two scroll bars with `style`, each over its own background (the
    window's colour it stands on; see the module's text). The caller keeps `style`: a
    widget does not own the style it is given."""
    for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
        bar.setBackgroundRole(QPalette.ColorRole.Window)  # (a bar's own role is Base, white)
        bar.setAutoFillBackground(True)
        bar.setStyle(style)
