"""The Resilience tab: the curve of the largest connected group as region actors go, the
robustness figure, and the actors in the order the attack removes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
)

from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.analysis.dynamics_words import percent, resilience_sentence
from cluster_designer.analysis.resilience import Resilience
from cluster_designer.i18n import _, pgettext

from ..canvas.legend import LegendNote
from ..combo import PanelComboBox
from ..evaluation.overlay import OverlayLayer
from ..wrapped_label import WrappedLabel
from .view_base import AnalysisView, muted, narrow_form, wrapping_check

if TYPE_CHECKING:
    from .panel import DynamicsPanel
    from .plots import ResilienceChart

CURVE_COLOR = QColor("#08519C")
ORDER_LIMIT = 200  # actors listed in the attacked order (the curve shows them all)


class ResilienceView(AnalysisView):
    kind = "resilience"

    def __init__(self, panel: DynamicsPanel) -> None:
        super().__init__(panel)
        self.setObjectName("dynamics_resilience")
        self.chart: ResilienceChart | None = None
        form = narrow_form()
        self.attack_combo = PanelComboBox(self)
        self.attack_combo.setObjectName("resilience_attack")
        self.attack_combo.addItem(_("Best-connected actors first"), "degree")
        self.attack_combo.addItem(_("At random (mean of 100 orders)"), "random")
        self.attack_combo.setToolTip(
            _(
                "Which region actors go first: those with the most partners, recounted after "
                "each loss, or any at random"
            )
        )
        self.attack_combo.currentIndexChanged.connect(lambda _i: self.parametersChanged.emit())
        form.addRow(pgettext("dynamics", "Remove:"), self.attack_combo)
        self.layout_.addLayout(form)
        self.figure = WrappedLabel(parent=self)
        self.figure.setObjectName("resilience_figure")
        self.figure.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.figure)
        self.chart_slot = QHBoxLayout()
        self.layout_.addLayout(self.chart_slot, 2)
        self.order_title = WrappedLabel(pgettext("dynamics", "Removed in this order:"), self)
        self.layout_.addWidget(self.order_title)
        self.order_list = QListWidget(self)
        self.order_list.setObjectName("resilience_order")
        self.order_list.setWordWrap(True)
        self.order_list.setToolTip(_("Double-click an actor to show it on the canvas"))
        self.order_list.itemDoubleClicked.connect(self._activated)
        self.layout_.addWidget(self.order_list, 1)
        self.canvas_check = QCheckBox(self)
        self.canvas_check.setObjectName("resilience_canvas")
        self.canvas_check.setChecked(True)
        self.canvas_check.toggled.connect(lambda _c: self.overlayChanged.emit())
        self.layout_.addLayout(
            wrapping_check(
                self.canvas_check, _("Ring on the canvas the actors whose loss halves the region")
            )
        )
        self.note = muted(WrappedLabel(parent=self))
        self.note.setText(
            _(
                "Robustness is the average size of the largest connected group over all the "
                "removals: about 0.5 when everyone works with everyone, near 0 when all hangs "
                "on one hub."
            )
        )
        self.layout_.addWidget(self.note)
        self.result_widgets = [self.figure, self.order_list]

    @property
    def attack(self) -> str:
        return str(self.attack_combo.currentData())

    def compute(self) -> Request | None:
        return Request("resilience", {"attack": self.attack})

    def show_result(self, result: Resilience) -> None:
        super().show_result(result)
        self.figure.setText(resilience_sentence(result))
        self._chart().show_curves(
            [(result.design, CURVE_COLOR, result.largest_share)] if result.largest_share else []
        )
        self.order_list.clear()
        degree = result.attack == "degree"
        self.order_title.setVisible(degree)
        self.order_list.setVisible(degree)
        self.canvas_check.setVisible(degree)
        if degree:
            for q, (actor_id, name) in enumerate(
                zip(result.removed[:ORDER_LIMIT], result.names[:ORDER_LIMIT], strict=True),
                start=1,
            ):
                item = QListWidgetItem(
                    _("{number}. {name} — {share} still connected").format(
                        number=q, name=name, share=percent(result.largest_share[q])
                    )
                )
                item.setData(Qt.ItemDataRole.UserRole, actor_id)
                self.order_list.addItem(item)
        self.overlayChanged.emit()

    def clear(self) -> None:
        super().clear()
        self.figure.setText("")
        self.order_list.clear()
        if self.chart is not None:
            self.chart.show_curves([])

    def _chart(self) -> ResilienceChart:
        if self.chart is None:
            from .plots import ResilienceChart  # pyqtgraph: loaded when first needed

            self.chart = ResilienceChart(self)
            self.chart_slot.addWidget(self.chart)
            self.result_widgets.append(self.chart)
        return self.chart

    def _activated(self, item: QListWidgetItem) -> None:
        self.actorActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def overlay(self) -> OverlayLayer | None:
        result: Resilience | None = self.result
        if result is None or result.attack != "degree" or not self.canvas_check.isChecked():
            return None
        halve = result.removals_to_halve() or 0
        layer = OverlayLayer()
        layer.highlight_actors = set(result.removed[:halve])
        if halve:
            layer.notes.append(LegendNote("ring", _("Ring: their loss halves the region")))
        return layer
