"""Starting the application: the sample project is copied, settings stay in the test folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cluster_designer.gui import app as app_module
from cluster_designer.gui.recovery import RecoveryStore
from cluster_designer.gui.settings import SCHEMA_VERSION, Settings, config_dir
from tests.gui.window_fixtures import Answers, make_project, sample_design


def test_sample_is_copied_and_the_bundled_file_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = make_project(tmp_path / "bundle" / "sample.cluster")
    before = bundled.read_bytes()
    monkeypatch.setattr(app_module, "bundled_sample", lambda: bundled)
    monkeypatch.setenv("CLUSTER_DESIGNER_DATA_DIR", str(tmp_path / "data"))
    path, create = app_module.startup_project()
    assert path == tmp_path / "data" / "sample.cluster" and not create
    assert path.read_bytes() == before
    path.write_bytes(b"user's own edits")
    again, _ = app_module.startup_project()
    assert again.read_bytes() == b"user's own edits"  # a later start keeps the user's copy


def test_without_a_sample_an_empty_project_in_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "bundled_sample", lambda: None)
    path, create = app_module.startup_project(documents=tmp_path)
    assert path.parent == tmp_path and path.suffix == ".cluster" and create


def test_first_start_without_sample_creates_a_project_with_one_design(
    make_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "bundled_sample", lambda: None)
    monkeypatch.setattr(
        app_module, "startup_project", lambda: (tmp_path / "My cluster.cluster", True)
    )
    window = make_window()
    app_module.open_start_project(window, None)
    assert window.document.design is not None and window.document.design.name == "Design 1"
    assert (tmp_path / "My cluster.cluster").exists()


def test_a_foreign_file_gives_a_message_not_a_traceback(
    make_window: Any, answers: Answers, tmp_path: Path
) -> None:
    foreign = tmp_path / "photo.cluster"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n")
    window = make_window()
    app_module.open_start_project(window, foreign)
    assert len(answers.warnings) == 1 and "photo.cluster" in answers.warnings[0]
    assert window.document.project is None
    assert window.centre.currentWidget() is window.welcome


def test_settings_live_in_the_configured_folder_with_a_schema_version(tmp_path: Path) -> None:
    assert str(config_dir()).startswith(os.environ["CLUSTER_DESIGNER_CONFIG_DIR"])
    settings = Settings(tmp_path / "settings.ini")
    project = make_project(tmp_path / "a.cluster")
    settings.add_recent_file(project)
    settings.sync()
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert f"schema_version={SCHEMA_VERSION}" in text
    assert Settings(tmp_path / "settings.ini").recent_files() == [str(project.resolve())]


def test_recovery_store_round_trip(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    project = tmp_path / "p.cluster"
    assert store.find(project) is None
    store.write(project, sample_design("Today"), "Today")
    entry = store.find(project)
    assert entry is not None and entry.design_name == "Today"
    assert entry.load().same_content(sample_design("Today"))
    store.discard(project)
    assert store.find(project) is None


def test_the_recovery_copy_is_whole_when_written_in_many_slices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autosave writes its text a slice at a time (one system call each, so the window
    rarely waits for Python's lock); slices cut anywhere keep Japanese names whole."""
    from cluster_designer.gui import recovery

    monkeypatch.setattr(recovery, "WRITE_SLICE", 7)
    design = sample_design("今日の地図")
    store = RecoveryStore(tmp_path / "recovery")
    store.write(tmp_path / "p.cluster", design, "今日の地図")
    entry = store.find(tmp_path / "p.cluster")
    assert entry is not None and entry.load().same_content(design)


def test_the_window_collector_waits_while_an_autosave_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dictionaries an autosave builds on its thread were traversed by the window's gen-0
    collections (10-25 ms each at 10,000 actors): the window's collector is held meanwhile."""
    from cluster_designer.gui import recovery, threads

    held: list[bool] = []
    original = recovery.design_json_chunks

    def watched(design: Any) -> Iterator[str]:
        for piece in original(design):
            held.append(threads.collections_are_held())
            yield piece

    monkeypatch.setattr(recovery, "design_json_chunks", watched)
    store = RecoveryStore(tmp_path / "recovery")
    future = store.write_later(tmp_path / "p.cluster", sample_design("Today"), "Today")
    assert future.result(timeout=30) is not None
    assert held and all(held)
    assert not threads.collections_are_held()


STARTUP_PROBE = """
import sys
from cluster_designer.gui.app import make_application
from cluster_designer.gui.main_window import MainWindow
app = make_application()
window = MainWindow()
window.show()
window.open_project(sys.argv[1])
app.processEvents()
assert window.document.design is not None
print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))
"""


def test_the_window_opens_a_project_without_loading_what_only_some_features_need(
    tmp_path: Path,
) -> None:
    """pyqtgraph and Alembic cost ~0.8 s of start-up and ~40 MB; loaded on first use only.

    (networkx evaluates small designs like this one in the window's process; big ones go to
    a worker process, so the window does not load it for them.)
    """
    import subprocess
    import sys

    project = make_project(tmp_path / "p.cluster")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("CONFIG", "DATA", "STATE"):
        env[f"CLUSTER_DESIGNER_{kind}_DIR"] = str(tmp_path / kind.lower())
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(project)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "cluster_designer" in loaded and "sqlalchemy" in loaded
    assert not loaded & {"pyqtgraph", "alembic", "mako", "openpyxl"}
