"""The Suggest tab: the new ties that would help the region most, with their gains in plain
words, drawn on the canvas as dashed proposals, applied as one undo step or made a scenario."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.analysis.dynamics_words import gain_sentence, goal_label
from cluster_designer.analysis.suggest import DEFAULT_TIES, MAX_TIES, Suggestions
from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.model import TieKind

from ..combo import PanelComboBox
from ..wrapped_label import WrappedLabel
from .view_base import AnalysisView, muted, narrow_form

if TYPE_CHECKING:
    from .panel import DynamicsPanel

NAMES_SHOWN = 3


class ActorChoice(QVBoxLayout):
    """A set of actors taken from the canvas selection: 'anyone' until chosen."""

    def __init__(self, view: SuggestView, name: str, empty: str) -> None:
        super().__init__()
        self.view = view
        self.ids: list[str] = []
        self.empty = empty
        self.label = WrappedLabel(parent=view)
        self.label.setObjectName(f"suggest_{name}")
        self.take = QPushButton(pgettext("dynamics", "Use Selection"), view)
        self.take.setObjectName(f"suggest_{name}_take")
        self.take.clicked.connect(self.take_selection)
        self.clear = QPushButton(pgettext("dynamics", "Clear"), view)
        self.clear.setObjectName(f"suggest_{name}_clear")
        self.clear.clicked.connect(lambda: self.set_ids([]))
        # the names above their buttons: side by side they are wider than a narrow dock
        self.setSpacing(2)
        self.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take)
        buttons.addWidget(self.clear)
        buttons.addStretch(1)
        self.addLayout(buttons)
        self.set_ids([])

    def take_selection(self) -> None:
        self.set_ids(self.view.panel.selected_actor_ids())

    def set_ids(self, ids: list[str]) -> None:
        self.ids = list(ids)
        self.clear.setEnabled(bool(ids))
        if not ids:
            self.label.setText(self.empty)
            return
        names = self.view.panel.actor_names(ids)
        shown = pgettext("list separator", "; ").join(names[:NAMES_SHOWN])
        more = len(names) - NAMES_SHOWN
        if more > 0:
            shown = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
                names=shown, count=more
            )
        self.label.setText(shown)
        self.label.setToolTip("\n".join(names))


class SuggestView(AnalysisView):
    kind = "suggest"
    applyRequested = Signal(object)  # list of (source, target, kind)
    scenarioRequested = Signal(object)  # list of (source, target, kind)

    def __init__(self, panel: DynamicsPanel) -> None:
        super().__init__(panel)
        self.setObjectName("dynamics_suggest")
        form = narrow_form()
        self.goal_combo = PanelComboBox(self)
        self.goal_combo.setObjectName("suggest_goal")
        self.goal_combo.addItem(_("Less dependence on a few actors"), "robustness")
        self.goal_combo.addItem(_("A wider chain reaction from the universities"), "spread")
        self.goal_combo.setToolTip(
            _(
                "Robustness under the loss of the best-connected actors, or the share of the "
                "region an idea from the universities reaches (threshold 50%)"
            )
        )
        form.addRow(pgettext("dynamics", "Goal:"), self.goal_combo)
        self.count_spin = QSpinBox(self)
        self.count_spin.setObjectName("suggest_count")
        self.count_spin.setRange(1, MAX_TIES)
        self.count_spin.setValue(DEFAULT_TIES)
        form.addRow(pgettext("dynamics", "New ties:"), self.count_spin)
        self.kind_combo = PanelComboBox(self)
        self.kind_combo.setObjectName("suggest_kind")
        for kind in TieKind:
            self.kind_combo.addItem(_(kind.label), kind.value)
        form.addRow(pgettext("dynamics", "Kind of tie:"), self.kind_combo)
        self.touching = ActorChoice(self, "touching", pgettext("dynamics", "any region actor"))
        form.addRow(pgettext("dynamics", "Only ties touching:"), self.touching)
        self.excluding = ActorChoice(self, "excluding", pgettext("dynamics", "nobody"))
        form.addRow(pgettext("dynamics", "Leave out:"), self.excluding)
        self.layout_.addLayout(form)
        row = QHBoxLayout()
        self.run_button = QPushButton(pgettext("dynamics", "Suggest Ties"), self)
        self.run_button.setObjectName("suggest_run")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.parametersChanged.emit)
        self.cancel_button = QPushButton(pgettext("dynamics", "Cancel"), self)
        self.cancel_button.setObjectName("suggest_cancel")
        self.cancel_button.clicked.connect(lambda: self.panel.cancel(self.kind))
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.busy_label.setText(pgettext("dynamics", "Searching…"))
        self.summary = WrappedLabel(parent=self)
        self.summary.setObjectName("suggest_summary")
        self.layout_.addWidget(self.summary)
        self.list = QListWidget(self)
        self.list.setObjectName("suggest_list")
        self.list.setWordWrap(True)
        self.list.itemChanged.connect(lambda _item: self._checked_changed())
        self.layout_.addWidget(self.list, 1)
        self.note = muted(WrappedLabel(parent=self))
        self.note.setObjectName("suggest_note")
        self.layout_.addWidget(self.note)
        actions = QHBoxLayout()
        self.apply_button = QPushButton(pgettext("dynamics", "Add Checked Ties"), self)
        self.apply_button.setObjectName("suggest_apply")
        self.apply_button.setToolTip(_("Add the checked ties to this design (one step of Undo)"))
        self.apply_button.clicked.connect(lambda: self.applyRequested.emit(self.checked_ties()))
        self.scenario_button = QPushButton(pgettext("dynamics", "Make a Scenario…"), self)
        self.scenario_button.setObjectName("suggest_scenario")
        self.scenario_button.setToolTip(
            _("Copy this design with the checked ties added, as a new design of the project")
        )
        self.scenario_button.clicked.connect(
            lambda: self.scenarioRequested.emit(self.checked_ties())
        )
        actions.addWidget(self.apply_button)
        actions.addWidget(self.scenario_button)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        self.cancel_button.hide()
        self._checked_changed()

    def automatic(self) -> bool:
        return False  # a search can take seconds: it runs when asked

    def compute(self) -> Request | None:
        return Request(
            "suggest",
            {
                "goal": str(self.goal_combo.currentData()),
                "k": self.count_spin.value(),
                "kind": str(self.kind_combo.currentData()),
                "touching": list(self.touching.ids),
                "exclude": list(self.excluding.ids),
            },
        )

    def show_busy(self, busy: bool) -> None:
        super().show_busy(busy)
        if busy:
            self.busy_bar.setRange(0, 0)
        if hasattr(self, "cancel_button"):  # the base class asks before they are built
            self.cancel_button.setVisible(busy)
            self.run_button.setEnabled(not busy)

    def show_result(self, result: Suggestions) -> None:
        super().show_result(result)
        self.list.blockSignals(True)
        self.list.clear()
        for tie in result.ties:
            item = QListWidgetItem(gain_sentence(result, tie))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, (tie.source, tie.target, tie.kind))
            item.setToolTip(
                _(
                    "{source} ({source_id}) – {target} ({target_id}): gain {gain}, then {value}"
                ).format(
                    source=tie.source_name,
                    source_id=tie.source,
                    target=tie.target_name,
                    target_id=tie.target,
                    gain=f"+{tie.gain:.4f}",
                    value=f"{tie.value:.4f}",
                )
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not result.ties:
            self.summary.setText(
                _("No new tie between region actors of different sectors raises it.")
            )
        else:
            self.summary.setText(
                _("Toward {goal}: {before} now, {after} with all {count} ties.").format(
                    goal=goal_label(result.goal),
                    before=f"{result.before or 0.0:.3f}",
                    after=f"{result.after or 0.0:.3f}",
                    count=len(result.ties),
                )
            )
        notes = []
        if result.method == "heuristic":
            notes.append(
                _(
                    "The design is large, so only the most promising of its {count} possible "
                    "ties were tried; every gain shown is exact."
                ).format(count=f"{result.candidates:,}")
            )
        if result.ties and len(result.ties) < result.k:
            notes.append(_("No further tie raises the goal."))
        self.note.setText(" ".join(notes))
        self._checked_changed()

    def clear(self) -> None:
        super().clear()
        had = self.list.count() > 0
        self.list.clear()
        self.summary.setText("")
        self.note.setText(_("The design changed: suggest again.") if had else "")
        self._checked_changed()

    def checked_ties(self) -> list[tuple[str, str, str]]:
        ties = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ties.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return ties

    def _checked_changed(self) -> None:
        any_checked = bool(self.checked_ties())
        self.apply_button.setEnabled(any_checked)
        self.scenario_button.setEnabled(any_checked)
        self.overlayChanged.emit()

    def proposals(self) -> list[tuple[str, str]]:
        return [(s, t) for s, t, _k in self.checked_ties()]
