"""The "Charts" dock: the charts of one evaluation in tabs, built when first on screen.

The charts themselves (`chart_plots`) need pyqtgraph, which adds about 0.4 s to start-up
and 30 MB to the window; the Charts tab usually sits behind the Evaluation tab, so they
are imported and built only when the planner first brings it to the front.

"On screen" is not `isVisible()`: Qt keeps the dock behind a tab visible, parked outside
the window, so the dock's `visibilityChanged` (emitted when its tab is selected or not)
and the visible region decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from cluster_designer.analysis import Evaluation
from cluster_designer.i18n import _

if TYPE_CHECKING:
    from .chart_plots import BlockDensityChart, DegreeChart, InflowChart


class ChartsPanel(QWidget):
    """The three charts in tabs, for the "Charts" dock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charts_panel")
        self.inflows: InflowChart | None = None
        self.blocks: BlockDensityChart | None = None
        self.degrees: DegreeChart | None = None
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._shown: Evaluation | None = None
        self._latest: Evaluation | None = None

    def show_evaluation(self, ev: Evaluation | None) -> None:
        """Redraw now if the charts are on screen, else when they are shown.

        Redrawing the three charts costs about 40 ms; usually the Charts tab sits behind the
        Evaluation tab, and every edit would pay that on the GUI thread for nothing.
        """
        self._latest = ev
        if self.on_screen():
            self._redraw()

    def on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def dock_visibility_changed(self, visible: bool) -> None:
        """Connected to the dock's visibilityChanged: its tab came to the front (or went)."""
        if visible:
            self._redraw()

    def _build(self) -> tuple[InflowChart, BlockDensityChart, DegreeChart]:
        if self.inflows is None or self.blocks is None or self.degrees is None:
            from .chart_plots import BlockDensityChart, DegreeChart, InflowChart

            self.inflows = InflowChart(self)
            self.blocks = BlockDensityChart(self)
            self.degrees = DegreeChart(self)
            self.tabs.addTab(self.inflows, _("Inflows"))
            self.tabs.addTab(self.blocks, _("Sector ties"))
            self.tabs.addTab(self.degrees, _("Partners"))
        return self.inflows, self.blocks, self.degrees

    def _redraw(self) -> None:
        charts = self._build()
        if self._shown is self._latest and self._shown is not None:
            return
        self._shown = self._latest
        for chart in charts:
            chart.show_evaluation(self._latest)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Asked once laid out: a dock shown behind a tab gets its parking place only then.
        QTimer.singleShot(0, self._redraw_if_on_screen)

    def _redraw_if_on_screen(self) -> None:
        if self.on_screen():
            self._redraw()
