"""File ▸ Import and File ▸ Export for the CSV files (actors, ties, groups) and JSON.

Kept apart from the project operations (window_ops.py) because a file read or written here
never changes the project until the user has named the new design; the single-file formats
of other programs have their own module (interchange_dialogs.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from cluster_designer.i18n import N_, _
from cluster_designer.io import read_csv_pair, read_json, write_csv_pair, write_json
from cluster_designer.io.choices import ImportChoices, ImportReport
from cluster_designer.model import ClusterError, Design

from . import import_choices
from .dialogs import ask_design_name, unique_name

if TYPE_CHECKING:
    from .main_window import MainWindow

# File-dialog filters, marked with N_() and translated where a dialog is opened.
CSV_FILTER = N_("CSV files (*.csv);;All files (*)")
JSON_FILTER = N_("JSON files (*.json);;All files (*)")


class CsvJsonOps:
    """What File ▸ Import ▸ CSV/JSON and File ▸ Export ▸ CSV/JSON do for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document = window.document

    def _error(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.window, title, str(exc))

    # --- import ------------------------------------------------------------------------
    def import_csv(self) -> None:
        actors, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Import: Choose the Actors File"),
            self.window.ops.start_dir(),
            _(CSV_FILTER),
        )
        if not actors:
            return
        guess = Path(actors).with_name(Path(actors).name.replace("actors", "ties"))
        ties, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Import: Choose the Ties File (Cancel for none)"),
            str(guess if guess.exists() and guess != Path(actors) else Path(actors).parent),
            _(CSV_FILTER),
        )
        groups = self._groups_file(actors)
        stem = Path(actors).stem.replace("actors", "").strip(" _-") or _("Imported")

        def read(choices: ImportChoices, report: ImportReport) -> Design:
            return read_csv_pair(
                actors,
                ties or None,
                stem,
                choices=choices,
                report=report,
                groups_path=groups or None,
            )

        try:
            got = import_choices.read_with_the_user(self.window, Path(actors), read)
        except ClusterError as exc:
            self._error(_("Cannot import"), exc)
            return
        if got is None:
            return
        design = got[0]
        self._import(lambda name: _renamed(design, name), stem, actors)

    def _groups_file(self, actors: str) -> str:
        """The optional third file of a CSV import: the design's groups ("" for none)."""
        guess = _beside(Path(actors), "groups")
        groups, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Import: Choose the Groups File (Cancel for none)"),
            str(guess if guess.exists() else Path(actors).parent),
            _(CSV_FILTER),
        )
        return groups

    def import_json(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import JSON"), self.window.ops.start_dir(), _(JSON_FILTER)
        )
        if path:
            self._import(lambda name: read_json(path, name), Path(path).stem, path)

    def _import(self, read: Callable[[str], Design], default: str, path: str) -> bool:
        ops, project = self.window.ops, self.document.project
        if project is None:
            return False
        names = project.design_names()
        name = ask_design_name(
            self.window,
            _("Import Design"),
            _("Name of the new design:"),
            unique_name(default, names),
            names,
        )
        if name is None:
            return False
        try:
            design = read(name)
            project.import_design(design)
        except ClusterError as exc:
            self._error(_("Cannot import"), exc)
            return False
        ops.remember_dir(path)
        ops.refresh_designs()
        return ops.switch_design(name)

    # --- export ------------------------------------------------------------------------
    def export_csv(self) -> None:
        design = self.document.design
        if design is None:
            return
        actors, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Export: Actors File"),
            str(Path(self.window.ops.start_dir()) / f"{design.name} actors.csv"),
            _(CSV_FILTER),
        )
        if not actors:
            return
        actors_path = Path(actors)
        ties_path = _beside(actors_path, "ties")
        # The groups go beside the pair when the design has any (the status bar says so).
        groups_path = _beside(actors_path, "groups") if design.groups else None
        for other in (ties_path, groups_path):
            if other is None or not other.exists():
                continue
            answer = QMessageBox.question(
                self.window,
                _("Export"),
                _("{name} already exists. Replace it?").format(name=other.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if groups_path is None:
            what = _("{actors} and {ties}").format(actors=actors_path.name, ties=ties_path.name)
        else:
            what = _("{actors}, {ties} and the groups in {groups}").format(
                actors=actors_path.name, ties=ties_path.name, groups=groups_path.name
            )
        self._export(
            lambda: write_csv_pair(design, actors_path, ties_path, groups_path),
            what,
            actors_path,
        )

    def export_json(self) -> None:
        design = self.document.design
        if design is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Export JSON"),
            str(Path(self.window.ops.start_dir()) / f"{design.name}.json"),
            _(JSON_FILTER),
        )
        if path:
            self._export(lambda: write_json(design, path), Path(path).name, Path(path))

    def _export(self, write: Callable[[], None], what: str, path: Path) -> None:
        try:
            write()
        except (ClusterError, OSError) as exc:
            self._error(_("Cannot export"), exc)
            return
        self.window.ops.remember_dir(path)
        self.window.statusBar().showMessage(_("Exported {what}").format(what=what), 5000)


def _renamed(design: Design, name: str) -> Design:
    """The design read before the user named it, under the name chosen."""
    if design.name != name:
        design.set_meta(name=name)
    return design


def _beside(actors: Path, what: str) -> Path:
    """The ties or groups file next to an actors file: `actors` in its name replaced by
    `what`, else `<stem> <what>.csv`."""
    name = actors.name
    if "actors" in name:
        return actors.with_name(name.replace("actors", what))
    return actors.with_name(f"{actors.stem} {what}.csv")
