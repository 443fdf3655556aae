"""The Chain reaction tab: seeds from the selection, a threshold slider, and the cascade
played round by round on the canvas with a slider and a play button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
)

from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.analysis.dynamics_words import percent, spread_sentence
from cluster_designer.analysis.spread import DEFAULT_THRESHOLD, Spread
from cluster_designer.i18n import _, ngettext, pgettext

from ..evaluation.overlay import OverlayLayer
from ..wrapped_label import WrappedLabel
from .looks import SEED_COLOR, round_color, spread_overlay, swatch
from .view_base import AnalysisView, muted

if TYPE_CHECKING:
    from .panel import DynamicsPanel
    from .plots import ReachChart

PLAY_INTERVAL_MS = 900
NAMES_SHOWN = 4


class SpreadView(AnalysisView):
    kind = "spread"

    def __init__(self, panel: DynamicsPanel) -> None:
        super().__init__(panel)
        self.setObjectName("dynamics_spread")
        self.seeds: list[str] | None = None  # None: the region's universities
        self.chart: ReachChart | None = None

        self.seeds_label = WrappedLabel(parent=self)
        self.seeds_label.setObjectName("spread_seeds")
        self.layout_.addWidget(self.seeds_label)
        seed_row = QHBoxLayout()
        self.use_selection = QPushButton(_("Start from Selected Actors"), self)
        self.use_selection.setObjectName("spread_use_selection")
        self.use_selection.setToolTip(_("Make the actors selected on the canvas the seeds"))
        self.use_selection.clicked.connect(self.seed_from_selection)
        self.use_universities = QPushButton(_("Start from the Universities"), self)
        self.use_universities.setObjectName("spread_use_universities")
        self.use_universities.setToolTip(_("The region's universities are the seeds (default)"))
        self.use_universities.clicked.connect(lambda: self.set_seeds(None))
        # one above the other: side by side they are wider than a narrow dock
        seed_row.addWidget(self.use_selection)
        seed_row.addStretch(1)
        self.layout_.addLayout(seed_row)
        universities_row = QHBoxLayout()
        universities_row.addWidget(self.use_universities)
        universities_row.addStretch(1)
        self.layout_.addLayout(universities_row)

        threshold_row = QHBoxLayout()
        threshold_row.addWidget(QLabel(pgettext("dynamics", "Threshold:"), self))
        self.threshold_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.threshold_slider.setObjectName("spread_threshold")
        self.threshold_slider.setRange(5, 100)
        self.threshold_slider.setSingleStep(5)
        self.threshold_slider.setPageStep(10)
        self.threshold_slider.setValue(round(DEFAULT_THRESHOLD * 100))
        self.threshold_slider.setToolTip(
            _("An actor takes an idea up once at least this share of its partners have")
        )
        self.threshold_value = QLabel(self)
        self.threshold_value.setMinimumWidth(40)
        threshold_row.addWidget(self.threshold_slider, 1)
        threshold_row.addWidget(self.threshold_value)
        self.layout_.addLayout(threshold_row)
        self.threshold_timer = QTimer(self)
        self.threshold_timer.setSingleShot(True)
        self.threshold_timer.setInterval(250)
        self.threshold_timer.timeout.connect(self.parametersChanged.emit)
        self.threshold_slider.valueChanged.connect(self._threshold_moved)

        round_row = QHBoxLayout()
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("spread_play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(_("Play the chain reaction round by round"))
        self.play_button.toggled.connect(self._play_toggled)
        self.round_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.round_slider.setObjectName("spread_round")
        self.round_slider.setRange(0, 0)
        self.round_slider.setToolTip(_("The round shown on the canvas"))
        self.round_slider.valueChanged.connect(self._round_changed)
        round_row.addWidget(self.play_button)
        round_row.addWidget(self.round_slider, 1)
        self.layout_.addLayout(round_row)
        self.round_label = WrappedLabel(parent=self)
        self.round_label.setObjectName("spread_round_text")
        self.layout_.addWidget(self.round_label)
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._next_round)

        self.canvas_check = QCheckBox(pgettext("dynamics", "Play it on the canvas"), self)
        self.canvas_check.setObjectName("spread_canvas")
        self.canvas_check.setChecked(True)
        self.canvas_check.setToolTip(
            _("Reached actors take the colour of their round; the others fade")
        )
        self.canvas_check.toggled.connect(lambda _c: self.overlayChanged.emit())
        self.layout_.addWidget(self.canvas_check)
        self.legend = muted(WrappedLabel(parent=self))
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(
            "&nbsp; ".join(
                (
                    swatch(SEED_COLOR, pgettext("dynamics", "seeds")),
                    swatch(round_color(1, 3), pgettext("dynamics", "early rounds")),
                    swatch(round_color(3, 3), pgettext("dynamics", "late rounds")),
                )
            )
        )
        self.layout_.addWidget(self.legend)
        self.sentence = WrappedLabel(parent=self)
        self.sentence.setObjectName("spread_sentence")
        self.layout_.addWidget(self.sentence)
        self.chart_slot = QHBoxLayout()
        self.layout_.addLayout(self.chart_slot)
        self.layout_.addStretch(1)
        self.result_widgets = [self.round_label, self.sentence, self.play_button, self.round_slider]
        self._threshold_moved(self.threshold_slider.value(), emit=False)
        self._show_seeds()
        self._set_play_icon(False)

    # --- options -----------------------------------------------------------------------
    @property
    def threshold(self) -> float:
        return self.threshold_slider.value() / 100

    def _threshold_moved(self, value: int, emit: bool = True) -> None:
        self.threshold_value.setText(f"{value}%")
        if emit:
            self.threshold_timer.start()

    def seed_from_selection(self) -> None:
        chosen = self.panel.selected_actor_ids()
        if chosen:
            self.set_seeds(chosen)

    def set_seeds(self, seeds: list[str] | None) -> None:
        self.seeds = list(seeds) if seeds else None
        self._show_seeds()
        self.parametersChanged.emit()

    def _show_seeds(self) -> None:
        if self.seeds is None:
            self.seeds_label.setText(_("Seeds: the region's universities."))
            return
        names = self.panel.actor_names(self.seeds)
        shown = pgettext("list separator", "; ").join(names[:NAMES_SHOWN])
        more = len(names) - NAMES_SHOWN
        if more > 0:
            shown = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
                names=shown, count=more
            )
        self.seeds_label.setText(
            ngettext("{count} seed: {names}.", "{count} seeds: {names}.", len(names)).format(
                count=len(names), names=shown
            )
        )

    def compute(self) -> Request | None:
        seeds = list(self.seeds) if self.seeds is not None else None
        return Request("spread", {"seeds": seeds, "threshold": self.threshold})

    # --- result ------------------------------------------------------------------------
    def show_result(self, result: Spread) -> None:
        super().show_result(result)
        self.play_button.setChecked(False)
        rounds = len(result.rounds)
        self.round_slider.blockSignals(True)
        self.round_slider.setRange(0, rounds)
        self.round_slider.setValue(rounds)
        self.round_slider.blockSignals(False)
        self.play_button.setEnabled(rounds > 0)
        self.sentence.setText(spread_sentence(result))
        self._round_changed(rounds)

    def clear(self) -> None:
        super().clear()
        self.play_button.setChecked(False)
        self.round_slider.setRange(0, 0)
        self.round_label.setText("")
        self.sentence.setText("")
        if self.chart is not None:
            self.chart.show_spread(None)

    def _round_changed(self, number: int) -> None:
        result: Spread | None = self.result
        if result is None:
            return
        totals = result.reach_per_round
        rounds = len(result.rounds)
        reached = totals[min(number, len(totals) - 1)]
        region = result.region_actors
        region_reached = self._region_reached(result, number)
        share = percent(region_reached / region) if region else "—"
        self.round_label.setText(
            _(
                "Round {number} of {rounds}: {reached} actors reached, {share} of the region."
            ).format(number=number, rounds=rounds, reached=f"{reached:,}", share=share)
        )
        self._chart().show_spread(result, number)
        self.overlayChanged.emit()

    def _region_reached(self, result: Spread, number: int) -> int:
        inside = self.panel.region_ids()
        found = sum(1 for s in result.seeds if s in inside)
        for ids in result.rounds[:number]:
            found += sum(1 for a in ids if a in inside)
        return found

    def _chart(self) -> ReachChart:
        if self.chart is None:
            from .plots import ReachChart  # pyqtgraph: loaded when first needed

            self.chart = ReachChart(self)
            self.chart_slot.addWidget(self.chart)
            self.result_widgets.append(self.chart)
        return self.chart

    # --- playing -----------------------------------------------------------------------
    def _set_play_icon(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(
            pgettext("dynamics", "Pause") if playing else pgettext("dynamics", "Play")
        )

    def _play_toggled(self, playing: bool) -> None:
        self._set_play_icon(playing)
        if not playing:
            self.play_timer.stop()
            return
        if self.round_slider.value() >= self.round_slider.maximum():
            self.round_slider.setValue(0)
        self.play_timer.start()

    def _next_round(self) -> None:
        if self.round_slider.value() >= self.round_slider.maximum():
            self.play_button.setChecked(False)
            return
        self.round_slider.setValue(self.round_slider.value() + 1)

    def overlay(self) -> OverlayLayer | None:
        if self.result is None or not self.canvas_check.isChecked():
            return None
        return spread_overlay(self.result, self.panel.actor_ids(), self.round_slider.value())
