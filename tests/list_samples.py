"""A liaison office's list of joint-research contracts, as planners have it, written by tests.

The same rows go into a CP932 CSV file (what Japanese Excel writes) and into an XLSX sheet
below a title row; the expected design is spelled out actor by actor.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "年度",
    "大学名",
    "大学所在地",
    "相手先",
    "相手先所在地",
    "区分",
    "金額（千円）",
    "研究題目",
]

ROWS: list[list[str | int | None]] = [
    # Spelling variants of one university and one company; a repeated pair (rows 2–4).
    [2024, "国立大学法人静岡大学", "静岡県浜松市中区城北3-5-1", "株式会社浜松精機", "静岡県浜松市東区", "共同研究", "1,500", "精密加工の自動化"],
    [2024, "静岡大学", "静岡県浜松市中区城北3-5-1", "浜松精機株式会社", "静岡県浜松市東区", "共同研究", "２，０００", "超精密研削の評価"],
    [2024, "静岡大学 ", "静岡県浜松市中区城北3-5-1", "（株）浜松精機", "", "共同研究", 500, None],
    # In the region, from two places of it.
    [2024, "静岡大学", "静岡県浜松市中区城北3-5-1", "ヤマハ発動機株式会社", "静岡県磐田市新貝2500", "共同研究", "1200", "軽量化材料"],
    # Elsewhere in Japan, with and without the prefecture's suffix.
    [2024, "静岡大学", "静岡県浜松市中区城北3-5-1", "トヨタ自動車株式会社", "愛知県豊田市トヨタ町1", "共同研究", "5,000", "車載センサ"],
    [2024, "浜松医科大学", "静岡県浜松市東区半田山1-20-1", "ＡＢＣテクノロジー株式会社", "東京千代田区丸の内", "共同研究", "", "材料データ"],
    # Abroad; a directed kind read from 区分.
    [2024, "浜松医科大学", "静岡県浜松市東区半田山1-20-1", "Fraunhofer ILT", "Aachen, Germany", "技術移転", "800", "実施許諾"],
    # An empty partner: skipped and reported.
    [2024, "静岡大学", "静岡県浜松市中区城北3-5-1", None, None, "共同研究", "300", "予備契約"],
    # Full-width Latin letters and another legal form: the same company as row 6.
    [2024, "浜松医科大学", "静岡県浜松市東区半田山1-20-1", "ABCテクノロジー(株)", "東京都千代田区", "共同研究", "１，０００", "材料データ（追加）"],
    # An empty address: the mapping's default location.
    [2024, "静岡大学", "", "浜松ホトニクス株式会社", "", "共同研究", "3,000", "光計測"],
    # A probable duplicate the key cannot tell: offered, never merged.
    [2024, "静大", "静岡県浜松市中区城北3-5-1", "浜松ホトニクス株式会社", "静岡県浜松市中区砂山町", "共同研究", "700", "光源"],
    # The same pair again, further down: still one tie, the amounts added up.
    [2024, "静岡大学", "静岡県浜松市中区", "トヨタ自動車株式会社", "", "共同研究", "1,000", "車載センサ（延長）"],
]  # fmt: skip

MAPPING = """\
[list]
{sheet}header_row = {header_row}

[[ends]]
name = "大学名"
sector = "university"
location_column = "大学所在地"

[[ends]]
name = "相手先"
sector = "company"
location_column = "相手先所在地"

[tie]
kind = "collaboration"
kind_column = "区分"
weight_column = "金額（千円）"
notes_columns = ["研究題目"]

[region]
places = ["浜松市", "磐田市"]
default_location = "region"
"""

# name, sector, location, spellings (name first), address
EXPECTED_ACTORS = [
    ("静岡大学", "university", "region", ["静岡大学", "国立大学法人静岡大学"], "静岡県浜松市中区城北3-5-1"),
    ("株式会社浜松精機", "company", "region", ["株式会社浜松精機", "浜松精機株式会社", "（株）浜松精機"], "静岡県浜松市東区"),
    ("ヤマハ発動機株式会社", "company", "region", ["ヤマハ発動機株式会社"], "静岡県磐田市新貝2500"),
    ("トヨタ自動車株式会社", "company", "domestic", ["トヨタ自動車株式会社"], "愛知県豊田市トヨタ町1"),
    ("浜松医科大学", "university", "region", ["浜松医科大学"], "静岡県浜松市東区半田山1-20-1"),
    ("ＡＢＣテクノロジー株式会社", "company", "domestic", ["ＡＢＣテクノロジー株式会社", "ABCテクノロジー(株)"], "東京千代田区丸の内"),
    ("Fraunhofer ILT", "company", "overseas", ["Fraunhofer ILT"], "Aachen, Germany"),
    ("浜松ホトニクス株式会社", "company", "region", ["浜松ホトニクス株式会社"], "静岡県浜松市中区砂山町"),
    ("静大", "university", "region", ["静大"], "静岡県浜松市中区城北3-5-1"),
]  # fmt: skip

# source name, target name, kind, weight, rows
EXPECTED_TIES = [
    ("静岡大学", "株式会社浜松精機", "collaboration", 4000.0, 3),
    ("静岡大学", "ヤマハ発動機株式会社", "collaboration", 1200.0, 1),
    ("静岡大学", "トヨタ自動車株式会社", "collaboration", 6000.0, 2),
    ("浜松医科大学", "ＡＢＣテクノロジー株式会社", "collaboration", 1001.0, 2),
    ("浜松医科大学", "Fraunhofer ILT", "technology_transfer", 800.0, 1),
    ("静岡大学", "浜松ホトニクス株式会社", "collaboration", 3000.0, 1),
    ("静大", "浜松ホトニクス株式会社", "collaboration", 700.0, 1),
]


def mapping_text(*, sheet: str | None = None, header_row: int = 1) -> str:
    line = f'sheet = "{sheet}"\n' if sheet else ""
    return MAPPING.format(sheet=line, header_row=header_row)


def _text(value: str | int | None) -> str:
    return "" if value is None else str(value)


def write_cp932_csv(path: Path) -> Path:
    """The list as Japanese Excel saves "CSV (comma delimited)": CP932, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in ROWS:
        writer.writerow([_text(v) for v in row])
    path.write_bytes(buffer.getvalue().encode("cp932"))
    return path


def write_xlsx(path: Path, sheet: str = "契約一覧") -> Path:
    """The list in a workbook: a cover sheet first, a title row above the header, amounts
    stored as numbers where Excel would store them so."""
    book = Workbook()
    cover = book.active
    cover.title = "表紙"
    cover["A1"] = "共同研究契約一覧（2024年度）"
    data = book.create_sheet(sheet)
    data.append(["共同研究契約一覧（2024年度） 産学連携本部"])
    data.append(HEADER)
    for row in ROWS:
        cells: list[object] = []
        for index, value in enumerate(row):
            if index == 6 and isinstance(value, str) and value.replace(",", "").isdigit():
                cells.append(int(value.replace(",", "")))  # Excel keeps "1,500" as a number
            else:
                cells.append(value)
        data.append(cells)
    book.save(path)
    return path
