"""The team repository in the window: conflicts on save, copying designs, the connection dialog.

SQLite files stand in for the repository: two `Project` objects on one file conflict for real.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction

from cluster_designer.gui import repository_dialogs, window_ops
from cluster_designer.gui.commands import UpdateActorCommand
from cluster_designer.gui.repository_dialogs import (
    ConflictAnswer,
    RecentRepositories,
    RepositoryDialog,
    build_url,
    without_password,
)
from cluster_designer.storage import Project, ProjectError
from tests.gui.window_fixtures import Answers, make_project


@pytest.fixture(autouse=True)
def scripted_names(answers: Answers, monkeypatch: pytest.MonkeyPatch) -> None:
    """Name prompts answer from the same script as the window's own prompts."""
    monkeypatch.setattr(repository_dialogs, "ask_design_name", window_ops.ask_design_name)


def rename_in_window(window: Any, actor_id: str, name: str) -> None:
    design = window.document.design
    assert window.document.push(UpdateActorCommand(design, actor_id, "name", name))
    assert window.document.modified


def someone_else_renames(path: Path, design: str, actor_id: str, name: str) -> None:
    with Project.open(path) as other:
        theirs = other.load_design(design)
        theirs.update_actor(actor_id, name=name)
        other.save_design(theirs)


def conflict_answer(monkeypatch: pytest.MonkeyPatch, answer: ConflictAnswer) -> list[str]:
    asked: list[str] = []

    def ask(_parent: Any, error: Any, _taken: Any) -> ConflictAnswer:
        asked.append(error.design_name)
        return answer

    monkeypatch.setattr(window_ops, "ask_conflict", ask)
    return asked


