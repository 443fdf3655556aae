"""Packaging: desktop files pass the freedesktop validators, ids and versions agree everywhere,
the icons hold every size, the Linux installer registers the file type, and (slow) the
PyInstaller bundle runs the command line without a display."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    """Import a packaging script by path: the folder is no package (and `packaging` on PyPI is)."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cfg = _load("bundle_config")
DESKTOP = cfg.LINUX_DIR / f"{cfg.APP_ID}.desktop"
METAINFO = cfg.LINUX_DIR / f"{cfg.APP_ID}.metainfo.xml"
MIME_XML = cfg.LINUX_DIR / f"{cfg.APP_ID}-mime.xml"
ISS = PACKAGING / "windows" / "cluster-designer.iss"


TOOL_PACKAGES = {
    "desktop-file-validate": "Debian package desktop-file-utils",
    "appstreamcli": "Debian package appstream",
    "update-mime-database": "Debian package shared-mime-info",
    "uv": "pip install uv",
}


def _tool(name: str) -> str:
    """The program's path; a skip naming what to install when it is missing (CI has it)."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed ({TOOL_PACKAGES[name]})")
    return path


def _desktop_keys(path: Path) -> dict[str, str]:
    keys = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key] = value
    return keys


# --- validators ------------------------------------------------------------------------


def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_metainfo_passes_appstream_validation() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_definition_is_well_formed_shared_mime_info() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == cfg.MIME_TYPE
    assert mime.find("m:glob", ns).get("pattern") == f"*{cfg.EXTENSION}"
    assert mime.find("m:sub-class-of", ns).get("type") == "application/vnd.sqlite3"
    match = mime.find("m:magic/m:match", ns)
    assert match.get("value") == "SQLite format 3" and match.get("offset") == "0"


# --- one id, one MIME type, one version ------------------------------------------------


def test_every_file_uses_the_same_application_id_and_file_type() -> None:
    desktop = _desktop_keys(DESKTOP)
    assert desktop["Icon"] == cfg.APP_ID
    assert desktop["MimeType"] == f"{cfg.MIME_TYPE};"
    assert desktop["Exec"].split()[0] == cfg.EXE_NAME

    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == cfg.APP_ID
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.findtext("provides/mediatype") == cfg.MIME_TYPE
    assert meta.findtext("provides/binary") == cfg.EXE_NAME

    iss = ISS.read_text(encoding="utf-8")
    assert f'#define ProgId "{cfg.WINDOWS_PROG_ID}"' in iss
    assert 'Subkey: "Software\\Classes\\.cluster"' in iss
    assert f'ValueData: "{cfg.MIME_TYPE}"' in iss

    spec = (PACKAGING / "cluster-designer.spec").read_text(encoding="utf-8")
    assert "cfg.MACOS_UTI" in spec and "CFBundleDocumentTypes" in spec


def test_running_program_announces_the_desktop_file_id() -> None:
    """Wayland and GNOME find the window's icon and menu entry by this name."""
    app_py = ROOT / "cluster_designer" / "gui" / "app.py"
    calls = [
        node
        for node in ast.walk(ast.parse(app_py.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "setDesktopFileName"
    ]
    assert calls, "the GUI should call QGuiApplication.setDesktopFileName"
    assert [ast.literal_eval(call.args[0]) for call in calls] == [cfg.APP_ID]


def test_metainfo_release_matches_pyproject_version() -> None:
    sync = _load("sync_version")
    assert sync.newest_release(METAINFO.read_text(encoding="utf-8")) == cfg.project_version()
    assert sync.main(["--check"]) == 0


def test_sync_version_adds_a_release_for_a_new_version(tmp_path: Path) -> None:
    sync = _load("sync_version")
    metainfo = tmp_path / METAINFO.name
    shutil.copyfile(METAINFO, metainfo)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        (ROOT / "pyproject.toml")
        .read_text(encoding="utf-8")
        .replace(f'version = "{cfg.project_version()}"', 'version = "9.8.7"', 1),
        encoding="utf-8",
    )
    paths = ["--metainfo", str(metainfo), "--pyproject", str(pyproject)]

    assert sync.main(["--check", *paths]) == 1
    assert sync.main([*paths, "--date", "2030-04-01"]) == 0
    text = metainfo.read_text(encoding="utf-8")
    assert sync.newest_release(text) == "9.8.7"
    assert '<release version="9.8.7" date="2030-04-01"/>' in text
    assert sync.main(["--check", *paths]) == 0
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_windows_version_numbers_come_from_the_version_string() -> None:
    assert cfg.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert cfg.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert cfg.version_tuple("2.10.3.4") == (2, 10, 3, 4)


# --- icons -----------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_png_icons_exist_in_every_size() -> None:
    for size in cfg.HICOLOR_SIZES:
        data = (cfg.ICON_DIR / f"cluster-designer-{size}.png").read_bytes()
        assert _png_size(data) == (size, size)


def test_windows_icon_holds_all_sizes_up_to_256() -> None:
    data = (cfg.ICON_DIR / "cluster-designer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert (planes, bits) == (1, 32)
        png = data[offset : offset + length]
        assert _png_size(png) == ((width or 256), (height or 256))
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 32, 48, 64, 128, 256]


def test_macos_icon_family_holds_retina_sizes() -> None:
    data = (cfg.ICON_DIR / "cluster-designer.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    chunks = {}
    pos = 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        chunks[kind] = _png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert chunks[b"ic07"] == 128 and chunks[b"ic08"] == 256
    assert chunks[b"ic09"] == 512 and chunks[b"ic10"] == 1024


def test_committed_icons_are_rendered_from_the_svg_source(tmp_path: Path) -> None:
    """Editing the SVG without running make_icons.py leaves stale PNGs; this notices."""
    pytest.importorskip("PySide6.QtSvg")
    from PySide6.QtGui import QImage

    make_icons = _load("make_icons")
    make_icons.generate(cfg.ICON_DIR / "cluster-designer.svg", tmp_path)
    for size in (16, 48, 128):
        fresh = QImage(str(tmp_path / f"cluster-designer-{size}.png"))
        committed = QImage(str(cfg.ICON_DIR / f"cluster-designer-{size}.png"))
        assert committed.size() == fresh.size()
        total = 0
        for x in range(size):
            for y in range(size):
                a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
                total += (
                    abs(a.red() - b.red())
                    + abs(a.green() - b.green())
                    + abs(a.blue() - b.blue())
                    + abs(a.alpha() - b.alpha())
                )
        # Another Qt version antialiases a little differently (well below 1); a changed colour
        # or shape in the SVG moves the mean channel difference past 15.
        assert total / size**2 < 5, (
            f"{size} px icon differs from the SVG; run packaging/make_icons.py"
        )


# --- Linux installation --------------------------------------------------------------


def _fake_bundle(folder: Path) -> Path:
    bundle = folder / cfg.BUNDLE_DIR
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / cfg.EXE_NAME
    program.write_text("#!/bin/sh\necho cluster-designer 0.0-test\n", encoding="utf-8")
    program.chmod(0o755)
    return bundle


@pytest.mark.skipif(sys.platform != "linux", reason="the freedesktop installer is for Linux")
def test_linux_install_registers_menu_entry_file_type_and_icons(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("linux_install", cfg.LINUX_DIR / "install.py")
    assert spec is not None and spec.loader is not None
    installer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(installer)
    prefix = tmp_path / "prefix"
    bundle = _fake_bundle(tmp_path)

    assert installer.main(["--prefix", str(prefix), "--bundle", str(bundle)]) == 0
    share = prefix / "share"
    linked = subprocess.run([str(prefix / "bin" / cfg.EXE_NAME)], capture_output=True, text=True)
    assert linked.stdout.strip() == "cluster-designer 0.0-test"
    entry = _desktop_keys(share / "applications" / f"{cfg.APP_ID}.desktop")
    assert entry["Exec"] == f"{prefix / 'lib' / cfg.BUNDLE_DIR / cfg.EXE_NAME} %f"
    for size in cfg.HICOLOR_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{cfg.APP_ID}.png"
        assert _png_size(icon.read_bytes()) == (size, size)
    assert (share / "icons/hicolor/48x48/mimetypes/application-x-cluster-designer.png").exists()
    assert (share / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    installed_entry = (share / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    mime_updated = (share / "mime" / "globs2").exists()
    globs = (share / "mime" / "globs2").read_text(encoding="utf-8") if mime_updated else ""
    subclasses = (share / "mime" / "subclasses").read_text(encoding="utf-8") if mime_updated else ""

    assert installer.main(["--uninstall", "--prefix", str(prefix)]) == 0
    assert not (prefix / "bin" / cfg.EXE_NAME).exists()
    assert not (prefix / "lib" / cfg.BUNDLE_DIR).exists()
    assert not (share / "applications" / DESKTOP.name).exists()
    assert not list((share / "icons").rglob(f"{cfg.APP_ID}.*"))

    # Last, the parts that need the freedesktop tools (CI has them; skipped here otherwise).
    copy = tmp_path / DESKTOP.name
    copy.write_text(installed_entry, encoding="utf-8")
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(copy)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    _tool("update-mime-database")
    assert f"{cfg.MIME_TYPE}:*{cfg.EXTENSION}" in globs
    assert f"{cfg.MIME_TYPE} application/vnd.sqlite3" in subclasses


# --- what the bundle leaves out ------------------------------------------------------


def _imported_names(package: Path) -> set[str]:
    names: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_bundle_does_not_exclude_anything_the_program_imports() -> None:
    imported = _imported_names(ROOT / "cluster_designer")
    excluded = set(cfg.excludes())
    clashes = sorted(
        name for name in imported if name in excluded or name.split(".")[0] in cfg.EXCLUDED_PACKAGES
    )
    assert not clashes, (
        f"the PyInstaller bundle leaves out {clashes}: update packaging/bundle_config.py"
    )


# --- the bundle itself (slow) --------------------------------------------------------


def _bundle_resources(dist: Path) -> Path:
    for candidate in (
        dist / cfg.BUNDLE_DIR / "_internal" / "resources",
        dist / cfg.MACOS_APP / "Contents" / "Resources" / "resources",
    ):
        if candidate.is_dir():
            return candidate
    raise AssertionError(f"no resources folder in the bundle under {dist}")


@pytest.mark.slow
def test_pyinstaller_bundle_runs_the_command_line_headless(tmp_path: Path) -> None:
    """Build from this checkout, then use the bundled program as a planner would in a terminal."""
    build = _load("build")
    uv = _tool("uv")
    probe = subprocess.run(
        [uv, "run", "--with", cfg.PYINSTALLER_REQUIREMENT, "pyinstaller", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if probe.returncode != 0:
        pytest.skip(f"PyInstaller could not be installed: {probe.stderr.strip().splitlines()[-1:]}")
    dist, work = tmp_path / "dist", tmp_path / "work"
    started = time.monotonic()
    built = subprocess.run(
        build.pyinstaller_command(dist, work, clean=False),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    print(f"PyInstaller bundle built in {time.monotonic() - started:.0f} s")

    exe = build.bundled_executable(dist)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLUSTER_DESIGNER_DATA_DIR": str(tmp_path / "data"),
        "CLUSTER_DESIGNER_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), *args], capture_output=True, text=True, env=env, timeout=300
        )

    version = run("--version")
    assert version.returncode == 0 and cfg.project_version() in version.stdout, version.stderr
    resources = _bundle_resources(dist)
    assert (resources / "icons" / "cluster-designer.svg").exists()
    project = tmp_path / "静岡 sample.cluster"
    shutil.copyfile(resources / "sample.cluster", project)

    designs = run("designs", str(project), "--json")
    assert designs.returncode == 0, designs.stderr
    listed = json.loads(designs.stdout)
    entries = listed["designs"] if isinstance(listed, dict) else listed
    first = entries[0]["name"]
    evaluated = run("evaluate", str(project), "--design", first, "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    report = json.loads(evaluated.stdout)
    assert report["design"] == first and report["actors"]["total"] > 0
    assert 0.0 <= report["density"]["overall"] <= 1.0

    japanese = run("evaluate", str(project), "--design", first, "--lang", "ja")
    assert japanese.returncode == 0 and "診断結果" in japanese.stdout, japanese.stderr
    internal = resources.parent
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_ja.qm").exists()
    locale_data = internal / "babel" / "locale-data"
    assert (locale_data / "ja.dat").exists() and not (locale_data / "fr.dat").exists()

    pdf = tmp_path / "out.pdf"
    exported = run("export", str(project), "--design", first, str(pdf))
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


def test_bundle_carries_the_translations_and_only_the_date_locales_it_uses() -> None:
    datas = dict((Path(src).name, dest) for src, dest in cfg.translation_datas())
    assert datas["cluster_designer.mo"] == "cluster_designer/locale/ja/LC_MESSAGES"
    assert datas["qtbase_ja.qm"] == "PySide6/Qt/translations"
    assert cfg.keep_babel_data("babel/locale-data/ja.dat")
    assert cfg.keep_babel_data("babel/locale-data/en_GB.dat")
    assert not cfg.keep_babel_data("babel/locale-data/fr.dat")
    assert cfg.keep_babel_data("babel/global.dat")
    assert cfg.cjk_font_datas("win32") == [] and cfg.cjk_font_datas("darwin") == []
    for src, dest in cfg.cjk_font_datas("linux"):
        assert Path(src).is_file() and dest.startswith("resources/fonts")
