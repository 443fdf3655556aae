"""The properties panel: the selected actor, the selected tie, the design itself, or a summary.

It follows the document (design replaced) and the design's change events (undo, redo, edits
made elsewhere), so what it shows is always what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from cluster_designer.i18n import _, ngettext
from cluster_designer.model import Design, DesignEvent, EventKind, Sector

from ..document import Document
from .forms import ActorForm, DesignForm, TieForm, sector_count


class PropertiesPanel(QWidget):
    """Shows one editing form at a time; `set_selection` decides which."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("properties_panel")
        self.document = document
        self._design: Design | None = None
        self._actor_ids: tuple[str, ...] = ()
        self._tie_uids: tuple[int, ...] = ()
        self.stack = QStackedWidget(self)
        self.empty, _label = _message_page(_("No design is open."), self)
        self.design_form = DesignForm(document, self)
        self.actor_form = ActorForm(document, self)
        self.tie_form = TieForm(document, self)
        self.summary, self.summary_label = _message_page("", self)
        self.summary.setObjectName("properties_summary")
        for page in (self.empty, self.design_form, self.actor_form, self.tie_form, self.summary):
            self.stack.addWidget(page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # A sideways scroll bar appears only in a dock narrower than the panel can be: no
        # line is ever cut off at the dock's edge.
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        document.designChanged.connect(self._attach)
        self._attach(document.design)

    def set_taken_design_names(self, provider: Callable[[], set[str]]) -> None:
        """Names the design may not take (the project's other designs)."""
        self.design_form.taken_names = provider

    @property
    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def set_selection(self, actor_ids: Sequence[str], tie_uids: Sequence[int] = ()) -> None:
        self._actor_ids = tuple(actor_ids)
        self._tie_uids = tuple(tie_uids)
        self._show()

    # --- following the model -----------------------------------------------------------
    def _attach(self, design: Design | None) -> None:
        if self._design is not None:
            self._design.changed.disconnect(self._on_design_event)
        self._design = design
        if design is not None:
            design.changed.connect(self._on_design_event)
        self._actor_ids = ()
        self._tie_uids = ()
        self.design_form.clear_messages()
        self._show()

    def _on_design_event(self, event: DesignEvent) -> None:
        if event.kind is EventKind.ACTOR_RENAMED and event.renamed is not None:
            old, new = event.renamed
            self._actor_ids = tuple(new if a == old else a for a in self._actor_ids)
            if self.actor_form.actor_id == old:
                self.actor_form.actor_id = new
        design = self._design
        if design is not None:
            self._actor_ids = tuple(a for a in self._actor_ids if a in design.actors)
            self._tie_uids = tuple(u for u in self._tie_uids if u in design.ties)
        self._show()

    def _show(self) -> None:
        design = self._design
        if design is None:
            self.stack.setCurrentWidget(self.empty)
            return
        n_actors, n_ties = len(self._actor_ids), len(self._tie_uids)
        if n_actors == 1 and n_ties == 0:
            self.actor_form.show_actor(self._actor_ids[0])
            self.stack.setCurrentWidget(self.actor_form)
        elif n_ties == 1 and n_actors == 0:
            self.tie_form.show_tie(self._tie_uids[0])
            self.stack.setCurrentWidget(self.tie_form)
        elif n_actors == 0 and n_ties == 0:
            self.design_form.refresh()
            self.stack.setCurrentWidget(self.design_form)
        else:
            self.summary_label.setText(selection_summary(design, self._actor_ids, n_ties))
            self.stack.setCurrentWidget(self.summary)


def selection_summary(design: Design, actor_ids: Sequence[str], n_ties: int) -> str:
    counts = {s: 0 for s in Sector}
    for actor_id in actor_ids:
        counts[design.actor(actor_id).sector] += 1
    n_actors = len(actor_ids)
    if n_actors and n_ties:
        title = _("{actors} and {ties} selected").format(
            actors=ngettext("{count} actor", "{count} actors", n_actors).format(count=n_actors),
            ties=ngettext("{count} tie", "{count} ties", n_ties).format(count=n_ties),
        )
    elif n_actors:
        title = ngettext("{count} actor selected", "{count} actors selected", n_actors)
        title = title.format(count=n_actors)
    else:
        title = ngettext("{count} tie selected", "{count} ties selected", n_ties)
        title = title.format(count=n_ties)
    lines = [f"<b>{escape(title)}</b>"]
    lines += [escape(sector_count(s, n)) for s, n in counts.items() if n]
    hint = escape(_("Select a single actor or tie to edit it."))
    lines.append(f"<br><span style='color: gray'>{hint}</span>")
    return "<br>".join(lines)


def _message_page(text: str, parent: QWidget) -> tuple[QWidget, QLabel]:
    page = QWidget(parent)
    label = QLabel(text, page)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.addWidget(label)
    layout.addStretch(1)
    return page, label
