"""Rebuild resources/guide/user-guide.md, the guide Help ▸ User Guide shows, from README.md.

Run: uv run python resources/guide/build_guide.py
The README's "User guide" section is the one source; the bundled copy leaves out the
screenshots (they are not shipped) and turns links to the repository's docs into plain text.
A test checks the copy is up to date.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parents[1] / "README.md"
TARGET = HERE / "user-guide.md"


def guide_text(readme: str) -> str:
    start = readme.index("## User guide")
    end = readme.index("\n## ", start + 1)
    body = readme[start:end].split("\n", 1)[1]
    body = re.sub(r"^!\[[^\]]*\]\([^)]*\)\n\n?", "", body, flags=re.MULTILINE)
    body = re.sub(r"\[([^\]]+)\]\((?!https?:)[^)]*\)", r"\1", body)
    return "# Cluster Designer — User guide\n" + body.rstrip() + "\n"


def build() -> Path:
    TARGET.write_text(guide_text(README.read_text(encoding="utf-8")), encoding="utf-8")
    return TARGET


if __name__ == "__main__":
    print(f"wrote {build()}")
