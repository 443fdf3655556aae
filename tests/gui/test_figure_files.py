"""Where a figure tab's picture goes: a safe suggested name in the last folder, the chosen
filter's suffix when the name has none, failures in a message box, success in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cluster_designer.gui import figure_files
from cluster_designer.model import ClusterError

FILTERS = [("SVG drawings (*.svg)", ".svg"), ("PNG pictures (*.png)", ".png")]


class _Window:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.messages: list[str] = []

    @property
    def settings(self) -> Any:
        window = self

        class _Settings:
            def last_directory(self) -> str:
                return window.folder

            def set_last_directory(self, path: Path) -> None:
                window.folder = str(path)

        return _Settings()

    def statusBar(self) -> Any:
        window = self

        class _Bar:
            def showMessage(self, text: str, _ms: int) -> None:
                window.messages.append(text)

        return _Bar()


def test_suggested_name_and_suffix_from_the_filter(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []

    def answer(_parent: Any, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "chart"), "PNG pictures (*.png)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window: Any = _Window(str(tmp_path))
    path = figure_files.ask_figure_path(parent, window, "t", 'a/b:"計画"', "x", FILTERS)
    assert asked == [str(tmp_path / "a_b_計画_.svg")]
    assert path == tmp_path / "chart.png"


def test_write_reports_failure_and_success(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    window: Any = _Window("")

    def fail(_path: Path) -> None:
        raise ClusterError("disk full")

    assert figure_files.write_figure(parent, window, tmp_path / "a.svg", fail) is None
    assert warned == ["disk full"] and window.messages == []
    out = tmp_path / "b.svg"
    assert figure_files.write_figure(parent, window, out, lambda p: p.write_text("x")) == out
    assert window.folder == str(tmp_path) and window.messages == [f"Wrote {out}"]
