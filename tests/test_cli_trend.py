"""`cluster-designer trend`: the designs with a year, oldest first, with their metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster_designer import i18n
from cluster_designer.analysis import evaluate
from cluster_designer.cli import main
from cluster_designer.model import Design, make_actor, make_group, make_tie
from cluster_designer.storage import Project


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _design(name: str, year: int | None, moved: int) -> Design:
    """A university, a support organization and four companies, `moved` of them moved in."""
    actors = [
        make_actor(id="U", name="Uni", sector="university", origin="local"),
        make_actor(id="S", name="City", sector="support", origin="local"),
    ]
    actors += [
        make_actor(
            id=f"C{i}",
            name=f"Firm {i}",
            sector="company",
            origin="domestic" if i < moved else "local",
        )
        for i in range(4)
    ]
    ties = [make_tie(source="U", target=f"C{i}", kind="collaboration") for i in range(4)]
    groups = [make_group(id="G1", name="Consortium", members=("U", "C0", "S"))] if moved else []
    design = Design(name, year=year)
    design.load(actors, ties, groups)
    return design


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.cluster"
    store = Project.open(path, create=True)
    try:
        # stored out of order, two in 2030, one without a year
        for design in (
            _design("Plan B", 2030, 3),
            _design("Today", 2024, 0),
            _design("Plan A", 2030, 2),
            _design("Sketch", None, 1),
        ):
            store.import_design(design)
    finally:
        store.close()
    return path


def test_trend_json_lists_designs_with_a_year_oldest_first_then_by_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "trend", str(project), "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert [(d["name"], d["year"]) for d in data["designs"]] == [
        ("Today", 2024),
        ("Plan A", 2030),
        ("Plan B", 2030),
    ]
    first = data["designs"][0]
    assert set(first) == {"name", "year", "metrics"}
    # the metrics are those of compare, keyed the same way
    assert first["metrics"] == evaluate(_design("Today", 2024, 0)).metrics()
    assert [d["metrics"]["arrivals.count"] for d in data["designs"]] == [0, 2, 3]
    assert [d["metrics"]["groups.triple_helix_share"] for d in data["designs"]] == [None, 1.0, 1.0]


def test_trend_table_shows_the_key_metrics_per_design(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = run(capsys, "trend", str(project))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Timeline: 3 designs with a year"
    years = next(line for line in lines if "2024" in line)
    assert years.split() == ["2024", "2030", "2030"]
    names = lines[lines.index(years) + 1]
    assert names.index("Today") < names.index("Plan A") < names.index("Plan B")
    moved = next(line for line in lines if line.startswith("Moved in from outside"))
    assert moved.split()[-3:] == ["0", "2", "3"]
    for label in (
        "Density inside the region",
        "Inflows from outside",
        "Groups of industry, academia and government",
        "Robustness of the region",
    ):
        assert any(line.startswith(label) for line in lines), label
    assert "Sketch" not in out


def test_a_project_without_years_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "undated.cluster"
    store = Project.open(path, create=True)
    try:
        store.import_design(_design("Today", None, 0))
    finally:
        store.close()
    status, out, err = run(capsys, "trend", str(path))
    assert status == 0 and err == ""
    assert len(out.strip().splitlines()) == 1
    assert "no design with a year" in out and "--year YEAR" in out
    status, out, _err = run(capsys, "trend", str(path), "--json")
    assert status == 0 and json.loads(out) == {"designs": []}


def test_trend_of_a_missing_project_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "trend", str(tmp_path / "none.cluster"))
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_trend_in_japanese(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        status, out, _err = run(capsys, "trend", str(project), "--lang", "ja")
    finally:
        i18n.set_language("en")
    assert status == 0
    assert "推移" in out.splitlines()[0]
    assert "地域外から進出" in out


def test_compare_json_carries_arrivals_and_groups(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = run(capsys, "compare", str(project), "Today", "Plan B", "--json")
    assert status == 0
    metrics = json.loads(out)["metrics"]
    assert metrics["arrivals.count"] == {"a": 0, "b": 3, "delta": 3}
    assert metrics["arrivals.share"] == {"a": 0.0, "b": 0.5, "delta": 0.5}
    assert metrics["groups.count"] == {"a": 0, "b": 1, "delta": 1}
    assert metrics["groups.triple_helix_share"] == {"a": None, "b": 1.0, "delta": None}
    for origin in ("local", "spin_off", "domestic", "overseas", "unknown"):
        assert f"arrivals.by_origin.{origin}" in metrics
