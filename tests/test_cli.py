"""The `cluster-designer` command end to end, as a planner or a script would run it."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from cluster_designer import cli
from cluster_designer.analysis.evaluate import BLOCK_KEYS
from cluster_designer.cli import format_table, main
from cluster_designer.io import read_csv_pair, write_json
from cluster_designer.model import Design, TieKind, make_actor, make_tie
from cluster_designer.storage import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "io" / "data"
ACTORS, TIES = str(DATA / "actors.csv"), str(DATA / "ties.csv")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project holding the example design as '現状' and a smaller one as '目標'."""
    path = tmp_path / "浜松.cluster"
    assert (
        main(
            [
                "import",
                str(path),
                "--design",
                "現状",
                "--actors",
                ACTORS,
                "--ties",
                TIES,
                "--region",
                "浜松",
            ]
        )
        == 0
    )
    target = Design("目標", region="浜松")
    target.add_actors(
        [
            make_actor(id="U1", name="静岡大学", sector="university"),
            make_actor(id="C1", name="浜松ホトニクス", sector="company"),
        ]
    )
    target.add_tie(make_tie(source="U1", target="C1", kind="collaboration"))
    write_json(target, tmp_path / "target.json")
    assert main(["import", str(path), str(tmp_path / "target.json")]) == 0
    capsys.readouterr()
    return path


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cluster-designer: error: ")
    assert "Traceback" not in err
    return lines[0].removeprefix("cluster-designer: error: ")


# --- import -------------------------------------------------------------------------------


def test_import_csv_pair_creates_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.cluster"
    status, out, err = run(
        capsys,
        "import",
        str(path),
        "--design",
        "現状",
        "--actors",
        ACTORS,
        "--ties",
        TIES,
        "--region",
        "浜松",
    )
    assert (status, err) == (0, "")
    assert out.strip() == f"Imported design '現状' in {path}: 6 actors, 7 ties"
    with Project.open(path) as stored:
        design = stored.load_design("現状")
    expected = read_csv_pair(ACTORS, TIES, "現状", region="浜松")
    assert design.same_content(expected)


def test_import_refuses_an_existing_name_and_changes_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = project.read_bytes()
    actors = tmp_path / "a.csv"
    actors.write_text("id,name,sector\nX1,Other,company\n", encoding="utf-8")
    ties = tmp_path / "t.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    status, out, err = run(
        capsys,
        "import",
        str(project),
        "--design",
        "現状",
        "--actors",
        str(actors),
        "--ties",
        str(ties),
    )
    assert status == 2 and out == ""
    assert one_error_line(err) == (
        f"{project} already holds a design named '現状'; add --replace to replace it"
    )
    assert project.read_bytes() == before


def test_import_with_replace_swaps_the_design(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = tmp_path / "a.csv"
    actors.write_text("id,name,sector\nX1,Other,company\n", encoding="utf-8")
    ties = tmp_path / "t.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    status, out, _ = run(
        capsys,
        "import",
        str(project),
        "--design",
        "現状",
        "--actors",
        str(actors),
        "--ties",
        str(ties),
        "--replace",
    )
    assert status == 0 and out.startswith("Replaced design '現状'")
    with Project.open(project) as stored:
        assert sorted(stored.design_names()) == sorted(["目標", "現状"])
        assert list(stored.load_design("現状").actors) == ["X1"]


def test_failed_import_writes_no_project_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,kind\nU1,X9,funding\n", encoding="utf-8")
    path = tmp_path / "new.cluster"
    status, out, err = run(
        capsys, "import", str(path), "--design", "d", "--actors", ACTORS, "--ties", str(ties)
    )
    assert (status, out) == (2, "")
    assert one_error_line(err) == "ties.csv line 2: unknown actor id 'X9'"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ties.csv"]


def test_a_storage_failure_after_creating_the_project_removes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Project, design: Design, replace: bool = False) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(Project, "import_design", broken)
    path = tmp_path / "new.cluster"
    status, _, err = run(
        capsys, "import", str(path), "--design", "d", "--actors", ACTORS, "--ties", TIES
    )
    assert status == 1
    assert "database is locked" in one_error_line(err)
    assert list(tmp_path.iterdir()) == []


