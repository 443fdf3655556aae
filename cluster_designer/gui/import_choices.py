"""The import dialog for files from other programs: what the file does not say, with a preview.

A GraphML, GEXF or Excel file from Gephi, yEd, igraph or a colleague often names no sectors
in our words, leaves tie kinds out or repeats ties. The dialog offers the choices of
`cluster-designer import` — read the sector (location) from an attribute with a meaning for
each of its values, one sector for the actors still without one, the kind of ties without a
kind, merging repeated ties — and previews what the import will make, reading the file again
off the window's thread whenever a choice changes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.io import FormatError, SectorUnknownError
from cluster_designer.io.choices import KIND_NAMES, FieldChoice, ImportChoices, ImportReport
from cluster_designer.io.overview import FileOverview, Reader, file_reader, overview_of
from cluster_designer.model import Design, Location, Sector, TieKind
from cluster_designer.model.vocabulary import location_word, sector_word

from .list_import.jobs import JobRunner
from .style import sector_icon

MAX_VALUES = 200
"""Values listed for one attribute; an attribute with more is an id or a name, not a class."""


def _sector_name(sector: Sector) -> str:
    return _(sector.label)


def _location_name(location: Location) -> str:
    return _(location.label)


class _FieldSection(QGroupBox):
    """Sector or location: where it is read from, what each value means, and the rest."""

    changed = Signal()

    def __init__(
        self,
        field_name: str,
        title: str,
        members: list[Sector] | list[Location],
        guess: Any,
        overview: FileOverview,
        parent: QWidget,
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"{field_name}_section")
        self.field_name = field_name
        self.members: list[Any] = list(members)
        self.guess = guess
        self.overview = overview
        form = QFormLayout(self)
        self.source = QComboBox(self)
        self.source.setObjectName(f"{field_name}_source")
        self.source.addItem(_("What the file says"), None)
        for attribute, counts in overview.attributes.items():
            if len(counts) <= MAX_VALUES:
                self.source.addItem(
                    _("Attribute “{name}” ({count} values)").format(
                        name=attribute, count=len(counts)
                    ),
                    attribute,
                )
        form.addRow(_("Read from:"), self.source)
        self.values = QTableWidget(0, 3, self)
        self.values.setObjectName(f"{field_name}_values")
        self.values.setHorizontalHeaderLabels(
            [_("Value in the file"), pgettext("import dialog", "Actors"), title]
        )
        header = self.values.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.values.verticalHeader().hide()
        self.values.setMinimumHeight(120)
        form.addRow(self.values)
        self.rest = QComboBox(self)
        self.rest.setObjectName(f"{field_name}_rest")
        form.addRow(self._rest_label(), self.rest)
        self.source.currentIndexChanged.connect(self._show_values)
        self._show_values()

    def _rest_label(self) -> str:
        if self.field_name == "sector":
            return _("Actors still without a sector:")
        return _("Actors without a location:")

    def _show_values(self) -> None:
        attribute = self.source.currentData()
        self.values.setVisible(attribute is not None)
        self.values.setRowCount(0)
        counts: Counter[str] = self.overview.attributes.get(attribute, Counter())
        for row, (value, count) in enumerate(counts.most_common()):
            self.values.insertRow(row)
            self.values.setItem(row, 0, QTableWidgetItem(value))
            number = QTableWidgetItem(str(count))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values.setItem(row, 1, number)
            combo = self._member_combo(_("(not set)"))
            found = self.guess(value)
            if found is not None:
                combo.setCurrentIndex(combo.findData(found.value))
            self.values.setCellWidget(row, 2, combo)
            combo.currentIndexChanged.connect(self._changed)
        self.rest.blockSignals(True)
        self.rest.clear()
        if self.field_name == "sector":
            self.rest.addItem(_("Refuse the import"), None)
        else:
            self.rest.addItem(_("As the file says (in the region if it says nothing)"), None)
        for member in self.members:
            self._add_member(self.rest, member)
        self.rest.blockSignals(False)
        self.rest.currentIndexChanged.connect(self._changed, Qt.ConnectionType.UniqueConnection)
        self._changed()

    def _member_combo(self, empty: str) -> QComboBox:
        combo = QComboBox(self.values)
        combo.addItem(empty, None)
        for member in self.members:
            self._add_member(combo, member)
        return combo

    def _add_member(self, combo: QComboBox, member: Any) -> None:
        if isinstance(member, Sector):
            combo.addItem(sector_icon(member, 14), _sector_name(member), member.value)
        else:
            combo.addItem(_location_name(member), member.value)

    def _changed(self) -> None:
        self.changed.emit()

    def choice(self) -> FieldChoice:
        attribute = self.source.currentData()
        mapping: dict[str, str] = {}
        if attribute is not None:
            for row in range(self.values.rowCount()):
                combo = self.values.cellWidget(row, 2)
                value = combo.currentData() if isinstance(combo, QComboBox) else None
                if value is not None:
                    mapping[self._value_at(row)] = value
        return FieldChoice(fixed=self.rest.currentData(), attribute=attribute, mapping=mapping)

    def _value_at(self, row: int) -> str:
        item = self.values.item(row, 0)
        return item.text() if item is not None else ""

    def set_value(self, value: str, member: Sector | Location) -> None:
        """Give one value of the chosen attribute its meaning (tests, scripted use)."""
        for row in range(self.values.rowCount()):
            if self._value_at(row) == value:
                combo = self.values.cellWidget(row, 2)
                if isinstance(combo, QComboBox):
                    combo.setCurrentIndex(combo.findData(member.value))


class ImportChoicesDialog(QDialog):
    """Import FILE: sectors, locations, ties, and a preview of what the import makes."""

    def __init__(
        self,
        path: Path,
        seen: FileOverview,
        parent: QWidget | None = None,
        read: Reader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importChoicesDialog")
        self.setWindowTitle(_("Import {file}").format(file=path.name))
        self.path = path
        self.read = read or file_reader(path)
        self.result_design: Design | None = None
        self.result_report: ImportReport | None = None
        self.runner = JobRunner(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._preview)
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(seen), self)
        intro.setObjectName("import_intro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns = QHBoxLayout()
        self.sector = _FieldSection(
            "sector", pgettext("import dialog", "Sector"), list(Sector), sector_word, seen, self
        )
        self.location = _FieldSection(
            "location",
            pgettext("import dialog", "Location"),
            list(Location),
            location_word,
            seen,
            self,
        )
        columns.addWidget(self.sector)
        columns.addWidget(self.location)
        layout.addLayout(columns)
        ties = QGroupBox(pgettext("import dialog", "Ties"), self)
        tie_form = QFormLayout(ties)
        self.kind = QComboBox(ties)
        self.kind.setObjectName("tie_kind")
        for kind in TieKind:
            self.kind.addItem(_(KIND_NAMES[kind]), kind.value)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        tie_form.addRow(_("Ties the file gives no kind:"), kind_row)
        self.merge = QCheckBox(_("Merge repeated ties into one (weights added, notes kept)"), ties)
        self.merge.setObjectName("merge_duplicates")
        tie_form.addRow(self.merge)
        layout.addWidget(ties)
        preview_box = QGroupBox(_("What the import makes"), self)
        preview_layout = QVBoxLayout(preview_box)
        self.preview = QLabel(preview_box)
        self.preview.setObjectName("import_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setMinimumHeight(90)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        preview_layout.addWidget(self.preview)
        layout.addWidget(preview_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            pgettext("import dialog", "Import")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sector.changed.connect(self.schedule_preview)
        self.location.changed.connect(self.schedule_preview)
        self.kind.currentIndexChanged.connect(self.schedule_preview)
        self.merge.toggled.connect(self.schedule_preview)
        self.setMinimumWidth(760)
        self.schedule_preview()

    @staticmethod
    def _intro(overview: FileOverview) -> str:
        parts = [
            ngettext(
                "The file holds {actors} organization and {edges} ties.",
                "The file holds {actors} organizations and {edges} ties.",
                overview.actors,
            ).format(actors=overview.actors, edges=overview.edges)
        ]
        if overview.without_sector:
            parts.append(
                ngettext(
                    "It tells no sector for {count} of them.",
                    "It tells no sector for {count} of them.",
                    overview.without_sector,
                ).format(count=overview.without_sector)
            )
        if overview.kinds_missing:
            parts.append(
                ngettext(
                    "{count} tie has no kind.", "{count} ties have no kind.", overview.kinds_missing
                ).format(count=overview.kinds_missing)
            )
        if overview.merged:
            parts.append(
                ngettext(
                    "{count} tie repeats another one.",
                    "{count} ties repeat another one.",
                    overview.merged,
                ).format(count=overview.merged)
            )
        return " ".join(parts)

    def choices(self) -> ImportChoices:
        return ImportChoices(
            sector=self.sector.choice(),
            location=self.location.choice(),
            kind=TieKind(self.kind.currentData()),
            merge_duplicates=self.merge.isChecked(),
        )

    def schedule_preview(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.preview.setText(_("Reading the file…"))
        self.timer.start()

    def _preview(self) -> None:
        choices, read = self.choices(), self.read

        def job() -> tuple[Design, ImportReport]:
            report = ImportReport()
            try:
                return read(choices, report), report
            except SectorUnknownError as unknown:
                raise FormatError(
                    ngettext(
                        "{count} organization has no sector yet: read the sector from an "
                        "attribute, or choose one for the actors still without a sector.",
                        "{count} organizations have no sector yet: read the sector from an "
                        "attribute, or choose one for the actors still without a sector.",
                        len(unknown.node_ids),
                    ).format(count=len(unknown.node_ids))
                ) from None

        self.runner.run(job, self._show, self._show_error)

    def _show(self, result: tuple[Design, ImportReport]) -> None:
        design, report = result
        self.result_design, self.result_report = design, report
        sectors = Counter(a.sector for a in design.actors.values())
        locations = Counter(a.location for a in design.actors.values())
        counts = " · ".join(f"{_sector_name(s)} {sectors[s]}" for s in Sector)
        places = " · ".join(f"{_location_name(p)} {locations[p]}" for p in Location)
        ties = ngettext("{count} tie", "{count} ties", len(design.ties)).format(
            count=len(design.ties)
        )
        notes = "".join(f"<li>{_escape(line)}</li>" for line in report.lines())
        self.preview.setText(
            f"<b>{_escape(counts)}</b><br>{_escape(places)}<br>{_escape(ties)}"
            + (f"<ul style='margin-left: -20px'>{notes}</ul>" if notes else "")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _show_error(self, message: str) -> None:
        self.result_design, self.result_report = None, None
        self.preview.setText(
            f"<span style='color: #B00020'>{_escape(message)}</span><br>"
            + _escape(_("Change the choices above to import the file."))
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def wait(self) -> None:
        """Let a pending preview finish (tests; closing)."""
        if self.timer.isActive():
            self.timer.stop()
            self._preview()
        self.runner.wait()
        QCoreApplication.processEvents()  # the result arrives as a queued signal

    def done(self, result: int) -> None:
        self.timer.stop()
        self.runner.cancel()
        super().done(result)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask_import_choices(
    parent: QWidget | None, path: Path, seen: FileOverview, read: Reader | None = None
) -> tuple[Design, ImportReport] | None:
    """The design the user chose to import, with its report; None on Cancel."""
    dialog = ImportChoicesDialog(path, seen, parent, read)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_design is None:
        return None
    assert dialog.result_report is not None
    return dialog.result_design, dialog.result_report


def read_with_the_user(
    parent: QWidget | None, path: Path, read: Reader | None = None
) -> tuple[Design, ImportReport] | None:
    """Read a file (or, with `read`, a CSV pair whose actors file is `path`) from another
    program; ask the user only when it leaves things open."""
    read = read or file_reader(path)
    seen = overview_of(read)
    if not seen.needs_choices:
        report = ImportReport()
        return read(ImportChoices(), report), report
    return ask_import_choices(parent, path, seen, read)
