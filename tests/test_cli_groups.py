"""The command line and issue 18's data: --groups, --year, the year in `designs`, and bad
input refused with one line, exit 2 and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.io import write_csv_pair, write_design_file, write_json
from cluster_designer.storage import Project
from tests.storage.storage_samples import full_design


def _files(folder: Path) -> list[Path]:
    paths = [folder / n for n in ("actors.csv", "ties.csv", "groups.csv")]
    write_csv_pair(full_design(), *paths)
    return paths


def test_import_with_groups_and_year_then_export_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors, ties, groups = _files(tmp_path)
    project = tmp_path / "p.cluster"
    argv = ["import", str(project), "--design", "2030", "--actors", str(actors)]
    assert main([*argv, "--ties", str(ties), "--groups", str(groups), "--year", "2030"]) == 0
    assert "2 groups" in capsys.readouterr().out
    with Project.open(project) as opened:
        design = opened.load_design("2030")
    assert design.year == 2030 and list(design.groups) == ["G1", "G2"]
    assert design.actor("C3").parent == "U1"

    assert main(["designs", str(project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["year"] == 2030
    assert main(["designs", str(project)]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.split()[:3] == ["name", "region", "year"] and "2030" in row.split()

    out = [tmp_path / n for n in ("a.csv", "t.csv", "g.csv")]
    argv = ["export", str(project), "--design", "2030", "--actors", str(out[0])]
    assert main([*argv, "--ties", str(out[1])]) == 0
    assert "add --groups G.csv" in capsys.readouterr().out and not out[2].exists()
    assert main([*argv, "--ties", str(out[1]), "--groups", str(out[2])]) == 0
    assert out[2].read_bytes() == groups.read_bytes()


def test_year_of_a_single_file_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    write_json(full_design(), path)
    project = tmp_path / "p.cluster"
    assert main(["import", str(project), str(path), "--year", "2040"]) == 0
    with Project.open(project) as opened:
        assert opened.load_design(full_design().name).year == 2040


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], project: Path) -> str:
    before = project.read_bytes() if project.exists() else None
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2, (status, out, err)
    assert err.count("\n") == 1 and err.startswith("cluster-designer: error: "), err
    assert "Traceback" not in err
    assert (project.read_bytes() if project.exists() else None) == before
    return err.strip().removeprefix("cluster-designer: error: ")


@pytest.mark.parametrize(
    ("actors", "groups", "year", "message"),
    [
        (None, "id,name,members\nG1,a,U1\n", None, "a group needs two or more members"),
        (None, "id,name,members\nG1,a,U1;X9\n", None, "unknown actor id 'X9'"),
        ("id,name,sector,parent\nU1,u,university,Z\n", None, None, "unknown parent actor id 'Z'"),
        ("id,name,sector,parent\nU1,u,university,U1\n", None, None, "its own parent"),
        (None, None, "1799", "import: --year 1799: year 1799 is outside 1800–2200"),
        (None, None, "soon", "import: --year soon:"),
        ("id,name,sector,arrived\nU1,u,university,2201\n", None, None, "outside 1800–2200"),
        ("id,name,sector,origin\nU1,u,university,火星\n", None, None, "unknown origin '火星'"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    actors: str | None,
    groups: str | None,
    year: str | None,
    message: str,
) -> None:
    paths = _files(tmp_path)
    project = tmp_path / "p.cluster"
    assert (
        main(
            [
                "import",
                str(project),
                "--design",
                "old",
                "--actors",
                str(paths[0]),
                "--ties",
                str(paths[1]),
            ]
        )
        == 0
    )
    capsys.readouterr()
    if actors is not None:
        paths[0].write_text(actors, encoding="utf-8")
        paths[1].write_text("source,target,kind\n", encoding="utf-8")
    if groups is not None:
        paths[2].write_text(groups, encoding="utf-8")
    argv = ["import", str(project), "--design", "new", "--actors", str(paths[0])]
    argv += ["--ties", str(paths[1]), "--groups", str(paths[2])]
    if year is not None:
        argv += ["--year", year]
    assert message in _refused(argv, capsys, project)


def test_japanese_origin_words_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors, ties = tmp_path / "a.csv", tmp_path / "t.csv"
    actors.write_bytes(
        "id,name,sector,origin\nC1,企業,企業,国内\nC2,企業2,企業,地元\n".encode("cp932")
    )
    ties.write_text("source,target,kind\n", encoding="utf-8")
    project = tmp_path / "p.cluster"
    assert (
        main(
            ["import", str(project), "--design", "d", "--actors", str(actors), "--ties", str(ties)]
        )
        == 0
    )
    with Project.open(project) as opened:
        design = opened.load_design("d")
    assert [a.origin.value for a in design.actors.values() if a.origin] == ["domestic", "local"]


def test_groups_go_with_the_csv_pair_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.graphml"
    write_design_file(full_design(), path)
    project = tmp_path / "p.cluster"
    message = _refused(["import", str(project), str(path), "--groups", "g.csv"], capsys, project)
    assert "--groups goes with --actors and --ties" in message
