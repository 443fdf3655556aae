"""Every hostile input listed in issue 23 ends in one clear line and exit status 2, with
nothing stored: no traceback, no "unexpected" error, no silently wrong value."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.storage import Project
from tests.io.hostile_files import (
    ACTOR_ROWS,
    cell,
    corrupt_deflate,
    json_design,
    row,
    workbook,
)

Builder = Callable[[Path], Path]


def _xlsx(**kwargs: object) -> Builder:
    return lambda folder: workbook(folder / "book.xlsx", **kwargs)


INPUTS: dict[str, Builder] = {
    "xlsx shared string index out of range": _xlsx(
        actors=ACTOR_ROWS.replace(cell("B3", "スズキ"), cell("B3", "7", "s"))
    ),
    "xlsx negative shared string index": _xlsx(
        actors=ACTOR_ROWS.replace(cell("B3", "スズキ"), cell("B3", "-1", "s"))
    ),
    "xlsx NaN cell": _xlsx(actors=ACTOR_ROWS.replace(cell("D2", "1", "n"), cell("D2", "NaN", "n"))),
    "xlsx 5000-digit number": _xlsx(
        actors=ACTOR_ROWS.replace(cell("D2", "1", "n"), cell("D2", "9" * 5000, "n"))
    ),
    "xlsx corrupt deflate data": lambda folder: corrupt_deflate(workbook(folder / "book.xlsx")),
    "xlsx a cell far away (dense sheet bomb)": _xlsx(
        actors=ACTOR_ROWS + row(1048576, cell("XFD1048576", "x"))
    ),
    "xlsx an empty row far down": _xlsx(actors=ACTOR_ROWS + '<row r="1048576"/>'),
    "xlsx a cell beyond column 1000": _xlsx(actors=ACTOR_ROWS + row(4, cell("AMZ4", "x"))),
    "json 5000-digit integer": lambda folder: _raw(
        folder / "d.json",
        '{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, '
        '"actors": [{"id": "U1", "name": "a", "sector": "company", "x": 1' + "0" * 5000 + "}]}",
    ),
    "json 5000-digit fraction": lambda folder: _raw(
        folder / "d.json",
        '{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, '
        '"actors": [{"id": "U1", "name": "a", "sector": "company", "x": 1.' + "0" * 5000 + "}]}",
    ),
    "json lone surrogate": lambda folder: _raw(
        folder / "d.json",
        '{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, '
        '"actors": [{"id": "U1", "name": "bad \\ud800 name", "sector": "company"}], "ties": []}',
    ),
    "json far-future updated date": lambda folder: json_design(
        folder / "d.json",
        design={
            "name": "d",
            "created": "9999-12-31T23:59:59-12:00",
            "updated": "9999-12-31T23:59:59-12:00",
        },
    ),
    "json nested too deeply": lambda folder: _raw(folder / "d.json", "[" * 100_000),
    "graphml NUL character reference": lambda folder: _raw(
        folder / "g.graphml",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a&#0;"/>'
        "</graph></graphml>",
    ),
}


def _raw(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _csv_pair(folder: Path, actors: str, ties: str = "source,target,kind\n") -> list[str]:
    (folder / "actors.csv").write_text(actors, encoding="utf-8")
    (folder / "ties.csv").write_text(ties, encoding="utf-8")
    return ["--actors", str(folder / "actors.csv"), "--ties", str(folder / "ties.csv")]


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], project: Path) -> str:
    existed = project.exists()
    before = project.read_bytes() if existed else None
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2, (status, out, err)
    assert err.count("\n") == 1 and err.startswith("cluster-designer: error: "), err
    assert "unexpected" not in err and "Traceback" not in err
    assert project.exists() == existed
    if before is not None:
        assert project.read_bytes() == before
    return err


@pytest.mark.parametrize("name", list(INPUTS))
def test_hostile_file_is_refused_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = INPUTS[name](tmp_path)
    project = tmp_path / "p.cluster"
    _refused(["import", str(project), "--design", "d", str(source)], capsys, project)


def test_nul_in_a_csv_name_is_refused_on_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    args = _csv_pair(tmp_path, "id,name,sector\nU1,bad\0name,university\n")
    err = _refused(["import", str(project), "--design", "d", *args], capsys, project)
    assert "actors.csv line 2, column 'name'" in err and "U+0000" in err


def test_a_garbage_date_in_a_project_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    assert (
        main(
            [
                "import",
                str(project),
                "--design",
                "d",
                *_csv_pair(tmp_path, "id,name,sector\nU1,a,company\n"),
            ]
        )
        == 0
    )
    conn = sqlite3.connect(project)
    conn.execute("UPDATE designs SET updated = 'garbage'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    for argv in (
        ["designs", str(project)],
        ["designs", str(project), "--json"],
        ["evaluate", str(project)],
    ):
        err = _refused(argv, capsys, project)
        assert "garbage" in err or "damaged" in err


def test_a_far_future_date_in_a_project_lists_east_of_utc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date at the end of the calendar once broke `designs` in time zones east of UTC."""
    import time

    project = tmp_path / "p.cluster"
    assert (
        main(
            [
                "import",
                str(project),
                "--design",
                "d",
                *_csv_pair(tmp_path, "id,name,sector\nU1,a,company\n"),
            ]
        )
        == 0
    )
    conn = sqlite3.connect(project)
    conn.execute("UPDATE designs SET updated = '9999-12-31T23:59:59+00:00'")
    conn.commit()
    conn.close()
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        capsys.readouterr()
        status = main(["designs", str(project)])
        _out, err = capsys.readouterr()
        assert status in (0, 2) and err.count("\n") == (0 if status == 0 else 1), err
        assert "unexpected" not in err
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_nothing_of_a_refused_import_reaches_an_existing_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.cluster"
    assert (
        main(
            [
                "import",
                str(project),
                "--design",
                "d",
                *_csv_pair(tmp_path, "id,name,sector\nU1,a,company\n"),
            ]
        )
        == 0
    )
    capsys.readouterr()
    for name, build in INPUTS.items():
        source = build(tmp_path)
        _refused(["import", str(project), "--design", name[:50], str(source)], capsys, project)
    with Project.open(project) as opened:
        assert opened.design_names() == ["d"]
