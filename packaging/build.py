"""Build the Cluster Designer bundle for the platform this runs on (Linux, Windows or macOS).

    python packaging/build.py            # bundle in dist/, then an archive to hand out
    python packaging/build.py --no-archive --dist DIR --work DIR

Runs PyInstaller through `uv run --with`, so PyInstaller is fetched for the build only and is
not a project dependency. Checks first that the metainfo carries pyproject's version, and
afterwards that the bundled program starts and reports that version. Each platform builds its
own bundle; PyInstaller cannot cross-compile.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg
import sync_version

SPEC = cfg.ROOT / "packaging" / "cluster-designer.spec"
ISS = cfg.ROOT / "packaging" / "windows" / "cluster-designer.iss"


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(
        sys.platform, sys.platform
    )
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def pyinstaller_command(dist: Path, work: Path, clean: bool = True) -> list[str]:
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("error: uv not found on PATH; install it with `python -m pip install uv`")
    command = [
        uv,
        "run",
        "--with",
        cfg.PYINSTALLER_REQUIREMENT,
        "pyinstaller",
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    return [*command, str(SPEC)]


def bundled_executable(dist: Path, console: bool = True) -> Path:
    """The launcher that prints to a terminal: on Windows the -cli twin."""
    if sys.platform == "win32":
        return dist / cfg.BUNDLE_DIR / f"{cfg.CLI_EXE_NAME if console else cfg.EXE_NAME}.exe"
    if sys.platform == "darwin":
        return dist / cfg.MACOS_APP / "Contents" / "MacOS" / cfg.EXE_NAME
    return dist / cfg.BUNDLE_DIR / cfg.EXE_NAME


def smoke_test(dist: Path, version: str) -> None:
    """The bundle must start without a display and know its own version."""
    executable = bundled_executable(dist)
    result = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0 or version not in result.stdout:
        raise SystemExit(
            f"error: {executable} --version gave {result.returncode}: "
            f"{(result.stdout + result.stderr).strip()}"
        )
    print(f"checked: {executable.name} --version -> {result.stdout.strip()}")


def archive(dist: Path, version: str) -> list[Path]:
    """What a user downloads: .tar.gz (Linux), .dmg (macOS), .zip and setup.exe (Windows)."""
    base = dist / f"cluster-designer-{version}-{platform_tag()}"
    made: list[Path] = []
    if sys.platform == "darwin" and shutil.which("hdiutil"):
        dmg = base.with_suffix(".dmg")
        subprocess.run(
            [
                "hdiutil",
                "create",
                "-volname",
                cfg.APP_NAME,
                "-srcfolder",
                str(dist / cfg.MACOS_APP),
                "-ov",
                "-format",
                "UDZO",
                str(dmg),
            ],
            check=True,
        )
        made.append(dmg)
    elif sys.platform == "win32":
        made.append(Path(shutil.make_archive(str(base), "zip", dist, cfg.BUNDLE_DIR)))
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        if iscc:
            subprocess.run([iscc, f"/DAppVersion={version}", str(ISS)], check=True)
            made.append(dist / f"cluster-designer-{version}-windows-x64-setup.exe")
        else:
            print("note: Inno Setup (iscc) not on PATH; no installer made, only the .zip")
    else:
        tarball = base.with_name(base.name + ".tar.gz")
        with tarfile.open(tarball, "w:gz") as tar:
            tar.add(dist / cfg.BUNDLE_DIR, arcname=cfg.BUNDLE_DIR)
        made.append(tarball)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=cfg.ROOT / "dist")
    parser.add_argument("--work", type=Path, default=cfg.ROOT / "build")
    parser.add_argument("--no-archive", action="store_true", help="leave the bundle folder only")
    parser.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's caches")
    args = parser.parse_args(argv)

    if sync_version.main(["--check"]) != 0:
        return 1
    version = cfg.project_version()
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    subprocess.run(
        pyinstaller_command(dist, work, clean=not args.no_clean), cwd=cfg.ROOT, check=True
    )
    elapsed = time.monotonic() - started
    print(f"built Cluster Designer {version} for {platform_tag()} in {elapsed:.0f} s")
    smoke_test(dist, version)
    if not args.no_archive:
        for path in archive(dist, version):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
