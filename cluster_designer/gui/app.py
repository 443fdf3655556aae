"""Starting the desktop application: QApplication, the first project, the main window."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication

from .main_window import APP_NAME, MainWindow, app_version
from .resources import app_icon, resource_path
from .settings import data_dir

SAMPLE_NAMES = (("sample.cluster",), ("sample", "sample.cluster"))
EMPTY_PROJECT_NAME = "My cluster.cluster"


def bundled_sample() -> Path | None:
    for parts in SAMPLE_NAMES:
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
        copy = data_dir() / "sample.cluster"
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, copy)
        return copy, False
    folder = documents or Path(platformdirs.user_documents_dir())
    path = folder / EMPTY_PROJECT_NAME
    return path, not path.exists()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("cluster-designer")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Cluster Designer")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("io.github.clusterdesigner.ClusterDesigner")
    app.setWindowIcon(app_icon())
    return app


def open_start_project(window: MainWindow, path: str | os.PathLike[str] | None) -> None:
    """Open the requested project, or the sample; a bad file leaves an empty window with a message."""
    if path is not None:
        window.open_project(os.fspath(path))
        return
    try:
        start, create = startup_project()
    except OSError as exc:
        window.statusBar().showMessage(f"Could not prepare the sample project: {exc}", 10000)
        return
    if create:
        window.ops.create_project(start)
    else:
        window.open_project(str(start))


def run_gui(path: str | os.PathLike[str] | None = None) -> int:
    """Run the desktop application until the last window closes; the exit status."""
    app = make_application()
    window = MainWindow()
    window.show()
    open_start_project(window, path)
    return app.exec()
