"""Saving a figure tab's picture (the Concept and Trend tabs): ask where, then write it.

One place for what both tabs do: a file name made safe for every system from a suggested
stem, the last folder used, a suffix added from the chosen filter when the name has none,
and a write that reports failure in a message box and success in the status bar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError

if TYPE_CHECKING:
    from .main_window import MainWindow

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def ask_figure_path(
    parent: QWidget,
    window: MainWindow,
    title: str,
    stem: str,
    fallback_stem: str,
    filters: Sequence[tuple[str, str]],
) -> Path | None:
    """The file to write, or None when cancelled. `filters`: (filter text, suffix), the
    first one suggested; a name without one of those suffixes gets the chosen filter's."""
    suffixes = [suffix for _text, suffix in filters]
    safe = _UNSAFE.sub("_", stem).strip() or fallback_stem
    folder = window.settings.last_directory()
    name = f"{safe}{suffixes[0]}"
    suggested = str(Path(folder) / name) if folder else name
    texts = ";;".join(text for text, _suffix in filters)
    answer, chosen = QFileDialog.getSaveFileName(parent, title, suggested, texts)
    if not answer:
        return None
    path = Path(answer)
    if path.suffix.lower() not in suffixes:
        suffix = next((s for text, s in filters if text == chosen), suffixes[0])
        path = path.with_name(path.name + suffix)
    return path


def write_figure(
    parent: QWidget, window: MainWindow, path: Path, write: Callable[[Path], object]
) -> Path | None:
    """`write(path)`; a failure said in a message box (None), success in the status bar."""
    try:
        write(path)
    except (OSError, ClusterError) as error:
        QMessageBox.warning(parent, _("Export failed"), str(error))
        return None
    window.settings.set_last_directory(path.parent)
    window.statusBar().showMessage(_("Wrote {path}").format(path=path), 6000)
    return path
