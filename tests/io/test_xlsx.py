"""XLSX: round trip, workbooks as planners make them in Excel, and clear messages."""

from __future__ import annotations

import contextlib
import gc
import html
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer

from cluster_designer.io import xlsx_format
from cluster_designer.io.choices import FieldChoice, ImportChoices, ImportReport
from cluster_designer.io.errors import FormatError
from cluster_designer.io.xlsx_format import read_xlsx, write_xlsx
from cluster_designer.model import Design, Sector, TieKind, make_actor
from tests.io.io_samples import sample_design


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    """Extra columns come back on every actor and tie, empty where the actor had none: a
    sheet cannot tell a missing value from an empty one, and the column must survive."""
    design = sample_design()
    path = tmp_path / "plan.xlsx"
    write_xlsx(design, path)
    back = read_xlsx(path)
    assert back.same_content(_padded(design))
    assert read_xlsx(path, design_name="別名").name == "別名"


def _padded(design: Design) -> Design:
    """The design with every extra attribute on every actor (tie), "" where it had none."""
    padded = Design(design.name, region=design.region, description=design.description)
    actor_keys = list(dict.fromkeys(k for a in design.actors.values() for k in a.extra))
    tie_keys = list(dict.fromkeys(k for t in design.ties.values() for k in t.extra))
    padded.load(
        [
            a.with_changes(extra={k: a.extra.get(k, "") for k in actor_keys})
            for a in design.actors.values()
        ],
        [
            t.with_changes(extra={k: t.extra.get(k, "") for k in tie_keys})
            for t in design.ties.values()
        ],
    )
    return padded


def test_extras_with_empty_values_survive_a_round_trip(tmp_path: Path) -> None:
    design = Design("空欄")
    design.add_actors(
        [
            make_actor(id="A", name="a", sector="company", extra={"担当": "", "memo": "x"}),
            make_actor(id="B", name="b", sector="company", extra={"担当": "", "memo": ""}),
        ]
    )
    path = tmp_path / "empty.xlsx"
    write_xlsx(design, path)
    back = read_xlsx(path)
    assert back.same_content(design)
    assert back.actor("B").extra == {"担当": "", "memo": ""}


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
    design = _with_bell_in_notes(sample_design())
    path = tmp_path / "plan.xlsx"
    with pytest.raises(
        FormatError, match=r"^plan.xlsx: cannot write actor 'C1': its notes contains"
    ):
        write_xlsx(design, path)
    assert list(tmp_path.iterdir()) == []


def test_excel_habits_shared_strings_no_dimension_japanese_words_and_choices(
    tmp_path: Path,
) -> None:
    """What Excel writes and openpyxl's own files may not: strings in the shared-strings part,
    a sheet without <dimension>, sector words in Japanese, a kind column left out."""
    book = openpyxl.Workbook()
    actors = book.active
    actors.title = "actors"
    for row in (["id", "name", "sector", "location"], ["U1", "静岡大学", "大学", "地域内"],
                ["C1", "浜松ホトニクス", "企業", "海外"]):  # fmt: skip
        actors.append(row)
    ties = book.create_sheet("ties")
    ties.append(["source", "target", "weight"])
    ties.append(["U1", "C1", 3])
    ties.append(["C1", "U1", 2])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    path = tmp_path / "excel.xlsx"
    _as_excel_writes_it(plain, path)
    with pytest.raises(FormatError, match="missing required column 'kind'"):
        read_xlsx(path)
    choices = ImportChoices(kind=TieKind.COLLABORATION, merge_duplicates=True)
    report = ImportReport()
    design = read_xlsx(path, choices=choices, report=report)
    assert design.actor("U1").sector is Sector.UNIVERSITY
    assert design.actor("C1").location.value == "overseas"
    assert [t.weight for t in design.ties.values()] == [5.0]
    assert report.lines()[1].startswith("1 repeated tie was merged")


