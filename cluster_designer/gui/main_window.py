"""The main window: the canvas in the middle, designs and properties docked on the right.

The window wires actions to the document, the scene and the panels; project and design
operations that involve files and questions live in `ProjectOps` (window_ops.py), CSV and
JSON import and export in `CsvJsonOps`, the crash copy in `RecoveryOps`. Where each action
stands in the menus is window_menus.py; the drawing tools toolbar is `DrawingPalette`, the
status bar's labels `StatusLabels`; which actions are enabled when, action_states.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from cluster_designer.i18n import _
from cluster_designer.model import Design, DesignEvent, EventKind
from cluster_designer.storage import mask_password

from . import editing
from .action_states import enable_for_document, enable_for_selection, show_undo_text
from .actions import Actions
from .canvas import CanvasView, ClusterScene
from .concept_view import install_concept
from .csv_json_dialogs import CsvJsonOps
from .dialogs import FindActorDialog, ShortcutsDialog, UserGuideDialog, show_about
from .document import Document
from .dynamics import install_dynamics
from .evaluation import install_evaluation
from .evaluation.trend_view import install_trend
from .groups import install_groups
from .interchange_dialogs import INTERCHANGE_SUFFIXES, InterchangeOps
from .layout_runner import LayoutRunner
from .list_import import ListImportOps
from .palette import DrawingPalette
from .panels import DesignsPanel, PropertiesPanel
from .panels.welcome import WelcomePage
from .preferences import PreferencesDialog
from .printing import install_printing
from .printing.brief_controller import install_brief
from .recovery import RecoveryStore
from .recovery_ops import RecoveryOps
from .repository_dialogs import RepositoryOps
from .resources import app_icon
from .settings import Settings
from .status_labels import StatusLabels
from .window_menus import build_main_toolbar, build_menus
from .window_ops import ProjectOps

APP_NAME = "Cluster Designer"
AUTOSAVE_MS = 120_000
DEFAULT_SIZE = (1400, 900)


def app_version() -> str:
    try:
        return metadata.version("cluster-designer")
    except metadata.PackageNotFoundError:
        return _("unknown")


class MainWindow(QMainWindow):
    """One project, one design at a time.

    Public for code that extends the window (evaluation docks, printing): `document`,
    `scene`, `view`, `acts` (every QAction by object name), the menus `menu_file`,
    `menu_edit`, `menu_view`, `menu_design`, `menu_help`, and `file_print_anchor`, a
    separator in the File menu before Quit: `menu_file.insertAction(file_print_anchor, a)`
    puts print entries in their own group above Quit.
    """

    # Set by window_menus.build_menus.
    menu_file: QMenu
    menu_edit: QMenu
    menu_view: QMenu
    menu_design: QMenu
    menu_help: QMenu
    recent_menu: QMenu
    import_menu: QMenu
    export_menu: QMenu
    file_print_anchor: QAction

    autosave_failed = Signal(str)  # from the autosave thread: what went wrong

    def __init__(
        self,
        settings: Settings | None = None,
        recovery: RecoveryStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.settings = settings or Settings()
        self.recovery = recovery or RecoveryStore()
        self.document = Document(self)
        self.acts = Actions(self)
        self.scene = ClusterScene(self.document)
        self.view = CanvasView(self.scene)
        self.welcome = WelcomePage(self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.welcome)
        # The map and the views drawn from it (the concept figure) share the centre as tabs.
        self.canvas_tabs = QTabWidget(self)
        self.canvas_tabs.setObjectName("canvas_tabs")
        self.canvas_tabs.setDocumentMode(True)
        self.canvas_tabs.addTab(self.view, _("Map"))
        self.centre.addWidget(self.canvas_tabs)
        self.setCentralWidget(self.centre)
        self.ops = ProjectOps(self)
        self.recovery_ops = RecoveryOps(self)
        self.csv_json = CsvJsonOps(self)
        self.interchange = InterchangeOps(self)
        self.list_import = ListImportOps(self)
        self.repository_ops = RepositoryOps(self)
        self.layouts = LayoutRunner(self.document, self)
        self.layouts.done.connect(self._after_layout)
        self._design: Design | None = None
        self.welcome_dialog: QDialog | None = None  # the first-run welcome, while it exists
        self._build_docks()
        self._build_toolbars()
        build_menus(self)
        self.status_labels = StatusLabels(self.statusBar(), self)
        self._connect()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setObjectName("autosave_timer")
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.recovery_ops.autosave)
        self.autosave_failed.connect(
            lambda text: self.statusBar().showMessage(
                _("Could not write the recovery copy: {error}").format(error=text), 8000
            )
        )
        self.autosave_timer.start()
        self.groups_ui = install_groups(self)
        self.evaluation_ui = install_evaluation(self)
        self.dynamics_ui = install_dynamics(self)
        self.printing = install_printing(self)
        self.concept_view = install_concept(self)
        self.trend_view = install_trend(self)
        self.brief = install_brief(self)
        self._restore_window()
        self._on_design_replaced(None)

    # --- building ----------------------------------------------------------------------
    def _build_docks(self) -> None:
        self.designs_panel = DesignsPanel(self)
        self.properties_panel = PropertiesPanel(self.document, self)
        self.properties_panel.set_taken_design_names(self.ops.other_design_names)
        self.designs_dock = self._dock(_("Designs"), "designs_dock", self.designs_panel)
        self.properties_dock = self._dock(_("Properties"), "properties_dock", self.properties_panel)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def _default_dock_sizes(self) -> None:
        """A short designs list above a tall properties form and the groups, about a quarter of
        the width."""
        self.resizeDocks(
            [self.designs_dock, self.properties_dock, self.groups_ui.dock],
            [180, 500, 220],
            Qt.Orientation.Vertical,
        )
        self.resizeDocks([self.properties_dock], [340], Qt.Orientation.Horizontal)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"view_{name}")
        toggle.setText(_("{title} Panel").format(title=title))
        toggle.setStatusTip(_("Show or hide the {title} panel").format(title=title.lower()))
        return dock

    def _build_toolbars(self) -> None:
        main = build_main_toolbar(self)
        self.drawing_tools = DrawingPalette(self)
        self.toolbars = (main, self.drawing_tools.toolbar)
        a = self.acts
        self.welcome.add_action(a["file_new_project"])
        self.welcome.add_action(a["file_open_project"])
        self.welcome_new_design = self.welcome.add_action(a["design_new"])
        # Hidden until a project is open (see _update_centre); hidden from the start, so a size
        # worked out while the docks are arranged does not count a button that is not shown.
        self.welcome_new_design.setVisible(False)

    # --- wiring ------------------------------------------------------------------------
    def _connect(self) -> None:
        a, doc, scene, view = self.acts, self.document, self.scene, self.view
        ops = self.ops
        triggers = {
            "file_new_project": ops.new_project,
            "file_open_project": ops.open_project_dialog,
            "file_save": ops.save,
            "file_save_as": ops.save_as,
            "file_import_csv": self.csv_json.import_csv,
            "file_import_json": self.csv_json.import_json,
            "file_export_csv": self.csv_json.export_csv,
            "file_export_json": self.csv_json.export_json,
            "file_import_list": self.list_import.open_wizard,
            "file_open_repository": self.repository_ops.open_repository_dialog,
            "file_copy_design_to": self.repository_ops.copy_to,
            "file_copy_design_from": self.repository_ops.copy_from,
            "file_clear_recent": self.settings.clear_recent_files,
            "file_quit": self.close,
            "edit_undo": doc.undo_stack.undo,
            "edit_redo": doc.undo_stack.redo,
            "edit_cut": self._cut,
            "edit_copy": lambda: editing.copy_selection(doc, scene),
            "edit_paste": lambda: editing.paste(doc, scene),
            "edit_duplicate": lambda: editing.duplicate_selection(doc, scene),
            "edit_delete": lambda: editing.delete_selection(doc, scene),
            "edit_select_all": lambda: editing.select_all(scene),
            "edit_find_actor": self.find_actor,
            "edit_toggle_pin": lambda: editing.toggle_pin(doc, scene),
            "distribute_horizontal": lambda: editing.distribute(doc, scene, "horizontal"),
            "distribute_vertical": lambda: editing.distribute(doc, scene, "vertical"),
            "view_zoom_in": view.zoom_in,
            "view_zoom_out": view.zoom_out,
            "view_zoom_reset": view.zoom_reset,
            "view_fit": view.fit_to_view,
            "design_new": ops.new_design,
            "design_rename": lambda: ops.rename_design(ops.stored_name),
            "design_duplicate": lambda: ops.duplicate_design(ops.stored_name),
            "design_delete": lambda: ops.delete_design(ops.stored_name),
            "layout_sector_location": self.layouts.run_sector_location,
            "layout_force": lambda: self.layouts.run_force(editing.pinned_ids(doc)),
            "help_shortcuts": lambda: ShortcutsDialog(self).exec(),
            "edit_preferences": lambda: PreferencesDialog(self.settings, self).exec(),
            "help_about": lambda: show_about(self, app_version()),
            "help_user_guide": self.show_user_guide,
        }
        for name, slot in triggers.items():
            a[name].triggered.connect(lambda _checked=False, s=slot: s())
        for suffix in INTERCHANGE_SUFFIXES:
            key = suffix.replace(".", "_")
            a[f"file_import{key}"].triggered.connect(
                lambda _c=False, x=suffix: self.interchange.import_dialog(x)
            )
            a[f"file_export{key}"].triggered.connect(
                lambda _c=False, x=suffix: self.interchange.export_dialog(x)
            )
        for mode in ("left", "right", "top", "bottom", "hcenter", "vcenter"):
            a[f"align_{mode}"].triggered.connect(
                lambda _c=False, m=mode: editing.align(doc, scene, m)
            )
        for name, setter, default in (
            ("view_grid", scene.set_grid_visible, False),
            ("view_snap", scene.set_snap_to_grid, False),
            ("view_legend", scene.set_legend_visible, True),
            ("view_labels", scene.set_labels_visible, True),
            ("view_groups", scene.set_groups_visible, True),
            ("view_origins", scene.set_origins_visible, False),
        ):
            action = a[name]
            action.setChecked(self.settings.view_flag(name, default))
            setter(action.isChecked())
            action.toggled.connect(partial(self._toggle_view, setter, name))
        view.zoomChanged.connect(lambda _zoom: self._update_zoom())
        # Editing keys act on the map only while it has focus: Delete in the designs list or
        # Ctrl+C in a text field must not touch the selected actors.
        for name in (
            "edit_cut",
            "edit_copy",
            "edit_paste",
            "edit_duplicate",
            "edit_delete",
            "edit_select_all",
        ):
            a[name].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(a[name])

        stack = doc.undo_stack
        stack.canUndoChanged.connect(a["edit_undo"].setEnabled)
        stack.canRedoChanged.connect(a["edit_redo"].setEnabled)
        stack.undoTextChanged.connect(lambda t: show_undo_text(a["edit_undo"], True, t))
        stack.redoTextChanged.connect(lambda t: show_undo_text(a["edit_redo"], False, t))
        a["edit_undo"].setEnabled(False)
        a["edit_redo"].setEnabled(False)
        doc.modifiedChanged.connect(self._on_modified)
        doc.designChanged.connect(self._on_design_replaced)
        doc.projectChanged.connect(self._on_project_changed)
        doc.commandFailed.connect(lambda text: self.statusBar().showMessage(text, 8000))

        scene.selectionChangedIds.connect(self._on_selection)

        panel = self.designs_panel
        panel.openRequested.connect(ops.switch_design)
        panel.newRequested.connect(ops.new_design)
        panel.renameRequested.connect(ops.rename_design)
        panel.duplicateRequested.connect(ops.duplicate_design)
        panel.deleteRequested.connect(ops.delete_design)

    # --- public entry points -----------------------------------------------------------
    def open_project(self, path: str, create: bool = False) -> bool:
        """Open a project (asking about unsaved changes first); False if it did not open."""
        return self.ops.open_project(path, create=create)

    def autosave_now(self) -> str | None:
        """Write the recovery copy now if there are unsaved changes; returns its path."""
        return self.recovery_ops.autosave(wait=True)

    def show_user_guide(self) -> QDialog:
        """The bundled user guide in a window of its own (kept open beside the map)."""
        dialog = self.findChild(UserGuideDialog)
        if dialog is None:
            dialog = UserGuideDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _after_layout(self, applied: bool) -> None:
        """A layout moves the whole map: show all of it."""
        if applied:
            self.view.fit_to_view()

    def find_actor(self) -> None:
        design = self.document.design
        if design is None or len(design) == 0:
            self.statusBar().showMessage(_("This design has no actors yet."), 5000)
            return
        dialog = FindActorDialog(design, self)
        if dialog.exec() and dialog.chosen_id is not None:
            self.show_actor(dialog.chosen_id)

    def show_actor(self, actor_id: str) -> None:
        self.scene.select_ids([actor_id])
        self.view.center_on_actor(actor_id)

    # --- reacting ----------------------------------------------------------------------
    def _cut(self) -> None:
        editing.copy_selection(self.document, self.scene)
        editing.delete_selection(self.document, self.scene)

    def _on_modified(self, _modified: bool) -> None:
        self.update_title()
        self.ops.refresh_designs()

    def _on_project_changed(self) -> None:
        self._on_design_replaced(self.document.design)
        self.ops.refresh_designs()

    def _on_design_replaced(self, design: Design | None) -> None:
        if self._design is not None:
            self._design.changed.disconnect(self._on_design_event)
        self._design = design
        if design is not None:
            design.changed.connect(self._on_design_event)
        has_design = design is not None
        enable_for_document(self.acts, self.document)
        self.drawing_tools.kind_button.setEnabled(has_design)
        self.status_labels.zoom_label.setVisible(has_design)
        self._update_counts()
        self._on_selection()
        self._update_centre()
        self.update_title()
        self.ops.refresh_designs()
        self._update_zoom()

    def _update_centre(self) -> None:
        """The map when a design is open; otherwise what to do next."""
        if self.document.design is not None:
            self.centre.setCurrentWidget(self.canvas_tabs)
            return
        project = self.document.project
        if project is None:
            self.welcome.set_text(
                _("No project is open"),
                _("Create a new project or open an existing .cluster file."),
            )
        else:
            self.welcome.set_text(
                _("No design is open"),
                _("Open a design in the Designs panel or create a new one."),
            )
        self.welcome_new_design.setVisible(project is not None)
        self.centre.setCurrentWidget(self.welcome)

    def _on_design_event(self, event: DesignEvent) -> None:
        if event.kind is EventKind.META_CHANGED:
            self.update_title()
            self.ops.refresh_designs()
        elif event.kind in (
            EventKind.ACTORS_ADDED,
            EventKind.ACTORS_REMOVED,
            EventKind.TIES_ADDED,
            EventKind.TIES_REMOVED,
            EventKind.ACTORS_CHANGED,
        ):
            self._update_counts()
            if event.kind is not EventKind.ACTORS_CHANGED:
                self.ops.refresh_designs()

    def _on_selection(self) -> None:
        actors = list(self.scene.selected_actor_ids()) if self.document.design is not None else []
        ties = list(self.scene.selected_tie_uids()) if self.document.design is not None else []
        self.properties_panel.set_selection(actors, ties)
        self.status_labels.show_selection(len(actors), len(ties))
        enable_for_selection(
            self.acts, len(actors), len(ties), has_design=self.document.design is not None
        )

    def _update_counts(self) -> None:
        self.status_labels.show_counts(self.document.design)

    def _toggle_view(self, setter: Callable[[bool], None], name: str, on: bool) -> None:
        setter(on)
        self.settings.set_view_flag(name, on)

    def _update_zoom(self) -> None:
        self.status_labels.show_zoom(self.view.transform().m11())

    def update_title(self) -> None:
        """'design — project.cluster — Cluster Designer', with the modified marker."""
        parts = []
        if self.document.design is not None:
            parts.append(f"{self.document.design.name}[*]")
        path = self.document.project_path
        if path is not None:
            parts.append(path.name if isinstance(path, Path) else mask_password(path))
        parts.append(APP_NAME)
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(self.document.modified)

    # --- window state ------------------------------------------------------------------
    def _restore_window(self) -> None:
        self.resize(*DEFAULT_SIZE)
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is None or not self.restoreState(state):
            QTimer.singleShot(0, self._default_dock_sizes)  # docks take sizes once laid out

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ops.maybe_save():
            event.ignore()
            return
        self.recovery_ops.discard()
        self.recovery.shutdown()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.autosave_timer.stop()
        self.evaluation_ui.panel.shutdown()
        self.dynamics_ui.panel.shutdown()
        self.document.close_project()
        event.accept()
