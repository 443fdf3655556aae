"""The README is the first thing a planner or developer reads: its promises must hold."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_quick_start_has_exactly_the_launch_and_test_commands() -> None:
    blocks = re.findall(r"```(?:sh)?\n(.*?)```", _section("Quick start"), re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["uv run cluster-designer", "uv run pytest"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert "cluster-designer" in scripts


def test_every_picture_and_link_in_the_readme_exists() -> None:
    targets = re.findall(r"\]\(([^)#]+)\)", README)
    local = [t for t in targets if not t.startswith(("http://", "https://"))]
    assert any(t.endswith(".png") for t in local), "the user guide shows screenshots"
    missing = [t for t in local if not (ROOT / t).is_file()]
    assert not missing, f"README points at missing files: {missing}"


def test_user_guide_covers_drawing_evaluating_comparing_and_printing() -> None:
    guide = _section("User guide")
    for heading in ("Drawing", "Evaluating", "Comparing", "Printing"):
        assert re.search(rf"^### {heading}", guide, re.M), heading
    images = re.findall(r"!\[[^\]]*\]\((docs/images/[^)]+)\)", guide)
    assert len(images) >= 4
    assert "## For developers" in README
