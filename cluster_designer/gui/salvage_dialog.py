"""A damaged project: say so plainly and offer to copy what can still be read into a new one.

The reading runs off the window's thread (a big damaged file takes a while) behind a busy
dialog; the damaged file itself is never changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError
from cluster_designer.storage import DamagedProjectError, SalvageReport, salvage

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


class _SalvageThread(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, damaged: Path, out: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.damaged, self.out = damaged, out

    def run(self) -> None:
        try:
            self.succeeded.emit(salvage(self.damaged, self.out))
        except ClusterError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{self.out}: {exc.strerror or exc}")


def run_salvage(parent: QWidget | None, damaged: Path, out: Path) -> SalvageReport | str:
    """Salvage in a worker thread behind a busy dialog; the report, or the error text."""
    outcome: list[SalvageReport | str] = []
    loop = QEventLoop()
    thread = _SalvageThread(damaged, out)
    thread.succeeded.connect(outcome.append)
    thread.failed.connect(outcome.append)
    thread.finished.connect(loop.quit)
    busy = QProgressDialog(
        _("Reading what can be read from {name}…").format(name=damaged.name), "", 0, 0, parent
    )
    busy.setObjectName("salvageProgress")
    busy.setWindowTitle(_("Recovering"))
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    thread.start()
    if not thread.isFinished():
        loop.exec()
    thread.wait()
    busy.close()
    busy.deleteLater()
    thread.deleteLater()
    return outcome[0] if outcome else _("the recovery stopped unexpectedly")


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
