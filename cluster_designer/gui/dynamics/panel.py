"""The Dynamics dock: roles, the chain reaction, resilience and suggestions in tabs.

The panel follows the document like the evaluation panel: an edit restarts a short timer,
and when it fires the tab in front is computed again on a snapshot (off the window's
thread, `jobs.DynamicsRunner`). Tabs behind, or a dock behind another tab, are only marked
stale and computed when they come to the front. A result is shown only if it is the newest
of its kind, so nothing computed for an earlier state of the design ever appears.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from cluster_designer.i18n import _, pgettext
from cluster_designer.model import Design, DesignEvent, EventKind, Location

from ..document import Document
from ..evaluation.overlay import CanvasOverlay
from .jobs import DynamicsRunner
from .proposals import ProposalItem
from .resilience_view import ResilienceView
from .roles_view import RolesView
from .spread_view import SpreadView
from .suggest_view import SuggestView
from .view_base import AnalysisView

DEBOUNCE_MS = 400
OVERLAY_LAYER = "dynamics"
POSITION_FIELDS = frozenset({"x", "y"})


class DynamicsPanel(QWidget):
    actorActivated = Signal(str)

    def __init__(
        self,
        document: Document,
        scene: Any | None = None,
        overlay: CanvasOverlay | None = None,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dynamics_panel")
        self.document = document
        self.scene = scene
        self.canvas_overlay = overlay
        self.design: Design | None = None
        self.on_screen_hint = True  # the dock tells us when it is behind another tab
        self.closed = False
        self.edits = 0  # counts the design's changes: the worker process is sent it anew
        self.runner = DynamicsRunner(self)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.busyChanged.connect(self._busy)
        self.runner.progressed.connect(self._progress)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.refresh)
        self.proposal_item: ProposalItem | None = None
        if scene is not None:
            self.proposal_item = ProposalItem(scene)
            scene.addItem(self.proposal_item)

        self.roles = RolesView(self)
        self.spread = SpreadView(self)
        self.resilience = ResilienceView(self)
        self.suggest = SuggestView(self)
        self.views: dict[str, AnalysisView] = {
            v.kind: v for v in (self.roles, self.spread, self.resilience, self.suggest)
        }
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dynamics_tabs")
        self.pages: dict[QWidget, AnalysisView] = {}
        for view in self.views.values():
            # Each tab scrolls, so the panel never makes the dock (or the window) wider.
            page = QScrollArea(self.tabs)
            page.setWidgetResizable(True)
            page.setFrameShape(QFrame.Shape.NoFrame)
            page.setWidget(view)
            self.pages[page] = view
        pages = {v: p for p, v in self.pages.items()}
        self.tabs.addTab(pages[self.roles], pgettext("dynamics", "Roles"))
        self.tabs.setTabToolTip(0, _("Who passes flows on between sectors, and into the region"))
        self.tabs.addTab(pages[self.spread], pgettext("dynamics", "Chain Reaction"))
        self.tabs.setTabToolTip(1, _("How far an idea travels from the seeds"))
        self.tabs.addTab(pages[self.resilience], pgettext("dynamics", "Resilience"))
        self.tabs.setTabToolTip(2, _("How much the region depends on a few actors"))
        self.tabs.addTab(pages[self.suggest], pgettext("dynamics", "Suggest"))
        self.tabs.setTabToolTip(3, _("New ties that would help the region most"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for view in self.views.values():
            view.parametersChanged.connect(lambda v=view: self.request(v))
            view.overlayChanged.connect(lambda v=view: self._view_overlay_changed(v))
            view.actorActivated.connect(self.actorActivated.emit)

        document.designChanged.connect(self._set_design)
        self._set_design(document.design)

    # --- the design --------------------------------------------------------------------
    def _set_design(self, design: Design | None) -> None:
        if self.design is not None:
            self.design.changed.disconnect(self._on_design_event)
        self.design = design
        self.edits += 1
        self.timer.stop()
        self.runner.cancel()
        for view in self.views.values():
            view.clear()
        if self.spread.seeds is not None:
            self.spread.set_seeds(None)
        self.suggest.touching.set_ids([])
        self.suggest.excluding.set_ids([])
        self.suggest.note.setText("")
        if design is not None:
            design.changed.connect(self._on_design_event)
        self.apply_overlay()
        self.refresh()

    def _on_design_event(self, event: DesignEvent) -> None:
        self.edits += 1
        if self.proposal_item is not None:
            self.proposal_item.refresh()
        if (
            event.kind is EventKind.ACTORS_CHANGED
            and event.fields
            and event.fields <= POSITION_FIELDS
        ):
            return  # moving actors on the map changes no analysis
        for view in self.views.values():
            view.mark_stale()
            if self.runner.busy(view.kind):
                self.runner.cancel(view.kind)  # its result would be for the design before
        if self.suggest.result is not None or self.suggest.list.count():
            self.suggest.clear()
        self.apply_overlay()
        self.timer.start()

    # --- computing ---------------------------------------------------------------------
    @property
    def current(self) -> AnalysisView:
        return self.pages[self.tabs.currentWidget()]

    def show_view(self, view: AnalysisView) -> None:
        """Bring a view's tab to the front."""
        page = next(p for p, v in self.pages.items() if v is view)
        self.tabs.setCurrentWidget(page)

    def refresh(self) -> None:
        """Compute the tab in front again if its result is stale (the timer calls this)."""
        self.timer.stop()
        view = self.current
        if self.design is None or not view.automatic() or not view.stale:
            return
        if not self.on_screen():
            return
        self.request(view)

    def request(self, view: AnalysisView) -> None:
        if self.design is None:
            return
        work = view.compute()
        if work is None:
            return
        view.error_label.hide()
        self.runner.request(view.kind, self.design, work, (id(self.design), self.edits))

    def cancel(self, kind: str) -> None:
        self.runner.cancel(kind)

    def on_screen(self) -> bool:
        return self.on_screen_hint and self.isVisible()

    def set_on_screen(self, shown: bool) -> None:
        """Connected to the dock's visibilityChanged: its tab came to the front (or went)."""
        self.on_screen_hint = shown
        if shown:
            self.refresh()
        self.apply_overlay()

    def _tab_changed(self) -> None:
        self.apply_overlay()
        self.refresh()

    def _finished(self, kind: str, result: object) -> None:
        self.views[kind].show_result(result)
        self.apply_overlay()

    def _failed(self, kind: str, message: str) -> None:
        self.views[kind].show_error(message)

    def _busy(self, kind: str, busy: bool) -> None:
        self.views[kind].show_busy(busy)

    def _progress(self, kind: str, fraction: float) -> None:
        self.views[kind].show_progress(fraction)

    # --- the canvas --------------------------------------------------------------------
    def _view_overlay_changed(self, view: AnalysisView) -> None:
        if view is self.current:
            self.apply_overlay()

    def apply_overlay(self) -> None:
        """The tab in front decides the canvas look while the dock is shown."""
        if self.closed or (self.scene is not None and not shiboken6.isValid(self.scene)):
            return  # the window is going away (docks report hiding after the scene is gone)
        shown = self.design is not None and self.on_screen()
        view = self.current
        if self.canvas_overlay is not None:
            layer = view.overlay() if shown and not view.stale else None
            self.canvas_overlay.set_layer(OVERLAY_LAYER, layer)
        if self.proposal_item is not None:
            self.proposal_item.set_pairs(view.proposals() if shown else [])

    def shutdown(self) -> None:
        self.closed = True
        self.runner.shutdown()

    # --- what the views ask ------------------------------------------------------------
    def selected_actor_ids(self) -> list[str]:
        if self.scene is None:
            return []
        return list(self.scene.selected_actor_ids())

    def actor_names(self, ids: list[str]) -> list[str]:
        design = self.design
        if design is None:
            return list(ids)
        return [design.actors[a].name if a in design.actors else a for a in ids]

    def actor_ids(self) -> list[str]:
        return list(self.design.actors) if self.design is not None else []

    def region_ids(self) -> set[str]:
        if self.design is None:
            return set()
        return {a.id for a in self.design.actors.values() if a.location is Location.REGION}
