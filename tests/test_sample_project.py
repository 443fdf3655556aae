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


def test_japanese_sample_is_the_same_region_in_japanese(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_sample", RESOURCES / "sample" / "build_sample.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    copy = tmp_path / "sample-ja.cluster"
    shutil.copy(RESOURCES / "sample-ja.cluster", copy)
    with Project.open(copy) as project:
        assert project.design_names() == ["企業城下町（2024年）", "知的クラスター計画（2030年）"]
        for source in ("company_town.json", "knowledge_cluster.json"):
            english = read_json(RESOURCES / "sample" / source)
            expected = builder.japanese_design(source)
            japanese = project.load_design(expected.name)
            assert japanese.same_content(expected), (
                "run: uv run python resources/sample/build_sample.py"
            )
            assert japanese.region == "南東海県 朝川地域"
            assert set(japanese.actors) == set(english.actors)
            assert {t.key for t in japanese.ties.values()} == {t.key for t in english.ties.values()}
            for actor in japanese:
                assert any(
                    "\u3040" <= c <= "\u9fff" or "\u30a0" <= c <= "\u30ff" for c in actor.name
                )
            assert (
                diagnose(evaluate(japanese)).pattern.code
                == diagnose(evaluate(english)).pattern.code
            )


def test_only_the_samples_themselves_are_shipped() -> None:
    """Opening a committed sample with a newer program upgrades it in place and leaves the
    upgrade's backup beside it; the installers bundle this whole folder."""
    assert sorted(p.name for p in RESOURCES.glob("*.cluster*")) == [
        "sample-ja.cluster",
        "sample.cluster",
    ]
