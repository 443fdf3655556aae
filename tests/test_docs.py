"""The repository stands alone: its documentation is its contract, and every pointer resolves.

The definitions users and other programs rely on live in docs/reference/. Code, tests and
documents point there; a pointer to a file outside the repository, a broken link or a link
to a missing heading is a test failure, not a surprise for the next reader.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"
# Citations of a contract that is not in this repository.
OUTSIDE_CONTRACT = re.compile(r"SPEC\.md|SPEC ?§|SPEC section|\.\./shared|/work/shared")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
DOC_POINTER = re.compile(r"\bdocs/[\w./-]+\.md\b")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    paths = [ROOT / name for name in listed.split("\0") if name]
    binary = {".png", ".mo", ".ico", ".icns", ".cluster", ".xlsx", ".pdf", ".svg"}
    return [p for p in paths if p.suffix.lower() not in binary and p.is_file()]


def _markdown_files() -> list[Path]:
    return sorted(p for p in _tracked_text_files() if p.suffix == ".md")


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = heading.strip().lower()
    kept = [
        c
        for c in text
        if c in " -_" or unicodedata.category(c)[0] in "LN"  # letters and digits of any script
    ]
    return "".join(kept).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}


def test_the_slug_rule_matches_githubs_for_our_headings() -> None:
    assert _slug("`evaluate --json`") == "evaluate---json"
    assert _slug("Engines and speed") == "engines-and-speed"
    assert _slug("CSV: `actors.csv` and `ties.csv`") == "csv-actorscsv-and-tiescsv"


def test_the_reference_pages_exist() -> None:
    for name in ("README.md", "data-model.md", "formats.md", "metrics.md", "command-line.md"):
        assert (REFERENCE / name).is_file(), name


def test_nothing_cites_a_contract_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_text_files():
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_CONTRACT.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "point to docs/reference/ instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_of_a_page_resolves(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for match in LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file_part, _, anchor = target.partition("#")
        destination = (page.parent / file_part).resolve() if file_part else page
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination):
            broken.append(f"{target}: no heading '#{anchor}' in {destination.name}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_every_docs_path_named_in_code_exists() -> None:
    missing = set()
    for path in _tracked_text_files():
        if path.suffix not in {".py", ".md", ".toml"}:
            continue
        for pointer in DOC_POINTER.findall(path.read_text(encoding="utf-8", errors="replace")):
            if not (ROOT / pointer).is_file():
                missing.add(f"{path.relative_to(ROOT)} → {pointer}")
    assert not missing, "\n".join(sorted(missing))
