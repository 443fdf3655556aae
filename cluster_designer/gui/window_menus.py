"""The main window's menu bar and main toolbar, laid out from the declared actions.

The actions, their texts and shortcuts are declared once in actions.py; this module only says
where each one stands, so the order of every menu reads in one place. Extensions (evaluation,
printing, groups) add their entries later by the menus' object names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from cluster_designer.i18n import _

from .interchange_dialogs import INTERCHANGE_SUFFIXES

if TYPE_CHECKING:
    from .main_window import MainWindow

# The main toolbar's entries by action name; None is a separator.
MAIN_TOOLBAR: tuple[str | None, ...] = (
    "file_open_project",
    "file_save",
    None,
    "edit_undo",
    "edit_redo",
    None,
    "view_zoom_in",
    "view_zoom_out",
    "view_fit",
    None,
    "edit_find_actor",
)


def build_main_toolbar(window: MainWindow) -> QToolBar:
    main = QToolBar(_("Main"), window)
    main.setObjectName("main_toolbar")
    for name in MAIN_TOOLBAR:
        if name is None:
            main.addSeparator()
        else:
            main.addAction(window.acts[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, main)
    return main


def build_menus(window: MainWindow) -> None:
    """Fill the menu bar; sets the window's public menus (`menu_file` … `menu_help`,
    `recent_menu`, `file_print_anchor`)."""
    a = window.acts
    bar = window.menuBar()
    file_menu = window.menu_file = _menu(bar, _("&File"), "menu_file")
    file_menu.addActions([a["file_new_project"], a["file_open_project"], a["file_open_repository"]])
    window.recent_menu = _menu(file_menu, _("Open &Recent"), "menu_recent")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    file_menu.addSeparator()
    file_menu.addActions([a["file_save"], a["file_save_as"]])
    file_menu.addSeparator()
    window.import_menu = _menu(file_menu, _("&Import Design"), "menu_import")
    window.import_menu.addActions([a["file_import_csv"], a["file_import_json"]])
    window.import_menu.addSeparator()
    window.import_menu.addActions(
        [a[f"file_import{s.replace('.', '_')}"] for s in INTERCHANGE_SUFFIXES]
    )
    window.export_menu = _menu(file_menu, _("&Export Design"), "menu_export")
    window.export_menu.addActions([a["file_export_csv"], a["file_export_json"]])
    window.export_menu.addSeparator()
    window.export_menu.addActions(
        [a[f"file_export{s.replace('.', '_')}"] for s in INTERCHANGE_SUFFIXES]
    )
    file_menu.addAction(a["file_import_list"])
    file_menu.addActions([a["file_copy_design_to"], a["file_copy_design_from"]])
    file_menu.addSeparator()
    window.file_print_anchor = file_menu.addSeparator()
    window.file_print_anchor.setObjectName("file_print_anchor")
    file_menu.addAction(a["file_quit"])

    edit = window.menu_edit = _menu(bar, _("&Edit"), "menu_edit")
    edit.addActions([a["edit_undo"], a["edit_redo"]])
    edit.addSeparator()
    edit.addActions(
        [a[n] for n in ("edit_cut", "edit_copy", "edit_paste", "edit_duplicate", "edit_delete")]
    )
    edit.addSeparator()
    edit.addActions([a["edit_select_all"], a["edit_find_actor"]])
    edit.addSeparator()
    align = _menu(edit, _("A&lign"), "menu_align")
    align.addActions([a[f"align_{m}"] for m in ("left", "hcenter", "right")])
    align.addSeparator()
    align.addActions([a[f"align_{m}"] for m in ("top", "vcenter", "bottom")])
    distribute = _menu(edit, _("Dis&tribute"), "menu_distribute")
    distribute.addActions([a["distribute_horizontal"], a["distribute_vertical"]])
    edit.addAction(a["edit_toggle_pin"])
    edit.addSeparator()
    edit.addAction(a["edit_preferences"])

    view = window.menu_view = _menu(bar, _("&View"), "menu_view")
    view.addActions(
        [a[n] for n in ("view_zoom_in", "view_zoom_out", "view_zoom_reset", "view_fit")]
    )
    view.addSeparator()
    view.addActions(
        [
            a[n]
            for n in (
                "view_grid",
                "view_snap",
                "view_legend",
                "view_labels",
                "view_groups",
                "view_origins",
            )
        ]
    )
    view.addSeparator()
    view.addActions(
        [window.designs_dock.toggleViewAction(), window.properties_dock.toggleViewAction()]
    )
    for toolbar in window.toolbars:
        toggle = toolbar.toggleViewAction()
        toggle.setObjectName(f"view_{toolbar.objectName()}")
        view.addAction(toggle)

    design = window.menu_design = _menu(bar, _("&Design"), "menu_design")
    design.addActions(
        [a[n] for n in ("design_new", "design_rename", "design_duplicate", "design_delete")]
    )
    design.addSeparator()
    layout = _menu(design, _("&Layout"), "menu_layout")
    layout.addActions([a["layout_sector_location"], a["layout_force"]])

    help_menu = window.menu_help = _menu(bar, _("&Help"), "menu_help")
    help_menu.addActions([a["help_user_guide"], a["help_shortcuts"], a["help_about"]])


def _menu(parent: QWidget, title: str, name: str) -> QMenu:
    menu = parent.addMenu(title)  # type: ignore[attr-defined]
    menu.setObjectName(name)
    return menu


def fill_recent_menu(window: MainWindow) -> None:
    """File ▸ Open Recent, filled from the settings each time it opens, so it is never stale."""
    recent = window.recent_menu
    recent.clear()
    files = window.settings.recent_files()
    for n, path in enumerate(files, start=1):
        action = recent.addAction(f"&{n % 10}  {path}" if n <= 10 else path)
        action.setObjectName(f"recent_{n}")
        action.setStatusTip(_("Open {path}").format(path=path))
        action.triggered.connect(lambda _c=False, p=path: window.open_project(p))
    if not files:
        empty = recent.addAction(_("No recent projects"))
        empty.setEnabled(False)
    recent.addSeparator()
    recent.addAction(window.acts["file_clear_recent"])
    window.acts["file_clear_recent"].setEnabled(bool(files))
