"""brokerage, spread, resilience and suggest on the command line: tables, JSON, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.cli import main
from cluster_designer.model import Design, make_actor, make_tie
from cluster_designer.storage import Project
from tests.analysis.dynamics_designs import kite

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample.cluster"
TOWN = "Company town (2024)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.cluster"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Krackhardt's kite, plus a design with no region actors."""
    path = tmp_path / "small.cluster"
    away = Design("away")
    away.load(
        [
            make_actor(id="X", name="X", sector="company", location="overseas"),
            make_actor(id="Y", name="Y", sector="university", location="domestic"),
        ],
        [make_tie(source="X", target="Y", kind="collaboration")],
    )
    project = Project.open(path, create=True)
    try:
        project.import_design(kite())
        project.import_design(away)
    finally:
        project.close()
    return path


def load(path: Path, name: str) -> Design:
    project = Project.open(path)
    try:
        return project.load_design(name)
    finally:
        project.close()


def test_brokerage_json_is_the_analysis(capsys, sample: Path) -> None:
    status, out, err = run(
        capsys, "brokerage", str(sample), "--design", TOWN, "--groups", "location", "--json"
    )
    assert status == 0, err
    data = json.loads(out)
    assert data == brokerage(load(sample, TOWN), "location").to_dict()
    assert data["groups"] == "location"
    assert set(data["totals"]) == {
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    }


def test_brokerage_table_names_the_gatekeepers(capsys, sample: Path) -> None:
    status, out, _err = run(
        capsys, "brokerage", str(sample), "--design", TOWN, "--groups", "location"
    )
    assert status == 0
    assert "Gatekeeper" in out
    first_row = out.splitlines()[3]
    assert first_row.startswith("Asakawa Motor Industries")  # most brokerages first
    assert "Asakawa Motor Industries handles 96% of it." in out


def test_spread_json_and_table(capsys, small: Path) -> None:
    status, out, _err = run(capsys, "spread", str(small), "--design", "kite", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["rounds"] == [["K1", "K2"], ["K4", "K5"], ["K6"], ["K7"], ["K8"], ["K9"]]
    assert data["seeds"] == ["K0", "K3"]
    assert data["threshold"] == 0.5
    status, out, _err = run(capsys, "spread", str(small), "--design", "kite", "--seeds", "K7")
    assert status == 0
    assert "Reached 3 of 10 actors (30%)." in out
    assert "An idea from the chosen actors reaches 30% of the region in 2 rounds." in out
    rows = [line.split() for line in out.splitlines() if line[:6].strip().isdigit()]
    assert [r[:3] for r in rows] == [["0", "1", "1"], ["1", "1", "2"], ["2", "1", "3"]]


def test_spread_threshold_and_seeds_are_used(capsys, small: Path) -> None:
    status, out, _err = run(
        capsys, "spread", str(small), "--design", "kite", "--threshold", "0.6", "--json"
    )
    assert status == 0
    assert json.loads(out) == spread(kite(), threshold=0.6).to_dict() | {"design": "kite"}


def test_resilience_json_degree_and_random(capsys, sample: Path) -> None:
    status, out, _err = run(capsys, "resilience", str(sample), "--design", TOWN, "--json")
    assert status == 0
    data = json.loads(out)
    expected = resilience(load(sample, TOWN)).to_dict()
    assert data == expected
    assert data["removed"][0] == "C01"
    status, out, _err = run(
        capsys,
        "resilience",
        str(sample),
        "--design",
        TOWN,
        "--attack",
        "random",
        "--runs",
        "5",
        "--seed",
        "9",
        "--json",
    )
    data = json.loads(out)
    assert data == resilience(load(sample, TOWN), "random", runs=5, seed=9).to_dict()
    assert data["runs"] == 5 and data["seed"] == 9 and "removed" not in data


def test_resilience_table_lists_the_attacked_order(capsys, sample: Path) -> None:
    status, out, _err = run(capsys, "resilience", str(sample), "--design", TOWN)
    assert status == 0
    assert "      1            46%  Asakawa Motor Industries" in out
    assert "Losing Asakawa Motor Industries alone leaves at most half" in out
    assert "more removals (--json lists them all)" in out


def test_resilience_without_region_actors_prints_null(capsys, small: Path) -> None:
    status, out, _err = run(capsys, "resilience", str(small), "--design", "away", "--json")
    assert status == 0
    assert json.loads(out)["robustness"] is None


def test_suggest_json_and_table(capsys, sample: Path) -> None:
    status, out, err = run(
        capsys, "suggest", str(sample), "--design", TOWN, "--ties", "3", "--json"
    )
    assert status == 0, err
    data = json.loads(out)
    assert data["goal"] == "robustness"
    assert len(data["ties"]) == 3
    assert data["after"] == pytest.approx(data["before"] + sum(t["gain"] for t in data["ties"]))
    first = data["ties"][0]
    status, out, _err = run(capsys, "suggest", str(sample), "--design", TOWN, "--ties", "3")
    assert f"({first['source']})" in out.splitlines()[3]
    assert "survives" in out


def test_suggest_constraints(capsys, sample: Path) -> None:
    status, out, err = run(
        capsys,
        "suggest",
        str(sample),
        "--design",
        TOWN,
        "--goal",
        "spread",
        "--touching",
        "S02,S01",
        "--exclude",
        "U01",
        "--kind",
        "information",
        "--ties",
        "2",
        "--json",
    )
    assert status == 0, err
    data = json.loads(out)
    assert data["touching"] == ["S02", "S01"]
    assert data["exclude"] == ["U01"]
    for tie in data["ties"]:
        assert {tie["source"], tie["target"]} & {"S01", "S02"}
        assert "U01" not in (tie["source"], tie["target"])
        assert tie["kind"] == "information"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["spread", "--design", "kite", "--seeds", "K0,NOPE"], "'NOPE'"),
        (["spread", "--design", "kite", "--threshold", "0"], "outside (0, 1]"),
        (["spread", "--design", "kite", "--threshold", "1.5"], "outside (0, 1]"),
        (["spread", "--design", "kite", "--threshold", "half"], "'half' is not a number"),
        (["spread", "--design", "away"], "no university in the region"),
        (["suggest", "--design", "kite", "--ties", "21"], "from 1 to 20"),
        (["suggest", "--design", "kite", "--ties", "0"], "from 1 to 20"),
        (["suggest", "--design", "kite", "--touching", "Q1"], "'Q1'"),
        (["suggest", "--design", "kite", "--kind", "gossip"], "tie kind"),
        (["suggest", "--design", "away"], "no region actors"),
        (["brokerage", "--design", "kite", "--groups", "city"], "invalid choice"),
        (["resilience", "--design", "kite", "--attack", "random", "--runs", "0"], "runs"),
        (["brokerage", "--design", "nope"], "no design named 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys, small: Path, argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, argv[0], str(small), *argv[1:])
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("cluster-designer: error:")
    assert message in err


def test_names_in_a_round_stay_apart_when_a_name_has_a_comma(
    capsys: pytest.CaptureFixture[str], sample: Path
) -> None:
    """'National Institute of Technology, Asakawa College' is one actor: the table separates
    names with '; ' so it is not read as two."""
    status, out, _err = run(capsys, "spread", str(sample), "--design", TOWN, "--lang", "en")
    assert status == 0
    assert (
        "Minami-Tōkai University; National Institute of Technology, Asakawa College; "
        "Asakawa Gakuen University" in out
    )
