"""Install a built bundle on Linux with its menu entry, file type and icons (or remove it again).

    python3 packaging/linux/install.py [--prefix ~/.local] [--bundle dist/cluster-designer]
    python3 packaging/linux/install.py --uninstall [--prefix ~/.local]

Files go where the freedesktop.org specifications look for them under PREFIX/share, so the
desktop shows "Cluster Designer" in its menu, `.cluster` files get their own type, icon and
double-click action, and software centres read the AppStream metainfo. Needs only Python 3.11.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bundle_config as cfg

MIME_ICON = cfg.MIME_TYPE.replace("/", "-")


def installed_files(prefix: Path) -> dict[str, Path]:
    """Every path this installer writes, keyed by role (the uninstaller removes exactly these)."""
    share = prefix / "share"
    hicolor = share / "icons" / "hicolor"
    files = {
        "program": prefix / "lib" / cfg.BUNDLE_DIR,
        "link": prefix / "bin" / cfg.EXE_NAME,
        "desktop": share / "applications" / f"{cfg.APP_ID}.desktop",
        "metainfo": share / "metainfo" / f"{cfg.APP_ID}.metainfo.xml",
        "mime": share / "mime" / "packages" / f"{cfg.APP_ID}.xml",
        "icon-scalable": hicolor / "scalable" / "apps" / f"{cfg.APP_ID}.svg",
    }
    for size in cfg.HICOLOR_SIZES:
        files[f"icon-{size}"] = hicolor / f"{size}x{size}" / "apps" / f"{cfg.APP_ID}.png"
        files[f"mime-icon-{size}"] = hicolor / f"{size}x{size}" / "mimetypes" / f"{MIME_ICON}.png"
    return files


def desktop_entry(executable: Path) -> str:
    """The committed entry with Exec/TryExec pointing at the installed program, so it starts
    even when PREFIX/bin is not on the desktop session's PATH."""
    lines = []
    source = cfg.LINUX_DIR / f"{cfg.APP_ID}.desktop"
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={executable} %f")
        elif line.startswith("TryExec="):
            lines.append(f"TryExec={executable}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def install(prefix: Path, bundle: Path) -> list[str]:
    """Copy the bundle and the desktop files; returns the cache tools that were not found."""
    executable_in_bundle = bundle / cfg.EXE_NAME
    if not executable_in_bundle.is_file():
        raise SystemExit(
            f"error: {executable_in_bundle} not found; build first: python packaging/build.py"
        )
    files = installed_files(prefix)
    program = files["program"]
    if program.exists():
        shutil.rmtree(program)
    program.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundle, program, symlinks=True)
    link = files["link"]
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(program / cfg.EXE_NAME)

    files["desktop"].parent.mkdir(parents=True, exist_ok=True)
    files["desktop"].write_text(desktop_entry(program / cfg.EXE_NAME), encoding="utf-8")
    _copy(cfg.LINUX_DIR / f"{cfg.APP_ID}.metainfo.xml", files["metainfo"])
    _copy(cfg.LINUX_DIR / f"{cfg.APP_ID}-mime.xml", files["mime"])
    _copy(cfg.ICON_DIR / "cluster-designer.svg", files["icon-scalable"])
    for size in cfg.HICOLOR_SIZES:
        png = cfg.ICON_DIR / f"cluster-designer-{size}.png"
        _copy(png, files[f"icon-{size}"])
        _copy(png, files[f"mime-icon-{size}"])
    return refresh_caches(prefix)


def uninstall(prefix: Path) -> list[str]:
    for path in installed_files(prefix).values():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.is_symlink() or path.exists():
            path.unlink()
    return refresh_caches(prefix)


def refresh_caches(prefix: Path) -> list[str]:
    """Rebuild the MIME, desktop and icon caches the desktop reads; skip tools not installed."""
    share = prefix / "share"
    commands = {
        "update-mime-database": ["update-mime-database", str(share / "mime")],
        "update-desktop-database": ["update-desktop-database", str(share / "applications")],
        "gtk-update-icon-cache": [
            "gtk-update-icon-cache",
            "--force",
            "--ignore-theme-index",
            "--quiet",
            str(share / "icons" / "hicolor"),
        ],
    }
    missing = []
    for tool, command in commands.items():
        if shutil.which(tool) is None or not Path(command[-1]).is_dir():
            missing.append(tool)
            continue
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--prefix",
        type=Path,
        default=Path.home() / ".local",
        help="install under this folder (default ~/.local; /usr/local needs root)",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        default=cfg.ROOT / "dist" / cfg.BUNDLE_DIR,
        help="the one-folder bundle built by packaging/build.py",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove what an install wrote")
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        print("error: this installer is for Linux desktops; see docs/packaging.md", file=sys.stderr)
        return 2
    prefix = args.prefix.expanduser().resolve()
    missing = uninstall(prefix) if args.uninstall else install(prefix, args.bundle.resolve())
    done = "Removed Cluster Designer from" if args.uninstall else "Installed Cluster Designer in"
    print(f"{done} {prefix}")
    if missing:
        print(
            f"note: {', '.join(missing)} not found; the menu or file type may appear after "
            "the next login",
            file=sys.stderr,
        )
    if not args.uninstall and str(prefix / "bin") not in os.environ.get("PATH", "").split(
        os.pathsep
    ):
        print(f"note: add {prefix / 'bin'} to PATH to run `{cfg.EXE_NAME}` in a terminal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
