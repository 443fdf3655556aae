"""File ▸ Import and File ▸ Export for the single-file formats (GraphML, GEXF, Excel workbook).

The file is read completely before the project is touched; nodes whose sector cannot be
told are shown to the user, who chooses one sector for them (or cancels, importing nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, ngettext
from cluster_designer.io import FORMATS, SectorUnknownError, read_design_file, write_design_file
from cluster_designer.model import ClusterError, Design, Sector

from .dialogs import ask_design_name, unique_name
from .style import sector_icon

if TYPE_CHECKING:
    from .main_window import MainWindow

# The formats offered by File ▸ Import / Export as separate entries (JSON has its own).
INTERCHANGE_SUFFIXES: tuple[str, ...] = (".graphml", ".gexf", ".xlsx")


def format_filter(suffix: str) -> str:
    return _("{format} (*{suffix})").format(format=_(FORMATS[suffix].label), suffix=suffix)


def design_file_filters(first: str | None = None) -> tuple[str, str]:
    """One filter list for every single-file format: (all filters joined, the one to preselect)."""
    suffixes = list(FORMATS)
    if first in FORMATS:
        suffixes.remove(first)
        suffixes.insert(0, first)
    entries = [format_filter(s) for s in suffixes]
    patterns = " ".join(f"*{s}" for s in FORMATS)
    entries += [
        _("All design files ({patterns})").format(patterns=patterns),
        _("All files (*)"),
    ]
    return ";;".join(entries), entries[0]


class SectorDialog(QDialog):
    """'N nodes in file X have no sector we can recognise' — one sector for all of them."""

    def __init__(
        self,
        file_name: str,
        node_ids: Sequence[str],
        found: dict[str, str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sectorDialog")
        self.setWindowTitle(_("Unknown Sectors"))
        count = len(node_ids)
        intro = QLabel(
            ngettext(
                "<b>{count} node in {file} has no sector we can recognise:</b>",
                "<b>{count} nodes in {file} have no sector we can recognise:</b>",
                count,
            ).format(count=count, file=escape(file_name)),
            self,
        )
        intro.setWordWrap(True)
        listing = QListWidget(self)
        listing.setObjectName("sector_nodes")
        for node_id in node_ids:
            value = found.get(node_id)
            given = _("{node}   (sector given: “{value}”)").format(node=node_id, value=value)
            listing.addItem(given if value else node_id)
        listing.setMaximumHeight(min(200, 22 * count + 8))
        listing.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        ask = QLabel(_("Treat them as:"), self)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(listing)
        layout.addWidget(ask)
        for n, sector in enumerate(Sector):
            button = QRadioButton(sector.label, self)
            button.setObjectName(f"sector_{sector.value}")
            button.setIcon(sector_icon(sector, 16))
            button.setChecked(n == 0)
            self.group.addButton(button, n)
            layout.addWidget(button)
        hint = QLabel(_("You can change single actors afterwards in the Properties panel."), self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> Sector:
        return list(Sector)[max(0, self.group.checkedId())]

    def choose(self, sector: Sector) -> None:
        self.findChild(QRadioButton, f"sector_{sector.value}").setChecked(True)  # type: ignore[union-attr]


def ask_sector(parent: QWidget | None, file_name: str, error: SectorUnknownError) -> Sector | None:
    """The sector for every node the file leaves undetermined; None on Cancel."""
    dialog = SectorDialog(file_name, error.node_ids, error.found, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class InterchangeOps:
    """What File ▸ Import ▸ GraphML/GEXF/Excel and File ▸ Export ▸ … do for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def import_dialog(self, suffix: str) -> bool:
        filters, selected = design_file_filters(suffix)
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Import {format}").format(format=_(FORMATS[suffix].label)),
            self.window.ops.start_dir(),
            filters,
            selected,
        )
        return bool(path) and self.import_file(path)

    def read(self, path: str | Path) -> Design | None:
        """The design in the file, asking for a sector if needed; None if refused or cancelled."""
        name = Path(path).name
        try:
            try:
                return read_design_file(path)
            except SectorUnknownError as unknown:
                sector = ask_sector(self.window, name, unknown)
                if sector is None:
                    return None
                return read_design_file(path, sector_for=sector.value)
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot import"), str(exc))
        except OSError as exc:
            QMessageBox.warning(self.window, _("Cannot import"), f"{name}: {exc.strerror or exc}")
        return None

    def import_file(self, path: str | Path) -> bool:
        """Read the file, then add it to the open project as a new design and open it."""
        ops, project = self.window.ops, self.window.document.project
        if project is None:
            return False
        design = self.read(path)
        if design is None:
            return False
        names = project.design_names()
        default = unique_name(design.name or Path(path).stem, names)
        name = ask_design_name(
            self.window, _("Import Design"), _("Name of the new design:"), default, names
        )
        if name is None:
            return False
        if name != design.name:
            design.set_meta(name=name)
        try:
            project.import_design(design)
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot import"), str(exc))
            return False
        ops.remember_dir(path)
        ops.refresh_designs()
        opened = ops.switch_design(name)
        self.window.statusBar().showMessage(
            _("Imported “{name}” from {file}").format(name=name, file=Path(path).name), 5000
        )
        return opened

    def export_dialog(self, suffix: str) -> bool:
        design = self.window.document.design
        if design is None:
            return False
        filters, selected = design_file_filters(suffix)
        start = Path(self.window.ops.start_dir()) / f"{design.name}{suffix}"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            _("Export {format}").format(format=_(FORMATS[suffix].label)),
            str(start),
            filters,
            selected,
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() not in FORMATS:
            wanted = next((s for s in FORMATS if chosen == format_filter(s)), suffix)
            target = target.with_name(target.name + wanted)
        return self.export_file(target)

    def export_file(self, path: str | Path) -> bool:
        design = self.window.document.design
        if design is None:
            return False
        try:
            write_design_file(design, path)
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot export"), str(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(
                self.window, _("Cannot export"), f"{Path(path).name}: {exc.strerror or exc}"
            )
            return False
        self.window.ops.remember_dir(path)
        self.window.statusBar().showMessage(_("Exported {name}").format(name=Path(path).name), 5000)
        return True
