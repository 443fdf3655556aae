"""The canvas's scroll bars: a groove laid from a kept picture looks exactly like Fusion's
own, and is drawn once however often the view moves (`gui/canvas/scroll_bars.py`)."""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleFactory, QStyleOptionSlider

from cluster_designer.gui.canvas.scroll_bars import KeptGrooveStyle

SC = QStyle.SubControl
FLAGS = (
    QStyle.StateFlag.State_Enabled,
    QStyle.StateFlag.State_MouseOver,
    QStyle.StateFlag.State_Sunken,
    QStyle.StateFlag.State_Active,
)


def _painted(style: QStyle, option: QStyleOptionSlider, bar: QScrollBar) -> np.ndarray:
    """The bar's pixels: its background, as the bar fills it, then the style's paint."""
    image = QImage(bar.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(bar.palette().brush(bar.backgroundRole()).color())
    painter = QPainter(image)
    style.drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, option, painter, bar)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8).copy()


def test_a_kept_groove_looks_exactly_like_fusions_own(qtbot) -> None:
    fusion = QStyleFactory.create("fusion")
    kept = KeptGrooveStyle(QStyleFactory.create("fusion"))
    compared = 0
    for orientation, size in (
        (Qt.Orientation.Vertical, (14, 600)),
        (Qt.Orientation.Horizontal, (700, 14)),
        (Qt.Orientation.Vertical, (14, 40)),
    ):
        bar = QScrollBar(orientation)
        qtbot.addWidget(bar)
        bar.resize(*size)
        bar.setAutoFillBackground(True)
        for maximum, page, value in ((100, 10, 0), (100, 10, 55), (100, 10, 100), (1000, 950, 20)):
            bar.setRange(0, maximum)
            bar.setPageStep(page)
            bar.setValue(value)
            base = QStyleOptionSlider()
            bar.initStyleOption(base)
            base.subControls = SC.SC_All
            for on in itertools.product((False, True), repeat=len(FLAGS)):
                for active in (SC.SC_None, SC.SC_ScrollBarSlider, SC.SC_ScrollBarAddLine):
                    option = QStyleOptionSlider(base)
                    for flag, set_it in zip(FLAGS, on, strict=True):
                        option.state = option.state | flag if set_it else option.state & ~flag
                    option.activeSubControls = active
                    assert np.array_equal(
                        _painted(kept, option, bar), _painted(fusion, option, bar)
                    ), (orientation, maximum, page, value, on, active)
                    compared += 1
    assert compared == 3 * 4 * 16 * 3
    assert kept.grooves_drawn > 0  # (the kept pictures were used, not bypassed)


def test_the_views_bars_draw_their_groove_once_as_the_view_moves(canvas) -> None:
    """A pan or a settled zoom repaints the bars at new positions: the groove's picture is
    laid, not drawn again. Painted as they are on screen (`QWidget.render`, as a repaint)."""
    _, view = canvas
    style = view.verticalScrollBar().style()
    if QStyleFactory.create("fusion").name() != view.style().name():  # (not Fusion: plain)
        assert not isinstance(style, KeptGrooveStyle) or style.grooves_drawn == 0
        return
    assert isinstance(style, KeptGrooveStyle)
    view.resize(600, 400)
    view.set_zoom(4.0)
    bar = view.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > bar.minimum()
    image = QImage(bar.size(), QImage.Format.Format_ARGB32_Premultiplied)
    shown: list[bytes] = []
    before = style.grooves_drawn
    for step in range(6):
        bar.setValue(bar.minimum() + (bar.maximum() - bar.minimum()) * step // 5)
        bar.render(image, QPoint())
        shown.append(bytes(image.constBits()))
    assert style.grooves_drawn - before <= 1
    assert len(set(shown)) == len(shown)  # (the slider did move each time)


def _bars_region(window) -> np.ndarray:
    """The window's pixels where the canvas's two scroll bars are (as the window paints
    them, its own background under them included)."""
    view = window.view
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    parts = []
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        at = bar.mapTo(window, QPoint(0, 0))
        parts.append(pixels[at.y() : at.y() + bar.height(), at.x() : at.x() + bar.width()].copy())
    return parts


def test_the_windows_bars_look_as_fusion_paints_them(window, qtbot) -> None:
    """In the main window, zoomed in and scrolled: the bars' pixels with their kept grooves
    and own background equal those of the same bars painted as before (Fusion's own
    paint over what the window paints under them)."""
    view = window.view
    window.resize(1100, 760)
    view.set_zoom(3.0)
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible(), timeout=3000)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue((bar.minimum() + bar.maximum()) // 3)
    assert isinstance(view.verticalScrollBar().style(), KeptGrooveStyle)
    kept = _bars_region(window)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setStyle(None)  # the application's style, as any other widget
        bar.setAutoFillBackground(False)
    plain = _bars_region(window)
    for mine, theirs in zip(kept, plain, strict=True):
        assert mine.shape == theirs.shape
        assert np.array_equal(mine, theirs)
