"""The window at the edges: damaged projects, full disks, processes that must not outlive it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from window_fixtures import Answers

from cluster_designer.gui import salvage_dialog


def _spoil_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()


def test_a_damaged_project_offers_recovery_into_a_new_file(
    make_window: Any,
    project_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _spoil_version(project_path)
    before = project_path.read_bytes()
    offered: list[str] = []

    def ask(_parent: Any, error: Any) -> bool:
        offered.append(error.reason)
        return True

    monkeypatch.setattr(salvage_dialog, "ask_recover", ask)
    answers.save_files.append(str(tmp_path / "rescued"))
    window = make_window()
    assert window.open_project(str(project_path))
    assert offered == ["its schema version is missing"]
    assert window.document.project.path == tmp_path / "rescued.cluster"
    assert window.document.project.design_names() == ["Today", "Plan 2030"]
    assert window.document.design is not None and window.document.design.name == "Today"
    assert project_path.read_bytes() == before
    assert answers.warnings == []  # nothing was lost, so nothing to warn about


def test_declining_recovery_leaves_everything_as_it_was(
    make_window: Any, project_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _spoil_version(project_path)
    before = project_path.read_bytes()
    monkeypatch.setattr(salvage_dialog, "ask_recover", lambda *_a: False)
    window = make_window()
    assert not window.open_project(str(project_path))
    assert window.document.project is None
    assert project_path.read_bytes() == before
    assert not list(project_path.parent.glob("*.cluster*"))[1:]