def test_conflict_reload_takes_their_version_and_drops_ours(
    window: Any, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = conflict_answer(monkeypatch, ConflictAnswer.RELOAD)
    rename_in_window(window, "C1", "Ours Inc.")
    someone_else_renames(project_path, "Today", "C1", "Theirs Ltd.")
    window.findChild(QAction, "file_save").trigger()
    assert asked == ["Today"]
    assert window.document.design.actors["C1"].name == "Theirs Ltd."
    assert not window.document.modified
    with Project.open(project_path) as project:
        assert project.load_design("Today").actors["C1"].name == "Theirs Ltd."


def test_conflict_save_as_new_keeps_both_versions(
    window: Any, answers: Answers, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflict_answer(monkeypatch, ConflictAnswer.SAVE_AS_NEW)
    rename_in_window(window, "C1", "Ours Inc.")
    someone_else_renames(project_path, "Today", "C1", "Theirs Ltd.")
    answers.names.append("Today — mine")
    assert window.ops.save()
    assert "Save as New Design: Today (2)" in answers.asked  # suggested name
    assert window.document.design.name == "Today — mine" and not window.document.modified
    assert window.windowTitle().startswith("Today — mine[*]")
    with Project.open(project_path) as project:
        assert project.load_design("Today").actors["C1"].name == "Theirs Ltd."
        assert project.load_design("Today — mine").actors["C1"].name == "Ours Inc."
    rename_in_window(window, "U1", "静岡大学 浜松キャンパス")
    assert window.ops.save()  # later saves go to the new design, without another conflict
    with Project.open(project_path) as project:
        assert project.load_design("Today — mine").actors["U1"].name == "静岡大学 浜松キャンパス"


def test_conflict_cancel_writes_nothing_and_keeps_the_edits(
    window: Any, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflict_answer(monkeypatch, ConflictAnswer.CANCEL)
    rename_in_window(window, "C1", "Ours Inc.")
    someone_else_renames(project_path, "Today", "C1", "Theirs Ltd.")
    assert not window.ops.save()
    assert window.document.modified and window.document.design.actors["C1"].name == "Ours Inc."
    with Project.open(project_path) as project:
        assert project.load_design("Today").actors["C1"].name == "Theirs Ltd."


def test_the_real_conflict_question_offers_reload_save_as_new_and_cancel(
    window: Any, project_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, Any] = {}

    def fake_exec(box: QMessageBox) -> int:
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box_buttons = {b.text(): b for b in box.buttons()}
        box_buttons["Reload Their Version"].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    rename_in_window(window, "C1", "Ours Inc.")
    someone_else_renames(project_path, "Today", "C1", "Theirs Ltd.")
    assert window.ops.save()
    assert seen["text"] == "Someone else saved “Today” since you opened it."
    assert "Save Yours as a New Design…" in seen["buttons"] and "Cancel" in seen["buttons"]
    assert window.document.design.actors["C1"].name == "Theirs Ltd."


def test_copy_design_to_another_file_keeps_ids_fields_and_positions(
    window: Any, answers: Answers, tmp_path: Path
) -> None:
    other = make_project(tmp_path / "team.cluster")  # it already has "Today"
    answers.names.append("Today from region")
    window.document.design.move_actors({"U1": (12.5, -40.0)})
    assert window.repository_ops.copy_to(str(other))
    with Project.open(other) as project:
        copied = project.load_design("Today from region")
    assert copied.same_content(window.document.design.copy("Today from region"))
    assert copied.actors["U1"].x == 12.5 and copied.actors["U1"].y == -40.0
    assert window.document.design.name == "Today"


def test_copy_design_to_a_new_file_creates_it(window: Any, tmp_path: Path) -> None:
    target = tmp_path / "new.cluster"
    assert window.repository_ops.copy_to(f"sqlite:///{target}")
    with Project.open(target) as project:
        assert project.design_names() == ["Today"]


def test_copy_design_from_another_project_opens_the_copy(
    window: Any,
    answers: Answers,
    tmp_path: Path,
    project_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = make_project(tmp_path / "team.cluster")
    monkeypatch.setattr(repository_dialogs, "choose_design", lambda _p, names, _w: names[1])
    answers.names.append("Plan 2030 (team)")
    assert window.repository_ops.copy_from(str(other))
    assert window.document.design.name == "Plan 2030 (team)"
    assert window.document.design.actors["C1"].name == "Hamana EV"
    with Project.open(project_path) as project:
        assert project.design_names() == ["Today", "Plan 2030", "Plan 2030 (team)"]


def test_copy_into_the_open_project_itself_is_refused(
    window: Any, answers: Answers, project_path: Path
) -> None:
    assert not window.repository_ops.copy_to(str(project_path))
    assert answers.warnings and "is the project that is open now" in answers.warnings[0]


def test_open_repository_url_masks_the_password_everywhere(
    make_window: Any, tmp_path: Path, qtbot: Any
) -> None:
    window = make_window()
    url = f"sqlite:///{make_project(tmp_path / 'repo.cluster')}"
    assert window.repository_ops.open_repository(url)
    assert window.document.design is not None
    recent = RecentRepositories(window.settings)
    recent.add("postgresql+psycopg://planner:s3cret@db.example.org:5432/cluster")
    window.settings.sync()
    text = window.settings.path.read_text(encoding="utf-8")
    assert "s3cret" not in text and "planner@db.example.org" in text


def test_the_title_shows_a_repository_url_without_its_password(
    make_window: Any, tmp_path: Path
) -> None:
    window = make_window()
    assert window.repository_ops.open_repository(
        f"sqlite:///{make_project(tmp_path / 'repo.cluster')}"
    )
    # A server cannot run here; the title only looks at where the open project lives.
    window.document.project.path = "postgresql+psycopg://planner:s3cret@db.example.org/cluster"
    window.update_title()
    assert (
        window.windowTitle()
        == "Today[*] — postgresql+psycopg://planner:***@db.example.org/cluster — Cluster Designer"
    )


def test_autosave_of_a_repository_design_never_writes_the_password(
    make_window: Any, tmp_path: Path
) -> None:
    window = make_window()
    assert window.repository_ops.open_repository(
        f"sqlite:///{make_project(tmp_path / 'repo.cluster')}"
    )
    window.document.project.path = "postgresql+psycopg://planner:s3cret@db.example.org/cluster"
    rename_in_window(window, "C1", "Ours Inc.")
    written = window.autosave_now()
    assert written is not None
    for path in Path(written).parent.iterdir():
        assert "s3cret" not in path.read_text(encoding="utf-8")
    assert (
        window.recovery.find("postgresql+psycopg://planner:***@db.example.org/cluster") is not None
    )


def test_repository_dialog_builds_the_url_and_tests_the_connection(
    qtbot: Any, tmp_path: Path
) -> None:
    calls: list[tuple[str, bool]] = []
    project_file = make_project(tmp_path / "stand-in.cluster")

    def opener(url: str, create: bool = False) -> Project:
        calls.append((url, create))
        if "wrong" in url:
            raise ProjectError("db.example.org: password authentication failed for user 'planner'")
        return Project.open(project_file)

    dialog = RepositoryDialog(
        ["postgresql+psycopg://planner@db.example.org:5433/cluster"], opener=opener
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._fill_from_recent(1)
    assert (
        dialog.host.text(),
        dialog.port.value(),
        dialog.database.text(),
        dialog.user.text(),
    ) == (
        "db.example.org",
        5433,
        "cluster",
        "planner",
    )
    dialog.password.setText("p@ss wörd")
    assert (
        dialog.url()
        == "postgresql+psycopg://planner:p%40ss%20w%C3%B6rd@db.example.org:5433/cluster"
    )
    assert "p%40ss" not in dialog.address.text() and "***" in dialog.address.text()
    assert dialog.test_connection()
    assert dialog.status.text() == "✔ Connected: the repository holds 2 designs."
    dialog.password.setText("wrong")
    assert not dialog.test_connection()
    assert "password authentication failed" in dialog.status.text()
    assert calls[0][0].endswith("@db.example.org:5433/cluster")


def test_url_helpers_quote_and_strip_passwords() -> None:
    url = build_url("db", 5432, "クラスタ", "計画者", "pw")
    assert url.startswith("postgresql+psycopg://%E8") and ":pw@db:5432/" in url
    assert without_password(url) == url.replace(":pw@", "@")
    assert without_password("postgresql+psycopg://db/x") == "postgresql+psycopg://db/x"


def test_a_missing_repository_gives_a_message(
    make_window: Any, answers: Answers, tmp_path: Path
) -> None:
    window = make_window()
    assert not window.repository_ops.open_repository(f"sqlite:///{tmp_path / 'missing.cluster'}")
    assert len(answers.warnings) == 1 and "missing.cluster" in answers.warnings[0]
    assert RecentRepositories(window.settings).urls() == []
