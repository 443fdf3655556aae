"""The wizard's first three pages: the list (file, sheet, first rows), its columns, the region."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cluster_designer.i18n import pgettext
from cluster_designer.io.lists import (
    ENCODING_LABELS,
    End,
    ListMapping,
    ListTable,
    TieRule,
    guess_mapping,
    place_counts,
)
from cluster_designer.model import Location, Sector, TieKind

from ..style import sector_icon

if TYPE_CHECKING:
    from .wizard import ListImportWizard

LIST_FILTER = "{lists} (*.csv *.xlsx *.xlsm);;{all} (*)"
PREVIEW_ROWS = 30
NONE = ("none", None)


def error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #B3261E;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def fill_table(table: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(header)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


def read_only_table(parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setHighlightSections(False)
    table.setAlternatingRowColors(True)
    return table


class SourcePage(QWizardPage):
    """Which file, which sheet, which row holds the column names — and what the rows look like."""

    def __init__(self, wizard: ListImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(pgettext("list import", "The list"))
        self.setSubTitle(
            pgettext(
                "list import",
                "Choose a list with one row per contract, award or membership: a CSV file or "
                "an Excel workbook. The first rows are shown below.",
            )
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("list_path")
        self.path.setPlaceholderText(pgettext("list import", "A .csv or .xlsx file"))
        browse = QPushButton(pgettext("list import", "Browse…"), self)
        browse.setObjectName("list_browse")
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("list_sheet")
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("list_encoding")
        self.encoding.addItem(pgettext("list import", "Automatic (UTF-8, else Shift-JIS)"), "auto")
        for code, label in ENCODING_LABELS.items():
            self.encoding.addItem(label, code)
        self.header_row = QSpinBox(self)
        self.header_row.setObjectName("list_header_row")
        self.header_row.setRange(1, 1000)
        load_mapping = QPushButton(pgettext("list import", "Use a Saved Mapping…"), self)
        load_mapping.setObjectName("list_load_mapping")
        load_mapping.setToolTip(
            pgettext(
                "list import",
                "Read the columns, region and name decisions from last time's mapping file",
            )
        )
        load_mapping.clicked.connect(self.wiz.choose_saved_mapping)
        self.mapping_note = QLabel(self)
        self.mapping_note.setObjectName("list_mapping_note")
        self.mapping_note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("list_status")
        self.error = error_label(self, "list_error")
        self.preview = read_only_table(self, "list_preview")

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = self.form = QFormLayout()
        form.addRow(pgettext("list import", "File:"), file_row)
        form.addRow(pgettext("list import", "Sheet:"), self.sheet)
        form.addRow(pgettext("list import", "Text encoding:"), self.encoding)
        form.addRow(pgettext("list import", "Column names in row:"), self.header_row)
        form.setRowVisible(self.sheet, False)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(load_mapping)
        mapping_row.addWidget(self.mapping_note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(mapping_row)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)

        self.path.editingFinished.connect(self._path_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self.reload())
        self.encoding.currentIndexChanged.connect(lambda _i: self.reload())
        self.header_row.valueChanged.connect(lambda _v: self.reload())
        self._quiet = False

    # --- choices -------------------------------------------------------------------------
    def _browse(self) -> None:
        start = self.path.text() or self.wiz.start_dir
        chosen, _f = QFileDialog.getOpenFileName(
            self,
            pgettext("list import", "Open List"),
            start,
            LIST_FILTER.format(
                lists=pgettext("list import", "Lists"), all=pgettext("list import", "All files")
            ),
        )
        if chosen:
            self.set_path(chosen)

    def set_path(self, path: str | Path) -> None:
        self.path.setText(str(path))
        self._path_changed()

    def _path_changed(self) -> None:
        text = self.path.text().strip()
        if text and text != self.wiz.path:
            self.wiz.path = text
            self._quiet = True
            self.sheet.clear()
            self._quiet = False
            self.reload()

    def apply_mapping_settings(self, mapping: ListMapping) -> None:
        """Sheet, header row and encoding from a saved mapping."""
        self._quiet = True
        self.header_row.setValue(mapping.header_row)
        index = self.encoding.findData(mapping.encoding)
        self.encoding.setCurrentIndex(max(0, index))
        if mapping.sheet:
            found = self.sheet.findText(mapping.sheet)
            if found >= 0:
                self.sheet.setCurrentIndex(found)
        self._quiet = False
        self.reload()

    def choices(self) -> dict[str, Any]:
        sheet = self.sheet.currentText() if self.sheet.count() else None
        if sheet is None and self.wiz.saved_mapping is not None:
            sheet = self.wiz.saved_mapping.sheet
        return {
            "sheet": sheet or None,
            "header_row": self.header_row.value(),
            "encoding": self.encoding.currentData() or "auto",
        }

    def reload(self) -> None:
        if self._quiet or not self.wiz.path:
            return
        self.status.setText(pgettext("list import", "Reading the list…"))
        self.error.hide()
        self.wiz.read_preview(self.choices())

    # --- results -------------------------------------------------------------------------
    def show_preview(self, table: ListTable) -> None:
        self._quiet = True
        if table.sheets and self.sheet.count() != len(table.sheets):
            self.sheet.clear()
            self.sheet.addItems(list(table.sheets))
        if table.sheet:
            self.sheet.setCurrentIndex(max(0, self.sheet.findText(table.sheet)))
        self.form.setRowVisible(self.sheet, bool(table.sheets))
        self.form.setRowVisible(self.encoding, table.encoding is not None)
        self._quiet = False
        rows = [list(cells) for _n, cells in table.rows[:PREVIEW_ROWS]]
        fill_table(self.preview, list(table.columns), rows)
        self.preview.setVerticalHeaderLabels([str(n) for n, _c in table.rows[:PREVIEW_ROWS]])
        if table.encoding is not None:
            self.status.setText(
                pgettext("list import", "Read as {encoding}. The first rows:").format(
                    encoding=ENCODING_LABELS.get(table.encoding, table.encoding)
                )
            )
        else:
            self.status.setText(
                pgettext("list import", "The first rows of sheet “{sheet}”:").format(
                    sheet=table.sheet
                )
            )
        self.error.hide()
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.status.setText("")
        self.error.setText(message)
        self.error.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.preview_table is not None and not self.error.isVisible()


class ColumnsPage(QWizardPage):
    """Which columns name the organizations, where their sector and address come from, and
    what each row's tie is: its kind, its weight, its notes."""

    def __init__(self, wizard: ListImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(pgettext("list import", "Columns"))
        self.setSubTitle(
            pgettext(
                "list import",
                "Each row ties together the organizations named in the columns below. The "
                "choices are guessed from the column names; change what is wrong.",
            )
        )
        self.ends_box = QGroupBox(pgettext("list import", "Organizations"), self)
        self.ends_grid = QGridLayout(self.ends_box)
        for column, text in enumerate(
            (
                pgettext("list import", "Name column"),
                pgettext("list import", "Sector"),
                pgettext("list import", "Address column"),
            )
        ):
            label = QLabel(f"<b>{text}</b>", self.ends_box)
            self.ends_grid.addWidget(label, 0, column)
        self.end_rows: list[tuple[QComboBox, QComboBox, QComboBox, QPushButton]] = []
        self.add_end = QPushButton(pgettext("list import", "Add a Column of Names"), self)
        self.add_end.setObjectName("add_end")
        self.add_end.clicked.connect(lambda: self._add_end_row(None))
        tie_box = QGroupBox(pgettext("list import", "Ties"), self)
        self.kind = QComboBox(tie_box)
        self.kind.setObjectName("tie_kind")
        self.weight = QComboBox(tie_box)
        self.weight.setObjectName("tie_weight")
        self.notes = QListWidget(tie_box)
        self.notes.setObjectName("tie_notes")
        self.notes.setMaximumHeight(110)
        tie_form = QFormLayout(tie_box)
        tie_form.addRow(pgettext("list import", "Kind of tie:"), self.kind)
        tie_form.addRow(pgettext("list import", "Weight (amount):"), self.weight)
        tie_form.addRow(pgettext("list import", "Notes from:"), self.notes)
        hint = QLabel(
            pgettext(
                "list import",
                "Rows naming the same two organizations become one tie; their weights are "
                "added up. Without a weight column every row counts 1.",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.error = error_label(self, "columns_error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.ends_box)
        layout.addWidget(self.add_end, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(tie_box)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._columns: list[str] = []

    def initializePage(self) -> None:
        table = self.wiz.table
        if table is None:
            return
        if list(table.columns) == self._columns and self.end_rows:
            return  # coming back: keep the planner's choices
        self._columns = list(table.columns)
        self.error.hide()
        mapping = self.wiz.saved_mapping
        if mapping is None or any(table.column_index(c) is None for _k, c in mapping.columns()):
            if mapping is not None:
                missing = [c for _k, c in mapping.columns() if table.column_index(c) is None]
                self.error.setText(
                    pgettext(
                        "list import",
                        "The saved mapping names columns this list does not have ({columns}); "
                        "the columns were guessed instead.",
                    ).format(columns=", ".join(missing))
                )
                self.error.show()
            mapping = replace(
                guess_mapping(table),
                names=self.wiz.mapping.names,
                encoding=self.wiz.mapping.encoding,
            )
        self.wiz.mapping = mapping
        self.show_mapping(mapping)

    def show_mapping(self, mapping: ListMapping) -> None:
        for row in list(self.end_rows):
            self._remove_end_row(row)
        for end in mapping.ends or (End(self._columns[0], Sector.COMPANY),):
            self._add_end_row(end)
        while len(self.end_rows) < 2:
            self._add_end_row(None)
        self.kind.clear()
        for kind in TieKind:
            self.kind.addItem(kind.label, ("fixed", kind))
        for column in self._columns:
            self.kind.addItem(
                pgettext("list import", "From column “{column}”").format(column=column),
                ("column", column),
            )
        if mapping.tie.kind_column:
            self._select(self.kind, ("column", mapping.tie.kind_column))
        else:
            self._select(self.kind, ("fixed", mapping.tie.kind or TieKind.COLLABORATION))
        self.weight.clear()
        self.weight.addItem(pgettext("list import", "None (each row counts 1)"), NONE)
        for column in self._columns:
            self.weight.addItem(column, ("column", column))
        self._select(self.weight, ("column", mapping.tie.weight_column))
        self.notes.clear()
        for column in self._columns:
            item = QListWidgetItem(column, self.notes)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = column in mapping.tie.notes_columns
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        for index in range(combo.count()):
            if combo.itemData(index) == data:
                combo.setCurrentIndex(index)
                return

    def _add_end_row(self, end: End | None) -> None:
        n = len(self.end_rows) + 1
        name = QComboBox(self.ends_box)
        name.setObjectName(f"end_name_{n}")
        name.addItems(self._columns)
        sector = QComboBox(self.ends_box)
        sector.setObjectName(f"end_sector_{n}")
        for s in Sector:
            sector.addItem(sector_icon(s, 16), s.label, ("fixed", s))
        for column in self._columns:
            sector.addItem(
                pgettext("list import", "From column “{column}”").format(column=column),
                ("column", column),
            )
        address = QComboBox(self.ends_box)
        address.setObjectName(f"end_address_{n}")
        address.addItem(pgettext("list import", "None"), NONE)
        for column in self._columns:
            address.addItem(column, ("column", column))
        remove = QPushButton(pgettext("list import", "Remove"), self.ends_box)
        remove.setObjectName(f"end_remove_{n}")
        row = (name, sector, address, remove)
        remove.clicked.connect(lambda: self._remove_end_row(row))
        if end is not None:
            name.setCurrentText(end.name)
            if end.sector_column:
                self._select(sector, ("column", end.sector_column))
            else:
                self._select(sector, ("fixed", end.sector or Sector.COMPANY))
            self._select(address, ("column", end.location_column))
        else:
            name.setCurrentIndex(min(n - 1, len(self._columns) - 1))
            self._select(sector, ("fixed", Sector.COMPANY))
        for position, widget in enumerate(row):
            self.ends_grid.addWidget(widget, n, position)
        self.end_rows.append(row)
        self._update_remove_buttons()

    def _remove_end_row(self, row: tuple[QComboBox, QComboBox, QComboBox, QPushButton]) -> None:
        if row not in self.end_rows:
            return
        self.end_rows.remove(row)
        for gone in row:
            self.ends_grid.removeWidget(gone)
            gone.deleteLater()
        remaining = list(self.end_rows)
        self.end_rows.clear()
        for n, widgets in enumerate(remaining, start=1):
            for position, widget in enumerate(widgets):
                self.ends_grid.addWidget(widget, n, position)
            self.end_rows.append(widgets)
        self._update_remove_buttons()

    def _update_remove_buttons(self) -> None:
        for *_rest, remove in self.end_rows:
            remove.setEnabled(len(self.end_rows) > 1)

    def mapping(self, base: ListMapping) -> ListMapping:
        """`base` (region, names, sheet) with the columns chosen here."""
        ends = []
        for name, sector, address, _remove in self.end_rows:
            how, value = sector.currentData()
            _a, location = address.currentData()
            ends.append(
                End(
                    name=name.currentText(),
                    sector=value if how == "fixed" else None,
                    sector_column=value if how == "column" else None,
                    location_column=location,
                )
            )
        how, value = self.kind.currentData()
        _w, weight = self.weight.currentData()
        notes = tuple(
            self.notes.item(i).text()
            for i in range(self.notes.count())
            if self.notes.item(i).checkState() == Qt.CheckState.Checked
        )
        rule = TieRule(
            kind=value if how == "fixed" else TieKind.COLLABORATION,
            kind_column=value if how == "column" else None,
            weight_column=weight,
            notes_columns=notes,
            kind_words=base.tie.kind_words,
        )
        old_ends = {e.name: e for e in base.ends}
        ends = [
            End(e.name, e.sector, e.sector_column, e.location_column, old_ends[e.name].sector_words)
            if e.name in old_ends
            else e
            for e in ends
        ]
        return ListMapping(
            ends=tuple(ends),
            tie=rule,
            places=base.places,
            default_location=base.default_location,
            names=base.names,
            sheet=base.sheet,
            header_row=base.header_row,
            encoding=base.encoding,
        )

    def validatePage(self) -> bool:
        names = [row[0].currentText() for row in self.end_rows]
        if len(set(names)) != len(names):
            self.error.setText(
                pgettext("list import", "Each column of names can be chosen only once.")
            )
            self.error.show()
            return False
        self.error.hide()
        self.wiz.mapping = self.mapping(self.wiz.mapping)
        return True


class RegionPage(QWizardPage):
    """Which places make up the region: an address naming one of them is in the region."""

    def __init__(self, wizard: ListImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(pgettext("list import", "The region"))
        self.setSubTitle(
            pgettext(
                "list import",
                "Name the cities, towns and villages of the region. An organization whose "
                "address contains one of them is in the region; one elsewhere in Japan is "
                "domestic, one abroad is overseas.",
            )
        )
        self.places = QPlainTextEdit(self)
        self.places.setObjectName("region_places")
        self.places.setPlaceholderText(pgettext("list import", "One place a line, e.g. 浜松市"))
        self.found = QListWidget(self)
        self.found.setObjectName("region_found")
        self.found.itemChanged.connect(self._found_toggled)
        self.default = QComboBox(self)
        self.default.setObjectName("region_default")
        for location in Location:
            self.default.addItem(location.label, location.value)
        left = QVBoxLayout()
        left.addWidget(QLabel(pgettext("list import", "Places of the region:"), self))
        left.addWidget(self.places, 1)
        right = QVBoxLayout()
        right.addWidget(
            QLabel(pgettext("list import", "Places found in the addresses (tick to add):"), self)
        )
        right.addWidget(self.found, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        form = QFormLayout()
        form.addRow(pgettext("list import", "Organizations without an address are:"), self.default)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(form)
        self._filling = False

    def initializePage(self) -> None:
        mapping = self.wiz.mapping
        table = self.wiz.table
        self._filling = True
        self.places.setPlainText("\n".join(mapping.places))
        self.default.setCurrentIndex(max(0, self.default.findData(mapping.default_location.value)))
        self.found.clear()
        if table is not None:
            for place, count in place_counts(table, mapping.ends).most_common(40):
                item = QListWidgetItem(
                    pgettext("list import", "{place} ({count} rows)").format(
                        place=place, count=count
                    ),
                    self.found,
                )
                item.setData(Qt.ItemDataRole.UserRole, place)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = place in mapping.places
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._filling = False

    def _found_toggled(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        place = item.data(Qt.ItemDataRole.UserRole)
        places = self.place_list()
        if item.checkState() == Qt.CheckState.Checked and place not in places:
            places.append(place)
        elif item.checkState() != Qt.CheckState.Checked and place in places:
            places.remove(place)
        self.places.setPlainText("\n".join(places))

    def place_list(self) -> list[str]:
        lines = (line.strip() for line in self.places.toPlainText().splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def validatePage(self) -> bool:
        mapping = self.wiz.mapping
        self.wiz.mapping = ListMapping(
            ends=mapping.ends,
            tie=mapping.tie,
            places=tuple(self.place_list()),
            default_location=Location(self.default.currentData()),
            names=mapping.names,
            sheet=mapping.sheet,
            header_row=mapping.header_row,
            encoding=mapping.encoding,
        )
        return True


def header_fixed(table: QTableWidget) -> None:
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
