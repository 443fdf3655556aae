"""The actors.csv / ties.csv pair: what Excel users feed in, and what they get back."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.io import FormatError, read_csv_pair, write_csv_pair
from cluster_designer.io.files import MAX_FIELD_CHARS
from cluster_designer.model import (
    ClusterError,
    Design,
    Location,
    Sector,
    TieKind,
    make_actor,
)
from tests.io.io_samples import sample_design

DATA = Path(__file__).parent / "data"
ACTORS_HEADER = "id,name,sector,location,x,y\n"
TIES_HEADER = "source,target,kind,weight\n"
BASIC_ACTORS = ACTORS_HEADER + "U1,静岡大学,university,region,1,2\nC1,Firm,company,region,3,4\n"


def write_pair(
    tmp_path: Path, actors: str, ties: str = TIES_HEADER, encoding: str = "utf-8"
) -> tuple[Path, Path]:
    actors_path, ties_path = tmp_path / "actors.csv", tmp_path / "ties.csv"
    actors_path.write_bytes(actors.encode(encoding))
    ties_path.write_bytes(ties.encode(encoding))
    return actors_path, ties_path


def import_error(tmp_path: Path, actors: str, ties: str = TIES_HEADER) -> str:
    paths = write_pair(tmp_path, actors, ties)
    with pytest.raises(FormatError) as caught:
        read_csv_pair(*paths, "d")
    return str(caught.value)


# --- reading what people write -----------------------------------------------------------


def test_example_files_with_bom_mixed_case_and_extra_columns_are_read() -> None:
    design = read_csv_pair(DATA / "actors.csv", DATA / "ties.csv", "浜松", region="浜松市")
    assert (design.name, design.region) == ("浜松", "浜松市")
    assert list(design.actors) == ["U1", "C1", "C2", "S1", "S2", "U2"]
    u1 = design.actor("U1")
    assert (u1.name, u1.sector, u1.x, u1.y) == ("静岡大学", Sector.UNIVERSITY, 120.0, 80.0)
    assert u1.tags == ("光学", "材料")
    assert u1.extra == {"Website": "https://www.shizuoka.ac.jp"}
    assert design.actor("C1").notes == "Photonics, lasers"
    assert design.actor("C2").x is None
    assert design.actor("U2").location is Location.OVERSEAS
    kinds = [t.kind for t in design.ties.values()]
    assert TieKind.TECHNOLOGY_TRANSFER in kinds
    assert [t.weight for t in design.ties.values()][-1] == 1.0


def test_cp932_file_from_excel_in_japan(tmp_path: Path) -> None:
    actors = (
        "id,name,sector,notes\nU1,静岡大学,university,産学連携の拠点\nC1,浜松ホトニクス,company,\n"
    )
    paths = write_pair(tmp_path, actors, "source,target,kind\nU1,C1,collaboration\n", "cp932")
    design = read_csv_pair(*paths, "静岡")
    assert design.actor("U1").name == "静岡大学"
    assert design.actor("U1").notes == "産学連携の拠点"
    assert design.actor("C1").name == "浜松ホトニクス"


def test_text_in_neither_encoding_is_refused(tmp_path: Path) -> None:
    actors_path, ties_path = write_pair(tmp_path, BASIC_ACTORS)
    actors_path.write_bytes(b"id,name,sector\nU1,\x81\x20bad,university\n")
    with pytest.raises(
        FormatError,
        match=r"^actors\.csv line 2: the text is not in an encoding that can be told safely \(tried UTF-8, UTF-16, Shift-JIS \(CP932\)\)",
    ):
        read_csv_pair(actors_path, ties_path, "d")


def test_columns_in_any_order_with_padded_headers(tmp_path: Path) -> None:
    actors = " Sector ,NAME, id \nCompany,Firm,C1\nSUPPORT,City,S1\n"
    ties = " KIND ,Target,source\nInformation,S1,C1\n"
    design = read_csv_pair(*write_pair(tmp_path, actors, ties), "d")
    assert design.actor("C1").sector is Sector.COMPANY
    assert design.actor("S1").location is Location.REGION
    (tie,) = design.ties.values()
    assert (tie.source, tie.target, tie.kind, tie.weight) == ("C1", "S1", TieKind.INFORMATION, 1.0)


def test_blank_lines_are_skipped_and_line_numbers_stay_physical(tmp_path: Path) -> None:
    actors = ACTORS_HEADER + "U1,Uni,university,region,,\n\n,,,,,\nC1,Firm,company,moon,,\n"
    assert import_error(tmp_path, actors) == (
        "actors.csv line 5, column 'location': unknown location 'moon' (use region, domestic, overseas)"
    )


def test_quoted_multiline_note_counts_from_its_first_line(tmp_path: Path) -> None:
    actors = ACTORS_HEADER + 'U1,"Uni\nwith two lines",university,region,,\nC1,Firm,cafe,region,,\n'
    message = import_error(tmp_path, actors)
    assert message.startswith("actors.csv line 4, column 'sector': unknown sector 'cafe'")


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    actors = "\n\nid,name,sector\nU1,Uni,cafe\n"
    message = import_error(tmp_path, actors)
    assert message.startswith("actors.csv line 4, column 'sector': unknown sector 'cafe'")


def test_quotes_inside_an_unquoted_value_are_kept(tmp_path: Path) -> None:
    actors = 'id,name,sector\nU1,Uni "big" one,university\n'
    design = read_csv_pair(*write_pair(tmp_path, actors), "d")
    assert design.actor("U1").name == 'Uni "big" one'


def test_header_only_files_give_an_empty_design(tmp_path: Path) -> None:
    design = read_csv_pair(*write_pair(tmp_path, ACTORS_HEADER), "empty")
    assert len(design) == 0 and len(design.ties) == 0


def test_actors_without_a_ties_file(tmp_path: Path) -> None:
    actors_path, _ = write_pair(tmp_path, BASIC_ACTORS)
    design = read_csv_pair(actors_path, None, "d")
    assert list(design.actors) == ["U1", "C1"] and not design.ties


def test_nothing_is_returned_by_a_failed_read_and_files_are_untouched(tmp_path: Path) -> None:
    actors_path, ties_path = write_pair(tmp_path, BASIC_ACTORS, TIES_HEADER + "U1,X9,funding,1\n")
    before = {p: p.read_bytes() for p in (actors_path, ties_path)}
    with pytest.raises(ClusterError):
        read_csv_pair(actors_path, ties_path, "d")
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.csv", "ties.csv"]


# --- every refusal, with the message a user sees ------------------------------------------


@pytest.mark.parametrize(
    ("actors", "ties", "message"),
    [
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,collaboration,1\n" * 1 + "C1,X9,funding,1\n",
            "ties.csv line 3: unknown actor id 'X9'",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university,region,,\nC1,Firm,unicorn,region,,\n",
            TIES_HEADER,
            "actors.csv line 3, column 'sector': unknown sector 'unicorn' (use university, company, support)",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university,region,,\nU1,Again,company,region,,\n",
            TIES_HEADER,
            "actors.csv line 3: duplicate actor id 'U1' (first on line 2)",
        ),
        ("id,name\nU1,Uni\n", TIES_HEADER, "actors.csv: missing required column 'sector'"),
        ("id\nU1\n", TIES_HEADER, "actors.csv: missing required columns 'name', 'sector'"),
        (BASIC_ACTORS, "source,target,weight\n", "ties.csv: missing required column 'kind'"),
        (
            "",
            TIES_HEADER,
            "actors.csv: the file is empty (a header row is needed: id, name, sector)",
        ),
        (
            BASIC_ACTORS,
            "\n  \n",
            "ties.csv: the file is empty (a header row is needed: source, target, kind)",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,U1,collaboration,1\n",
            "ties.csv line 2: a tie must join two different actors (both ends are 'U1')",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,collaboration,1\nC1,U1,Collaboration,2\n",
            "ties.csv line 3: a collaboration tie C1 – U1 appears twice (first on line 2); choose to merge repeated ties to import them as one",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,funding,1\nU1,C1,funding,2\n",
            "ties.csv line 3: a funding tie U1 → C1 appears twice (first on line 2); choose to merge repeated ties to import them as one",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,funding,lots\n",
            "ties.csv line 2, column 'weight': 'lots' is not a number",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,funding,-2\n",
            "ties.csv line 2, column 'weight': must be greater than 0 (got -2)",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,funding,0\n",
            "ties.csv line 2, column 'weight': must be greater than 0 (got 0)",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,gossip,1\n",
            "ties.csv line 2, column 'kind': unknown tie kind 'gossip' (use collaboration, information, funding, human_resources, technology_transfer)",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + "U1,C1,,1\n",
            "ties.csv line 2, column 'kind': must not be empty",
        ),
        (
            BASIC_ACTORS,
            TIES_HEADER + ",C1,funding,1\n",
            "ties.csv line 2, column 'source': must name an actor id",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university,region,left,2\n",
            TIES_HEADER,
            "actors.csv line 2, column 'x': 'left' is not a number",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university,region,1,nan\n",
            TIES_HEADER,
            "actors.csv line 2, column 'y': 'nan' is not a finite number",
        ),
        (
            "id,name,sector,staff\nU1,Uni,university,-5\n",
            TIES_HEADER,
            "actors.csv line 2, column 'staff': must not be negative (got -5)",
        ),
        (
            ACTORS_HEADER + f"U1,{'長' * 201},university,region,,\n",
            TIES_HEADER,
            "actors.csv line 2, column 'name': is longer than 200 characters (201)",
        ),
        (
            ACTORS_HEADER + "U1, ,university,region,,\n",
            TIES_HEADER,
            "actors.csv line 2, column 'name': must not be empty",
        ),
        (
            ACTORS_HEADER + ",Uni,university,region,,\n",
            TIES_HEADER,
            "actors.csv line 2, column 'id': must not be empty",
        ),
        (
            ACTORS_HEADER + "U1,Uni,,region,,\n",
            TIES_HEADER,
            "actors.csv line 2, column 'sector': must not be empty",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university,region,1,2,extra\n",
            TIES_HEADER,
            "actors.csv line 2: 7 values, but the header on line 1 has 6 columns",
        ),
        (
            ACTORS_HEADER + "U1,Uni,university\n",
            TIES_HEADER,
            "actors.csv line 2: 3 values, but the header on line 1 has 6 columns",
        ),
        (
            "id,name,sector,Name\nU1,a,company,b\n",
            TIES_HEADER,
            "actors.csv line 1: column 'Name' appears twice in the header",
        ),
        (
            'id,name,sector\nU1,"unclosed,company\n',
            TIES_HEADER,
            "actors.csv line 2: not valid CSV (unexpected end of data)",
        ),
    ],
)
def test_bad_input_is_refused_with_file_line_and_column(
    tmp_path: Path, actors: str, ties: str, message: str
) -> None:
    assert import_error(tmp_path, actors, ties) == message


def test_format_error_is_a_cluster_error_with_location_attributes(tmp_path: Path) -> None:
    paths = write_pair(tmp_path, BASIC_ACTORS, TIES_HEADER + "U1,C1,funding,-1\n")
    with pytest.raises(ClusterError) as caught:
        read_csv_pair(*paths, "d")
    error = caught.value
    assert isinstance(error, FormatError)
    assert (error.file, error.line, error.column) == ("ties.csv", 2, "weight")


def test_a_trailing_empty_header_column_from_excel_is_harmless(tmp_path: Path) -> None:
    design = read_csv_pair(*write_pair(tmp_path, "id,name,sector,\nU1,Uni,university,\n"), "d")
    assert design.actor("U1").extra == {}


def test_values_under_a_column_without_header_are_kept_not_refused(tmp_path: Path) -> None:
    actors = "id,name,sector,,column 4\nU1,Uni,university,stray,x\nC1,Firm,company,,\n"
    design = read_csv_pair(*write_pair(tmp_path, actors), "d")
    assert design.actor("U1").extra == {"column 4_": "stray", "column 4": "x"}
    assert design.actor("C1").extra == {}


def test_a_field_over_one_megabyte_is_refused_quickly(tmp_path: Path) -> None:
    huge = "x" * (MAX_FIELD_CHARS + 1)
    message = import_error(tmp_path, f'id,name,sector,notes\nU1,Uni,university,"{huge}"\n')
    assert message == "actors.csv line 2: a value is longer than 1 MB"


def test_a_long_note_under_the_limit_is_kept(tmp_path: Path) -> None:
    note = "長" * 200_000
    design = read_csv_pair(
        *write_pair(tmp_path, f"id,name,sector,notes\nU1,Uni,university,{note}\n"), "d"
    )
    assert design.actor("U1").notes == note


def test_a_file_over_200_megabytes_is_refused_without_reading_it(tmp_path: Path) -> None:
    actors_path, ties_path = write_pair(tmp_path, BASIC_ACTORS)
    with ties_path.open("r+b") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk and no time
    with pytest.raises(
        FormatError, match=r"^ties\.csv: the file is too large \(201 MB; at most 200 MB"
    ):
        read_csv_pair(actors_path, ties_path, "d")


def test_a_missing_file_raises_an_os_error_naming_it(tmp_path: Path) -> None:
    actors_path, _ = write_pair(tmp_path, BASIC_ACTORS)
    with pytest.raises(FileNotFoundError) as caught:
        read_csv_pair(actors_path, tmp_path / "nope.csv", "d")
    assert caught.value.filename is not None and "nope.csv" in str(caught.value.filename)


# --- writing, and coming back --------------------------------------------------------------


def test_export_then_import_gives_back_the_same_design(tmp_path: Path) -> None:
    design = sample_design()
    design.set_meta(description="")  # a CSV pair holds actors and ties, not the description
    write_csv_pair(design, tmp_path / "a.csv", tmp_path / "t.csv")
    again = read_csv_pair(tmp_path / "a.csv", tmp_path / "t.csv", design.name, region=design.region)
    assert again.same_content(design)
    assert list(again.actors) == list(design.actors)
    assert [t.key for t in again.ties.values()] == [t.key for t in design.ties.values()]


def test_written_files_open_in_excel_with_japanese_and_spec_column_order(tmp_path: Path) -> None:
    write_csv_pair(sample_design(), tmp_path / "a.csv", tmp_path / "t.csv")
    actors_bytes = (tmp_path / "a.csv").read_bytes()
    assert actors_bytes.startswith(b"\xef\xbb\xbf")
    lines = actors_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "id,name,sector,subtype,location,x,y,staff,budget,tags,notes,origin,arrived,parent,url,代表"
    )
    assert lines[1].startswith(
        "U1,静岡大学,university,national university,region,0.25,-40.5,1200,3500000000,光;AI,"
    )
    ties_lines = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert ties_lines[0] == "source,target,kind,weight,notes,year"
    assert ties_lines[1] == "U1,C1,collaboration,3,,"
    assert ties_lines[4] == "S1,101,human_resources,0.333,,2024"


def test_integral_numbers_are_written_without_a_decimal_point(tmp_path: Path) -> None:
    write_csv_pair(sample_design(), tmp_path / "a.csv", tmp_path / "t.csv")
    text = (tmp_path / "a.csv").read_text("utf-8-sig")
    assert ",0.25,-40.5,1200,3500000000," in text and ",100,200," in text
    assert ".0," not in text


def test_export_of_an_empty_design_round_trips(tmp_path: Path) -> None:
    design = Design("空")
    write_csv_pair(design, tmp_path / "a.csv", tmp_path / "t.csv")
    assert read_csv_pair(tmp_path / "a.csv", tmp_path / "t.csv", "空").same_content(design)


def test_a_tag_containing_a_semicolon_is_not_silently_split(tmp_path: Path) -> None:
    design = Design("d")
    design.add_actor(make_actor(id="U1", name="Uni", sector="university", tags=["a;b"]))
    with pytest.raises(FormatError, match="tag 'a;b' contains ';'"):
        write_csv_pair(design, tmp_path / "a.csv", tmp_path / "t.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_earlier_files_whole(tmp_path: Path) -> None:
    write_csv_pair(sample_design(), tmp_path / "a.csv", tmp_path / "t.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bad = Design("d")
    bad.add_actor(make_actor(id="U1", name="Uni", sector="university", extra={"Name": "clash"}))
    with pytest.raises(FormatError, match="cannot write the actor attribute 'Name'"):
        write_csv_pair(bad, tmp_path / "a.csv", tmp_path / "t.csv")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_export_into_a_missing_folder_fails_without_leftovers(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_csv_pair(sample_design(), tmp_path / "a.csv", tmp_path / "missing" / "t.csv")
    assert list(tmp_path.iterdir()) == []
