"""Every window action declared once: object name, text, shortcut, tips and icon.

Tests and menus find actions by object name; texts live here so a translation touches one file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from cluster_designer.i18n import N_
from cluster_designer.model import Sector, TieKind

from .icons import icon
from .style import sector_icon, tie_kind_icon

Key = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    tip: str
    icon: str = ""
    keys: tuple[Key | str, ...] = ()
    checkable: bool = False
    checked: bool = False
    role: QAction.MenuRole = QAction.MenuRole.NoRole


SPECS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("file_new_project", "&New Project…", "Create a new project file", "new", (Key.New,)),
    ActionSpec(
        "file_open_project", "&Open Project…", "Open a project file (.cluster)", "open", (Key.Open,)
    ),
    ActionSpec(
        "file_save", "&Save", "Save the current design into the project", "save", (Key.Save,)
    ),
    ActionSpec(
        "file_save_as",
        "Save Project &As…",
        "Save a copy of the project under another name and continue in the copy",
        "",
        (Key.SaveAs,),
    ),
    ActionSpec(
        "file_import_csv",
        "CSV Pair (actors + ties)…",
        "Import actors.csv and ties.csv as a new design",
        "",
    ),
    ActionSpec(
        "file_import_json", "JSON…", "Import a design from a Cluster Designer JSON file", ""
    ),
    ActionSpec(
        "file_export_csv",
        "CSV Pair (actors + ties)…",
        "Export the current design as actors.csv and ties.csv",
        "",
    ),
    ActionSpec("file_export_json", "JSON…", "Export the current design as a JSON file", ""),
    ActionSpec(
        "file_import_graphml",
        "GraphML…",
        "Import a design from a GraphML file (yEd, Cytoscape, Gephi, networkx)",
        "",
    ),
    ActionSpec("file_import_gexf", "GEXF…", "Import a design from a GEXF file (Gephi)", ""),
    ActionSpec(
        "file_import_xlsx",
        "Excel Workbook…",
        "Import a design from an Excel workbook with sheets 'actors' and 'ties'",
        "",
    ),
    ActionSpec(
        "file_import_list",
        N_("Import &List…"),
        N_("Make a design from a list of contracts, awards or members (CSV or Excel)"),
        "",
    ),
    ActionSpec(
        "file_export_graphml",
        "GraphML…",
        "Export the current design for yEd, Cytoscape or Gephi",
        "",
    ),
    ActionSpec("file_export_gexf", "GEXF…", "Export the current design for Gephi", ""),
    ActionSpec(
        "file_export_xlsx",
        "Excel Workbook…",
        "Export the current design as an Excel workbook (sheets 'actors' and 'ties')",
        "",
    ),
    ActionSpec(
        "file_open_repository",
        "Open &Team Repository…",
        "Open a project shared on a PostgreSQL server",
        "",
    ),
    ActionSpec(
        "file_copy_design_to",
        "&Copy Design To…",
        "Copy the current design into another project file or repository",
        "",
    ),
    ActionSpec(
        "file_copy_design_from",
        "Copy Design &From…",
        "Copy a design from another project file or repository into this project",
        "",
    ),
    ActionSpec(
        "file_clear_recent",
        "Clear Recent Projects",
        "Forget the list of recently opened projects",
        "",
    ),
    ActionSpec(
        "file_quit",
        "&Quit",
        "Quit Cluster Designer",
        "",
        (Key.Quit, "Ctrl+Q"),
        role=QAction.MenuRole.QuitRole,
    ),
    # Edit
    ActionSpec("edit_undo", "&Undo", "Undo the last change", "undo", (Key.Undo,)),
    ActionSpec("edit_redo", "&Redo", "Redo the last undone change", "redo", (Key.Redo,)),
    ActionSpec("edit_cut", "Cu&t", "Cut the selected actors and ties", "", (Key.Cut,)),
    ActionSpec("edit_copy", "&Copy", "Copy the selected actors and ties", "copy", (Key.Copy,)),
    ActionSpec("edit_paste", "&Paste", "Paste actors and ties", "", (Key.Paste,)),
    ActionSpec(
        "edit_duplicate",
        "D&uplicate",
        "Duplicate the selected actors and the ties among them",
        "",
        ("Ctrl+D",),
    ),
    ActionSpec(
        "edit_delete",
        "&Delete",
        "Delete the selection (ties of deleted actors go too)",
        "delete",
        (Key.Delete,),
    ),
    ActionSpec(
        "edit_select_all", "Select &All", "Select every actor and tie", "", (Key.SelectAll,)
    ),
    ActionSpec(
        "edit_find_actor",
        "&Find Actor…",
        "Find an actor by name or id and show it",
        "find",
        (Key.Find,),
    ),
    ActionSpec(
        "edit_toggle_pin",
        "Pin / Unpin",
        "Pinned actors keep their place when a layout runs",
        "pin",
        ("Ctrl+Shift+P",),
    ),
    ActionSpec(
        "align_left", "Left Edges", "Align the selected actors on their left edges", "align-left"
    ),
    ActionSpec(
        "align_hcenter",
        "Horizontal Centres",
        "Align the selected actors on a vertical centre line",
        "align-hcenter",
    ),
    ActionSpec(
        "align_right",
        "Right Edges",
        "Align the selected actors on their right edges",
        "align-right",
    ),
    ActionSpec(
        "align_top", "Top Edges", "Align the selected actors on their top edges", "align-top"
    ),
    ActionSpec(
        "align_vcenter",
        "Vertical Centres",
        "Align the selected actors on a horizontal centre line",
        "align-vcenter",
    ),
    ActionSpec(
        "align_bottom",
        "Bottom Edges",
        "Align the selected actors on their bottom edges",
        "align-bottom",
    ),
    ActionSpec(
        "distribute_horizontal",
        "Horizontally",
        "Space the selected actors evenly from left to right",
        "distribute-horizontal",
    ),
    ActionSpec(
        "distribute_vertical",
        "Vertically",
        "Space the selected actors evenly from top to bottom",
        "distribute-vertical",
    ),
    # View
    ActionSpec("view_zoom_in", "Zoom &In", "Zoom in", "zoom-in", (Key.ZoomIn, "Ctrl+=")),
    ActionSpec("view_zoom_out", "Zoom &Out", "Zoom out", "zoom-out", (Key.ZoomOut,)),
    ActionSpec(
        "view_zoom_reset", "&Actual Size", "Show the map at 100 %", "zoom-reset", ("Ctrl+0",)
    ),
    ActionSpec(
        "view_fit",
        "&Fit to Window",
        "Zoom so that the whole design is visible",
        "fit",
        ("Ctrl+Shift+F",),
    ),
    ActionSpec(
        "view_grid", "Show &Grid", "Show the alignment grid", "grid", ("Ctrl+'",), checkable=True
    ),
    ActionSpec(
        "view_snap",
        "&Snap to Grid",
        "Place moved actors on grid points",
        "snap",
        ("Ctrl+Shift+'",),
        checkable=True,
    ),
    ActionSpec(
        "view_legend",
        "Show &Legend",
        "Show the legend of sectors and tie kinds",
        "legend",
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "view_labels",
        "Show Actor &Names",
        "Show the actors' names next to their shapes",
        "labels",
        checkable=True,
        checked=True,
    ),
    # Design
    ActionSpec(
        "design_new",
        "&New Design…",
        "Add an empty design to the project",
        "design",
        ("Ctrl+Shift+N",),
    ),
    ActionSpec("design_rename", "&Rename Design…", "Rename the current design", "", ("F2",)),
    ActionSpec(
        "design_duplicate",
        "&Duplicate Design…",
        "Copy the current design, e.g. to start a scenario",
        "",
    ),
    ActionSpec(
        "design_delete", "De&lete Design…", "Delete the current design from the project", ""
    ),
    ActionSpec(
        "layout_sector_location",
        "By &Sector and Location",
        "Place actors in groups by sector, outside actors around the region",
        "layout-sector",
    ),
    ActionSpec(
        "layout_force",
        "&Force-Directed",
        "Let connected actors pull together; pinned actors stay put",
        "layout-force",
    ),
    # Help
    ActionSpec(
        "help_shortcuts",
        "&Keyboard Shortcuts",
        "List every keyboard shortcut",
        "",
        (Key.HelpContents,),
    ),
    ActionSpec(
        "help_user_guide",
        "&User Guide",
        "Read the user guide that comes with Cluster Designer",
        "",
    ),
    ActionSpec(
        "help_about",
        "&About Cluster Designer",
        "Version and licence",
        "",
        role=QAction.MenuRole.AboutRole,
    ),
    # Tools (palette)
    ActionSpec(
        "tool_select",
        "Select",
        "Select and move actors and ties",
        "select",
        ("V",),
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "tool_draw_tie",
        "Draw Tie",
        "Drag from one actor to another to draw a tie of the chosen kind",
        "tie",
        ("T",),
        checkable=True,
    ),
)

TOOL_SECTORS: dict[Sector, tuple[str, str]] = {
    Sector.UNIVERSITY: ("tool_add_university", "U"),
    Sector.COMPANY: ("tool_add_company", "C"),
    Sector.SUPPORT: ("tool_add_support", "S"),
}


def _tooltip(text: str, action: QAction) -> str:
    plain = text.replace("&", "").rstrip("…")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{plain} ({shortcut})" if shortcut else plain


class Actions:
    """All QActions of one window, by object name; tool and tie-kind actions are exclusive."""

    def __init__(self, parent: QObject) -> None:
        self._by_name: dict[str, QAction] = {}
        for spec in SPECS:
            self._make(parent, spec, icon(spec.icon) if spec.icon else None)
        self.tool_group = QActionGroup(parent)
        self.tool_group.setExclusive(True)
        self.add_actor_actions: dict[Sector, QAction] = {}
        for sector, (name, key) in TOOL_SECTORS.items():
            spec = ActionSpec(
                name,
                f"Add {sector.label}",
                f"Click on the map to add a {sector.label.lower()}",
                keys=(key,),
                checkable=True,
            )
            action = self._make(parent, spec, sector_icon(sector))
            action.setIconText(
                sector.label.split()[0]
            )  # the toolbar shows "Support", the menu the full name
            self.add_actor_actions[sector] = action
        for name in ("tool_select", *[n for n, _ in TOOL_SECTORS.values()], "tool_draw_tie"):
            self.tool_group.addAction(self[name])
        self.kind_group = QActionGroup(parent)
        self.kind_group.setExclusive(True)
        self.tie_kind_actions: dict[TieKind, QAction] = {}
        for kind in TieKind:
            arrow = "source → target" if kind.directed else "mutual"
            spec = ActionSpec(
                f"tie_kind_{kind.value}",
                kind.label,
                f"Draw {kind.label.lower()} ties ({arrow}; weight in {kind.unit})",
                checkable=True,
                checked=kind is TieKind.COLLABORATION,
            )
            action = self._make(parent, spec, tie_kind_icon(kind))
            action.setData(kind)
            self.kind_group.addAction(action)
            self.tie_kind_actions[kind] = action

    def _make(self, parent: QObject, spec: ActionSpec, action_icon: object | None) -> QAction:
        if spec.name in self._by_name:
            raise ValueError(f"action {spec.name!r} declared twice")
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        sequences: list[QKeySequence] = []
        for key in spec.keys:
            found = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
            sequences.extend(s for s in found if not s.isEmpty() and s not in sequences)
        if sequences:
            action.setShortcuts(sequences)
        if action_icon is not None:
            action.setIcon(action_icon)  # type: ignore[arg-type]
        action.setStatusTip(spec.tip)
        action.setToolTip(
            _tooltip(
                spec.tip if spec.name.startswith(("tool_", "tie_kind_")) else spec.text, action
            )
        )
        action.setCheckable(spec.checkable)
        action.setChecked(spec.checked)
        action.setMenuRole(spec.role)
        self._by_name[spec.name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self._by_name[name]

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return list(self._by_name)
