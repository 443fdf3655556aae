"""The command line at the edges: races between programs, damaged projects, full disks."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.cli.common import UsageError, project_for_writing
from cluster_designer.model import Design, make_actor, make_tie
from cluster_designer.storage import Project

DATA = Path(__file__).parent / "io" / "data"
ACTORS, TIES = str(DATA / "actors.csv"), str(DATA / "ties.csv")


def _import(path: Path, design: str) -> int:
    return main(["import", str(path), "--design", design, "--actors", ACTORS, "--ties", TIES])


def test_a_failed_create_never_removes_a_project_another_program_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two imports into one new project: the one that fails must not delete the other's file."""
    path = tmp_path / "p.cluster"
    with pytest.raises(UsageError), project_for_writing(str(path)):
        # Meanwhile another program creates the same project and stores its design there.
        assert _import(path, "theirs") == 0
        raise UsageError("this command fails after all")
    capsys.readouterr()
    with Project.open(path) as project:
        assert project.design_names() == ["theirs"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.cluster"]


def test_a_project_created_meanwhile_receives_the_design(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The program that finishes second stores its design into the file the first one made."""
    path = tmp_path / "p.cluster"
    with project_for_writing(str(path)) as mine:
        assert _import(path, "theirs") == 0
        mine.create_design("mine")
    capsys.readouterr()
    with Project.open(path) as project:
        assert sorted(project.design_names()) == ["mine", "theirs"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.cluster"]


def test_two_processes_importing_into_one_new_project(tmp_path: Path) -> None:
    """Real processes at once: every import that reports success is in the file afterwards."""
    env = {**os.environ, "CLUSTER_DESIGNER_LANG": "en"}
    for round_number in range(2):
        path = tmp_path / f"p{round_number}.cluster"
        command = [sys.executable, "-m", "cluster_designer", "import", str(path)]
        runs = [
            subprocess.Popen(
                [*command, "--design", name, "--actors", ACTORS, "--ties", TIES],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for name in ("same", "same", "other")
        ]
        results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        assert path.exists(), results
        with Project.open(path) as project:
            names = project.design_names()
        assert sorted(set(names)) == ["other", "same"], results
        statuses = sorted(status for status, _ in results)
        assert statuses == [0, 0, 2], results
        failed = next(err for status, err in results if status == 2)
        assert "a design named 'same'" in failed and failed.count("\n") == 1


# --- damaged projects ---------------------------------------------------------------------


def _project_with_designs(path: Path) -> None:
    for name in ("現状", "計画", "予備"):
        assert _import(path, name) == 0


def _page_of(path: Path, name: str) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    return (root[0] - 1) * page_size, page_size


def _spoil_index(path: Path) -> None:
    """Change a design name inside the name index only: lookups by name find wrong rows."""
    start, size = _page_of(path, "sqlite_autoindex_designs_1")
    data = bytearray(path.read_bytes())
    at = data.index("計画".encode(), start, start + size)
    data[at : at + len("計画".encode())] = "予備".encode()
    path.write_bytes(bytes(data))


def _spoil_table(path: Path) -> None:
    """Scribble over the middle of the actors table's first page."""
    start, size = _page_of(path, "actors")
    data = bytearray(path.read_bytes())
    data[start + 8 : start + size // 2] = b"\xa5" * (size // 2 - 8)
    path.write_bytes(bytes(data))


def _spoil_version(path: Path) -> None:
    """The schema version row is gone (as if a tool had emptied the table)."""
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()


DAMAGES = [_spoil_index, _spoil_table, _spoil_version]


@pytest.mark.parametrize("damage", DAMAGES, ids=["index", "table", "version"])
@pytest.mark.parametrize(
    "command",
    [
        ["designs"],
        ["designs", "--json"],
        ["evaluate", "--design", "計画"],
        ["import", "--design", "new", "--actors", ACTORS, "--ties", TIES],
        ["export", "--design", "計画", "OUT.json"],
    ],
    ids=["designs", "designs-json", "evaluate", "import", "export"],
)
def test_damaged_projects_are_refused_in_one_line_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object, command: list[str]
) -> None:
    path = tmp_path / "p.cluster"
    _project_with_designs(path)
    damage(path)
    before = path.read_bytes()
    capsys.readouterr()
    argv = [
        command[0],
        str(path),
        *(str(tmp_path / a) if a == "OUT.json" else a for a in command[1:]),
    ]
    for _ in range(2):  # a second run behaves the same (and leaves no backup behind)
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and "damaged" in err, err
        assert f"cluster-designer recover {path}" in err
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.cluster"]


@pytest.mark.parametrize("damage", DAMAGES, ids=["index", "table", "version"])
def test_recover_copies_what_can_be_read_into_a_new_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object
) -> None:
    path, out = tmp_path / "p.cluster", tmp_path / "recovered.cluster"
    _project_with_designs(path)
    with Project.open(path) as project:
        originals = {name: project.load_design(name) for name in project.design_names()}
    damage(path)
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["recover", str(path), str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert path.read_bytes() == before
    with Project.open(out) as project:
        names = project.design_names()
        recovered = {name: project.load_design(name) for name in names}
    assert [d["name"] for d in report["designs"]] == names
    complete = [d["name"] for d in report["designs"] if d["lost_actors"] == d["lost_ties"] == 0]
    for name in complete:
        assert recovered[name].same_content(originals[name]), name
    assert complete == list(originals) or damage is _spoil_table
    assert main(["designs", str(out)]) == 0


def _first_leaf(path: Path, table: str) -> int:
    """The file offset of the first leaf page under a table's (interior) root page."""
    start, size = _page_of(path, table)
    data = path.read_bytes()
    assert data[start] == 0x05, "the table must span several pages"
    cell = int.from_bytes(data[start + 12 : start + 14], "big")
    child = int.from_bytes(data[start + cell : start + cell + 4], "big")
    return (child - 1) * size


def test_recover_loses_only_the_rows_of_a_damaged_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "p.cluster", tmp_path / "recovered.cluster"
    big = Design("大きなマップ")
    big.add_actors(
        [
            make_actor(id=f"A{i}", name=f"組織 {i}", sector="company", notes="メモ" * 20)
            for i in range(400)
        ]
    )
    big.add_ties([make_tie(source=f"A{i}", target=f"A{i + 1}", kind="funding") for i in range(399)])
    with Project.open(path, create=True) as project:
        project.import_design(big)
    leaf = _first_leaf(path, "actors")
    data = bytearray(path.read_bytes())
    data[leaf : leaf + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["recover", str(path), str(out)]) == 0
    text = capsys.readouterr().out
    assert "Some of it could not be read" in text
    with Project.open(out) as project:
        recovered = project.load_design("大きなマップ")
    assert 300 < len(recovered) < 400
    for actor in recovered.actors.values():
        assert actor == big.actor(actor.id)
    assert all(
        t.source in recovered.actors and t.target in recovered.actors
        for t in recovered.ties.values()
    )
    assert len(recovered.ties) >= len(recovered) - 2 - (400 - len(recovered))


def test_recover_never_overwrites_and_reports_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.cluster"
    _project_with_designs(path)
    capsys.readouterr()
    assert main(["recover", str(path), str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    (tmp_path / "taken.cluster").write_bytes(b"mine")
    assert main(["recover", str(path), str(tmp_path / "taken.cluster")]) == 2
    assert (tmp_path / "taken.cluster").read_bytes() == b"mine"
    (tmp_path / "junk.cluster").write_bytes(b"\0" * 5000)
    assert main(["recover", str(tmp_path / "junk.cluster"), str(tmp_path / "x.cluster")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and not (tmp_path / "x.cluster").exists()
