"""The command line at the edges: races between programs, damaged projects, full disks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.cli.common import UsageError, project_for_writing
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
