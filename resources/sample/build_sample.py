"""Rebuild the bundled sample projects from the JSON designs beside this script.

Run: uv run python resources/sample/build_sample.py
    resources/sample.cluster     the Asakawa region in English
    resources/sample-ja.cluster  the same region for Japanese users: every name, note, tag and
                                 subtype in Japanese from ja/texts.json, the network unchanged
The test suite checks that the committed projects still match the JSON files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cluster_designer.io import read_json
from cluster_designer.model import Design
from cluster_designer.storage import Project

HERE = Path(__file__).resolve().parent
DESIGNS = ("company_town.json", "knowledge_cluster.json")
TARGET = HERE.parent / "sample.cluster"
TARGET_JA = HERE.parent / "sample-ja.cluster"
JAPANESE = HERE / "ja" / "texts.json"


def japanese_record(source: str, record: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    """A design's JSON with its texts in Japanese: the structure (ids, ties, positions,
    every other field) is the English design's, so both samples tell the same story.
    A text of the English sample without its Japanese in the table is an error naming it."""
    record = json.loads(json.dumps(record))
    missing: list[str] = []

    def japanese(kind: str, text: str) -> str:
        if not text:
            return text
        found = table.get(kind, {}).get(text)
        if found is None:
            missing.append(f"{kind} {text!r}")
            return text
        return str(found)

    meta = record["design"]
    meta.update(table["designs"][source])
    meta["region"] = table["region"]
    for actor in record["actors"]:
        if actor["id"] not in table["actors"]:
            missing.append(f"actors {actor['id']!r} ({actor['name']})")
            continue
        actor["name"], actor["notes"] = table["actors"][actor["id"]]
        actor["subtype"] = japanese("subtypes", actor.get("subtype", ""))
        actor["tags"] = [japanese("tags", tag) for tag in actor.get("tags", [])]
    for tie in record["ties"]:
        tie["notes"] = japanese("tie_notes", tie.get("notes", ""))
    for group in record.get("groups", []):  # joint research organizations, councils
        if group["id"] not in table.get("groups", {}):
            missing.append(f"groups {group['id']!r} ({group['name']})")
            continue
        group["name"], group["notes"] = table["groups"][group["id"]]
        group["kind"] = japanese("group_kinds", group.get("kind", ""))
    if missing:
        raise ValueError(
            f"{JAPANESE.relative_to(HERE.parent.parent)} lacks the Japanese of: "
            + "; ".join(sorted(set(missing)))
        )
    return record


def japanese_design(source: str) -> Design:
    """One design of the Japanese sample, built in memory from its English JSON."""
    table = json.loads(JAPANESE.read_text(encoding="utf-8"))
    record = json.loads((HERE / source).read_text(encoding="utf-8"))
    translated = HERE.parent / ".sample-ja.json.tmp"
    try:
        translated.write_text(
            json.dumps(japanese_record(source, record, table), ensure_ascii=False),
            encoding="utf-8",
        )
        return read_json(translated)
    finally:
        translated.unlink(missing_ok=True)


def _write(target: Path, designs: list[Design]) -> Path:
    tmp = target.with_suffix(".cluster.new")
    tmp.unlink(missing_ok=True)
    with Project.open(tmp, create=True) as project:
        for design in designs:
            project.import_design(design)
    tmp.replace(target)
    return target


def build(target: Path = TARGET, target_ja: Path = TARGET_JA) -> tuple[Path, Path]:
    english = [read_json(HERE / name) for name in DESIGNS]
    japanese = [japanese_design(name) for name in DESIGNS]
    return _write(target, english), _write(target_ja, japanese)


if __name__ == "__main__":
    for path in build():
        print(f"wrote {path}")