def test_import_a_json_file_keeps_its_name_unless_one_is_given(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, _ = run(
        capsys,
        "import",
        str(project),
        str(tmp_path / "target.json"),
        "--design",
        "目標 2",
        "--region",
        "静岡",
    )
    assert status == 0
    with Project.open(project) as stored:
        assert stored.load_design("目標 2").region == "静岡"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "{p}"], "import: give a design FILE, or both --actors and --ties"),
        (
            ["import", "{p}", "--actors", ACTORS, "--ties", TIES],
            "import: --design NAME is required with --actors and --ties",
        ),
        (
            ["import", "{p}", "x.json", "--actors", ACTORS],
            "import: give either FILE or --actors and --ties, not both",
        ),
        (
            ["import", "{p}", "--design", "d", "--actors", ACTORS, "--ties", "{d}/missing.csv"],
            "{d}/missing.csv: no such file or directory",
        ),
        (
            ["import", "{p}", "--design", "d", "{d}/map.xyz"],
            "map.xyz: unsupported file type '.xyz' (use .json",
        ),
        (
            ["import", "{p}", "--design", "", "--actors", ACTORS, "--ties", TIES],
            "design name: must not be empty",
        ),
        (["import", "{p}", "--design", " ", "{d}/x.json"], "design name: must not be empty"),
        (["import"], "import: the following arguments are required: PROJECT"),
        (["designs", "{p}", "--bogus"], "designs: unrecognized arguments: --bogus"),
        (["frobnicate", "{p}"], "argument COMMAND: invalid choice: 'frobnicate'"),
        (["designs", "{p}"], "{p}: no such project file"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    path = tmp_path / "p.cluster"
    args = [a.format(p=path, d=tmp_path) for a in argv]
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, "")
    assert one_error_line(err).startswith(message.format(p=path, d=tmp_path))
    assert not path.exists()


# --- designs, evaluate, compare ---------------------------------------------------------------


