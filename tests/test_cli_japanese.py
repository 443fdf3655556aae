"""The command line in Japanese: chosen by the system's language or by --lang, with the same
figures as in English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cluster_designer import i18n
from cluster_designer.cli import main

DATA = Path(__file__).parent / "io" / "data"
ACTORS, TIES = str(DATA / "actors.csv"), str(DATA / "ties.csv")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "浜松.cluster"
    status = main(["import", str(path), "--design", "現状", "--actors", ACTORS, "--ties", TIES])
    assert status == 0
    capsys.readouterr()
    return path


def japanese_environment() -> dict[str, str]:
    """A Japanese system: LANG says so and nothing overrides it."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.pop(i18n.LANGUAGE_ENV, None)
    env["LANG"] = "ja_JP.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cluster_designer", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=japanese_environment(),
        timeout=120,
    )


def figures(report: str) -> list[str]:
    """The numbers at the end of the report's table rows, in order."""
    lines = report.splitlines()
    rows = [line.split() for line in lines if line.startswith("  ") and line[2] != " "]
    return [row[-1] for row in rows if row[0] not in "+!-" and row[-1][0].isdigit()]


def test_evaluate_on_a_japanese_system_prints_the_japanese_report(project: Path) -> None:
    done = run_command("evaluate", str(project))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "「現状」の評価" in out
    assert "要約: このマップは「" in out
    assert "診断結果" in out and "地域外からの流入" in out
    assert "Findings" not in out and "In short" not in out
    # the same figures as the English report
    english = subprocess.run(
        [sys.executable, "-m", "cluster_designer", "evaluate", str(project), "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=japanese_environment(),
        timeout=120,
    ).stdout
    assert "Findings" in english
    assert figures(out) and figures(out) == figures(english)


def test_a_bad_import_prints_one_japanese_line_naming_file_and_line(tmp_path: Path) -> None:
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,kind\nU1,C1,collaboration\nU1,X9,funding\n", encoding="utf-8")
    target = tmp_path / "new.cluster"
    done = run_command(
        "import", str(target), "--design", "現状", "--actors", ACTORS, "--ties", str(ties)
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines == ["cluster-designer: エラー: ties.csv 3行目: 組織 ID 'X9' は存在しません"]
    assert not target.exists()


def test_lang_overrides_the_system_language(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(project), "--lang", "ja"]) == 0
    assert "診断結果" in capsys.readouterr().out
    assert main(["--lang", "en", "evaluate", str(project)]) == 0
    assert "Findings" in capsys.readouterr().out


def test_help_and_usage_errors_are_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ja", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: cluster-designer")
    assert "オプション:" in out and "コマンド:" in out
    assert "マップを評価します" in out
    assert main(["evaluate", "--lang", "ja", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--lang ja|en" in out and "メッセージと報告の言語" in out
    assert main(["evaluate", "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert err == "cluster-designer: エラー: evaluate: 次の引数が必要です: PROJECT\n"


def test_japanese_dates_in_the_design_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["designs", str(project), "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    header, row = out.splitlines()[:2]
    assert header.split() == ["名前", "地域", "組織", "つながり", "更新日時"]
    assert "年" in row and "月" in row and "日" in row


def test_japanese_help_keeps_the_program_name_and_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cluster_designer.i18n import display_width

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["evaluate", "--lang", "ja", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: cluster-designer evaluate ")
    assert main(["--lang", "ja", "--help"]) == 0
    out = capsys.readouterr().out
    assert all(display_width(line) <= 80 for line in out.splitlines()), out
