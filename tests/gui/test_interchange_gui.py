"""File ▸ Import / Export for GraphML, GEXF and Excel: a round trip, unknown sectors, bad files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMenu

from cluster_designer.gui import import_choices, interchange_dialogs, window_ops
from cluster_designer.gui.import_choices import ImportChoicesDialog
from cluster_designer.gui.interchange_dialogs import design_file_filters
from cluster_designer.io import FORMATS
from cluster_designer.io.overview import overview
from cluster_designer.model import Sector, TieKind, make_group
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

REPEATED = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="s" title="sector" type="string"/></attributes>
    <nodes>
      <node id="A" label="静岡大学"><attvalues><attvalue for="s" value="大学"/></attvalues></node>
      <node id="B" label="浜松市"><attvalues><attvalue for="s" value="自治体"/></attvalues></node>
    </nodes>
    <edges>
      <edge source="A" target="B" weight="2"/>
      <edge source="B" target="A" weight="3"/>
    </edges>
  </graph>
</gexf>
"""

THIRD_PARTY = Path(__file__).parents[1] / "data" / "third_party"


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


def test_a_file_without_sectors_goes_through_the_import_dialog(
    window: Any, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "gephi.graphml"
    source.write_text(UNKNOWN_SECTORS, encoding="utf-8")
    seen: list[tuple[str, int]] = []

    def choose(parent: Any, path: Path, overview: Any, read: Any = None) -> Any:
        seen.append((path.name, overview.without_sector))
        dialog = ImportChoicesDialog(path, overview, parent, read)
        dialog.sector.rest.setCurrentIndex(dialog.sector.rest.findData("company"))
        dialog.wait()
        assert dialog.result_design is not None
        return dialog.result_design, dialog.result_report

    monkeypatch.setattr(import_choices, "ask_import_choices", choose)
    assert window.interchange.import_file(source)
    assert seen == [("gephi.graphml", 2)]
    design = window.document.design
    assert design.name == "gephi"
    assert {a.sector for a in design.actors.values()} == {Sector.COMPANY}
    assert design.actors["A"].name == "浜松ホトニクス"
    assert window.interchange.notes[0].startswith("1 edge has no tie kind")


def test_cancel_in_the_import_dialog_imports_nothing(
    window: Any,
    answers: Answers,
    project_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "gephi.graphml"
    source.write_text(UNKNOWN_SECTORS, encoding="utf-8")
    monkeypatch.setattr(import_choices, "ask_import_choices", lambda *_a: None)
    assert not window.interchange.import_file(source)
    assert window.document.design.name == "Today"
    assert answers.asked == []  # not even asked for a name
    with Project.open(project_path) as project:
        assert project.design_names() == ["Today", "Plan 2030"]


def test_a_csv_pair_without_a_sector_column_goes_through_the_import_dialog(
    window: Any, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague's actors list with its own '種類' column and Gephi's edge table."""
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name,種類\n1,静岡大学,研究室\n2,浜松ホトニクス,工場\n3,浜松市,役所\n"
                      "4,ヤマハ,工場\n", encoding="utf-8")  # fmt: skip
    ties = THIRD_PARTY / "gephi-edges-repeated.csv"

    def choose(parent: Any, path: Path, overview: Any, read: Any = None) -> Any:
        assert (path.name, overview.without_sector, overview.merged) == ("actors.csv", 4, 2)
        dialog = ImportChoicesDialog(path, overview, parent, read)
        source = dialog.findChild(QComboBox, "sector_source")
        source.setCurrentIndex(source.findData("種類"))
        dialog.sector.set_value("研究室", Sector.UNIVERSITY)
        dialog.sector.set_value("工場", Sector.COMPANY)
        dialog.sector.set_value("役所", Sector.SUPPORT)
        dialog.merge.setChecked(True)
        dialog.wait()
        assert "University 1 · Company 2 · Support organization 1" in dialog.preview.text()
        return dialog.result_design, dialog.result_report

    monkeypatch.setattr(import_choices, "ask_import_choices", choose)
    answers.open_files += [str(actors), str(ties)]
    answers.names.append("相手先")
    trigger(window, "file_import_csv")
    assert answers.warnings == []
    design = window.document.design
    assert design.name == "相手先"
    assert design.actor("3").sector is Sector.SUPPORT
    assert next(t.weight for t in design.ties.values()) == 7.5


def test_the_dialog_maps_attribute_values_and_previews_the_result(qtbot: Any) -> None:
    """Zachary's karate club from networkx: the faction attribute becomes the sector."""
    path = THIRD_PARTY / "networkx-karate.graphml"
    dialog = ImportChoicesDialog(path, overview(path))
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "import_intro").text()
    assert intro == (
        "The file holds 34 organizations and 78 ties. It tells no sector for 34 of them. "
        "78 ties have no kind."
    )
    dialog.wait()
    preview = dialog.findChild(QLabel, "import_preview").text()
    assert "34 organizations have no sector yet" in preview
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    source = dialog.findChild(QComboBox, "sector_source")
    source.setCurrentIndex(source.findData("club"))
    dialog.sector.set_value("Mr. Hi", Sector.UNIVERSITY)
    dialog.wait()
    assert "attribute 'club' has values that say no sector: 'Officer' (17 actors)" in (
        dialog.preview.text()
    )
    dialog.sector.set_value("Officer", Sector.COMPANY)
    dialog.kind.setCurrentIndex(dialog.kind.findData("information"))
    dialog.wait()
    preview = dialog.preview.text()
    assert "University 17 · Company 17 · Support organization 0" in preview
    assert "78 ties" in preview
    assert "they were read as information" in preview
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    choices = dialog.choices()
    assert choices.sector.attribute == "club"
    assert dict(choices.sector.mapping) == {"Mr. Hi": "university", "Officer": "company"}
    assert choices.kind is TieKind.INFORMATION


def test_the_dialog_offers_merging_repeated_ties(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "repeated.gexf"
    path.write_text(REPEATED, encoding="utf-8")
    dialog = ImportChoicesDialog(path, overview(path))
    qtbot.addWidget(dialog)
    assert "1 tie repeats another one." in dialog.findChild(QLabel, "import_intro").text()
    dialog.wait()
    assert "appears twice" in dialog.preview.text()
    dialog.merge.setChecked(True)
    dialog.wait()
    assert "1 repeated tie was merged" in dialog.preview.text()
    assert dialog.result_design is not None
    assert [t.weight for t in dialog.result_design.ties.values()] == [5.0]


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


def test_csv_export_writes_the_groups_beside_and_the_import_reads_them(
    window: Any, answers: Answers, tmp_path: Path
) -> None:
    design = window.document.design
    design.add_group(make_group(id="G1", name="協議会", members=tuple(list(design.actors)[:3])))
    actors = tmp_path / "today actors.csv"
    answers.save_files.append(str(actors))
    trigger(window, "file_export_csv")
    groups = tmp_path / "today groups.csv"
    assert answers.warnings == [] and groups.exists()
    assert "today groups.csv" in window.statusBar().currentMessage()
    answers.open_files += [str(actors), str(tmp_path / "today ties.csv"), str(groups)]
    answers.names.append("今日 (groups)")
    trigger(window, "file_import_csv")
    assert answers.warnings == []
    imported = window.document.design
    assert imported.name == "今日 (groups)"
    assert [g.members for g in imported.groups.values()] == [tuple(list(design.actors)[:3])]
