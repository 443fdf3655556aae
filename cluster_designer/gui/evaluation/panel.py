"""The Evaluation dock: the diagnosis on top, then every metric, brokers and isolates.

The panel follows the document: edits restart a short timer, and when it fires the design
is snapshotted and evaluated (in a worker thread when big). It also drives the canvas
overlay (sizes, highlights) and the what-if ("hide temporarily"), which evaluates a copy
of the design without the chosen items and never touches the document or the undo stack.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis import Diagnosis, Evaluation, Finding
from cluster_designer.i18n import N_, _, ngettext, pgettext
from cluster_designer.model import Design, DesignEvent, EventKind

from ..canvas.legend import LegendNote
from ..combo import FocusedWheelComboBox
from ..document import Document
from ..wrapped_label import WrappedLabel
from .metric_view import BAD, GOOD, MUTED, MetricTable
from .overlay import CanvasOverlay, OverlayLayer
from .worker import BACKGROUND_MIN_ACTORS, EvaluationResult, EvaluationRunner, stop_process_pool

if TYPE_CHECKING:
    from ..canvas import CanvasView, ClusterScene

DEBOUNCE_MS = 400
BUSY_DELAY_MS = 250  # runs quicker than this show no busy indicator
ISOLATE_LIST_LIMIT = 12
SIZE_CHOICES = (  # texts marked with N_() and translated where shown
    ("none", N_("Same size")),
    ("degree", N_("Partners (degree)")),
    ("betweenness", N_("Brokerage (betweenness)")),
)
SEVERITY_MARK = {"good": ("✔", GOOD), "warning": ("!", BAD), "info": ("•", MUTED)}
POSITION_FIELDS = frozenset({"x", "y"})


class EvaluationPanel(QWidget):
    """Live evaluation of the document's design. `scene`/`view` are optional (tests)."""

    updated = Signal(object)  # the Evaluation now shown
    whatifUpdated = Signal(object)  # the what-if Evaluation now shown, or None after reset
    actorActivated = Signal(str)  # a broker or isolate was clicked

    def __init__(
        self,
        document: Document,
        scene: ClusterScene | None = None,
        view: CanvasView | None = None,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        background_min_actors: int = BACKGROUND_MIN_ACTORS,
        busy_delay_ms: int = BUSY_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_panel")
        self.document = document
        self.scene = scene
        self.view = view
        self.overlay = CanvasOverlay(scene)
        self.design: Design | None = None
        self.result: EvaluationResult | None = None
        self.whatif_result: EvaluationResult | None = None
        self.hidden_actors: set[str] = set()
        self.hidden_ties: set[int] = set()
        self._link_ids: list[str] = []  # the brokers' and isolates' links index into these
        self._finding_ids: list[str] = []

        self.runner = EvaluationRunner(background_min_actors, self)
        self.runner.finished.connect(self._show_result)
        self.runner.failed.connect(self._show_error)
        self.runner.busyChanged.connect(self._show_busy)
        self.whatif_runner = EvaluationRunner(background_min_actors, self)
        self.whatif_runner.finished.connect(self._show_whatif)
        self.whatif_runner.failed.connect(self._show_error)
        self.whatif_runner.busyChanged.connect(self._show_busy)

        self.timer = QTimer(self)
        self.timer.setObjectName("evaluation_timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.refresh)
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.busy_timer.setInterval(busy_delay_ms)
        self.busy_timer.timeout.connect(self._reveal_busy)

        self._build()
        document.designChanged.connect(self._set_design)
        if scene is not None:
            scene.selectionChangedIds.connect(self._update_hide_button)
        self._set_design(document.design)

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A sideways scroll bar appears only in a dock narrower than the panel can be: no
        # line is ever cut off at the dock's edge.
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)

        busy_row = QHBoxLayout()
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setObjectName("evaluation_busy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(_("Evaluating…"), body)
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        layout.addLayout(busy_row)
        self.error_label = WrappedLabel(parent=body)
        self.error_label.setObjectName("evaluation_error")
        self.error_label.setStyleSheet(f"color: {BAD};")
        layout.addWidget(self.error_label)

        self.title_label = WrappedLabel(parent=body)
        self.title_label.setObjectName("evaluation_title")
        self.title_label.setStyleSheet(f"color: {MUTED};")
        layout.addWidget(self.title_label)
        self.diagnosis_label = WrappedLabel(parent=body)
        self.diagnosis_label.setObjectName("evaluation_diagnosis")
        self.diagnosis_label.setTextFormat(Qt.TextFormat.RichText)
        self.diagnosis_label.linkActivated.connect(self._on_link)
        layout.addWidget(self.diagnosis_label)

        layout.addWidget(self._build_canvas_box(body))
        layout.addWidget(self._build_whatif_box(body))
        self.metrics = MetricTable(body)
        layout.addWidget(self.metrics)

        brokers = QGroupBox(_("Brokers"), body)
        brokers.setObjectName("metric_group_brokers")
        blay = QVBoxLayout(brokers)
        self.brokers_label = WrappedLabel(parent=brokers)
        self.brokers_label.setObjectName("evaluation_brokers")
        self.isolates_label = WrappedLabel(parent=brokers)
        self.isolates_label.setObjectName("evaluation_isolates")
        for lab in (self.brokers_label, self.isolates_label):
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.linkActivated.connect(self._on_link)
            blay.addWidget(lab)
        layout.addWidget(brokers)
        layout.addStretch(1)
        for label in (
            self.error_label,
            self.title_label,
            self.diagnosis_label,
            self.brokers_label,
            self.isolates_label,
        ):
            label.take_any_width()  # a new text is laid out only at the panel's width
        self._show_busy(False)
        self.error_label.hide()

    def _build_canvas_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Show on the canvas"), parent)
        form = QFormLayout(box)
        self.size_combo = FocusedWheelComboBox(box)
        self.size_combo.setObjectName("overlay_size")
        for key, text in SIZE_CHOICES:
            self.size_combo.addItem(_(text), key)
        self.size_combo.setToolTip(
            _("Draw well-connected actors (degree) or brokers (betweenness) larger")
        )
        form.addRow(_("Size actors by:"), self.size_combo)
        self.brokers_check = QCheckBox(_("Highlight brokers"), box)
        self.brokers_check.setObjectName("overlay_brokers")
        self.brokers_check.setToolTip(_("Outline the actors that most often link others"))
        self.isolates_check = QCheckBox(_("Highlight isolates"), box)
        self.isolates_check.setObjectName("overlay_isolates")
        self.isolates_check.setToolTip(_("Outline the actors without any tie"))
        self.inflows_check = QCheckBox(_("Highlight inflow ties"), box)
        self.inflows_check.setObjectName("overlay_inflows")
        self.inflows_check.setToolTip(_("Emphasize the ties that bring something into the region"))
        for widget in (self.brokers_check, self.isolates_check, self.inflows_check):
            form.addRow(widget)
            widget.toggled.connect(self._apply_metrics_overlay)
        self.size_combo.currentIndexChanged.connect(self._apply_metrics_overlay)
        return box

    def _build_whatif_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("What if…"), parent)
        lay = QVBoxLayout(box)
        row = QHBoxLayout()
        self.hide_button = QPushButton(_("Hide Selected Temporarily"), box)
        self.hide_button.setObjectName("whatif_hide")
        self.hide_button.setToolTip(
            _(
                "Recompute the numbers as if the selected actors and ties were gone; the design is "
                "not changed"
            )
        )
        self.hide_button.clicked.connect(self.hide_selected)
        self.reset_button = QPushButton(_("Reset What-if"), box)
        self.reset_button.setObjectName("whatif_reset")
        self.reset_button.clicked.connect(self.reset_whatif)
        row.addWidget(self.hide_button)
        row.addWidget(self.reset_button)
        lay.addLayout(row)
        self.whatif_label = WrappedLabel(parent=box)
        self.whatif_label.setObjectName("whatif_status")
        self.whatif_label.setStyleSheet(f"color: {MUTED};")
        lay.addWidget(self.whatif_label)
        self._update_whatif_status()
        return box

    # --- following the document --------------------------------------------------------
    def _set_design(self, design: Design | None) -> None:
        if self.design is not None:
            self.design.changed.disconnect(self._on_design_event)
        self.design = design
        self.timer.stop()
        self.hidden_actors.clear()
        self.hidden_ties.clear()
        self.whatif_result = None
        self.whatif_runner.cancel()
        self.overlay.layers.clear()
        if design is not None:
            design.changed.connect(self._on_design_event)
        self.refresh()
        self._update_whatif_status()

    def _on_design_event(self, event: DesignEvent) -> None:
        if (
            event.kind is EventKind.ACTORS_CHANGED
            and event.fields
            and event.fields <= POSITION_FIELDS
        ):
            return  # moving actors on the map changes no number
        self.timer.start()

    def refresh(self) -> None:
        """Evaluate the current design now (the debounce timer calls this)."""
        self.timer.stop()
        if self.design is None:
            self.runner.cancel()
            self.result = None
            self._show_empty()
            return
        self.runner.request(self.design)
        if self.hidden_actors or self.hidden_ties:
            self._run_whatif()

    # --- results -----------------------------------------------------------------------
    def _show_result(self, result: EvaluationResult) -> None:
        self.result = result
        ev = result.evaluation
        self.error_label.hide()
        region = f" — {escape(ev.region)}" if ev.region else ""
        self.title_label.setText(f"{escape(ev.design)}{region}")
        self._finding_ids = []  # the diagnosis' links index into this list
        self.diagnosis_label.setText(self._diagnosis_html(result.diagnosis))
        self.metrics.show_values(ev)
        self._show_brokers(ev)
        if self.whatif_result is not None:
            self.metrics.show_whatif(ev, self.whatif_result.evaluation)
        self._apply_metrics_overlay()
        self.updated.emit(ev)

    def _show_empty(self) -> None:
        self.title_label.setText(_("Open a design to see its evaluation."))
        self.diagnosis_label.setText("")
        self.metrics.show_values(None)
        self.metrics.show_whatif(None, None)
        self.brokers_label.setText("")
        self.isolates_label.setText("")
        self.overlay.apply()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _show_busy(self, _busy: bool = False) -> None:
        """The indicator appears only if a run takes a while: no flicker for quick ones, and
        its layout change does not land in the same event as sending the design away."""
        if self.is_busy:
            if not self.busy_bar.isVisible() and not self.busy_timer.isActive():
                self.busy_timer.start()
            return
        self.busy_timer.stop()
        self.busy_bar.setVisible(False)
        self.busy_label.setVisible(False)

    def _reveal_busy(self) -> None:
        if self.runner.packing or self.whatif_runner.packing:
            # Not yet: showing it lays the whole panel out again, and while a thread packs a
            # big design each of the window's calls into Python waits for the lock (a 75 ms
            # stall at 50,000 actors). The process's run takes seconds; it shows then.
            self.busy_timer.start()
            return
        if self.is_busy:
            self.busy_bar.setVisible(True)
            self.busy_label.setVisible(True)

    @property
    def is_busy(self) -> bool:
        return self.runner.busy or self.whatif_runner.busy

    def fresh_result(self) -> EvaluationResult | None:
        """The result shown, if it is that of the design exactly as it is now (no edit
        waiting to be evaluated): printing and Compare use it instead of evaluating again."""
        if self.result is None or self.design is None:
            return None
        if self.timer.isActive() or self.runner.busy:
            return None
        if not self.runner.is_current(self.result.generation):
            return None
        return self.result

    @property
    def evaluation(self) -> Evaluation | None:
        return None if self.result is None else self.result.evaluation

    def _diagnosis_html(self, diagnosis: Diagnosis) -> str:
        pattern = diagnosis.pattern
        title = f"<span style='font-size:large'><b>{escape(pattern.title)}</b></span>"
        parts = [f"<p style='margin:0 0 6px 0'>{title}<br>{escape(pattern.text)}</p>"]
        for finding in diagnosis.findings[1:]:
            parts.append(self._finding_html(finding))
        return "".join(parts)

    def _finding_html(self, finding: Finding) -> str:
        mark, color = SEVERITY_MARK[finding.severity]
        return (
            f"<p style='margin:0 0 4px 0'><span style='color:{color}'><b>{mark}</b></span> "
            f"<b>{escape(finding.title)}</b><br>"
            f"<span style='color:{MUTED}'>{self._linked_text(finding)}</span></p>"
        )

    def _linked_text(self, finding: Finding) -> str:
        """The finding's text as HTML, the actors it names in a list made links to them
        (click: select and centre on the map), found as that list in the text."""
        text = finding.text
        separator = pgettext("list separator", ", ")
        listed = separator.join(name for _id, name in finding.named)
        start = text.find(listed) if finding.named else -1
        if start < 0:
            return escape(text)
        links = escape(separator).join(
            self._link(i, name, self._finding_ids, "finding") for i, name in finding.named
        )
        return escape(text[:start]) + links + escape(text[start + len(listed) :])

    def _link(
        self, actor_id: str, name: str, ids: list[str] | None = None, scheme: str = "actor"
    ) -> str:
        ids = self._link_ids if ids is None else ids
        ids.append(actor_id)
        return f"<a href='{scheme}:{len(ids) - 1}'>{escape(name)}</a>"

    def _show_brokers(self, ev: Evaluation) -> None:
        self._link_ids = []
        names = {b.id: b.name for b in ev.brokers}
        brokers = [b for b in ev.brokers if b.betweenness > 0]
        if brokers:
            rows = "".join(
                f"<tr><td>{rank}.&nbsp;</td><td>{self._link(b.id, b.name)}</td>"
                f"<td align='right'>&nbsp;&nbsp;{b.betweenness:.3f}</td></tr>"
                for rank, b in enumerate(brokers, 1)
            )
            intro = _(
                "Actors that most often lie between two others (betweenness, 0–1). "
                "Click a name to find it on the map."
            )
            text = (
                f"<p style='margin:0'>{escape(intro)}</p>"
                f"<table cellspacing='0' cellpadding='1'>{rows}</table>"
            )
            if not ev.betweenness_exact:
                sample = _("Estimated from {sample} sampled actors of {total}.").format(
                    sample=f"{ev.betweenness_sample:,}", total=f"{ev.actors.total:,}"
                )
                text += f"<p style='color:{MUTED}'>{escape(sample)}</p>"
        else:
            text = _("No actor lies between others: every pair is tied directly or not at all.")
        self.brokers_label.setText(text)
        if ev.isolate_ids:
            design = self.design
            shown = ev.isolate_ids[:ISOLATE_LIST_LIMIT]
            links = pgettext("list separator", ", ").join(
                self._link(
                    i, design.actors[i].name if design and i in design.actors else names.get(i, i)
                )
                for i in shown
            )
            more = len(ev.isolate_ids) - len(shown)
            tail = _(" … and {count} more").format(count=f"{more:,}") if more > 0 else ""
            self.isolates_label.setText(
                _("<b>Actors without ties ({count}):</b> {links}{tail}").format(
                    count=f"{len(ev.isolate_ids):,}", links=links, tail=tail
                )
            )
        else:
            self.isolates_label.setText(_("Every actor has at least one tie."))

    def _on_link(self, href: str) -> None:
        scheme, _sep, number = href.partition(":")
        ids = {"actor": self._link_ids, "finding": self._finding_ids}.get(scheme)
        if ids is None or not number.isdigit():
            return
        index = int(number)
        if 0 <= index < len(ids):
            self.show_actor(ids[index])

    def show_actor(self, actor_id: str) -> None:
        """Select the actor and centre the canvas on it."""
        if self.scene is not None:
            self.scene.select_ids([actor_id])
        if self.view is not None:
            self.view.center_on_actor(actor_id)
        self.actorActivated.emit(actor_id)

    # --- canvas overlay ----------------------------------------------------------------
    def _apply_metrics_overlay(self) -> None:
        ev = self.evaluation
        layer = OverlayLayer()
        if ev is not None:
            mode = self.size_combo.currentData()
            if mode == "degree":
                layer.sizes = {k: float(v) for k, v in ev.degree.items()}
                layer.notes.append(LegendNote("size", _("Larger: more partners")))
            elif mode == "betweenness":
                layer.sizes = dict(ev.betweenness)
                layer.notes.append(LegendNote("size", _("Larger: links more others")))
            if self.brokers_check.isChecked():
                layer.highlight_actors |= {b.id for b in ev.brokers if b.betweenness > 0}
                layer.notes.append(LegendNote("ring", _("Ring: broker")))
            if self.isolates_check.isChecked():
                layer.highlight_actors |= set(ev.isolate_ids)
                layer.notes.append(LegendNote("ring", _("Ring: isolate (no ties)")))
            if self.inflows_check.isChecked():
                layer.highlight_ties |= set(ev.inflow_tie_uids)
                layer.notes.append(LegendNote("tie", _("Thick: inflow tie")))
        self.overlay.set_layer("metrics", layer)

    # --- what-if -----------------------------------------------------------------------
    def hide_selected(self) -> None:
        """Hide the canvas selection temporarily (adds to what is already hidden)."""
        if self.scene is None:
            return
        actors = self.scene.selected_actor_ids()
        ties = self.scene.selected_tie_uids()
        self.hide_temporarily(actors, ties)

    def hide_temporarily(self, actor_ids: Iterable[str], tie_uids: Iterable[int] = ()) -> None:
        """Evaluate as if these actors and ties were removed; the document stays as it is."""
        if self.design is None:
            return
        self.hidden_actors |= set(actor_ids)
        self.hidden_ties |= set(tie_uids)
        self._run_whatif()

    def reset_whatif(self) -> None:
        self.hidden_actors.clear()
        self.hidden_ties.clear()
        self.whatif_result = None
        self.whatif_runner.cancel()
        self.metrics.show_whatif(None, None)
        self.overlay.set_layer("whatif", None)
        self._update_whatif_status()
        self.whatifUpdated.emit(None)

    def _run_whatif(self) -> None:
        design = self.design
        assert design is not None
        self.hidden_actors &= set(design.actors)
        self.hidden_ties &= set(design.ties)
        if not self.hidden_actors and not self.hidden_ties:
            self.reset_whatif()
            return
        scenario = design.copy()
        scenario.remove_ties(self.hidden_ties)
        scenario.remove_actors(self.hidden_actors)
        dimmed_ties = set(self.hidden_ties)
        for actor_id in self.hidden_actors:
            dimmed_ties |= design.tie_uids_of(actor_id)
        self.overlay.set_layer(
            "whatif",
            OverlayLayer(
                dimmed_actors=set(self.hidden_actors),
                dimmed_ties=dimmed_ties,
                notes=[LegendNote("dim", _("Pale: hidden for the what-if"))],
            ),
        )
        self._update_whatif_status()
        self.whatif_runner.request(scenario)

    def _show_whatif(self, result: EvaluationResult) -> None:
        self.whatif_result = result
        now = self.evaluation
        self.metrics.show_whatif(now, result.evaluation)
        self._update_whatif_status()
        self.whatifUpdated.emit(result.evaluation)

    def _update_whatif_status(self) -> None:
        a, t = len(self.hidden_actors), len(self.hidden_ties)
        if not a and not t:
            self.whatif_label.setText(
                _(
                    "Select actors or ties on the canvas and hide them to see how the numbers "
                    "would change."
                )
            )
        else:
            parts = [
                ngettext("{count} actor", "{count} actors", a).format(count=a) if a else "",
                ngettext("{count} tie", "{count} ties", t).format(count=t) if t else "",
            ]
            self.whatif_label.setText(
                _(
                    "Hidden for the what-if: {items} (dimmed on the canvas; the design itself is "
                    "unchanged)."
                ).format(items=pgettext("joining two items", " and ").join(p for p in parts if p))
            )
        self.reset_button.setEnabled(bool(a or t))
        self._update_hide_button()

    def _update_hide_button(self) -> None:
        """Hiding needs a design and something selected on the canvas."""
        selected = self.scene is not None and bool(
            self.scene.selected_actor_ids() or self.scene.selected_tie_uids()
        )
        self.hide_button.setEnabled(self.design is not None and selected)

    def shutdown(self) -> None:
        """Stop listening and let background runs end (the window is closing)."""
        self.timer.stop()
        if self.design is not None:
            self.design.changed.disconnect(self._on_design_event)
            self.design = None
        self.runner.shutdown()
        self.whatif_runner.shutdown()
        stop_process_pool()
