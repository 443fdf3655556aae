"""A damaged project: say so plainly and offer to copy what can still be read into a new one.

The reading runs off the window's thread (a big damaged file takes a while) behind a busy
dialog (`background.run_in_background`: a plain thread, no QThread to outlive its owner);
the damaged file itself is never changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError
from cluster_designer.storage import DamagedProjectError, SalvageReport, salvage

from .background import run_in_background

PROJECT_FILTER_TEXT = "Cluster Designer projects (*.cluster)"


def ask_recover(parent: QWidget | None, error: DamagedProjectError) -> bool:
    """'This project is damaged' with Recover as the suggested answer."""
    box = QMessageBox(parent)
    box.setObjectName("damagedProjectBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Damaged Project"))
    box.setText(_("{name} is damaged and cannot be opened.").format(name=error.path.name))
    box.setInformativeText(
        _(
            "The file was not changed. Cluster Designer can copy every design, actor and tie "
            "that can still be read into a new project file.\n\nDetails: {reason}"
        ).format(reason=error.reason)
    )
    recover = box.addButton(_("Recover What Can Be Read…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(recover)
    box.exec()
    return box.clickedButton() is recover


def run_salvage(parent: QWidget | None, damaged: Path, out: Path) -> SalvageReport | str:
    """Salvage on a worker thread behind a busy dialog; the report, or the error text."""
    text = _("Reading what can be read from {name}…").format(name=damaged.name)
    try:
        return run_in_background(parent, lambda: salvage(damaged, out), text)
    except ClusterError as exc:
        return str(exc)
    except OSError as exc:
        return f"{out}: {exc.strerror or exc}"


def recover_damaged_project(parent: QWidget | None, error: DamagedProjectError) -> Path | None:
    """Ask, choose a new file, salvage into it; the new project's path, or None."""
    if not ask_recover(parent, error):
        return None
    suggested = error.path.with_name(_("{stem} (recovered).cluster").format(stem=error.path.stem))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save Recovered Project As"), str(suggested), PROJECT_FILTER_TEXT
    )
    if not chosen:
        return None
    out = Path(chosen)
    if out.suffix != ".cluster":
        out = out.with_name(out.name + ".cluster")
    result = run_salvage(parent, error.path, out)
    if isinstance(result, str):
        QMessageBox.warning(parent, _("Cannot recover"), result)
        return None
    lost_actors = sum(d.lost_actors for d in result.designs)
    lost_ties = sum(d.lost_ties for d in result.designs)
    if lost_actors or lost_ties or result.unreadable_rows:
        QMessageBox.warning(
            parent,
            _("Recovered in part"),
            _(
                "{name} holds the {designs} recovered designs, but some rows could not be "
                "read: {actors} of the actors and {ties} of the ties. Check the recovered "
                "designs before you delete the damaged file."
            ).format(
                designs=len(result.designs), name=out.name, actors=lost_actors, ties=lost_ties
            ),
        )
    return out
