"""Rebuild the guides Help ▸ User Guide shows: user-guide.md from README.md and, for the
window in Japanese, user-guide.ja.md from docs/ja/README.md.

Run: uv run python resources/guide/build_guide.py
The READMEs' "User guide" / "ユーザーガイド" sections are the one source; the bundled copies
leave out the screenshots (they are not shipped) and turn links to the repository's docs into
plain text. A test checks the copies are up to date.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parents[1] / "README.md"
TARGET = HERE / "user-guide.md"
README_JA = HERE.parents[1] / "docs" / "ja" / "README.md"
TARGET_JA = HERE / "user-guide.ja.md"


def guide_text(
    readme: str,
    heading: str = "## User guide",
    title: str = "# Cluster Designer — User guide",
) -> str:
    start = readme.index(heading)
    end = readme.index("\n## ", start + 1)
    body = readme[start:end].split("\n", 1)[1]
    body = re.sub(r"^!\[[^\]]*\]\([^)]*\)\n\n?", "", body, flags=re.MULTILINE)
    body = re.sub(r"\[([^\]]+)\]\((?!https?:)[^)]*\)", r"\1", body)
    return title + "\n" + body.rstrip() + "\n"


def guide_text_ja(readme: str) -> str:
    return guide_text(readme, "## ユーザーガイド", "# Cluster Designer ユーザーガイド")


def build() -> list[Path]:
    TARGET.write_text(guide_text(README.read_text(encoding="utf-8")), encoding="utf-8")
    TARGET_JA.write_text(guide_text_ja(README_JA.read_text(encoding="utf-8")), encoding="utf-8")
    return [TARGET, TARGET_JA]


if __name__ == "__main__":
    for path in build():
        print(f"wrote {path}")
