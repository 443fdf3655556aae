"""XLSX: round trip, workbooks as planners make them in Excel, and clear messages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from cluster_designer.io.errors import FormatError
from cluster_designer.io.xlsx_format import read_xlsx, write_xlsx
from cluster_designer.model import Sector, TieKind
from tests.io.io_samples import sample_design


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    design = sample_design()
    path = tmp_path / "plan.xlsx"
    write_xlsx(design, path)
    back = read_xlsx(path)
    assert back.same_content(design)
    assert read_xlsx(path, design_name="別名").name == "別名"


def test_written_workbook_looks_right_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_xlsx(sample_design(), path)
    book = openpyxl.load_workbook(path)
    actors = book["actors"]
    assert book.sheetnames == ["actors", "ties", "design"]
    assert [c.value for c in actors[1]][:3] == ["id", "name", "sector"]
    assert actors["A1"].font.bold and actors.freeze_panes == "A2"
    assert actors["B5"].data_type == "s"  # a name starting with '=' stays text, never a formula
    assert actors.column_dimensions["B"].width >= 16  # "浜松ホトニクス" is 14 columns wide
    assert actors["F2"].value == 0.25 and actors["H2"].value == 1200


def _planner_workbook(path: Path) -> None:
    """As a planner types it: other sheet names' case, columns reordered, ids as numbers."""
    book = openpyxl.Workbook()
    actors = book.active
    actors.title = "Actors"
    actors.append(["Name", "ID", "Sector", "founded", "X", "Y"])
    actors.append(["静岡大学", 101, "University", 1949, 10, 20.5])
    actors.append(["スズキ", 102.0, "COMPANY", None, None, None])
    ties = book.create_sheet("TIES")
    ties.append(["target", "source", "kind", "weight"])
    ties.append([102, 101, "Human Resources", None])
    ties.append([None, None, None, None])
    ties.append(["X9", 101, "information", 2])
    book.save(path)


def test_planner_workbook_reports_sheet_row_and_id(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    _planner_workbook(path)
    with pytest.raises(FormatError) as caught:
        read_xlsx(path)
    assert str(caught.value) == "plan.xlsx sheet 'TIES' row 4: unknown actor id 'X9'"
    assert list(tmp_path.iterdir()) == [path]


def test_planner_workbook_imports_numbers_as_ids(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    _planner_workbook(path)
    book = openpyxl.load_workbook(path)
    book["TIES"].delete_rows(4)
    book.save(path)
    design = read_xlsx(path)
    assert list(design.actors) == ["101", "102"]
    first = design.actor("101")
    assert (first.sector, first.x, first.y, first.extra) == (
        Sector.UNIVERSITY,
        10.0,
        20.5,
        {"founded": "1949"},
    )
    [tie] = design.ties.values()
    assert (tie.source, tie.target, tie.kind, tie.weight) == (
        "101",
        "102",
        TieKind.HUMAN_RESOURCES,
        1.0,
    )
    assert design.name == "plan"


def _with_formula(path: Path, cached: str | None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "name", "sector", "x"])
    sheet.append(["U1", "静岡大学", "university", "=10*2"])
    book.save(path)
    if cached is None:
        return
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<f>10*2</f><v />" in sheet_xml
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace("<v />", f"<v>{cached}</v>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formula_uses_its_saved_value(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    _with_formula(path, "20")
    assert read_xlsx(path).actor("U1").x == 20.0


def test_formula_without_a_saved_value_names_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    _with_formula(path, None)
    with pytest.raises(FormatError) as caught:
        read_xlsx(path)
    assert str(caught.value).startswith(
        "f.xlsx sheet 'actors' row 2, column 'x' (cell D2): the cell holds a formula without a "
        "computed value (=10*2)"
    )


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            ["id", "name"],
            ["U1", "a"],
            "m.xlsx sheet 'actors' row 1: missing required column 'sector' in the header",
        ),
        (
            ["id", "name", "sector", "staff"],
            ["U1", "a", "university", -1],
            "m.xlsx sheet 'actors' row 2, column 'staff' (cell D2): must not be negative (got -1)",
        ),
        (
            ["id", "name", "sector", "ID"],
            ["U1", "a", "university", "U2"],
            "m.xlsx sheet 'actors' row 1: column 'ID' appears twice in the header",
        ),
        (
            ["id", "name", "sector"],
            ["U1", "a", "hospital"],
            "m.xlsx sheet 'actors' row 2, column 'sector' (cell C2): unknown sector 'hospital'",
        ),
    ],
)
def test_bad_cells_are_named(
    tmp_path: Path, header: list[str], row: list[object], message: str
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "actors"
    book.active.append(header)
    book.active.append(row)
    path = tmp_path / "m.xlsx"
    book.save(path)
    with pytest.raises(FormatError) as caught:
        read_xlsx(path)
    assert str(caught.value).startswith(message)


def test_workbook_without_actors_sheet_lists_its_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "名簿"
    path = tmp_path / "w.xlsx"
    book.save(path)
    with pytest.raises(
        FormatError, match=r"^w.xlsx: the workbook has no sheet 'actors' \(its sheets: '名簿'\)"
    ):
        read_xlsx(path)


def test_writing_refuses_a_control_character_naming_the_actor(tmp_path: Path) -> None:
    design = sample_design()
    design.update_actor("C1", notes="bell\x07")
    path = tmp_path / "plan.xlsx"
    with pytest.raises(
        FormatError, match=r"^plan.xlsx: cannot write actor 'C1': its notes contains"
    ):
        write_xlsx(design, path)
    assert list(tmp_path.iterdir()) == []
