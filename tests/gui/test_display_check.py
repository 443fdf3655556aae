"""The screen check's comparison: antialiasing a fraction of a pixel apart is the same
picture; anything missing, left behind or recoloured is stale, down to a 1-pixel line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from tests.gui.display.display_check import differing, stale_patches

BACKGROUND = QColor("#eef2f7")


def _image(draw: Callable[[QPainter], None]) -> QImage:
    image = QImage(320, 160, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    draw(painter)
    painter.end()
    return image


def _label(dx: float = 0.0, text: str = "Kita Lab") -> Callable[[QPainter], None]:
    def draw(painter: QPainter) -> None:
        painter.translate(dx, 0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(250, 251, 253))
        painter.drawRoundedRect(QRectF(20, 30, 260, 80), 6, 6)
        font = QFont()
        font.setPixelSize(48)
        painter.setFont(font)
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QRectF(20, 30, 260, 80), Qt.AlignmentFlag.AlignCenter, text)

    return draw


def _stale(a: QImage, b: QImage) -> list[int]:
    return stale_patches(differing(a, b))


def test_text_a_fraction_of_a_pixel_apart_is_the_same_picture() -> None:
    fresh = _image(_label())
    for dx in (0.25, 0.5, 0.75, 1.0):
        assert _stale(_image(_label(dx)), fresh) == [], dx


def test_a_missing_or_extra_thin_line_is_stale() -> None:
    def line(painter: QPainter) -> None:
        painter.setPen(QPen(QColor(90, 90, 90), 1.0))
        painter.drawLine(QPointF(10, 140), QPointF(300, 125))

    plain, lined = _image(lambda painter: None), _image(line)
    assert _stale(plain, lined) != []
    assert _stale(lined, plain) != []


def test_a_line_left_across_a_label_is_stale() -> None:
    def crossed(painter: QPainter) -> None:
        _label()(painter)
        painter.setPen(QPen(QColor(40, 120, 200), 1.5))
        painter.drawLine(QPointF(0, 20), QPointF(320, 120))

    assert _stale(_image(crossed), _image(_label())) != []


def test_other_text_and_another_colour_are_stale() -> None:
    assert _stale(_image(_label(text="Kita Lah")), _image(_label())) != []

    def square(color: str) -> Callable[[QPainter], None]:
        return lambda painter: painter.fillRect(QRectF(100, 40, 60, 60), QColor(color))

    assert _stale(_image(square("#e69f00")), _image(square("#f3cf80"))) != []
