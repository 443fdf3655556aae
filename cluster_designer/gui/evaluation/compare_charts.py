"""Key metrics of several designs side by side: one small bar chart per metric.

The key metrics have different scales (densities 0–1, E-I −1…+1, inflows a count), so
each gets its own chart; bars keep one colour per design across all charts. Imported when
a Compare view is first opened (pyqtgraph is heavy, see `charts`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg

from cluster_designer.analysis import Evaluation

from .chart_plots import TEXT_COLOR, chart_font, make_plot
from .compare_data import design_color
from .formatting import DASH, KEY_METRICS, format_value, label


class CompareCharts(pg.GraphicsLayoutWidget):
    """Six small charts (KEY_METRICS), bars numbered like the designs in the legend."""

    COLUMNS = 3

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_charts")
        self.plots: dict[str, pg.PlotItem] = {}
        for i, key in enumerate(KEY_METRICS):
            plot = make_plot(self, label(key), i // self.COLUMNS, i % self.COLUMNS)
            plot.titleLabel.setText(label(key), size="9pt", bold=True)
            plot.getAxis("left").setWidth(44)
            self.plots[key] = plot
        self.value_texts: dict[str, list[str]] = {}

    def show_designs(self, names: Sequence[str], evaluations: Mapping[str, Evaluation]) -> None:
        ticks = [[(i, str(i + 1)) for i in range(len(names))]]
        for key, plot in self.plots.items():
            plot.clear()
            values = [evaluations[n].metrics().get(key) for n in names]
            texts = [format_value(key, v) for v in values]
            self.value_texts[key] = texts
            heights = np.array([0.0 if v is None else float(v) for v in values])
            brushes = [pg.mkBrush(design_color(i)) for i in range(len(names))]
            if len(names):
                plot.addItem(
                    pg.BarGraphItem(
                        x=np.arange(len(names)),
                        height=heights,
                        width=0.7,
                        brushes=brushes,
                        pen=pg.mkPen(None),
                    )
                )
            low = min(0.0, float(heights.min(initial=0.0)))
            high = max(0.0, float(heights.max(initial=0.0)))
            span = (high - low) or 1.0
            for i, (h, text) in enumerate(zip(heights, texts, strict=True)):
                item = pg.TextItem(
                    text if text != DASH else f"{DASH} (none)",
                    color=TEXT_COLOR,
                    anchor=(0.5, 1.0 if h >= 0 else 0.0),
                )
                item.setFont(chart_font(8))
                item.setPos(i, h + (span * 0.03 if h >= 0 else -span * 0.03))
                plot.addItem(item)
            plot.getAxis("bottom").setTicks(ticks)
            plot.setXRange(-0.6, max(len(names), 1) - 0.4, padding=0)
            plot.setYRange(low - (span * 0.15 if low < 0 else 0), high + span * 0.2, padding=0)
