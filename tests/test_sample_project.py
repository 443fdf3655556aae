"""The bundled sample is the first thing a planner sees: it must open and say what it promises."""

from __future__ import annotations

import shutil
from pathlib import Path

from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.io import read_json
from cluster_designer.storage import Project

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def test_committed_sample_project_matches_its_json_sources(tmp_path: Path) -> None:
    copy = tmp_path / "sample.cluster"
    shutil.copy(RESOURCES / "sample.cluster", copy)
    with Project.open(copy) as project:
        assert project.design_names() == ["Company town (2024)", "Knowledge cluster plan (2030)"]
        for source in ("company_town.json", "knowledge_cluster.json"):
            expected = read_json(RESOURCES / "sample" / source)
            assert project.load_design(expected.name).same_content(expected)


def test_sample_designs_get_the_diagnosis_their_names_promise() -> None:
    town = read_json(RESOURCES / "sample" / "company_town.json")
    plan = read_json(RESOURCES / "sample" / "knowledge_cluster.json")
    assert diagnose(evaluate(town)).pattern.code == "company_town"
    assert diagnose(evaluate(plan)).pattern.code == "knowledge_cluster"
    assert all(a.placed for a in town) and all(a.placed for a in plan)
