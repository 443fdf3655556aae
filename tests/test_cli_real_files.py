"""`import` options for files from other programs, on the third-party test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.storage import Project

DATA = Path(__file__).parent / "data" / "third_party"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_sector_from_an_attribute_with_a_map_and_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    status, out, err = run(
        capsys, "import", str(project), str(DATA / "networkx-karate.graphml"),
        "--sector-from", "club", "--sector-map", "Mr. Hi=大学,Officer=企業", "--kind", "情報交流",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"Imported design 'Zachary's Karate Club' in {project}: 34 actors, 78 ties",
        "  - 78 edges have no tie kind; they were read as information",
    ]
    with Project.open(project) as opened:
        design = opened.load_design("Zachary's Karate Club")
    assert {a.sector.value for a in design.actors.values()} == {"university", "company"}


def test_a_file_without_sectors_says_which_options_help(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    status, out, err = run(capsys, "import", str(project), str(DATA / "gephi-gexf-data.gexf"))
    assert (status, out) == (2, "")
    assert err == (
        "cluster-designer: error: gephi-gexf-data.gexf: cannot tell the sector of 4 nodes: "
        "'0', '1', '2', '3'; give each node a 'sector' attribute (university, company, support); "
        "or give them one with --sector SECTOR, or read it from an attribute with --sector-from "
        "ATTRIBUTE\n"
    )
    assert not project.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--sector-map", "a=university"], "import: --sector-map needs --sector-from ATTRIBUTE"),
        (["--sector", "unicorn"], "import: --sector: unknown sector 'unicorn'"),
        (["--location", "moon"], "import: --location: unknown location 'moon'"),
        (["--kind", "friendship"], "import: --kind: unknown tie kind 'friendship'"),
        (
            ["--sector-from", "club", "--sector-map", "Mr. Hi"],
            "import: --sector-map: 'Mr. Hi' is not of the form value=sector",
        ),
    ],
)
def test_bad_options_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    project = tmp_path / "p.cluster"
    status, out, err = run(
        capsys, "import", str(project), str(DATA / "networkx-karate.graphml"), *options
    )
    assert (status, out) == (2, "")
    assert err.startswith(f"cluster-designer: error: {message}")
    assert len(err.splitlines()) == 1
    assert not project.exists()


def test_repeated_ties_are_merged_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name,type\n1,A,Firm\n2,B,Firm\n3,C,Lab\n4,D,Lab\n", encoding="utf-8")
    project = tmp_path / "p.cluster"
    base = ["import", str(project), "--design", "routes", "--actors", str(actors), "--ties",
            str(DATA / "gephi-edges-repeated.csv"), "--sector-from", "type", "--sector-map",
            "Firm=company,Lab=university", "--kind", "collaboration"]  # fmt: skip
    status, _out, err = run(capsys, *base)
    assert status == 2
    assert "a collaboration tie 1 – 2 appears twice (first on line 2)" in err
    status, out, err = run(capsys, *base, "--merge-duplicates")
    assert (status, err) == (0, "")
    assert out.splitlines()[1:] == [
        "  - 5 edges have no tie kind; they were read as collaboration",
        (
            "  - 1 repeated tie was merged (weights added, notes kept): a collaboration tie "
            "1 – 2 (line 2, line 4, line 6; weight 7.5)"
        ),
    ]


def test_our_own_json_refuses_the_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = Path(__file__).parents[1] / "resources" / "sample" / "knowledge_cluster.json"
    status, _out, err = run(
        capsys, "import", str(tmp_path / "p.cluster"), str(sample), "--sector", "company"
    )
    assert status == 2
    assert "says everything itself" in err
