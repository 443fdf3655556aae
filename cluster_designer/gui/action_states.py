"""Which of the window's actions can act now, and what Undo and Redo would undo.

The rules sit in one place so that no action is left enabled where its slot would find nothing
to act on (no project, no design, too few actors selected to align or distribute).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence

from cluster_designer.i18n import _

from .actions import Actions
from .document import Document

# Action names (by prefix) that need an open design.
NEED_A_DESIGN = (
    "edit_",
    "align_",
    "distribute_",
    "view_zoom",
    "view_fit",
    "layout_",
    "tool_",
    "tie_kind_",
    "design_rename",
    "design_duplicate",
    "design_delete",
    "file_export",
    "file_save",
    "file_copy_design_to",
)


def enable_for_document(acts: Actions, document: Document) -> None:
    """After a project or design was opened or closed."""
    has_design = document.design is not None
    has_project = document.project is not None
    for name in acts.names():
        if name.startswith(NEED_A_DESIGN):
            acts[name].setEnabled(has_design)
    for name in ("design_new", "file_save_as", "file_copy_design_from"):
        acts[name].setEnabled(has_project)
    for name in (n for n in acts.names() if n.startswith("file_import")):
        acts[name].setEnabled(has_project)
    acts["file_save_as"].setEnabled(isinstance(document.project_path, Path))  # files only
    acts["edit_undo"].setEnabled(document.undo_stack.canUndo())
    acts["edit_redo"].setEnabled(document.undo_stack.canRedo())


def enable_for_selection(acts: Actions, actors: int, ties: int, has_design: bool) -> None:
    """After the selection changed: editing needs something selected, aligning two actors,
    distributing three."""
    for name in ("edit_cut", "edit_copy", "edit_duplicate", "edit_delete", "edit_toggle_pin"):
        acts[name].setEnabled(bool(actors or ties) and has_design)
    for name in acts.names():
        if name.startswith("align_"):
            acts[name].setEnabled(actors >= 2)
    for name in ("distribute_horizontal", "distribute_vertical"):
        acts[name].setEnabled(actors >= 3)


def show_undo_text(action: QAction, undo: bool, text: str) -> None:
    """'Undo Move 3 actors' in the menu and the tooltip, with the shortcut in the tooltip."""
    if undo:
        menu_text = _("&Undo {step}") if text else _("&Undo")
        tip = _("Undo {step}") if text else _("Undo")
    else:
        menu_text = _("&Redo {step}") if text else _("&Redo")
        tip = _("Redo {step}") if text else _("Redo")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setText(menu_text.format(step=text))
    action.setToolTip(f"{tip.format(step=text)} ({shortcut})")
