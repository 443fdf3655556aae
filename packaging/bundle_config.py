"""Facts every packaging file shares: the application id, the file type and what a bundle holds.

The PyInstaller spec, the build script, the Linux installer and the tests import this module so
the reverse-DNS id, the MIME type and the version come from one place. The version itself lives
only in pyproject.toml; the running program reads it with importlib.metadata.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.clusterdesigner.ClusterDesigner"
APP_NAME = "Cluster Designer"
EXE_NAME = "cluster-designer"
CLI_EXE_NAME = "cluster-designer-cli"  # Windows only: the console twin of the windowed exe
BUNDLE_DIR = "cluster-designer"  # dist/<this>/ is the one-folder bundle
MACOS_APP = "Cluster Designer.app"
MIME_TYPE = "application/x-cluster-designer"
MACOS_UTI = "io.github.clusterdesigner.project"
WINDOWS_PROG_ID = "ClusterDesigner.Project"
EXTENSION = ".cluster"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
ICON_DIR = ROOT / "resources" / "icons"
LINUX_DIR = ROOT / "packaging" / "linux"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)

# Found only at run time (imported by name), so PyInstaller's analysis must be told.
HIDDEN_IMPORTS = (
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.sql.default_comparator",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "igraph._igraph",
    "networkx.algorithms.centrality",
    "networkx.readwrite.graphml",
    "networkx.readwrite.gexf",
    "openpyxl.cell._writer",
    "python_calamine",
)

# Installed in a developer's environment (scipy by the dev group) or pulled in by optional
# imports of our dependencies, but never used by the program: leaving them out saves ~150 MB.
EXCLUDED_PACKAGES = (
    "tkinter",
    "scipy",
    "matplotlib",
    "pandas",
    "IPython",
    "PIL",
    "pytest",
    "pytestqt",
    "_pytest",
    "OpenGL",
    "cupy",
    "numba",
    "h5py",
    "PyQt5",
    "PyQt6",
    "PySide2",
    # the tests' schema validator (dev group); openpyxl would switch to it if bundled
    "lxml",
)

# Qt modules the program does not import. tests/test_packaging.py fails when code under
# cluster_designer/ starts importing one of them, so the bundle cannot silently break.
EXCLUDED_QT_MODULES = (
    "QtNetwork",
    "QtQml",
    "QtQuick",
    "QtQuickWidgets",
    "QtQuickControls2",
    "QtQuick3D",
    "QtSql",
    "QtTest",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebChannel",
    "QtWebSockets",
    "QtPositioning",
    "QtLocation",
    "QtBluetooth",
    "QtNfc",
    "QtSerialPort",
    "QtSensors",
    "QtRemoteObjects",
    "QtDesigner",
    "QtUiTools",
    "QtHelp",
    "Qt3DCore",
    "QtCharts",
    "QtDataVisualization",
    "QtGraphs",
    "QtTextToSpeech",
    "QtHttpServer",
    "QtSpatialAudio",
    "QtScxml",
    "QtStateMachine",
)


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The one source of truth for the version: `[project] version` in pyproject.toml."""
    with open(pyproject, "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows wants four integers; '1.2.0rc1' becomes (1, 2, 0, 0)."""
    numbers: list[int] = []
    for part in version.split(".")[:4]:
        match = re.match(r"\d*", part)
        digits = match.group() if match else ""
        numbers.append(int(digits or 0))
        if digits != part:
            break
    padded = [*numbers, 0, 0, 0, 0][:4]
    return (padded[0], padded[1], padded[2], padded[3])


def excludes() -> list[str]:
    return [*EXCLUDED_PACKAGES, *(f"PySide6.{name}" for name in EXCLUDED_QT_MODULES)]


# --- languages ------------------------------------------------------------------------
# Babel's locale data the program reads (dates in English and Japanese, and the locales
# they inherit from); the rest of its ~700 locales (30 MB) stay out of the bundle.
BABEL_LOCALES = ("root", "en", "en_001", "en_150", "en_GB", "ja")
# Japanese fonts a Linux build machine may have (fonts-noto-cjk, SIL Open Font License 1.1,
# which allows bundling with software). Windows and macOS ship Yu Gothic / Hiragino.
CJK_FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf"),
)
CJK_FONT_LICENCE_CANDIDATES = (
    Path("/usr/share/doc/fonts-noto-cjk/copyright"),
    Path("/usr/share/licenses/google-noto-cjk-fonts/LICENSE"),
    Path("/usr/share/licenses/noto-fonts-cjk/LICENSE"),
)


def translation_datas() -> list[tuple[str, str]]:
    """(source, folder in the bundle) for our compiled catalogues and Qt's Japanese ones."""
    datas = [
        (str(mo), str(mo.parent.relative_to(ROOT)))
        for mo in sorted((ROOT / "cluster_designer" / "locale").glob("*/LC_MESSAGES/*.mo"))
    ]
    try:
        import PySide6
    except ImportError:
        return datas
    qt_translations = Path(PySide6.__file__).resolve().parent / "Qt" / "translations"
    for qm in sorted(qt_translations.glob("qtbase_ja.qm")):
        datas.append((str(qm), "PySide6/Qt/translations"))
    return datas


def keep_babel_data(dest: str) -> bool:
    """Whether a Babel data file belongs in the bundle (only the locales listed above)."""
    parts = Path(dest).parts
    if len(parts) >= 3 and parts[0] == "babel" and parts[1] == "locale-data":
        return Path(parts[-1]).stem in BABEL_LOCALES
    return True


def cjk_font_datas(platform: str = sys.platform) -> list[tuple[str, str]]:
    """A Japanese font and its licence for a Linux bundle, when the build machine has one."""
    if not platform.startswith("linux"):
        return []
    font = next((f for f in CJK_FONT_CANDIDATES if f.is_file()), None)
    licence = next((f for f in CJK_FONT_LICENCE_CANDIDATES if f.is_file()), None)
    if font is None or licence is None:
        return []
    return [(str(font), "resources/fonts"), (str(licence), "resources/fonts/noto-cjk-licence")]
