"""File ▸ Import / Export for GraphML, GEXF and Excel: a round trip, unknown sectors, bad files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QMenu

from cluster_designer.gui import interchange_dialogs, window_ops
from cluster_designer.gui.interchange_dialogs import SectorDialog, design_file_filters
from cluster_designer.io import FORMATS
from cluster_designer.model import Sector
from cluster_designer.storage import Project
from tests.gui.window_fixtures import Answers

UNKNOWN_SECTORS = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="A"><data key="name">浜松ホトニクス</data></node>
    <node id="B"><data key="name">Kaizen Lab</data></node>
    <edge source="A" target="B"/>
  </graph>
</graphml>
"""


@pytest.fixture(autouse=True)
def scripted_names(answers: Answers, monkeypatch: pytest.MonkeyPatch) -> None:
    """Name prompts of the import answer from the same script as the window's own prompts."""
    monkeypatch.setattr(interchange_dialogs, "ask_design_name", window_ops.ask_design_name)


def trigger(window: Any, name: str) -> None:
    found = window.findChild(QAction, name)
    assert found is not None and found.isEnabled(), name
    found.trigger()


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".xlsx"])
def test_export_then_import_gives_the_same_design_as_a_new_one(
    window: Any, answers: Answers, project_path: Path, tmp_path: Path, suffix: str
) -> None:
    original = window.document.design
    out = tmp_path / f"today{suffix}"
    answers.save_files.append(str(out))
    trigger(window, f"file_export_{suffix[1:]}")
    assert out.exists() and answers.warnings == []
    answers.open_files.append(str(out))
    answers.names.append("今日 (copy)")
    trigger(window, f"file_import_{suffix[1:]}")
    assert answers.warnings == []
    imported = window.document.design
    assert imported.name == "今日 (copy)"
    assert imported.same_content(original.copy("今日 (copy)"))  # ids, fields, positions, ties
    with Project.open(project_path) as project:
        assert project.design_names() == ["Today", "Plan 2030", "今日 (copy)"]


def test_export_adds_the_chosen_formats_extension(
    window: Any, answers: Answers, tmp_path: Path
) -> None:
    answers.save_files.append(str(tmp_path / "no extension"))
    trigger(window, "file_export_gexf")
    assert (tmp_path / "no extension.gexf").exists()


def test_unknown_sectors_are_asked_once_and_applied_to_those_nodes(
    window: Any, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "gephi.graphml"
    source.write_text(UNKNOWN_SECTORS, encoding="utf-8")
    asked: list[tuple[str, list[str]]] = []

    def ask(_parent: Any, file_name: str, error: Any) -> Sector:
        asked.append((file_name, list(error.node_ids)))
        return Sector.COMPANY

    monkeypatch.setattr(interchange_dialogs, "ask_sector", ask)
    assert window.interchange.import_file(source)
    assert asked == [("gephi.graphml", ["A", "B"])]
    design = window.document.design
    assert design.name == "gephi"
    assert {a.sector for a in design.actors.values()} == {Sector.COMPANY}
    assert design.actors["A"].name == "浜松ホトニクス"


def test_cancel_in_the_sector_question_imports_nothing(
    window: Any,
    answers: Answers,
    project_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "gephi.graphml"
    source.write_text(UNKNOWN_SECTORS, encoding="utf-8")
    monkeypatch.setattr(interchange_dialogs, "ask_sector", lambda *_a: None)
    assert not window.interchange.import_file(source)
    assert window.document.design.name == "Today"
    assert answers.asked == []  # not even asked for a name
    with Project.open(project_path) as project:
        assert project.design_names() == ["Today", "Plan 2030"]


def test_a_bad_file_gives_its_message_and_leaves_the_project_alone(
    window: Any, answers: Answers, project_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "broken.gexf"
    source.write_text("<gexf><graph><nodes><node id=", encoding="utf-8")
    answers.open_files.append(str(source))
    trigger(window, "file_import_gexf")
    assert len(answers.warnings) == 1
    assert answers.warnings[0].startswith("Cannot import: broken.gexf")
    assert "Traceback" not in answers.warnings[0]
    with Project.open(project_path) as project:
        assert project.design_names() == ["Today", "Plan 2030"]


def test_the_imported_name_is_made_unique_and_asked(
    window: Any, answers: Answers, tmp_path: Path
) -> None:
    out = tmp_path / "Today.xlsx"
    window.interchange.export_file(out)
    assert window.interchange.import_file(out)
    assert "Import Design: Today 2" in answers.asked
    assert window.document.design.name == "Today 2"


def test_menus_offer_every_format_and_one_filter_list(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_menu = window.findChild(QMenu, "menu_import")
    names = [a.objectName() for a in import_menu.actions() if a.objectName()]
    assert names == [
        "file_import_csv",
        "file_import_json",
        "file_import_graphml",
        "file_import_gexf",
        "file_import_xlsx",
    ]
    export_menu = window.findChild(QMenu, "menu_export")
    assert "file_export_xlsx" in [a.objectName() for a in export_menu.actions()]
    seen: list[tuple[str, str]] = []

    def fake(
        _parent: Any, _title: str, _dir: str, filters: str, selected: str = "", *_a: Any
    ) -> tuple[str, str]:
        seen.append((filters, selected))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    trigger(window, "file_import_gexf")
    filters, selected = seen[0]
    assert selected == "GEXF (Gephi) (*.gexf)"
    for suffix in FORMATS:
        assert f"(*{suffix})" in filters
    assert filters == design_file_filters(".gexf")[0]


def test_sector_dialog_lists_the_nodes_and_offers_three_sectors(qtbot: Any) -> None:
    dialog = SectorDialog("gephi.graphml", ["A", "B", "C"], {"B": "NPO"})
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "3 nodes in gephi.graphml have no sector we can recognise" in texts
    nodes = dialog.findChild(QListWidget, "sector_nodes")
    assert [nodes.item(i).text() for i in range(nodes.count())][:2] == [
        "A",
        "B   (sector given: “NPO”)",
    ]
    labels = [b.text() for b in dialog.group.buttons()]
    assert labels == [s.label for s in Sector]
    dialog.choose(Sector.SUPPORT)
    assert dialog.chosen() is Sector.SUPPORT
