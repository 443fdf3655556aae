"""`cluster-designer import-list` as a planner runs it: report, JSON, bad input, ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.model import Design, make_actor
from cluster_designer.storage import Project
from tests.list_samples import EXPECTED_ACTORS, mapping_text, write_cp932_csv, write_xlsx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    mapping = tmp_path / "契約.toml"
    mapping.write_text(mapping_text(), encoding="utf-8")
    return write_cp932_csv(tmp_path / "契約一覧.csv"), mapping


def test_report_lists_merged_spellings_skipped_rows_and_probable_duplicates(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    listing, mapping = files
    project = tmp_path / "p.cluster"
    status, out, err = run(
        capsys, "import-list", str(project), "--design", "共同研究 2024", str(listing),
        "--mapping", str(mapping), "--region", "浜松",
    )  # fmt: skip
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"Imported design '共同研究 2024' into {project} from 契約一覧.csv, read as "
        "Shift-JIS (CP932)"
    )
    assert lines[1] == "  12 rows read, 9 actors made, 7 ties made"
    assert "  静岡大学 ← 国立大学法人静岡大学" in lines
    assert "  株式会社浜松精機 ← 浜松精機株式会社 / （株）浜松精機" in lines
    assert "1 row was skipped:" in lines
    assert "  row 9: column '相手先' is empty" in lines
    assert "  静岡大学 ~ 静大 (looks like an abbreviation)" in lines
    with Project.open(project) as opened:
        design = opened.load_design("共同研究 2024")
    assert design.region == "浜松"
    assert [a.name for a in design.actors.values()] == [e[0] for e in EXPECTED_ACTORS]


def test_json_report(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    listing, mapping = files
    status, out, _err = run(
        capsys, "import-list", str(tmp_path / "p.cluster"), "--design", "d", str(listing),
        "--mapping", str(mapping), "--json",
    )  # fmt: skip
    assert status == 0
    report = json.loads(out)
    assert report["actors"] == 9 and report["ties"] == 7
    assert report["merged"] == [e[3] for e in EXPECTED_ACTORS if len(e[3]) > 1]
    assert report["skipped"] == [{"row": 9, "reason": "column '相手先' is empty"}]
    assert {"names": ["静岡大学", "静大"], "reason": "abbreviation"} in [
        {k: c[k] for k in ("names", "reason")} for c in report["candidates"]
    ]
    assert report["encoding"] == "cp932"


def test_japanese_report(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    listing, mapping = files
    status, out, _err = run(
        capsys, "import-list", str(tmp_path / "p.cluster"), "--design", "d", str(listing),
        "--mapping", str(mapping), "--lang", "ja",
    )  # fmt: skip
    assert status == 0
    assert "12 行を読み取り、組織 9 件、つながり 7 本" in out
    assert "9 行目: 列「相手先」が空です" in out


def test_xlsx_list_and_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = write_xlsx(tmp_path / "list.xlsx")
    mapping = tmp_path / "m.toml"
    mapping.write_text(mapping_text(sheet="契約一覧", header_row=2), encoding="utf-8")
    project = tmp_path / "p.cluster"
    args = ["import-list", str(project), "--design", "d", str(listing), "--mapping", str(mapping)]
    assert run(capsys, *args)[0] == 0
    status, _out, err = run(capsys, *args)
    assert status == 2
    assert err.strip() == (
        f"cluster-designer: error: {project} already holds a design named 'd'; "
        "add --replace to replace it"
    )
    status, out, _err = run(capsys, *args, "--replace")
    assert status == 0 and out.startswith("Replaced design 'd'")


def test_ids_are_unique_in_the_project(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    other = Design("hand-drawn")
    other.add_actors(
        [
            make_actor(id="U1", name="A", sector="university"),
            make_actor(id="C1", name="B", sector="company"),
        ]
    )
    with Project.open(project, create=True) as opened:
        opened.import_design(other)
    listing, mapping = files
    args = ["import-list", str(project), "--design", "d", str(listing), "--mapping", str(mapping)]
    assert run(capsys, *args)[0] == 0
    with Project.open(project) as opened:
        ids = list(opened.load_design("d").actors)
    assert "U1" not in ids and "C1" not in ids
    assert ids[:2] == ["U2", "C2"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("相手先所在地", "相手先住所"),
            (
                "契約一覧.csv row 1: the mapping's ends[2].location_column names column "
                "'相手先住所', which the list does not have"
            ),
        ),
        (
            ('weight_column = "金額（千円）"', 'weight_column = "研究題目"'),
            "契約一覧.csv row 2, column '研究題目': '精密加工の自動化' is not a number",
        ),
        (("header_row = 1", 'header_row = 1\nsheet = "x"\nfoo = 1'), "契約.toml: list.foo"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    tmp_path: Path,
    files: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    message: str,
) -> None:
    listing, mapping = files
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    project = tmp_path / "new.cluster"
    status, out, err = run(
        capsys, "import-list", str(project), "--design", "d", str(listing),
        "--mapping", str(mapping),
    )  # fmt: skip
    assert status == 2 and out == ""
    assert err.startswith(f"cluster-designer: error: {message}")
    assert err.count("\n") == 1
    assert not project.exists()


def test_missing_sheet_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = write_xlsx(tmp_path / "list.xlsx")
    mapping = tmp_path / "m.toml"
    mapping.write_text(mapping_text(sheet="2023年度"), encoding="utf-8")
    status, _out, err = run(
        capsys, "import-list", str(tmp_path / "p.cluster"), "--design", "d", str(listing),
        "--mapping", str(mapping),
    )  # fmt: skip
    assert status == 2
    assert err == (
        "cluster-designer: error: list.xlsx: the workbook has no sheet '2023年度' "
        "(its sheets: '表紙', '契約一覧')\n"
    )
    assert not (tmp_path / "p.cluster").exists()
