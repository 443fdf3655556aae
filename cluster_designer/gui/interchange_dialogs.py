"""File ▸ Import and File ▸ Export for the single-file formats (GraphML, GEXF, Excel workbook).

The file is read completely before the project is touched. A file from another program that
leaves sectors, tie kinds or repeated ties open goes through the import dialog
(gui/import_choices.py), where the user says what it means and sees what the import makes;
Cancel imports nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from cluster_designer.i18n import _
from cluster_designer.io import FORMATS, file_format, read_design_file, write_design_file
from cluster_designer.model import ClusterError, Design

from . import import_choices
from .dialogs import ask_design_name, unique_name

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


class InterchangeOps:
    """What File ▸ Import ▸ GraphML/GEXF/Excel and File ▸ Export ▸ … do for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.notes: list[str] = []
        """What the last import assumed or changed (the import dialog showed it too)."""

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
        """The design in the file; a file that leaves sectors, kinds or repeated ties open is
        shown in the import dialog first. None if refused or cancelled."""
        name = Path(path).name
        try:
            if not file_format(path).takes_choices:
                return read_design_file(path)
            read = import_choices.read_with_the_user(self.window, Path(path))
            if read is None:
                return None
            design, report = read
            self.notes = report.lines()
            return design
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
