"""Damaged project files are refused untouched, before any read and before every write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cluster_designer.storage import DamagedProjectError, Project, ProjectError
from tests.storage.storage_samples import full_design


def _scribble_on(path: Path, table: str) -> None:
    """Spoil a table's first page as another program's faulty commit would: the commit
    count in the header goes up, the page is garbage."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size // 2] = b"\xa5" * (page_size // 2 - 8)
    counter = int.from_bytes(data[24:28], "big") + 1
    data[24:28] = data[92:96] = counter.to_bytes(4, "big")
    path.write_bytes(bytes(data))


def test_a_file_damaged_after_opening_is_not_written(project_path: Path) -> None:
    with Project.open(project_path, create=True) as project:
        project.import_design(full_design())
        design = project.load_design("静岡 2030")
        _scribble_on(project_path, "actors")
        before = project_path.read_bytes()
        design.move_actors({"U1": (5.0, 5.0)})
        with pytest.raises(DamagedProjectError) as caught:
            project.save_design(design)
        with pytest.raises(DamagedProjectError):
            project.create_design("another")
    assert project_path.read_bytes() == before
    message = str(caught.value)
    assert "damaged" in message and "recover" in message and "\n" not in message


def test_own_saves_do_not_trigger_a_check(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking costs time on big files: only a commit by someone else makes a save check."""
    checks: list[bool] = []
    original = __import__(
        "cluster_designer.storage.sqlite_file", fromlist=["check_integrity"]
    ).check_integrity
    with Project.open(project_path, create=True) as project:
        monkeypatch.setattr(
            "cluster_designer.storage.sqlite_file.check_integrity",
            lambda *a, **k: checks.append(k["thorough"]) or original(*a, **k),
        )
        project.import_design(full_design())
        design = project.load_design("静岡 2030")
        for step in range(3):
            design.move_actors({"U1": (float(step), 0.0)})
            project.save_design(design)
        assert checks == []
        with Project.open(project_path) as other:  # opening checks thoroughly
            other.create_design("theirs")
        assert checks == [True]
        design.move_actors({"U1": (9.0, 9.0)})
        project.save_design(design)  # someone else committed: check again, quickly
        assert checks == [True, False]


def test_a_failing_upgrade_tried_again_leaves_one_backup(project_path: Path) -> None:
    with Project.open(project_path, create=True) as project:
        project.import_design(full_design())
    conn = sqlite3.connect(project_path)  # claims an older schema it does not have
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    before = project_path.read_bytes()
    for _ in range(3):
        with pytest.raises(ProjectError):
            Project.open(project_path)
    assert project_path.read_bytes() == before
    backups = sorted(p.name for p in project_path.parent.iterdir() if p != project_path)
    assert backups == [project_path.name + ".bak-0001"]
