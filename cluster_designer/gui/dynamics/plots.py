"""Charts of the dynamics (pyqtgraph): the chain reaction's reach per round and resilience curves.

Imported when a chart is first shown: pyqtgraph adds about 0.4 s to start-up (see
`evaluation.charts`). Each chart keeps the numbers it draws (`values`) for tests and for
the printed page.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from cluster_designer.analysis.spread import Spread
from cluster_designer.i18n import _, pgettext

from ..evaluation.chart_plots import TEXT_COLOR, chart_font, make_plot
from .looks import round_color


class ReachChart(pg.GraphicsLayoutWidget):
    """Actors reached by the end of each round, the current round outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_reach")
        self.setMinimumHeight(170)
        self.setMaximumHeight(260)
        self.plot = make_plot(self, _("Reached by the end of each round"))
        self.plot.setLabel("bottom", _("Round (0: the seeds)"))
        self.plot.setLabel("left", pgettext("dynamics", "Actors"))
        self.values: list[int] = []

    def show_spread(self, result: Spread | None, current: int = 0) -> None:
        self.plot.clear()
        self.values = result.reach_per_round if result is not None else []
        if not self.values:
            return
        rounds = len(self.values) - 1
        x = np.arange(len(self.values), dtype=float)
        brushes = [pg.mkBrush(round_color(i, rounds)) for i in range(len(self.values))]
        pens = [
            pg.mkPen(QColor("#1F1F1F"), width=2) if i == current else pg.mkPen(None)
            for i in range(len(self.values))
        ]
        self.plot.addItem(
            pg.BarGraphItem(
                x=x, height=np.asarray(self.values, float), width=0.7, brushes=brushes, pens=pens
            )
        )
        top = max(self.values)
        for i, value in enumerate(self.values):
            label = pg.TextItem(f"{value:,}", color=TEXT_COLOR, anchor=(0.5, 1.0))
            label.setFont(chart_font(8, bold=i == current))
            label.setPos(i, value)
            self.plot.addItem(label)
        self.plot.setXRange(-0.6, len(self.values) - 0.4, padding=0)
        self.plot.setYRange(0, top * 1.4 or 1, padding=0)  # room for the top label
        self.plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(len(self.values))]])


class ResilienceChart(pg.GraphicsLayoutWidget):
    """The largest connected share of the region against the share of region actors
    removed: one curve per design, so today's map and the plan can be seen together."""

    def __init__(self, parent: QWidget | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_resilience")
        self.setMinimumHeight(170)
        self.plot = make_plot(self, title or _("Largest connected group of the region"))
        self.plot.setLabel("bottom", _("Region actors removed (share)"))
        self.plot.setLabel("left", pgettext("dynamics", "Share still connected"))
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.setYRange(0, 1, padding=0.02)
        self.legend: pg.LegendItem | None = None
        self.values: dict[str, list[float]] = {}

    def show_curves(self, curves: Sequence[tuple[str, QColor, Sequence[float]]]) -> None:
        """`curves`: (label, colour, largest_share s(0)…s(n)) per design."""
        self.plot.clear()
        if self.legend is not None:
            scene = self.legend.scene()
            if scene is not None:
                scene.removeItem(self.legend)
            self.legend = None
        self.values = {}
        if len(curves) > 1:
            self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
        for label, color, shares in curves:
            self.values[label] = list(shares)
            n = len(shares) - 1
            if n <= 0:
                continue
            x = np.arange(n + 1, dtype=float) / n
            pen = pg.mkPen(color, width=2.5)
            self.plot.plot(
                x,
                np.asarray(shares, float),
                pen=pen,
                name=label,
                fillLevel=0 if len(curves) == 1 else None,
                brush=pg.mkBrush(color.red(), color.green(), color.blue(), 50)
                if len(curves) == 1
                else None,
            )
        half = pg.InfiniteLine(
            pos=0.5, angle=0, pen=pg.mkPen(QColor("#999999"), width=1, style=Qt.PenStyle.DashLine)
        )
        self.plot.addItem(half)