def test_sector_column_may_come_from_the_choices(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "actors"
    book.active.append(["id", "name", "種類"])
    book.active.append(["A", "a", "研究室"])
    book.active.append(["B", "b", "工場"])
    path = tmp_path / "kinds.xlsx"
    book.save(path)
    choices = ImportChoices(
        sector=FieldChoice(attribute="種類", mapping={"研究室": "university", "工場": "company"})
    )
    design = read_xlsx(path, choices=choices)
    assert [a.sector for a in design.actors.values()] == [Sector.UNIVERSITY, Sector.COMPANY]
    assert design.actor("A").extra == {"種類": "研究室"}


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _as_excel_writes_it(plain: Path, path: Path) -> None:
    """openpyxl writes strings inline and states each sheet's size; Excel keeps strings in
    xl/sharedStrings.xml (cells `t="s"` hold an index) and other writers often leave
    <dimension> out. Rewrite an openpyxl workbook so."""
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        text = html.unescape(match.group(2))
        if text not in strings:
            strings.append(text)
        return f'<c r="{match.group(1)}" t="s"><v>{strings.index(text)}</v></c>'

    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            text = source.read(item).decode("utf-8")
            if item.filename.startswith("xl/worksheets/"):
                text = re.sub(r"<dimension [^>]*/>", "", text)
                text = re.sub(
                    r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, text
                )
            elif item.filename == "[Content_Types].xml":
                text = text.replace(
                    "</Types>",
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                text = text.replace(
                    "</Relationships>",
                    f'<Relationship Id="rIdSST" Type="{SST_REL}" Target="sharedStrings.xml"/>'
                    "</Relationships>",
                )
            target.writestr(item, text.encode("utf-8"))
        items = "".join(f"<si><t>{html.escape(t)}</t></si>" for t in strings)
        target.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
        )
    with zipfile.ZipFile(path) as written:
        sheet = written.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 't="s"' in sheet and "inlineStr" not in sheet and "<dimension" not in sheet


def test_the_fast_and_the_exact_reader_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-calamine reads plain workbooks, openpyxl those with formulas or error cells
    (io/workbooks.py): both give the same design, ids, numbers, dates and extras alike."""
    path = tmp_path / "both.xlsx"
    write_xlsx(sample_design(), path)
    book = openpyxl.load_workbook(path)
    book["actors"]["Z1"] = "when"
    book["actors"]["Z2"] = datetime(2024, 5, 1)
    book.save(path)
    fast = read_xlsx(path)
    monkeypatch.setattr(xlsx_format, "check_xlsx_archive", lambda _path: True)
    exact = read_xlsx(path)
    assert fast.same_content(exact)
    assert fast.actor("U1").extra["when"] == "2024-05-01"


def _with_bell_in_notes(design: Design) -> Design:
    """A design holding a character the model now refuses (as an older version's project
    may): writers still refuse to put it into a file."""
    damaged = Design(design.name, design.region, design.description)
    damaged.load(
        [a.with_changes(notes="bell\x07") if a.id == "C1" else a for a in design.actors.values()],
        design.ties.values(),
    )
    return damaged


@contextlib.contextmanager
def openpyxl_leftovers() -> Iterator[list[str]]:
    """Fills the list it yields, once the block is over and the garbage collected, with what
    the collector could not raise (a stream left open, written to after its file was closed)
    and openpyxl's temporary files left behind."""
    found: list[str] = []
    before = set(openpyxl_writer.ALL_TEMP_FILES)
    hook, sys.unraisablehook = sys.unraisablehook, lambda u: found.append(repr(u.exc_value))
    try:
        yield found
        gc.collect()
    finally:
        sys.unraisablehook = hook
    found += [p for p in openpyxl_writer.ALL_TEMP_FILES if p not in before and os.path.exists(p)]


def test_a_refused_workbook_closes_the_sheets_it_had_begun(tmp_path: Path) -> None:
    """The actors sheet is streamed when a tie's notes turn out too long for a cell: the
    refusal closes that stream and its temporary file at once, not at garbage collection."""
    design = sample_design()
    tie = next(iter(design.ties.values()))
    design.update_tie(tie.uid, notes="x" * 40_000)
    path = tmp_path / "plan.xlsx"
    with openpyxl_leftovers() as leftovers, pytest.raises(FormatError, match="32,767"):
        write_xlsx(design, path)
    assert leftovers == []
    assert list(tmp_path.iterdir()) == []
