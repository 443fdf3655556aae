"""Charts of one evaluation (pyqtgraph): inflows by kind, sector block densities, degrees.

Each chart takes an Evaluation and redraws itself completely; they are cheap (a handful of
bars or nine cells), so there is nothing to gain from incremental updates. This module is
imported only when a chart is first shown (see `charts.ChartsPanel`): pyqtgraph adds about
0.4 s to start-up and 30 MB to a window that may never show a chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from cluster_designer.analysis import Evaluation
from cluster_designer.i18n import N_, _
from cluster_designer.model import Sector, TieKind

from .. import style
from .formatting import DASH

pg.setConfigOptions(antialias=True, background="w", foreground="k")

SECTOR_ORDER = (Sector.UNIVERSITY, Sector.COMPANY, Sector.SUPPORT)
SECTOR_AXIS = {  # short axis labels, marked with N_() and translated where drawn
    Sector.UNIVERSITY: N_("Universities"),
    Sector.COMPANY: N_("Companies"),
    Sector.SUPPORT: N_("Support org."),
}
KIND_ORDER = tuple(TieKind)
NULL_CELL = (225, 225, 225, 255)
HEAT_MAP = pg.ColorMap([0.0, 0.5, 1.0], [(247, 251, 255), (107, 174, 214), (8, 48, 107)])
TEXT_COLOR = QColor(30, 30, 30)
INSIDE_SHARE = 0.45  # bars longer than this share of the longest print their value inside


def chart_font(points: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def make_plot(
    widget: pg.GraphicsLayoutWidget, title: str, row: int = 0, col: int = 0
) -> pg.PlotItem:
    plot = widget.addPlot(row=row, col=col)
    plot.setTitle(title, size="10pt", bold=True)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for name in ("left", "bottom"):
        plot.getAxis(name).setTickFont(chart_font(8.5))
    return plot


def nice_ceiling(value: float) -> float:
    """The next 1, 2 or 5 × 10^k at or above value, so colour scales end on round numbers."""
    if value <= 0:
        return 1.0
    exp = np.floor(np.log10(value))
    for step in (1, 2, 5, 10):
        top = step * 10**exp
        if top >= value - 1e-12:
            return float(top)
    return float(10 ** (exp + 1))


def integer_ticks(span: float) -> tuple[float, float] | tuple[()]:
    """Whole-number tick steps for counts (no 0.5 ties); () lets pyqtgraph choose."""
    for step in (1, 2, 5, 10):
        if span <= 10 * step:
            return (float(step), float(step))
    return ()


class InflowChart(pg.GraphicsLayoutWidget):
    """Inflows by tie kind: how many ties (top) and how much they carry (bottom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_inflows")
        self.count_plot = make_plot(self, _("Inflow ties, by kind"), 0, 0)
        self.weight_plot = make_plot(self, _("Inflow volume, by kind"), 1, 0)
        ticks = [[(i, k.label) for i, k in enumerate(KIND_ORDER)]]
        for plot in (self.count_plot, self.weight_plot):
            plot.getAxis("left").setTicks(ticks)
            plot.getAxis("left").setWidth(120)
            plot.invertY(True)
            plot.setYRange(-0.6, len(KIND_ORDER) - 0.4, padding=0)
        self.count_plot.setLabel("bottom", _("Ties from outside into the region"))
        self.weight_plot.setLabel("bottom", _("Summed weight, each kind in its unit"))
        self.value_texts: dict[str, list[str]] = {"count": [], "weight": []}

    def show_evaluation(self, ev: Evaluation | None) -> None:
        counts = [ev.inflows.by_kind[k.value] if ev else 0 for k in KIND_ORDER]
        weights = [ev.inflows.weight_by_kind[k.value] if ev else 0.0 for k in KIND_ORDER]
        self.value_texts["count"] = self._bars(self.count_plot, counts, [f"{c:,}" for c in counts])
        self.count_plot.getAxis("bottom").setTickSpacing(
            *integer_ticks(max(counts, default=0) * 1.05)
        )
        self.value_texts["weight"] = self._bars(
            self.weight_plot,
            weights,
            [
                _("{weight} {unit}").format(weight=f"{w:,.0f}", unit=k.unit) if w else "0"
                for w, k in zip(weights, KIND_ORDER, strict=True)
            ],
        )

    def _bars(self, plot: pg.PlotItem, values: Sequence[float], texts: list[str]) -> list[str]:
        plot.clear()
        brushes = [pg.mkBrush(style.TIE_STYLES[k].color) for k in KIND_ORDER]
        bars = pg.BarGraphItem(
            x0=0,
            y=np.arange(len(values)),
            height=0.62,
            width=np.asarray(values, dtype=float),
            brushes=brushes,
            pen=pg.mkPen(None),
        )
        plot.addItem(bars)
        top = max(values, default=0) or 1
        for i, (value, text) in enumerate(zip(values, texts, strict=True)):
            # Long bars carry their value inside, in white; short ones after the bar, so the
            # text never runs off a narrow dock.
            inside = value > top * INSIDE_SHARE
            label = pg.TextItem(
                text,
                color=QColor("white") if inside else TEXT_COLOR,
                anchor=(1 if inside else 0, 0.5),
            )
            label.setFont(chart_font(8.5, bold=inside))
            label.setPos(value - top * 0.02 if inside else value + top * 0.02, i)
            plot.addItem(label)
        plot.setXRange(0, top * 1.05, padding=0)
        return texts


class BlockDensityChart(pg.GraphicsLayoutWidget):
    """The 3×3 sector block densities of the region as a labelled heat map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_blocks")
        self.plot = make_plot(self, _("Tie density between sectors, inside the region"))
        ticks = [[(i, _(SECTOR_AXIS[s])) for i, s in enumerate(SECTOR_ORDER)]]
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.getAxis("bottom").setTicks(ticks)
        self.plot.getAxis("left").setWidth(90)
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.setXRange(-0.5, 2.5, padding=0.02)
        self.plot.setYRange(-0.5, 2.5, padding=0.02)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(
            values=(0, 1), colorMap=HEAT_MAP, interactive=False, width=14
        )
        self.addItem(self.colorbar, row=0, col=1)
        self.cell_texts: list[list[str]] = []
        self._labels: list[pg.TextItem] = []

    def show_evaluation(self, ev: Evaluation | None) -> None:
        blocks = ev.density.sector_blocks if ev else {}
        values = [[blocks.get(_block(a, b)) for b in SECTOR_ORDER] for a in SECTOR_ORDER]
        known = [v for row in values for v in row if v is not None]
        top = nice_ceiling(max(known, default=0.0)) if known else 1.0
        rgba = np.zeros((3, 3, 4), dtype=np.uint8)
        for label in self._labels:
            self.plot.removeItem(label)
        self._labels = []
        self.cell_texts = []
        for r, row in enumerate(values):
            texts = []
            for c, value in enumerate(row):
                if value is None:
                    rgba[r, c] = NULL_CELL
                    text, dark = DASH, False
                else:
                    share = min(1.0, value / top)
                    rgba[r, c] = HEAT_MAP.map(share, mode="byte")
                    text, dark = f"{value:.3f}", share > 0.55
                texts.append(text)
                item = pg.TextItem(
                    text, color=QColor("white") if dark else TEXT_COLOR, anchor=(0.5, 0.5)
                )
                item.setFont(chart_font(10, bold=True))
                item.setPos(c, r)
                self.plot.addItem(item)
                self._labels.append(item)
            self.cell_texts.append(texts)
        self.image.setImage(rgba, autoLevels=False)
        self.image.setRect(
            QRectF(-0.5, -0.5, 3, 3)
        )  # after setImage: the rect scales by image size
        self.colorbar.setLevels((0, top))
        self.plot.setLabel(
            "bottom", _("Share of possible pairs tied; grey “—”: a sector is missing")
        )


def _block(a: Sector, b: Sector) -> str:
    x, y = sorted((a.value, b.value))
    return f"{x}-{y}"


class DegreeChart(pg.GraphicsLayoutWidget):
    """How many actors have how many partners: a long tail means hubs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart_degree")
        self.plot = make_plot(self, _("Partners per actor (degree distribution)"))
        self.plot.setLabel("bottom", _("Partners of an actor (degree)"))
        self.plot.setLabel("left", _("Actors"))
        self.bars: dict[int, int] = {}

    def show_evaluation(self, ev: Evaluation | None) -> None:
        self.plot.clear()
        self.bars = dict(ev.degree_distribution) if ev else {}
        if not self.bars:
            return
        x = np.fromiter(self.bars.keys(), dtype=float)
        h = np.fromiter(self.bars.values(), dtype=float)
        self.plot.addItem(
            pg.BarGraphItem(
                x=x, height=h, width=0.8, brush=pg.mkBrush("#0072B2"), pen=pg.mkPen(None)
            )
        )
        self.plot.setXRange(-0.6, max(x) + 0.6, padding=0.02)
        self.plot.setYRange(0, max(h) * 1.1, padding=0)
