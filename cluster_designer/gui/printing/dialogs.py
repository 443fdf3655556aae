"""Small option dialogs: page setup for print and PDF, and size/background for PNG export."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, pgettext

from .options import MAX_POSTER_SIDE, PAGE_SIZES, PageOptions


class PrintOptionsDialog(QDialog):
    """Paper, margins, title-block texts, the metrics page and poster tiling in one place."""

    def __init__(
        self, options: PageOptions, parent: QWidget | None = None, ok_text: str = "OK"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("print_options_dialog")
        self.setWindowTitle(_("Page Setup"))
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("page_size_combo")
        shown = {  # "Letter" is レター in Japanese; A4 and A3 read the same
            "A4": pgettext("paper size", "A4"),
            "A3": pgettext("paper size", "A3"),
            "Letter": pgettext("paper size", "Letter"),
        }
        for size in PAGE_SIZES:
            self.page_size.addItem(shown.get(size, size), size)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(options.page_size)))
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("orientation_combo")
        self.orientation.addItems([_("Landscape"), _("Portrait")])
        self.orientation.setCurrentIndex(0 if options.landscape else 1)
        self.margin = _double_spin(self, "margin_spin", 3, 40, options.margin_mm, " mm")
        self.author = QLineEdit(options.author, self)
        self.author.setObjectName("author_edit")
        self.author.setPlaceholderText(_("e.g. Regional Planning Office"))
        self.note = QLineEdit(options.note, self)
        self.note.setObjectName("note_edit")
        self.note.setPlaceholderText(_("e.g. Draft for the council meeting"))
        self.metrics = QCheckBox(_("Add a page of key metrics and diagnosis"), self)
        self.metrics.setObjectName("metrics_check")
        self.metrics.setChecked(options.include_metrics)
        self.dynamics = QCheckBox(
            _("…with the region's dynamics: roles, chain reaction, resilience curve, suggestions"),
            self,
        )
        self.dynamics.setObjectName("dynamics_check")
        self.dynamics.setChecked(options.include_dynamics)
        self.dynamics.setEnabled(options.include_metrics)
        self.metrics.toggled.connect(self.dynamics.setEnabled)

        form = QFormLayout()
        form.addRow(_("Paper size:"), self.page_size)
        form.addRow(_("Orientation:"), self.orientation)
        form.addRow(_("Margins:"), self.margin)
        form.addRow(_("Prepared by:"), self.author)
        form.addRow(_("Note:"), self.note)

        self.poster = QGroupBox(_("Poster: tile the diagram over several pages"), self)
        self.poster.setObjectName("poster_group")
        self.poster.setCheckable(True)
        self.poster.setChecked(options.is_poster)
        self.columns = _spin(
            self, "poster_columns_spin", options.poster_columns if options.is_poster else 2
        )
        self.rows = _spin(self, "poster_rows_spin", options.poster_rows if options.is_poster else 2)
        self.overlap = _double_spin(self, "overlap_spin", 0, 30, options.overlap_mm, " mm")
        tiles = QHBoxLayout()
        tiles.addWidget(self.columns)
        tiles.addWidget(QLabel(_("pages across ×"), self))
        tiles.addWidget(self.rows)
        tiles.addWidget(QLabel(_("pages down"), self))
        tiles.addStretch(1)
        poster_form = QFormLayout(self.poster)
        poster_form.addRow(_("Tiles:"), tiles)
        poster_form.addRow(_("Overlap (marked for gluing):"), self.overlap)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.metrics)
        layout.addWidget(self.dynamics)
        layout.addWidget(self.poster)
        layout.addWidget(buttons)

    def options(self) -> PageOptions:
        poster = self.poster.isChecked()
        return PageOptions(
            page_size=str(self.page_size.currentData()),
            landscape=self.orientation.currentIndex() == 0,
            margin_mm=self.margin.value(),
            author=self.author.text().strip(),
            note=self.note.text().strip(),
            include_metrics=self.metrics.isChecked(),
            include_dynamics=self.metrics.isChecked() and self.dynamics.isChecked(),
            poster_columns=self.columns.value() if poster else 1,
            poster_rows=self.rows.value() if poster else 1,
            overlap_mm=self.overlap.value(),
        )


@dataclass(frozen=True, slots=True)
class PngOptions:
    dpi: int = 150
    width_px: int | None = None
    transparent: bool = False


class PngOptionsDialog(QDialog):
    """Size by resolution or by exact width, and a white or transparent background."""

    def __init__(self, options: PngOptions | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        options = options or PngOptions()
        self.setObjectName("png_options_dialog")
        self.setWindowTitle(_("Export Diagram as PNG"))
        self.by_dpi = QRadioButton(_("Resolution:"), self)
        self.by_dpi.setObjectName("png_by_dpi_radio")
        self.by_width = QRadioButton(_("Width:"), self)
        self.by_width.setObjectName("png_by_width_radio")
        group = QButtonGroup(self)
        group.addButton(self.by_dpi)
        group.addButton(self.by_width)
        self.dpi = QSpinBox(self)
        self.dpi.setObjectName("png_dpi_spin")
        self.dpi.setRange(24, 1200)
        self.dpi.setSuffix(_(" dpi"))
        self.dpi.setValue(options.dpi)
        self.width_px = QSpinBox(self)
        self.width_px.setObjectName("png_width_spin")
        self.width_px.setRange(200, 20_000)
        self.width_px.setSuffix(_(" px"))
        self.width_px.setValue(options.width_px or 1920)
        (self.by_width if options.width_px else self.by_dpi).setChecked(True)
        self.transparent = QCheckBox(_("Transparent background (for slides)"), self)
        self.transparent.setObjectName("png_transparent_check")
        self.transparent.setChecked(options.transparent)
        self.by_dpi.toggled.connect(self._sync)
        form = QFormLayout()
        form.addRow(self.by_dpi, self.dpi)
        form.addRow(self.by_width, self.width_px)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.transparent)
        layout.addWidget(buttons)
        self._sync()

    def _sync(self) -> None:
        self.dpi.setEnabled(self.by_dpi.isChecked())
        self.width_px.setEnabled(self.by_width.isChecked())

    def options(self) -> PngOptions:
        return PngOptions(
            dpi=self.dpi.value(),
            width_px=self.width_px.value() if self.by_width.isChecked() else None,
            transparent=self.transparent.isChecked(),
        )


def _spin(parent: QWidget, name: str, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(1, MAX_POSTER_SIDE)
    spin.setValue(value)
    return spin


def _double_spin(
    parent: QWidget, name: str, low: float, high: float, value: float, suffix: str
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setDecimals(0)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin
