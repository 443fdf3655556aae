"""The Compare view's Resilience tab: the attack curves of the ticked designs on one chart,
so today's map and the plan can be read together, with each robustness figure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cluster_designer.analysis.resilience import Resilience, resilience
from cluster_designer.i18n import _
from cluster_designer.model import Design

from ..wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from .plots import ResilienceChart


class ResilienceComparison(QWidget):
    """Curves are computed when the tab is first shown (the degree attack takes milliseconds
    for a drawn map) and kept per design name while the dialog lives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_resilience")
        self.chart: ResilienceChart | None = None
        self.results: dict[str, Resilience] = {}
        self._names: list[str] = []
        self._colors: list[QColor] = []
        self._design: Callable[[str], Design] | None = None
        self.layout_ = QVBoxLayout(self)
        self.summary = WrappedLabel(parent=self)
        self.summary.setObjectName("compare_resilience_summary")
        self.layout_.addWidget(self.summary)

    def show_designs(
        self, names: Sequence[str], colors: Sequence[QColor], design: Callable[[str], Design]
    ) -> None:
        self._names, self._colors, self._design = list(names), list(colors), design
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        if self._design is None:
            return
        if self.chart is None:
            from .plots import ResilienceChart  # pyqtgraph: loaded when first needed

            self.chart = ResilienceChart(self, _("Largest connected group as actors are removed"))
            self.layout_.insertWidget(0, self.chart, 1)
        for name in self._names:
            if name not in self.results:
                self.results[name] = resilience(self._design(name))
        curves = [
            (name, color, self.results[name].largest_share)
            for name, color in zip(self._names, self._colors, strict=True)
            if self.results[name].largest_share
        ]
        self.chart.show_curves(curves)
        lines = []
        for name in self._names:
            value = self.results[name].robustness
            figure = "—" if value is None else f"{value:.3f}"
            lines.append(
                _("{design}: robustness {robustness}").format(design=name, robustness=figure)
            )
        self.summary.setText(
            "   ".join(lines)
            + "\n"
            + _(
                "The best-connected region actors are removed first; a curve that stays high "
                "longer means a region that depends less on a few actors."
            )
        )
