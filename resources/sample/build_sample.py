"""Rebuild resources/sample.cluster from the JSON designs beside this script.

Run: uv run python resources/sample/build_sample.py
The test suite checks that the committed project still matches the JSON files.
"""

from __future__ import annotations

from pathlib import Path

from cluster_designer.io import read_json
from cluster_designer.storage import Project

HERE = Path(__file__).resolve().parent
DESIGNS = ("company_town.json", "knowledge_cluster.json")
TARGET = HERE.parent / "sample.cluster"


def build(target: Path = TARGET) -> Path:
    tmp = target.with_suffix(".cluster.new")
    tmp.unlink(missing_ok=True)
    with Project.open(tmp, create=True) as project:
        for name in DESIGNS:
            project.import_design(read_json(HERE / name))
    tmp.replace(target)
    return target


if __name__ == "__main__":
    print(f"wrote {build()}")