def test_designs_table_and_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "designs", str(project))
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split() == ["name", "region", "actors", "ties", "updated"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert rows == {"現状": ["浜松", "6", "7"], "目標": ["浜松", "2", "1"]}
    status, out, _ = run(capsys, "designs", str(project), "--json")
    listed = json.loads(out)
    assert status == 0
    assert {d["name"]: (d["actors"], d["ties"]) for d in listed} == {"現状": (6, 7), "目標": (2, 1)}
    assert {"region", "description", "created", "updated"} <= set(listed[0])


def test_table_columns_line_up_with_japanese_text() -> None:
    lines = format_table([["name", "n"], ["静岡大学", "1"], ["ab", "10"]], numeric={1})
    assert lines == ["name       n", "静岡大学   1", "ab        10"]


def _documented_evaluate_keys() -> tuple[set[str], set[str]]:
    """Dotted keys of the `evaluate --json` table in docs/reference/metrics.md, braces
    expanded ({a,b} alternatives, {kind} every tie kind, {a-b} the six sector pairs), and
    the keys documented for each entry of `brokers[]`."""
    text = (ROOT / "docs" / "reference" / "metrics.md").read_text(encoding="utf-8")
    section = text.split("## `evaluate --json`", 1)[1].split("\n## ", 1)[0]
    choices = {
        "{kind}": [k.value for k in TieKind],
        "{a-b}": list(BLOCK_KEYS),
    }
    top: set[str] = set()
    per_broker: set[str] = set()
    for cell in re.findall(r"^\| (.+?) \|", section, re.M):
        for key in re.findall(r"`([^`]+)`", cell):
            if key.startswith("brokers[]."):
                per_broker.add(key.removeprefix("brokers[]."))
                continue
            expanded = [key]
            while any("{" in k for k in expanded):
                k = next(k for k in expanded if "{" in k)
                brace = re.search(r"\{[^}]+\}", k)
                assert brace is not None
                options = choices.get(brace.group()) or brace.group()[1:-1].split(",")
                expanded.remove(k)
                expanded += [k[: brace.start()] + o + k[brace.end() :] for o in options]
            top.update(expanded)
    return top, per_broker


def _dotted(node: dict[str, object], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in node.items():
        if isinstance(value, dict):
            keys |= _dotted(value, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


def test_evaluate_json_has_exactly_the_documented_keys(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every key docs/reference/metrics.md promises is printed, and nothing undocumented."""
    status, out, _ = run(capsys, "evaluate", str(project), "--design", "現状", "--json")
    result = json.loads(out)
    assert status == 0
    documented, broker_keys = _documented_evaluate_keys()
    assert len(documented) > 50  # the table was found and read
    assert _dotted(result) == documented
    assert result["brokers"], "the example design has brokers"
    for broker in result["brokers"]:
        assert set(broker) == broker_keys
    assert result["design"] == "現状"
    assert result["actors"]["total"] == 6
    assert result["ties"]["total"] == 7
    assert result["components"]["count"] == 1
    assert "静岡大学" in out  # names printed as text, not \\u escapes


def test_evaluate_report_in_plain_language(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "evaluate", str(project), "--design", "目標")
    assert status == 0 and "目標" in out


def test_design_may_be_omitted_only_when_there_is_one(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "evaluate", str(project))
    assert status == 2
    message = one_error_line(err)
    assert message.startswith(f"{project} holds 2 designs; choose one with --design: ")
    assert "現状" in message and "目標" in message
    single = tmp_path / "single.cluster"
    assert main(["import", str(single), str(tmp_path / "target.json")]) == 0
    capsys.readouterr()
    status, out, _ = run(capsys, "evaluate", str(single), "--json")
    assert status == 0 and json.loads(out)["design"] == "目標"


def test_unknown_design_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "evaluate", str(project), "--design", "夢")
    assert status == 2
    assert one_error_line(err).startswith(f"{project} has no design named '夢' (it holds: ")


def test_compare_json_and_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "compare", str(project), "現状", "目標", "--json")
    result = json.loads(out)
    assert status == 0
    assert (result["a"], result["b"]) == ("現状", "目標")
    assert result["metrics"]["actors.total"] == {"a": 6, "b": 2, "delta": -4}
    assert sorted(result["actors"]["removed"]) == ["C2", "S1", "S2", "U2"]
    status, out, _ = run(capsys, "compare", str(project), "現状", "目標")
    assert status == 0 and "現状" in out and "目標" in out


# --- export ---------------------------------------------------------------------------------


def test_export_csv_pair_then_import_gives_the_same_design(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors, ties = tmp_path / "out_actors.csv", tmp_path / "out_ties.csv"
    status, out, _ = run(
        capsys,
        "export",
        str(project),
        "--design",
        "現状",
        "--actors",
        str(actors),
        "--ties",
        str(ties),
    )
    assert status == 0 and "out_actors.csv" in out
    status, _, _ = run(
        capsys,
        "import",
        str(project),
        "--design",
        "again",
        "--actors",
        str(actors),
        "--ties",
        str(ties),
        "--region",
        "浜松",
    )
    assert status == 0
    with Project.open(project) as stored:
        original = stored.load_design("現状")
        again = stored.load_design("again")
    again.set_meta(name="現状")
    assert again.same_content(original)


def test_export_json_by_extension(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "現状.json"
    status, _, _ = run(capsys, "export", str(project), "--design", "現状", str(out_path))
    assert status == 0
    assert json.loads(out_path.read_text("utf-8"))["design"]["name"] == "現状"


def test_export_to_an_unknown_type_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "export", str(project), "--design", "現状", str(tmp_path / "x.doc")
    )
    assert status == 2 and "unsupported file type '.doc'" in one_error_line(err)
    assert not (tmp_path / "x.doc").exists()


def test_export_diagram_without_a_renderer(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "cluster_designer.gui.render", None)
    status, _, err = run(
        capsys, "export", str(project), "--design", "現状", str(tmp_path / "m.pdf")
    )
    assert status == 2
    assert one_error_line(err) == "export to .pdf is not available in this build"


def test_export_diagram_hands_the_design_to_the_renderer(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, Path]] = []
    fake = types.ModuleType("cluster_designer.gui.render")
    fake.export_diagram = lambda design, out: calls.append((design.name, out))
    monkeypatch.setitem(sys.modules, "cluster_designer.gui.render", fake)
    status, _, err = run(
        capsys, "export", str(project), "--design", "目標", str(tmp_path / "m.SVG")
    )
    assert (status, err) == (0, "") and calls == [("目標", tmp_path / "m.SVG")]


# --- the GUI entry, and failures -----------------------------------------------------------


def test_no_command_opens_the_gui_optionally_on_a_project(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Path | None, str | None]] = []
    fake = types.ModuleType("cluster_designer.gui.app")
    fake.run_gui = lambda path, language: opened.append((path, language)) or 0
    monkeypatch.setitem(sys.modules, "cluster_designer.gui.app", fake)
    assert main([]) == 0
    assert main(["浜松.cluster"]) == 0
    assert main(["--lang", "ja", "浜松.cluster"]) == 0
    assert opened == [(None, None), (Path("浜松.cluster"), None), (Path("浜松.cluster"), "ja")]


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "import" in out and "evaluate" in out


def test_unexpected_errors_exit_1_with_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(args: object) -> int:
        raise ZeroDivisionError("boom")

    exploding = tuple(
        dataclasses.replace(command, run=explode) if command.name == "designs" else command
        for command in cli.design_commands.COMMANDS
    )
    monkeypatch.setattr(cli.design_commands, "COMMANDS", exploding)
    monkeypatch.delenv("CLUSTER_DESIGNER_DEBUG", raising=False)
    status, _, err = run(capsys, "designs", str(project))
    assert status == 1
    assert "ZeroDivisionError: boom" in one_error_line(err)
    monkeypatch.setenv("CLUSTER_DESIGNER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["designs", str(project)])


def test_japanese_output_survives_a_console_that_cannot_encode_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252", write_through=True)
    monkeypatch.setattr(sys, "stdout", console)
    assert main(["designs", str(project), "--json"]) == 0
    console.flush()
    assert "現状" in raw.getvalue().decode("utf-8")


def test_python_dash_m_runs_the_command_in_a_real_process(tmp_path: Path) -> None:
    missing = tmp_path / "missing.cluster"
    result = subprocess.run(
        [sys.executable, "-m", "cluster_designer", "designs", str(missing)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"cluster-designer: error: {missing}: no such project file\n"
