"""Lists planners already have: keys, locations, amounts, the CP932 and XLSX lists end to end,
merging into an existing design, probable duplicates and the mapping file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.io.errors import FormatError
from cluster_designer.io.lists import (
    ListMapping,
    LocationRule,
    NameDecisions,
    build_list,
    list_candidates,
    make_design,
    mapping_from_dict,
    mapping_to_toml,
    municipality,
    name_key,
    parse_amount,
    plan_merge,
    read_list_table,
    read_mapping,
    write_mapping,
)
from cluster_designer.model import Design, Location, make_actor, make_tie
from tests.list_samples import (
    EXPECTED_ACTORS,
    EXPECTED_TIES,
    ROWS,
    mapping_text,
    write_cp932_csv,
    write_xlsx,
)

# --- the key ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["国立大学法人静岡大学", "静岡大学", " 静岡大学 ", "静岡 大学"],
        ["株式会社浜松精機", "浜松精機株式会社", "(株)浜松精機", "（株）浜松精機", "㈱浜松精機"],
        ["有限会社テック", "テック(有)", "㈲テック"],
        ["ＡＢＣテクノロジー", "ABCテクノロジー", "abcテクノロジー"],
        ["Hamamatsu Photonics K.K.", "HAMAMATSU PHOTONICS k.k.", "Hamamatsu  Photonics"],
        ["Acme Co., Ltd.", "ACME CO.,LTD.", "Acme Inc.", "acme ltd."],
        ["地方独立行政法人静岡県立病院機構", "静岡県立病院機構"],
        ["公益財団法人浜松地域イノベーション推進機構", "浜松地域イノベーション推進機構"],
    ],
)
def test_spellings_of_one_organization_share_a_key(spellings: list[str]) -> None:
    assert len({name_key(s) for s in spellings}) == 1


def test_different_organizations_keep_different_keys() -> None:
    assert name_key("静岡大学") != name_key("静岡県立大学")
    assert name_key("地方独立行政法人静岡県立病院機構") != name_key("地方静岡県立病院機構")
    assert name_key("株式会社") == "株式会社"  # nothing but a legal form: not an empty key


# --- location and amounts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("静岡県浜松市中区城北3-5-1", Location.REGION),
        ("磐田市新貝2500", Location.REGION),
        ("静岡県静岡市葵区", Location.DOMESTIC),
        ("東京千代田区", Location.DOMESTIC),  # without 都
        ("北海道札幌市", Location.DOMESTIC),
        ("Tokyo, JAPAN", Location.DOMESTIC),
        ("日本", Location.DOMESTIC),
        ("Aachen, Germany", Location.OVERSEAS),
        ("北海市（中国広西）", Location.OVERSEAS),  # 北海 alone is not Hokkaido
        ("", Location.DOMESTIC),  # the default given below
        ("  ", Location.DOMESTIC),
    ],
)
def test_location_from_the_address(address: str, expected: Location) -> None:
    rule = LocationRule(["浜松市", "磐田市"], Location.DOMESTIC)
    assert rule(address) is expected


def test_places_match_full_width_and_case() -> None:
    assert LocationRule(["Hamamatsu"], Location.REGION)("HAMAMATSU, Japan") is Location.REGION
    assert LocationRule(["浜松市"], Location.OVERSEAS)("静岡県浜松市") is Location.REGION


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1000", 1000.0),
        ("1,000", 1000.0),
        ("１，０００", 1000.0),
        ("１０００", 1000.0),
        ("¥1,200", 1200.0),
        ("￥1,200", 1200.0),
        ("1,200円", 1200.0),
        (" 12.5 ", 12.5),
        ("1,234,567.5", 1234567.5),
        ("0", 0.0),
    ],
)
def test_amounts_as_planners_write_them(text: str, value: float) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["12万", "5万円", "1,5", "abc", "1_000", "nan", "inf", "1.000,5"])
def test_amounts_that_are_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_municipality_of_an_address() -> None:
    assert municipality("静岡県浜松市中区城北3-5-1") == "浜松市"
    assert municipality("静岡県磐田市新貝2500") == "磐田市"
    assert municipality("東京都千代田区丸の内") == ""
    assert municipality("静岡県周智郡森町") == "森町"
    assert municipality("Aachen, Germany") == ""


# --- the lists end to end -----------------------------------------------------------------


def _mapping(tmp_path: Path, **kwargs: object) -> ListMapping:
    path = tmp_path / "map.toml"
    path.write_text(mapping_text(**kwargs), encoding="utf-8")
    return read_mapping(path)


def _check_design(design: Design) -> None:
    actors = list(design.actors.values())
    assert [a.name for a in actors] == [e[0] for e in EXPECTED_ACTORS]
    for actor, (name, sector, location, _spellings, address) in zip(
        actors, EXPECTED_ACTORS, strict=True
    ):
        assert (actor.name, actor.sector.value, actor.location.value) == (name, sector, location)
        assert actor.extra == {"address": address}
        assert actor.placed
    assert len({a.id for a in actors}) == len(actors)
    by_name = {a.name: a.id for a in actors}
    assert len(design.ties) == len(EXPECTED_TIES)
    for source, target, kind, weight, _rows in EXPECTED_TIES:
        tie = design.find_tie(by_name[source], by_name[target], kind)
        assert tie is not None, (source, target, kind)
        assert tie.weight == weight
    fraunhofer = design.find_tie(
        by_name["浜松医科大学"], by_name["Fraunhofer ILT"], "technology_transfer"
    )
    assert fraunhofer is not None and fraunhofer.source == by_name["浜松医科大学"]
    repeated = design.find_tie(by_name["静岡大学"], by_name["株式会社浜松精機"], "collaboration")
    assert repeated is not None and repeated.notes == "精密加工の自動化\n超精密研削の評価"


def test_cp932_list_becomes_the_expected_design(tmp_path: Path) -> None:
    path = write_cp932_csv(tmp_path / "契約一覧.csv")
    mapping = _mapping(tmp_path)
    table = read_list_table(path, encoding=mapping.encoding)
    assert table.encoding == "cp932"
    result = build_list(table, mapping)
    assert result.rows == len(ROWS)
    assert [(s.row, s.text(translate=False)) for s in result.skipped] == [
        (9, "column '相手先' is empty")
    ]
    assert result.merged == [e[3] for e in EXPECTED_ACTORS if len(e[3]) > 1]
    for tie in result.ties:
        expected = next(
            e for e in EXPECTED_TIES
            if {e[0], e[1]} == {result.actor(tie.source).name, result.actor(tie.target).name}
        )  # fmt: skip
        assert len(tie.rows) == expected[4]
    _check_design(make_design(result, "共同研究 2024", taken_ids={"U1", "C2"}))


def test_xlsx_list_on_a_named_sheet_below_a_title_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "契約一覧.xlsx")
    mapping = _mapping(tmp_path, sheet="契約一覧", header_row=2)
    table = read_list_table(path, sheet=mapping.sheet, header_row=mapping.header_row)
    assert (table.sheet, table.sheets, table.encoding) == ("契約一覧", ("表紙", "契約一覧"), None)
    result = build_list(table, mapping)
    assert [s.row for s in result.skipped] == [10]  # as Excel numbers the row
    _check_design(make_design(result, "共同研究 2024"))


def test_new_ids_are_unused_in_the_project(tmp_path: Path) -> None:
    table = read_list_table(write_cp932_csv(tmp_path / "l.csv"))
    design = make_design(build_list(table, _mapping(tmp_path)), "d", taken_ids={"U1", "C1", "C3"})
    assert [a.id for a in design.actors.values()][:4] == ["U2", "C4", "C5", "C6"]


def test_utf8_with_bom_and_an_explicit_encoding(tmp_path: Path) -> None:
    text = "大学名,相手先\n静岡大学,浜松精機\n"
    path = tmp_path / "l.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_list_table(path).encoding == "utf-8"
    assert read_list_table(path).columns == ("大学名", "相手先")
    path.write_bytes(text.encode("cp932"))
    with pytest.raises(FormatError, match=r"l.csv line 1: the text is not UTF-8"):
        read_list_table(path, encoding="utf-8")
    assert read_list_table(path, encoding="cp932").rows[0][1] == ("静岡大学", "浜松精機")


# --- bad input: one line naming file, row and column --------------------------------------


def test_mapping_naming_a_missing_column(tmp_path: Path) -> None:
    table = read_list_table(write_cp932_csv(tmp_path / "契約一覧.csv"))
    mapping = _mapping(tmp_path)
    broken = mapping_from_dict(
        {
            "ends": [
                {"name": "大学名", "sector": "university"},
                {"name": "相手先企業名", "sector": "company"},
            ]
        }
    )
    with pytest.raises(FormatError) as caught:
        build_list(table, broken)
    message = str(caught.value)
    assert message.startswith(
        "契約一覧.csv row 1: the mapping's ends[2].name names column '相手先企業名'"
    )
    assert "\n" not in message
    assert mapping.ends[1].name == "相手先"


def test_missing_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx")
    with pytest.raises(
        FormatError,
        match=r"list.xlsx: the workbook has no sheet '一覧' \(its sheets: '表紙', '契約一覧'\)",
    ):
        read_list_table(path, sheet="一覧")


def test_weight_that_is_not_a_number(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text(
        "大学名,相手先,金額\n静岡大学,浜松精機,1000\n静岡大学,ヤマハ,約12万\n", encoding="utf-8"
    )
    mapping = mapping_from_dict(
        {
            "ends": [
                {"name": "大学名", "sector": "university"},
                {"name": "相手先", "sector": "company"},
            ],
            "tie": {"weight_column": "金額"},
        }
    )
    with pytest.raises(FormatError) as caught:
        build_list(read_list_table(path), mapping)
    assert str(caught.value) == "l.csv row 3, column '金額': '約12万' is not a number"
    assert (caught.value.line, caught.value.column) == (3, "金額")


def test_weight_in_a_workbook_names_the_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "list.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(path)
    book["契約一覧"]["G5"] = "未定"
    book.save(path)
    mapping = _mapping(tmp_path, sheet="契約一覧", header_row=2)
    with pytest.raises(
        FormatError,
        match=r"^list.xlsx sheet '契約一覧' row 5, column '金額（千円）': '未定' is not a number$",
    ):
        build_list(read_list_table(path, sheet="契約一覧", header_row=2), mapping)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[ends]]\nsector = 'university'\n", "map.toml: ends[1].name: is required"),
        (
            "[[ends]]\nname = 'A'\n",
            "map.toml: ends[1]: give a sector, or a sector_column to read it from",
        ),
        (
            "[[ends]]\nname = 'A'\nsector = 'school'\n",
            "map.toml: ends[1].sector: unknown value 'school'",
        ),
        (
            "[list]\nheader_row = 0\n[[ends]]\nname='A'\nsector='company'\n",
            "map.toml: list.header_row: must be a whole number",
        ),
        ("[list]\nsheets = 'x'\n", "map.toml: list.sheets: is not a setting of a list mapping"),
        (
            "[[ends]]\nname = 'A'\nsector = 'company'\n[tie]\nkind = 'love'\n",
            "map.toml: tie.kind: unknown value 'love'",
        ),
        ("[[ends]\n", "map.toml: not a valid TOML file"),
        ("", "map.toml: ends: give at least one [[ends]] table"),
    ],
)
def test_bad_mapping_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_mapping(path)
    assert str(caught.value).startswith(message)


def test_unknown_kind_word_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text(
        "大学名,相手先,区分\n静岡大学,浜松精機,共同研究\n静岡大学,ヤマハ,寄附\n", encoding="utf-8"
    )
    mapping = mapping_from_dict(
        {
            "ends": [
                {"name": "大学名", "sector": "university"},
                {"name": "相手先", "sector": "company"},
            ],
            "tie": {"kind_column": "区分"},
        }
    )
    with pytest.raises(FormatError, match=r"^l.csv row 3, column '区分': unknown tie kind '寄附'"):
        build_list(read_list_table(path), mapping)
    fixed = mapping_from_dict(
        {
            "ends": [
                {"name": "大学名", "sector": "university"},
                {"name": "相手先", "sector": "company"},
            ],
            "tie": {"kind_column": "区分", "kind_words": {"寄附": "funding"}},
        }
    )
    kinds = [t.kind.value for t in build_list(read_list_table(path), fixed).ties]
    assert kinds == ["collaboration", "funding"]


# --- more than two ends, sector columns ---------------------------------------------------


def test_council_roll_ties_every_pair_of_a_row(tmp_path: Path) -> None:
    path = tmp_path / "council.csv"
    path.write_text(
        "会議,構成員1,構成員2,構成員3,種別3\n"
        "推進協議会,静岡大学,浜松市,浜松信用金庫,金融機関\n"
        "研究会,静岡大学,,ヤマハ,企業\n"
        "部会,,,浜松市役所,自治体\n",
        encoding="utf-8",
    )
    mapping = mapping_from_dict(
        {
            "ends": [
                {"name": "構成員1", "sector": "university"},
                {"name": "構成員2", "sector": "support"},
                {"name": "構成員3", "sector_column": "種別3"},
            ],
            "tie": {"kind": "information"},
        }
    )
    result = build_list(read_list_table(path), mapping)
    names = {a.ident: a.name for a in result.actors}
    pairs = sorted(sorted((names[t.source], names[t.target])) for t in result.ties)
    assert pairs == [
        ["ヤマハ", "静岡大学"],
        ["浜松信用金庫", "浜松市"],
        ["浜松信用金庫", "静岡大学"],
        ["浜松市", "静岡大学"],
    ]
    assert {a.name: a.sector.value for a in result.actors}["浜松信用金庫"] == "support"
    assert {a.name: a.sector.value for a in result.actors}["ヤマハ"] == "company"
    assert [s.row for s in result.skipped] == [4]


# --- decisions about names ----------------------------------------------------------------


def _result_with(tmp_path: Path, names: NameDecisions):
    table = read_list_table(write_cp932_csv(tmp_path / "l.csv"))
    return build_list(table, _mapping(tmp_path).with_names(names))


def test_probable_duplicates_are_offered_not_merged(tmp_path: Path) -> None:
    result = _result_with(tmp_path, NameDecisions())
    pairs = {(c.a_name, c.b_name, c.reason) for c in list_candidates(result)}
    assert ("静岡大学", "静大", "abbreviation") in pairs
    assert "静大" in [a.name for a in result.actors]


def test_decisions_merge_split_and_dismiss(tmp_path: Path) -> None:
    merged = _result_with(tmp_path, NameDecisions(same=(("静岡大学", "静大"),)))
    names = [a.name for a in merged.actors]
    assert "静大" not in names
    assert ["静岡大学", "国立大学法人静岡大学", "静大"] in merged.merged
    assert not any(c.b_name == "静大" for c in list_candidates(merged))

    split = _result_with(tmp_path, NameDecisions(separate=(("（株）浜松精機",),)))
    assert "（株）浜松精機" in [a.name for a in split.actors]
    assert ["株式会社浜松精機", "浜松精機株式会社"] in split.merged
    # A split is not offered back as a probable duplicate.
    assert not any("（株）浜松精機" in (c.a_name, c.b_name) for c in list_candidates(split))

    dismissed = _result_with(tmp_path, NameDecisions(different=(("静大", "静岡大学"),)))
    assert not any({c.a_name, c.b_name} == {"静大", "静岡大学"} for c in list_candidates(dismissed))


def test_candidates_across_scripts_and_spellings() -> None:
    from cluster_designer.io.lists.candidates import Named, find_candidates

    actors = [
        Named(1, "浜松ホトニクス株式会社", ("浜松ホトニクス株式会社",)),
        Named(2, "Hamamatsu Photonics K.K.", ("Hamamatsu Photonics K.K.",)),
        Named(3, "浜松フォトニクス", ("浜松フォトニクス",)),
        Named(4, "JST", ("JST",)),
        Named(5, "Japan Science and Technology Agency", ("Japan Science and Technology Agency",)),
        Named(6, "静岡大学工学部", ("静岡大学工学部",)),
        Named(7, "静岡大学", ("静岡大学",)),
        Named(8, "浜松精密", ("浜松精密",)),
        Named(9, "浜松精機", ("浜松精機",)),
    ]
    found = {(c.a, c.b): c.reason for c in find_candidates(actors)}
    assert found[(1, 2)] == "romanized"
    assert found[(1, 3)] == "similar"
    assert found[(4, 5)] == "initials"
    assert found[(6, 7)] == "contains"
    assert (8, 9) not in found  # different companies of one town are not offered


# --- merging into an existing design ------------------------------------------------------


def test_merge_keeps_ids_positions_and_ties(tmp_path: Path) -> None:
    design = Design("today", region="浜松")
    design.add_actors(
        [
            make_actor(id="U-SU", name="静岡大学", sector="university", x=100, y=100),
            make_actor(id="C-HP", name="浜松ホトニクス", sector="company", x=300, y=100),
            make_actor(id="S-1", name="浜松市", sector="support", x=200, y=300),
        ]
    )
    design.add_ties([make_tie(source="U-SU", target="C-HP", kind="collaboration", weight=5)])
    table = read_list_table(write_cp932_csv(tmp_path / "l.csv"))
    result = build_list(
        table, _mapping(tmp_path), existing_names=[a.name for a in design.actors.values()]
    )
    plan = plan_merge(result, design, taken_ids={"C1"})
    su = result.resolver.ident("静岡大学")
    hp = result.resolver.ident("浜松ホトニクス株式会社")
    assert plan.matched == {su: "U-SU", hp: "C-HP"}
    assert plan.present_ties == 1  # 静岡大学–浜松ホトニクス is already drawn: left as it is
    new_names = [a.name for a in plan.actors]
    assert "静岡大学" not in new_names and "浜松ホトニクス株式会社" not in new_names
    assert len(plan.actors) == len(EXPECTED_ACTORS) - 2
    assert not {a.id for a in plan.actors} & {"U-SU", "C-HP", "S-1", "C1"}
    seiki = next(a for a in plan.actors if a.name == "株式会社浜松精機")
    assert seiki.placed
    assert ((seiki.x - 100) ** 2 + (seiki.y - 100) ** 2) ** 0.5 == pytest.approx(90, abs=1)
    toyota = next(a for a in plan.actors if a.name == "トヨタ自動車株式会社")
    assert not toyota.placed  # outside the region: the window puts it in its lane
    before = {a.id: (a.x, a.y) for a in design.actors.values()}
    design.add_actors(plan.actors)
    design.add_ties(plan.ties)
    assert {i: (design.actor(i).x, design.actor(i).y) for i in before} == before
    assert design.find_tie("U-SU", "C-HP", "collaboration").weight == 5
    assert len(design.ties) == 1 + len(EXPECTED_TIES) - 1
    placed = [(a.x, a.y) for a in design.actors.values() if a.placed]
    assert len(set(placed)) == len(placed)


def test_merge_candidates_include_the_designs_actors(tmp_path: Path) -> None:
    design = Design("today")
    design.add_actors([make_actor(id="X", name="Toyota Jidosha", sector="company")])
    table = read_list_table(write_cp932_csv(tmp_path / "l.csv"))
    result = build_list(table, _mapping(tmp_path), existing_names=["Toyota Jidosha"])
    pairs = list_candidates(result, design)
    pair = next(p for p in pairs if "Toyota Jidosha" in (p.a_name, p.b_name))
    assert pair.reason == "romanized"
    assert pair.a_existing or pair.b_existing


# --- the mapping file ---------------------------------------------------------------------


def test_mapping_round_trip_with_decisions(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, sheet="契約一覧", header_row=2).with_names(
        NameDecisions(
            same=(("静岡大学", "静大"),),
            separate=(("（株）浜松精機",), ("浜松精機(有)", "有限会社浜松精機")),
            different=(("静岡県立大学", "静大"),),
        )
    )
    path = tmp_path / "saved.toml"
    write_mapping(mapping, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Mapping of a list")
    assert read_mapping(path) == mapping
    assert mapping_to_toml(read_mapping(path)) == text


def test_example_mapping_and_list_in_the_docs() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "examples"
    mapping = read_mapping(docs / "joint-research.toml")
    result = build_list(read_list_table(docs / "joint-research-2024.csv"), mapping)
    assert len(result.actors) == 11 and len(result.ties) == 10
    assert ["静岡大学", "国立大学法人静岡大学", "静大"] in result.merged
