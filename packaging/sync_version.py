"""Keep the AppStream metainfo's newest release equal to the version in pyproject.toml.

pyproject.toml is the only place a version is typed. The bundle's Info.plist and Windows
version resource read it at build time, the program through importlib.metadata; the metainfo
is the one file that must carry a copy, so this script checks it (`--check`, used by the build
and the tests) or adds a `<release>` entry for the new version (the default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as cfg

METAINFO = cfg.LINUX_DIR / f"{cfg.APP_ID}.metainfo.xml"
_RELEASE = re.compile(r'<release\b[^>]*\bversion="([^"]+)"')
_RELEASES_OPEN = re.compile(r"^(?P<indent>[ \t]*)<releases>[ \t]*\n", re.MULTILINE)


def newest_release(text: str) -> str | None:
    """AppStream lists releases newest first, so the first `<release>` is the current one."""
    match = _RELEASE.search(text)
    return match.group(1) if match else None


def add_release(text: str, version: str, date: dt.date) -> str:
    """Insert `<release version=... date=...>` as the first entry of `<releases>`."""
    match = _RELEASES_OPEN.search(text)
    if match is None:
        raise ValueError("the metainfo file has no <releases> element")
    indent = match.group("indent")
    entry = f'{indent}  <release version="{version}" date="{date.isoformat()}"/>\n'
    return text[: match.end()] + entry + text[match.end() :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report a mismatch (exit 1)")
    parser.add_argument("--metainfo", type=Path, default=METAINFO)
    parser.add_argument("--pyproject", type=Path, default=cfg.ROOT / "pyproject.toml")
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="release date for a new entry (YYYY-MM-DD, default today)",
    )
    args = parser.parse_args(argv)

    version = cfg.project_version(args.pyproject)
    text = args.metainfo.read_text(encoding="utf-8")
    current = newest_release(text)
    if current == version:
        print(f"{args.metainfo.name}: release {version} matches pyproject.toml")
        return 0
    if args.check:
        print(
            f"{args.metainfo.name}: newest release is {current}, pyproject.toml says {version}; "
            f"run `python packaging/sync_version.py`",
            file=sys.stderr,
        )
        return 1
    if any(found == version for found in _RELEASE.findall(text)):
        print(
            f"{args.metainfo.name}: release {version} exists but is not the newest; "
            "order the <release> entries newest first by hand",
            file=sys.stderr,
        )
        return 1
    args.metainfo.write_text(add_release(text, version, args.date), encoding="utf-8")
    print(
        f"{args.metainfo.name}: added release {version} ({args.date.isoformat()}); "
        "describe it in the new <release> entry"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
