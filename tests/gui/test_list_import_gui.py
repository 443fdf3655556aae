"""File ▸ Import List… driven end to end as a planner would: pick the file, check the columns,
name the region, review names, make a new design or add to the open one (one undo step)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QPushButton, QWizard

from cluster_designer.io.lists import read_mapping
from cluster_designer.storage import Project
from tests.list_samples import EXPECTED_ACTORS, write_cp932_csv, write_xlsx

TIMEOUT = 30_000


def _open_wizard(window: Any, qtbot: Any, listing: Path) -> Any:
    action = window.acts["file_import_list"]
    assert action.isEnabled()
    assert action in window.menu_file.actions()
    action.trigger()
    wizard = window.list_import.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.source.set_path(str(listing))
    qtbot.waitUntil(wizard.source.isComplete, timeout=TIMEOUT)
    return wizard


def _next(wizard: Any, qtbot: Any, page: Any) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=TIMEOUT)


def _tick(list_widget: Any, *places: str) -> None:
    for row in range(list_widget.count()):
        item = list_widget.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in places:
            item.setCheckState(Qt.CheckState.Checked)


def _review(wizard: Any, qtbot: Any) -> None:
    qtbot.waitUntil(wizard.review.isComplete, timeout=TIMEOUT)


def test_a_cp932_list_becomes_a_new_design(window: Any, qtbot: Any, tmp_path: Path) -> None:
    wizard = _open_wizard(window, qtbot, write_cp932_csv(tmp_path / "契約一覧.csv"))
    source = wizard.source
    assert source.status.text() == "Read as Shift-JIS (CP932). The first rows:"
    assert source.preview.columnCount() == 8
    assert source.preview.item(0, 1).text() == "国立大学法人静岡大学"
    assert not source.sheet.isVisibleTo(wizard)  # a CSV file has no sheets

    _next(wizard, qtbot, wizard.columns)
    columns = wizard.columns
    # Guessed from the header words.
    assert columns.findChild(QComboBox, "end_name_1").currentText() == "大学名"
    assert columns.end_rows[0][1].currentText() == "University"
    assert columns.end_rows[0][2].currentText() == "大学所在地"
    assert columns.end_rows[1][0].currentText() == "相手先"
    assert columns.end_rows[1][1].currentText() == "Company"
    assert columns.end_rows[1][2].currentText() == "相手先所在地"
    assert columns.kind.currentText() == "From column “区分”"
    assert columns.weight.currentText() == "金額（千円）"
    checked = [
        columns.notes.item(i).text()
        for i in range(columns.notes.count())
        if columns.notes.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["研究題目"]

    _next(wizard, qtbot, wizard.region)
    region = wizard.region
    assert region.place_list() == ["浜松市"]  # the most frequent place of the first column
    _tick(region.found, "磐田市")
    assert region.place_list() == ["浜松市", "磐田市"]

    _next(wizard, qtbot, wizard.review)
    _review(wizard, qtbot)
    review = wizard.review
    assert review.summary.text() == "12 rows read · 9 actors made · 7 ties made · 1 row skipped"
    assert review.actors.rowCount() == 9
    assert review.skipped.item(0).text() == "Row 9: column '相手先' is empty"
    assert review.pairs.count() == 1
    assert "静大" in review.pairs.item(0).text()

    # Accept the probable duplicate: 静大 joins 静岡大学.
    review.pairs.setCurrentRow(0)
    review.same.click()
    _review(wizard, qtbot)
    assert review.actors.rowCount() == 8
    assert review.pairs.count() == 0
    assert wizard.mapping.names.same == (("静岡大学", "静大"),)

    # Split a spelling off the 浜松精機 group, then forget that decision again.
    top = next(
        review.merged.topLevelItem(i)
        for i in range(review.merged.topLevelItemCount())
        if review.merged.topLevelItem(i).text(0) == "株式会社浜松精機"
    )
    review.merged.setCurrentItem(top.child(2))
    review.separate.click()
    _review(wizard, qtbot)
    assert review.actors.rowCount() == 9
    assert wizard.mapping.names.separate == (("（株）浜松精機",),)
    review.decisions.setCurrentRow(1)
    review.undo_decision.click()
    _review(wizard, qtbot)
    assert wizard.mapping.names.separate == ()
    assert review.actors.rowCount() == 8

    _next(wizard, qtbot, wizard.target)
    target = wizard.target
    assert target.new.isChecked()
    assert target.name.text() == "契約一覧"
    target.region.setText("浜松")
    saved = tmp_path / "契約一覧.toml"
    assert target.write_mapping(str(saved))
    assert read_mapping(saved) == wizard.mapping

    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(
        lambda: window.document.design is not None and window.document.design.name == "契約一覧",
        timeout=TIMEOUT,
    )
    design = window.document.design
    names = [a.name for a in design.actors.values()]
    assert names == [e[0] for e in EXPECTED_ACTORS if e[0] != "静大"]
    assert design.region == "浜松"
    assert all(a.placed for a in design.actors.values())
    with Project.open(window.document.project.path) as stored:
        assert stored.load_design("契約一覧").same_content(design)
    assert window.statusBar().currentMessage() == "Made design “契約一覧” from the list"


def test_adding_an_xlsx_list_to_the_open_design_is_one_undo_step(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    design = window.document.design
    assert design.name == "Today"
    before = {a.id: (a.name, a.x, a.y) for a in design.actors.values()}
    ties_before = {t.key: t.weight for t in design.ties.values()}
    wizard = _open_wizard(window, qtbot, write_xlsx(tmp_path / "契約一覧.xlsx"))
    source = wizard.source
    assert source.sheet.isVisibleTo(wizard)
    source.sheet.setCurrentText("契約一覧")
    qtbot.waitUntil(lambda: wizard.preview_table is not None, timeout=TIMEOUT)
    source.header_row.setValue(2)
    qtbot.waitUntil(
        lambda: wizard.preview_table is not None and wizard.preview_table.header_row == 2,
        timeout=TIMEOUT,
    )
    assert source.preview.horizontalHeaderItem(1).text() == "大学名"

    _next(wizard, qtbot, wizard.columns)
    _next(wizard, qtbot, wizard.region)
    _tick(wizard.region.found, "磐田市")
    _next(wizard, qtbot, wizard.review)
    _review(wizard, qtbot)
    _next(wizard, qtbot, wizard.target)
    target = wizard.target
    target.existing.setChecked(True)
    assert target.design.currentText() == "Today"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: len(design.actors) > len(before), timeout=TIMEOUT)

    # 静岡大学 was already on the map: same id, same place; the others were added.
    assert {i: (a.name, a.x, a.y) for i, a in design.actors.items() if i in before} == before
    added = [a for i, a in design.actors.items() if i not in before]
    assert len(added) == len(EXPECTED_ACTORS) - 1
    assert "静岡大学" not in [a.name for a in added]
    seiki = next(a for a in added if a.name == "株式会社浜松精機")
    assert seiki.placed  # placed beside its partner 静岡大学 (U1 at 0, 0)
    assert (seiki.x**2 + seiki.y**2) ** 0.5 == pytest.approx(90, abs=1)
    assert design.find_tie("U1", seiki.id, "collaboration").weight == 4000
    assert window.document.modified
    assert window.acts["edit_undo"].text() == "&Undo Import list 契約一覧.xlsx"

    window.acts["edit_undo"].trigger()
    assert {i: (a.name, a.x, a.y) for i, a in design.actors.items()} == before
    assert {t.key: t.weight for t in design.ties.values()} == ties_before


def test_a_bad_list_is_shown_on_the_first_page(window: Any, qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00\x01 not text \x81\x00")
    window.acts["file_import_list"].trigger()
    wizard = window.list_import.wizard
    wizard.source.set_path(str(bad))
    qtbot.waitUntil(wizard.source.error.isVisible, timeout=TIMEOUT)
    assert wizard.source.error.text().startswith("bad.csv line 1: the text is neither UTF-8")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_a_saved_mapping_brings_back_last_years_choices(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[list]\nsheet = "契約一覧"\nheader_row = 2\n'
        '[[ends]]\nname = "大学名"\nsector = "university"\n'
        '[[ends]]\nname = "相手先"\nsector = "support"\n'
        '[tie]\nkind = "information"\n'
        '[region]\nplaces = ["磐田市"]\n'
        '[names]\nsame = [["静岡大学", "静大"]]\n',
        encoding="utf-8",
    )
    wizard = _open_wizard(window, qtbot, write_xlsx(tmp_path / "list.xlsx"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mapping), ""))
    wizard.source.findChild(QPushButton, "list_load_mapping").click()
    qtbot.waitUntil(
        lambda: wizard.preview_table is not None and wizard.preview_table.header_row == 2,
        timeout=TIMEOUT,
    )
    assert wizard.source.sheet.currentText() == "契約一覧"
    _next(wizard, qtbot, wizard.columns)
    assert wizard.columns.end_rows[1][1].currentText() == "Support organization"
    assert wizard.columns.kind.currentText() == "Information"
    _next(wizard, qtbot, wizard.region)
    assert wizard.region.place_list() == ["磐田市"]
    _next(wizard, qtbot, wizard.review)
    _review(wizard, qtbot)
    assert wizard.review.decisions.count() == 1
    assert wizard.review.actors.rowCount() == 8
    wizard.reject()
