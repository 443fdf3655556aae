"""The permanent labels at the right of the main window's status bar.

What is selected, how big the design is and the zoom stay in view while the bar's left side
shows passing messages; apart from the window so each label's wording sits in one place.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.model import Design

from .panels.forms import summary_counts


class StatusLabels:
    """Selection, counts and zoom labels on one status bar."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        self.selection_label = QLabel(parent)
        self.selection_label.setObjectName("status_selection")
        self.counts_label = QLabel(parent)
        self.counts_label.setObjectName("status_counts")
        self.zoom_label = QLabel(parent)
        self.zoom_label.setObjectName("status_zoom")
        self.zoom_label.setToolTip(_("Zoom (Ctrl+0: 100 %)"))
        for label in (self.selection_label, self.counts_label, self.zoom_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def show_selection(self, actors: int, ties: int) -> None:
        """'Selected: 2 actors, 1 tie'; hidden when nothing is selected."""
        parts = []
        if actors:
            parts.append(ngettext("{count} actor", "{count} actors", actors).format(count=actors))
        if ties:
            parts.append(ngettext("{count} tie", "{count} ties", ties).format(count=ties))
        items = pgettext("list separator", ", ").join(parts)
        self.selection_label.setText(_("Selected: {items}").format(items=items) if parts else "")
        self.selection_label.setVisible(bool(parts))

    def show_counts(self, design: Design | None) -> None:
        self.counts_label.setText("" if design is None else summary_counts(design))

    def show_zoom(self, scale: float) -> None:
        self.zoom_label.setText(_("Zoom {percent} %").format(percent=round(scale * 100)))
