"""Starting the desktop application: QApplication, the first project, the main window.

Without a project on the command line the last project opened comes back; on the very
first run the sample project opens with a welcome window beside it. Finder's "open this
.cluster file" arrives as a QFileOpenEvent on the application and opens that project.
`CLUSTER_DESIGNER_EXIT_AFTER_START=1` quits as soon as the window is up (a smoke test of a
packaged build, with no display needed).
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from pathlib import Path

import platformdirs
import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QFontDatabase
from PySide6.QtWidgets import QApplication

from cluster_designer.i18n import _, current_language

from .heap import forget_source_lines, share_one_arena
from .language import apply_language
from .main_window import APP_NAME, MainWindow, app_version
from .resources import app_icon, resource_path
from .settings import Settings, data_dir
from .threads import collect_on_the_window_thread
from .welcome import WelcomeDialog, is_first_run

EXIT_AFTER_START_ENV = "CLUSTER_DESIGNER_EXIT_AFTER_START"
SAMPLE_NAMES = (("sample.cluster",), ("sample", "sample.cluster"))
# The same region with Japanese names, offered first when the window is in Japanese.
SAMPLE_NAMES_JA = (("sample-ja.cluster",),)
EMPTY_PROJECT_NAME = "My cluster.cluster"


def bundled_sample() -> Path | None:
    names = SAMPLE_NAMES_JA + SAMPLE_NAMES if current_language() == "ja" else SAMPLE_NAMES
    for parts in names:
        found = resource_path(*parts)
        if found is not None:
            return found
    return None


def startup_project(documents: Path | None = None) -> tuple[Path, bool]:
    """The project to open without a path: (path, create).

    The bundled sample is copied to the user's data folder first, so the bundled file is never
    modified; the copy is kept between runs. Without a sample, an empty project in Documents.
    """
    sample = bundled_sample()
    if sample is not None:
        copy = data_dir() / sample.name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, copy)
        return copy, False
    folder = documents or Path(platformdirs.user_documents_dir())
    path = folder / EMPTY_PROJECT_NAME
    return path, not path.exists()


def make_application(argv: list[str] | None = None) -> QApplication:
    share_one_arena()  # before Qt or the window start any thread (see heap.py)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("cluster-designer")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Cluster Designer")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("io.github.clusterdesigner.ClusterDesigner")
    app.setWindowIcon(app_icon())
    load_bundled_fonts()
    collect_on_the_window_thread()
    forget_source_lines()  # what PySide6 read of every module imported so far (heap.py)
    return app


def load_bundled_fonts() -> list[str]:
    """Fonts shipped in the bundle's resources/fonts (a Japanese one in the Linux package, for
    machines without any); Qt falls back to them for characters the system fonts lack."""
    folder = resource_path("fonts")
    families: list[str] = []
    if folder is None:
        return families
    for font in sorted(folder.iterdir()):
        if font.suffix.lower() in (".ttc", ".otf", ".ttf"):
            font_id = QFontDatabase.addApplicationFont(str(font))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def last_project(settings: Settings) -> Path | None:
    """The project file opened most recently, if it is still there."""
    files = settings.recent_files()
    return Path(files[0]) if files else None


def open_start_project(
    window: MainWindow, path: str | os.PathLike[str] | None
) -> WelcomeDialog | None:
    """Open the requested project, else the last one, else the sample (with the welcome).

    A bad file leaves an empty window with a message. Returns the welcome when it is shown.
    """
    if path is not None:
        window.open_project(os.fspath(path))
        return None
    first_run = is_first_run(window.settings)
    last = last_project(window.settings)
    if last is not None and window.open_project(str(last)):
        return None
    try:
        start, create = startup_project()
    except OSError as exc:
        window.statusBar().showMessage(
            _("Could not prepare the sample project: {exc}").format(exc=exc), 10000
        )
        return None
    if create:
        window.ops.create_project(start)
    else:
        window.open_project(str(start))
    if not first_run:
        return None
    welcome = WelcomeDialog(window)
    welcome.show()
    window.welcome_dialog = welcome
    return welcome


_FINDERS: list[FileOpenFilter] = []
# Qt sends QFileOpenEvent on macOS only. Elsewhere no filter is installed for it: a filter on
# the application runs Python for every event of every widget, and while a worker thread
# holds Python's lock each of those calls waits its turn (the window's stalls while
# evaluating and while Compare loads grew by a half at 10,000 actors; docs/performance.md).
FILE_OPEN_EVENTS = sys.platform == "darwin"


class FileOpenFilter(QObject):
    """macOS Finder opens a project by sending the application a QFileOpenEvent."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self.window.open_project(path)  # asks about unsaved changes first
                return True
        return super().eventFilter(watched, event)


def start_window(path: str | os.PathLike[str] | None = None) -> MainWindow:
    """The main window, shown, with its first project and the Finder hook installed."""
    app = make_application()
    window = MainWindow()
    # Everything imported so far lives as long as the program: keep it out of Python's full
    # collections, which otherwise walk it all (tens of ms) at random moments.
    gc.freeze()
    # One filter per application, for the newest window: a filter on the application sees
    # every event of every object, so each one left behind would slow the whole program.
    for stale in _FINDERS:
        if shiboken6.isValid(stale):
            app.removeEventFilter(stale)
    _FINDERS.clear()
    if FILE_OPEN_EVENTS:
        finder = FileOpenFilter(window)
        _FINDERS.append(finder)
        app.installEventFilter(finder)
    window.show()
    open_start_project(window, path)
    return window


def run_gui(path: str | os.PathLike[str] | None = None, *, language: str | None = None) -> int:
    """Run the desktop application until the last window closes; the exit status.

    `language` is the command line's `--lang`; without it the Preferences choice (or the
    system's language) is used."""
    app = make_application()
    apply_language(language or Settings().language() or None)
    window = start_window(path)
    if os.environ.get(EXIT_AFTER_START_ENV) == "1":
        QTimer.singleShot(0, app.quit)
    status = app.exec()
    del window
    return status
