"""The wizard's last pages: what the list makes (actors, ties, names to review) and where it goes.

Every decision about names — merge two actors, split a spelling off, dismiss a probable
duplicate — goes into the mapping's `[names]` table and the list is read again (off the
window's thread), so what is shown is always what the import will do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cluster_designer.i18n import N_, _, ngettext, pgettext
from cluster_designer.io.lists import ListResult, NameDecisions, NamePair, write_mapping
from cluster_designer.model import ClusterError

from .source_pages import error_label, fill_table, read_only_table

if TYPE_CHECKING:
    from .wizard import ListImportWizard

REASON_LABELS = {
    "similar": N_("spelled almost the same"),
    "contains": N_("one name contains the other"),
    "abbreviation": N_("looks like an abbreviation"),
    "initials": N_("initials"),
    "romanized": N_("the same name in Latin letters"),
}
SHOWN_ROWS = 2000


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


class ReviewPage(QWizardPage):
    """Actors and ties the list makes, merged spellings, probable duplicates, skipped rows."""

    def __init__(self, wizard: ListImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(pgettext("list import", "Review"))
        self.setSubTitle(
            pgettext(
                "list import",
                "Check what the list makes. Spellings of one organization are merged by their "
                "key; split a wrong merge, or merge two that belong together. Your decisions "
                "are kept in the mapping for next time.",
            )
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        self.error = error_label(self, "review_error")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("review_tabs")
        self.actors = read_only_table(self, "review_actors")
        self.actors.itemSelectionChanged.connect(self._update_buttons)
        self.merge_selected = QPushButton(pgettext("list import", "Merge Selected Actors"), self)
        self.merge_selected.setObjectName("review_merge_selected")
        self.merge_selected.setToolTip(
            pgettext(
                "list import",
                "The selected actors are one organization: merge them (kept in the mapping)",
            )
        )
        self.merge_selected.clicked.connect(self._merge_selected)
        self.tabs.addTab(
            self._with_buttons(self.actors, [self.merge_selected]),
            pgettext("list import", "Actors"),
        )
        self.ties = read_only_table(self, "review_ties")
        self.tabs.addTab(self.ties, pgettext("list import", "Ties"))
        self.merged = QTreeWidget(self)
        self.merged.setObjectName("review_merged")
        self.merged.setHeaderLabels(
            [pgettext("list import", "Actor and its spellings"), pgettext("list import", "Rows")]
        )
        self.merged.itemSelectionChanged.connect(self._update_buttons)
        self.separate = QPushButton(pgettext("list import", "Separate Spelling"), self)
        self.separate.setObjectName("review_separate")
        self.separate.setToolTip(
            pgettext("list import", "Make the selected spelling an organization of its own")
        )
        self.separate.clicked.connect(self._separate)
        self.tabs.addTab(
            self._with_buttons(self.merged, [self.separate]),
            pgettext("list import", "Merged Spellings"),
        )
        self.pairs = QListWidget(self)
        self.pairs.setObjectName("review_pairs")
        self.pairs.itemSelectionChanged.connect(self._update_buttons)
        self.same = QPushButton(pgettext("list import", "Same Organization"), self)
        self.same.setObjectName("review_same")
        self.same.clicked.connect(lambda: self._decide_pair(same=True))
        self.different = QPushButton(pgettext("list import", "Different"), self)
        self.different.setObjectName("review_different")
        self.different.clicked.connect(lambda: self._decide_pair(same=False))
        self.tabs.addTab(
            self._with_buttons(self.pairs, [self.same, self.different]),
            pgettext("list import", "Probably the Same"),
        )
        self.skipped = QListWidget(self)
        self.skipped.setObjectName("review_skipped")
        self.tabs.addTab(self.skipped, pgettext("list import", "Skipped Rows"))
        self.decisions = QListWidget(self)
        self.decisions.setObjectName("review_decisions")
        self.decisions.itemSelectionChanged.connect(self._update_buttons)
        self.undo_decision = QPushButton(pgettext("list import", "Forget Decision"), self)
        self.undo_decision.setObjectName("review_forget")
        self.undo_decision.clicked.connect(self._forget)
        self.tabs.addTab(
            self._with_buttons(self.decisions, [self.undo_decision]),
            pgettext("list import", "Decisions"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    def _with_buttons(self, view: QWidget, buttons: list[QPushButton]) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(view, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return holder

    # --- showing -------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.wiz.build()

    def building(self) -> None:
        self.summary.setText(pgettext("list import", "Reading every row of the list…"))
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.list_result is not None and not self.wiz.jobs.busy

    def show_result(self, result: ListResult, pairs: list[NamePair]) -> None:
        skipped = len(result.skipped)
        self.summary.setText(
            pgettext("list import", "{rows} · {actors} · {ties} · {skipped}").format(
                rows=ngettext("{n} row read", "{n} rows read", result.rows).format(
                    n=f"{result.rows:,}"
                ),
                actors=ngettext("{n} actor made", "{n} actors made", len(result.actors)).format(
                    n=f"{len(result.actors):,}"
                ),
                ties=ngettext("{n} tie made", "{n} ties made", len(result.ties)).format(
                    n=f"{len(result.ties):,}"
                ),
                skipped=ngettext("{n} row skipped", "{n} rows skipped", skipped).format(
                    n=f"{skipped:,}"
                ),
            )
        )
        self.error.hide()
        actors = result.actors[:SHOWN_ROWS]
        fill_table(
            self.actors,
            [
                pgettext("list import", "Name"),
                pgettext("list import", "Sector"),
                pgettext("list import", "Location"),
                pgettext("list import", "Address"),
                pgettext("list import", "Rows"),
                pgettext("list import", "Spellings"),
            ],
            [
                [
                    a.name,
                    a.sector.label,
                    a.location.label,
                    a.address,
                    str(a.rows),
                    str(len(a.spellings)),
                ]
                for a in actors
            ],
        )
        for row, actor in enumerate(actors):
            cell = self.actors.item(row, 0)
            if cell is not None:
                cell.setData(Qt.ItemDataRole.UserRole, actor.ident)
        names = {a.ident: a.name for a in result.actors}
        fill_table(
            self.ties,
            [
                pgettext("list import", "From"),
                pgettext("list import", "To"),
                pgettext("list import", "Kind"),
                pgettext("list import", "Weight"),
                pgettext("list import", "Rows"),
                pgettext("list import", "Notes"),
            ],
            [
                [
                    names[t.source],
                    names[t.target],
                    t.kind.label,
                    _number(t.weight),
                    str(len(t.rows)),
                    " / ".join(t.notes)[:200],
                ]
                for t in result.ties[:SHOWN_ROWS]
            ],
        )
        self.merged.clear()
        for actor in result.actors:
            if len(actor.spellings) < 2:
                continue
            top = QTreeWidgetItem(self.merged, [actor.name, str(actor.rows)])
            for spelling in actor.ordered_spellings():
                child = QTreeWidgetItem(top, [spelling, str(actor.spellings[spelling])])
                child.setData(0, Qt.ItemDataRole.UserRole, spelling)
            top.setExpanded(True)
        self.merged.resizeColumnToContents(0)
        self.pairs.clear()
        for pair in pairs:
            reason = _(REASON_LABELS.get(pair.reason, pair.reason))
            a = pair.a_name + (
                pgettext("list import", " (in the design)") if pair.a_existing else ""
            )
            b = pair.b_name + (
                pgettext("list import", " (in the design)") if pair.b_existing else ""
            )
            item = QListWidgetItem(
                pgettext("list import", "{a}  ～  {b}   ({reason})").format(
                    a=a, b=b, reason=reason
                ),
                self.pairs,
            )
            item.setData(Qt.ItemDataRole.UserRole, (pair.a_name, pair.b_name))
        self.skipped.clear()
        for skipped_row in result.skipped:
            QListWidgetItem(
                pgettext("list import", "Row {row}: {reason}").format(
                    row=skipped_row.row, reason=skipped_row.text()
                ),
                self.skipped,
            )
        self._show_decisions(result.mapping.names)
        self._set_counts(len(pairs), skipped)
        self._update_buttons()
        self.completeChanged.emit()

    def _set_counts(self, pairs: int, skipped: int) -> None:
        self.tabs.setTabText(
            2,
            pgettext("list import", "Merged Spellings ({n})").format(
                n=self.merged.topLevelItemCount()
            ),
        )
        self.tabs.setTabText(3, pgettext("list import", "Probably the Same ({n})").format(n=pairs))
        self.tabs.setTabText(4, pgettext("list import", "Skipped Rows ({n})").format(n=skipped))

    def _show_decisions(self, names: NameDecisions) -> None:
        self.decisions.clear()
        for kind, groups, text in (
            ("same", names.same, pgettext("list import", "Same organization: {names}")),
            ("separate", names.separate, pgettext("list import", "Separate organization: {names}")),
            (
                "different",
                names.different,
                pgettext("list import", "Different organizations: {names}"),
            ),
        ):
            for group in groups:
                item = QListWidgetItem(text.format(names=" / ".join(group)), self.decisions)
                item.setData(Qt.ItemDataRole.UserRole, (kind, tuple(group)))
        self.tabs.setTabText(
            5, pgettext("list import", "Decisions ({n})").format(n=self.decisions.count())
        )

    def show_error(self, message: str) -> None:
        self.summary.setText("")
        self.error.setText(message)
        self.error.show()
        self.completeChanged.emit()

    def _update_buttons(self) -> None:
        rows = {i.row() for i in self.actors.selectedIndexes()}
        self.merge_selected.setEnabled(len(rows) >= 2)
        chosen = self.merged.selectedItems()
        self.separate.setEnabled(bool(chosen) and chosen[0].parent() is not None)
        self.same.setEnabled(bool(self.pairs.selectedItems()))
        self.different.setEnabled(bool(self.pairs.selectedItems()))
        self.undo_decision.setEnabled(bool(self.decisions.selectedItems()))

    # --- decisions -----------------------------------------------------------------------
    def _decide(self, names: NameDecisions) -> None:
        self.wiz.mapping = self.wiz.mapping.with_names(names)
        self.wiz.build()

    def _merge_selected(self) -> None:
        result = self.wiz.list_result
        if result is None:
            return
        rows = sorted({i.row() for i in self.actors.selectedIndexes()})
        cells = (self.actors.item(r, 0) for r in rows)
        idents = [c.data(Qt.ItemDataRole.UserRole) for c in cells if c is not None]
        spellings = tuple(result.actor(i).name for i in idents)
        names = self.wiz.mapping.names
        self._decide(replace(names, same=(*names.same, spellings)))

    def _separate(self) -> None:
        chosen = self.merged.selectedItems()
        if not chosen or chosen[0].parent() is None:
            return
        spelling = chosen[0].data(0, Qt.ItemDataRole.UserRole)
        names = self.wiz.mapping.names
        same = []
        was_joined = False
        for group in names.same:
            kept = tuple(s for s in group if s != spelling)
            was_joined = was_joined or len(kept) < len(group)
            if len(kept) > 1:
                same.append(kept)
        if was_joined:
            self._decide(replace(names, same=tuple(same)))
        else:
            self._decide(replace(names, separate=(*names.separate, (spelling,))))

    def _decide_pair(self, *, same: bool) -> None:
        chosen = self.pairs.selectedItems()
        if not chosen:
            return
        a, b = chosen[0].data(Qt.ItemDataRole.UserRole)
        names = self.wiz.mapping.names
        if same:
            self._decide(replace(names, same=(*names.same, (a, b))))
        else:
            self._decide(replace(names, different=(*names.different, (a, b))))

    def _forget(self) -> None:
        chosen = self.decisions.selectedItems()
        if not chosen:
            return
        kind, group = chosen[0].data(Qt.ItemDataRole.UserRole)
        names = self.wiz.mapping.names
        kept = tuple(g for g in getattr(names, kind) if tuple(g) != group)
        self._decide(replace(names, **{kind: kept}))


class TargetPage(QWizardPage):
    """A new design, or the list added to an existing one; and saving the mapping."""

    def __init__(self, wizard: ListImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(pgettext("list import", "Where to put it"))
        self.setSubTitle(
            pgettext(
                "list import",
                "Make a new design from the list, or add it to a design of this project: "
                "organizations it already has keep their ids and places on the map.",
            )
        )
        self.new = QRadioButton(pgettext("list import", "Create a new design"), self)
        self.new.setObjectName("target_new")
        self.existing = QRadioButton(pgettext("list import", "Add to an existing design"), self)
        self.existing.setObjectName("target_existing")
        group = QButtonGroup(self)
        group.addButton(self.new)
        group.addButton(self.existing)
        self.name = QLineEdit(self)
        self.name.setObjectName("target_name")
        self.region = QLineEdit(self)
        self.region.setObjectName("target_region")
        self.design = QComboBox(self)
        self.design.setObjectName("target_design")
        new_form = QFormLayout()
        new_form.setContentsMargins(24, 0, 0, 0)
        new_form.addRow(pgettext("list import", "Name:"), self.name)
        new_form.addRow(pgettext("list import", "Region:"), self.region)
        existing_form = QFormLayout()
        existing_form.setContentsMargins(24, 0, 0, 0)
        existing_form.addRow(pgettext("list import", "Design:"), self.design)
        self.note = QLabel(self)
        self.note.setObjectName("target_note")
        self.note.setWordWrap(True)
        self.error = error_label(self, "target_error")
        save = QPushButton(pgettext("list import", "Save Mapping…"), self)
        save.setObjectName("save_mapping")
        save.setToolTip(
            pgettext(
                "list import", "Keep the columns, region and name decisions for next year's list"
            )
        )
        save.clicked.connect(self.save_mapping)
        self.saved = QLabel(self)
        self.saved.setObjectName("mapping_saved")
        save_row = QHBoxLayout()
        save_row.addWidget(save)
        save_row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addLayout(new_form)
        layout.addSpacing(8)
        layout.addWidget(self.existing)
        layout.addLayout(existing_form)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(save_row)
        self.new.toggled.connect(self._update)
        self.name.textChanged.connect(lambda _t: self._update())
        self.design.currentIndexChanged.connect(lambda _i: self._update())

    def initializePage(self) -> None:
        designs = self.wiz.design_names()
        self.design.clear()
        self.design.addItems(designs)
        current = self.wiz.current_design_name()
        if current in designs:
            self.design.setCurrentText(current)
        self.existing.setEnabled(bool(designs))
        if not self.name.text():
            self.name.setText(self.wiz.default_design_name())
        if not self.new.isChecked() and not self.existing.isChecked():
            self.new.setChecked(True)
        self._update()

    def _update(self) -> None:
        creating = self.new.isChecked()
        self.name.setEnabled(creating)
        self.region.setEnabled(creating)
        self.design.setEnabled(not creating)
        problem = self.wiz.name_problem(self.name.text()) if creating else None
        if problem:
            self.error.setText(problem)
            self.error.show()
        else:
            self.error.hide()
        result = self.wiz.list_result
        if result is not None:
            if creating:
                self.note.setText(
                    pgettext(
                        "list import",
                        "A new design with every organization and tie of the list, laid out by "
                        "sector and location.",
                    )
                )
            else:
                self.note.setText(
                    pgettext(
                        "list import",
                        "Organizations the design already has (same name key) keep their ids "
                        "and places; the others are added next to their partners. Ties it "
                        "already has stay as they are. Edit ▸ Undo takes the whole addition "
                        "back.",
                    )
                )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.new.isChecked():
            return self.wiz.name_problem(self.name.text()) is None
        return self.design.count() > 0

    def save_mapping(self) -> bool:
        start = self.wiz.default_mapping_path()
        path, _f = QFileDialog.getSaveFileName(
            self,
            pgettext("list import", "Save Mapping"),
            start,
            pgettext("list import", "Mapping files (*.toml)"),
        )
        if not path:
            return False
        if not path.lower().endswith(".toml"):
            path += ".toml"
        return self.write_mapping(path)

    def write_mapping(self, path: str) -> bool:
        try:
            write_mapping(self.wiz.mapping, path)
        except (ClusterError, OSError) as error:
            self.saved.setText("")
            self.error.setText(
                pgettext("list import", "Cannot save the mapping: {reason}").format(
                    reason=getattr(error, "strerror", None) or error
                )
            )
            self.error.show()
            return False
        self.saved.setText(pgettext("list import", "Saved as {file}").format(file=Path(path).name))
        self.wiz.mapping_path = path
        return True
