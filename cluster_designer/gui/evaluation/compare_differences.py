"""The Compare view's Differences tab: how A's and B's actors were paired, and what B adds,
removes and changes.

Apart from the dialog because it only shows a finished comparison; the rows themselves are
worked out off the window's thread (compare_work.py) and shared with the CSV export.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.analysis import Comparison
from cluster_designer.i18n import N_, _, ngettext, pgettext

from .compare_data import CHANGE_COLORS, StructuralRow

TREE_ROWS_SHOWN = 500  # per group; the CSV export holds every row

# Headings of the differences list, marked with N_() ("Actors added (3)").
CHANGE_HEADINGS = {
    ("actor", "added"): N_("Actors added ({count})"),
    ("actor", "removed"): N_("Actors removed ({count})"),
    ("actor", "changed"): N_("Actors changed ({count})"),
    ("tie", "added"): N_("Ties added ({count})"),
    ("tie", "removed"): N_("Ties removed ({count})"),
    ("tie", "changed"): N_("Ties changed ({count})"),
}


def matching_text(cmp: Comparison) -> str:
    """How the actors of A and B were paired, in a sentence above the differences."""
    if cmp.same_lineage:
        return ngettext(
            "B and A are of one lineage (a duplicate or copy): actors are matched by id "
            "({by_id}), then by name ({by_name} actor).",
            "B and A are of one lineage (a duplicate or copy): actors are matched by id "
            "({by_id}), then by name ({by_name} actors).",
            cmp.matched_by_name,
        ).format(by_id=cmp.matched_by_id, by_name=cmp.matched_by_name)
    return ngettext(
        "A and B were drawn separately: actors are matched by name only, ignoring case, "
        "width and spaces ({by_name} actor matched).",
        "A and B were drawn separately: actors are matched by name only, ignoring case, "
        "width and spaces ({by_name} actors matched).",
        cmp.matched_by_name,
    ).format(by_name=cmp.matched_by_name)


class DifferencesTab(QWidget):
    """The pairing sentence above a tree of changes grouped by actor/tie and kind of change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("compare_differences")
        self.tree.setHeaderLabels(
            [
                pgettext("compare column", "What changed"),
                pgettext("compare column", "Kind"),
                pgettext("compare column", "Matched by"),
                pgettext("compare column", "Details"),
            ]
        )
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("compare_matching")
        self.match_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.match_label)
        layout.addWidget(self.tree, 1)

    def show_nothing(self) -> None:
        """No comparison to show (fewer than two designs, or one still evaluated)."""
        self.tree.clear()
        self.match_label.setText("")

    def fill(
        self, cmp: Comparison, rows: list[StructuralRow], matched: list[StructuralRow]
    ) -> None:
        self.tree.clear()
        self.match_label.setText(matching_text(cmp))
        if matched:
            top = QTreeWidgetItem([_("Actors matched by name ({n})").format(n=len(matched))])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for row in matched:
                child = QTreeWidgetItem(
                    [row.name, row.kind, pgettext("matched by", "name"), row.details]
                )
                child.setToolTip(3, row.details)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(cmp.same_lineage and len(matched) <= 50)
        for item_kind in ("actor", "tie"):
            for change in ("added", "removed", "changed"):
                group = [r for r in rows if r.item == item_kind and r.change == change]
                self._add_group(item_kind, change, group)

    def _add_group(self, item_kind: str, change: str, rows: list[StructuralRow]) -> None:
        heading = _(CHANGE_HEADINGS[item_kind, change]).format(count=len(rows))
        top = QTreeWidgetItem([heading])
        top.setForeground(0, QBrush(CHANGE_COLORS[change].darker(120)))
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for row in rows[:TREE_ROWS_SHOWN]:
            by = {
                "id": pgettext("matched by", "id"),
                "name": pgettext("matched by", "name"),
            }.get(row.matched, "")
            child = QTreeWidgetItem([row.name, row.kind, by, row.details])
            child.setToolTip(3, row.details)
            child.setToolTip(0, row.id.replace("|", " · "))
            top.addChild(child)
        if len(rows) > TREE_ROWS_SHOWN:
            more = len(rows) - TREE_ROWS_SHOWN
            top.addChild(
                QTreeWidgetItem(
                    [
                        ngettext(
                            "… and {n} more (Export CSV… lists every one)",
                            "… and {n} more (Export CSV… lists every one)",
                            more,
                        ).format(n=more)
                    ]
                )
            )
        self.tree.addTopLevelItem(top)
        top.setExpanded(0 < len(rows) <= 50)

    def structural_texts(self) -> dict[str, list[str]]:
        """What the tab lists, by group heading without the count (tests)."""
        out: dict[str, list[str]] = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            heading = top.text(0).rsplit(" (", 1)[0]
            children = (top.child(j) for j in range(top.childCount()))
            out[heading] = [child.text(0) for child in children if child is not None]
        return out
