"""Every window action declared once: object name, text, shortcut, tips and icon.

Tests and menus find actions by object name; texts live here so a translation touches one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from cluster_designer.i18n import N_, _
from cluster_designer.model import Sector, TieKind

from .icons import icon
from .style import sector_icon, tie_kind_icon

Key = QKeySequence.StandardKey
# A Japanese menu text carries its mnemonic in brackets: "保存(&S)".
_MNEMONIC = re.compile(r"\(&\w\)")


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
    ActionSpec(
        "file_new_project", N_("&New Project…"), N_("Create a new project file"), "new", (Key.New,)
    ),
    ActionSpec(
        "file_open_project",
        N_("&Open Project…"),
        N_("Open a project file (.cluster)"),
        "open",
        (Key.Open,),
    ),
    ActionSpec(
        "file_save",
        N_("&Save"),
        N_("Save the current design into the project"),
        "save",
        (Key.Save,),
    ),
    ActionSpec(
        "file_save_as",
        N_("Save Project &As…"),
        N_("Save a copy of the project under another name and continue in the copy"),
        "",
        (Key.SaveAs,),
    ),
    ActionSpec(
        "file_import_csv",
        N_("CSV Pair (actors + ties)…"),
        N_("Import actors.csv and ties.csv as a new design"),
        "",
    ),
    ActionSpec(
        "file_import_json", N_("JSON…"), N_("Import a design from a Cluster Designer JSON file"), ""
    ),
    ActionSpec(
        "file_export_csv",
        N_("CSV Pair (actors + ties)…"),
        N_("Export the current design as actors.csv and ties.csv"),
        "",
    ),
    ActionSpec("file_export_json", N_("JSON…"), N_("Export the current design as a JSON file"), ""),
    ActionSpec(
        "file_import_graphml",
        N_("GraphML…"),
        N_("Import a design from a GraphML file (yEd, Cytoscape, Gephi, networkx)"),
        "",
    ),
    ActionSpec("file_import_gexf", N_("GEXF…"), N_("Import a design from a GEXF file (Gephi)"), ""),
    ActionSpec(
        "file_import_xlsx",
        N_("Excel Workbook…"),
        N_("Import a design from an Excel workbook with sheets 'actors' and 'ties'"),
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
        N_("GraphML…"),
        N_("Export the current design for yEd, Cytoscape or Gephi"),
        "",
    ),
    ActionSpec("file_export_gexf", N_("GEXF…"), N_("Export the current design for Gephi"), ""),
    ActionSpec(
        "file_export_xlsx",
        N_("Excel Workbook…"),
        N_("Export the current design as an Excel workbook (sheets 'actors' and 'ties')"),
        "",
    ),
    ActionSpec(
        "file_open_repository",
        N_("Open &Team Repository…"),
        N_("Open a project shared on a PostgreSQL server"),
        "",
    ),
    ActionSpec(
        "file_copy_design_to",
        N_("&Copy Design To…"),
        N_("Copy the current design into another project file or repository"),
        "",
    ),
    ActionSpec(
        "file_copy_design_from",
        N_("Copy Design &From…"),
        N_("Copy a design from another project file or repository into this project"),
        "",
    ),
    ActionSpec(
        "file_clear_recent",
        N_("Clear Recent Projects"),
        N_("Forget the list of recently opened projects"),
        "",
    ),
    ActionSpec(
        "file_quit",
        N_("&Quit"),
        N_("Quit Cluster Designer"),
        "",
        (Key.Quit, "Ctrl+Q"),
        role=QAction.MenuRole.QuitRole,
    ),
    # Edit
    ActionSpec("edit_undo", N_("&Undo"), N_("Undo the last change"), "undo", (Key.Undo,)),
    ActionSpec("edit_redo", N_("&Redo"), N_("Redo the last undone change"), "redo", (Key.Redo,)),
    ActionSpec("edit_cut", N_("Cu&t"), N_("Cut the selected actors and ties"), "", (Key.Cut,)),
    ActionSpec(
        "edit_copy", N_("&Copy"), N_("Copy the selected actors and ties"), "copy", (Key.Copy,)
    ),
    ActionSpec("edit_paste", N_("&Paste"), N_("Paste actors and ties"), "", (Key.Paste,)),
    ActionSpec(
        "edit_duplicate",
        N_("D&uplicate"),
        N_("Duplicate the selected actors and the ties among them"),
        "",
        ("Ctrl+D",),
    ),
    ActionSpec(
        "edit_delete",
        N_("&Delete"),
        N_("Delete the selection (ties of deleted actors go too)"),
        "delete",
        (Key.Delete,),
    ),
    ActionSpec(
        "edit_select_all", N_("Select &All"), N_("Select every actor and tie"), "", (Key.SelectAll,)
    ),
    ActionSpec(
        "edit_find_actor",
        N_("&Find Actor…"),
        N_("Find an actor by name or id and show it"),
        "find",
        (Key.Find,),
    ),
    ActionSpec(
        "edit_preferences",
        N_("Pr&eferences…"),
        N_("Language and other choices kept between sessions"),
        "",
        (Key.Preferences,),
        role=QAction.MenuRole.PreferencesRole,
    ),
    ActionSpec(
        "edit_toggle_pin",
        N_("Pin / Unpin"),
        N_("Pinned actors keep their place when a layout runs"),
        "pin",
        ("Ctrl+Shift+P",),
    ),
    ActionSpec(
        "group_new",
        N_("New &Group from Selection…"),
        N_("Make a group (consortium, joint research project, council…) of the selected actors"),
        "group",
        ("Ctrl+G",),
    ),
    ActionSpec(
        "align_left",
        N_("Left Edges"),
        N_("Align the selected actors on their left edges"),
        "align-left",
    ),
    ActionSpec(
        "align_hcenter",
        N_("Horizontal Centres"),
        N_("Align the selected actors on a vertical centre line"),
        "align-hcenter",
    ),
    ActionSpec(
        "align_right",
        N_("Right Edges"),
        N_("Align the selected actors on their right edges"),
        "align-right",
    ),
    ActionSpec(
        "align_top",
        N_("Top Edges"),
        N_("Align the selected actors on their top edges"),
        "align-top",
    ),
    ActionSpec(
        "align_vcenter",
        N_("Vertical Centres"),
        N_("Align the selected actors on a horizontal centre line"),
        "align-vcenter",
    ),
    ActionSpec(
        "align_bottom",
        N_("Bottom Edges"),
        N_("Align the selected actors on their bottom edges"),
        "align-bottom",
    ),
    ActionSpec(
        "distribute_horizontal",
        N_("Horizontally"),
        N_("Space the selected actors evenly from left to right"),
        "distribute-horizontal",
    ),
    ActionSpec(
        "distribute_vertical",
        N_("Vertically"),
        N_("Space the selected actors evenly from top to bottom"),
        "distribute-vertical",
    ),
    # View
    ActionSpec("view_zoom_in", N_("Zoom &In"), N_("Zoom in"), "zoom-in", (Key.ZoomIn, "Ctrl+=")),
    ActionSpec("view_zoom_out", N_("Zoom &Out"), N_("Zoom out"), "zoom-out", (Key.ZoomOut,)),
    ActionSpec(
        "view_zoom_reset",
        N_("&Actual Size"),
        N_("Show the map at 100 %"),
        "zoom-reset",
        ("Ctrl+0",),
    ),
    ActionSpec(
        "view_fit",
        N_("&Fit to Window"),
        N_("Zoom so that the whole design is visible"),
        "fit",
        ("Ctrl+Shift+F",),
    ),
    ActionSpec(
        "view_grid",
        N_("Show &Grid"),
        N_("Show the alignment grid"),
        "grid",
        ("Ctrl+'",),
        checkable=True,
    ),
    ActionSpec(
        "view_snap",
        N_("&Snap to Grid"),
        N_("Place moved actors on grid points"),
        "snap",
        ("Ctrl+Shift+'",),
        checkable=True,
    ),
    ActionSpec(
        "view_legend",
        N_("Show &Legend"),
        N_("Show the legend of sectors and tie kinds"),
        "legend",
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "view_labels",
        N_("Show Actor &Names"),
        N_("Show the actors' names next to their shapes"),
        "labels",
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "view_groups",
        N_("Show &Groups"),
        N_("Draw each group as a soft outline around its members"),
        "group",
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "view_origins",
        N_("Show &Origins"),
        N_("Mark actors that moved in and link spin-offs to their parents"),
        "origin",
        checkable=True,
    ),
    # Design
    ActionSpec(
        "design_new",
        N_("&New Design…"),
        N_("Add an empty design to the project"),
        "design",
        ("Ctrl+Shift+N",),
    ),
    ActionSpec(
        "design_rename", N_("&Rename Design…"), N_("Rename the current design"), "", ("F2",)
    ),
    ActionSpec(
        "design_duplicate",
        N_("&Duplicate Design…"),
        N_("Copy the current design, e.g. to start a scenario"),
        "",
    ),
    ActionSpec(
        "design_delete", N_("De&lete Design…"), N_("Delete the current design from the project"), ""
    ),
    ActionSpec(
        "layout_sector_location",
        N_("By &Sector and Location"),
        N_("Place actors in groups by sector, outside actors around the region"),
        "layout-sector",
    ),
    ActionSpec(
        "layout_force",
        N_("&Force-Directed"),
        N_("Let connected actors pull together; pinned actors stay put"),
        "layout-force",
    ),
    # Help
    ActionSpec(
        "help_shortcuts",
        N_("&Keyboard Shortcuts"),
        N_("List every keyboard shortcut"),
        "",
        (Key.HelpContents,),
    ),
    ActionSpec(
        "help_user_guide",
        N_("&User Guide"),
        N_("Read the user guide that comes with Cluster Designer"),
        "",
    ),
    ActionSpec(
        "help_about",
        N_("&About Cluster Designer"),
        N_("Version and licence"),
        "",
        role=QAction.MenuRole.AboutRole,
    ),
    # Tools (palette)
    ActionSpec(
        "tool_select",
        N_("Select"),
        N_("Select and move actors and ties"),
        "select",
        ("V",),
        checkable=True,
        checked=True,
    ),
    ActionSpec(
        "tool_draw_tie",
        N_("Draw Tie"),
        N_("Drag from one actor to another to draw a tie of the chosen kind"),
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
    plain = _MNEMONIC.sub("", text).replace("&", "").rstrip("…")
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
                _("Add {sector}").format(sector=sector.label),
                _("Click on the map to add a {sector}").format(sector=sector.label.lower()),
                keys=(key,),
                checkable=True,
            )
            action = self._make(parent, spec, sector_icon(sector))
            # the toolbar shows "Support", the menu the full name
            action.setIconText(sector.label.split()[0])
            self.add_actor_actions[sector] = action
        for name in ("tool_select", *[n for n, _key in TOOL_SECTORS.values()], "tool_draw_tie"):
            self.tool_group.addAction(self[name])
        self.kind_group = QActionGroup(parent)
        self.kind_group.setExclusive(True)
        self.tie_kind_actions: dict[TieKind, QAction] = {}
        for kind in TieKind:
            if kind.directed:
                tip = _("Draw {kind} ties (source → target; weight in {unit})")
            else:
                tip = _("Draw {kind} ties (mutual; weight in {unit})")
            spec = ActionSpec(
                f"tie_kind_{kind.value}",
                kind.label,
                tip.format(kind=kind.label.lower(), unit=kind.unit),
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
        text, tip = _(spec.text), _(spec.tip)  # the table's texts are marked with N_()
        action = QAction(text, parent)
        action.setObjectName(spec.name)
        sequences: list[QKeySequence] = []
        for key in spec.keys:
            found = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
            sequences.extend(s for s in found if not s.isEmpty() and s not in sequences)
        if sequences:
            action.setShortcuts(sequences)
        if action_icon is not None:
            action.setIcon(action_icon)  # type: ignore[arg-type]
        action.setStatusTip(tip)
        action.setToolTip(
            _tooltip(tip if spec.name.startswith(("tool_", "tie_kind_")) else text, action)
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
