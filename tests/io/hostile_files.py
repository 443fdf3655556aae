"""Small hostile files, built byte by byte: what the fault-injection probe of issue 23 fed
the readers, at sizes fit for a test (the limits are lowered where size is the attack)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types '
    'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="actors" sheetId="1" r:id="rId1"/><sheet name="ties" sheetId="2" '
    'r:id="rId2"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def cell(ref: str, value: str, kind: str = "inline") -> str:
    if kind == "s":
        return f'<c r="{ref}" t="s"><v>{value}</v></c>'
    if kind == "n":
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


ACTOR_ROWS = (
    row(1, cell("A1", "id"), cell("B1", "name"), cell("C1", "sector"), cell("D1", "x"))
    + row(
        2, cell("A2", "U1"), cell("B2", "静岡大学"), cell("C2", "university"), cell("D2", "1", "n")
    )
    + row(3, cell("A3", "C1"), cell("B3", "スズキ"), cell("C3", "company"))
)
TIE_ROWS = row(
    1, cell("A1", "source"), cell("B1", "target"), cell("C1", "kind"), cell("D1", "weight")
) + row(2, cell("A2", "U1"), cell("B2", "C1"), cell("C2", "collaboration"), cell("D2", "2", "n"))


def _sheet(rows: str, dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>{dim}<sheetData>{rows}</sheetData></worksheet>'


def workbook_parts() -> dict[str, str]:
    """The parts of a two-sheet workbook other than its sheets and shared texts."""
    return {
        "[Content_Types].xml": _CT,
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
    }


def workbook(
    path: Path,
    actors: str = ACTOR_ROWS,
    ties: str = TIE_ROWS,
    strings: tuple[str, ...] = ("a", "b"),
    dimensions: tuple[str | None, str | None] = (None, None),
) -> Path:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{items}</sst>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in workbook_parts().items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", _sheet(actors, dimensions[0]))
        archive.writestr("xl/worksheets/sheet2.xml", _sheet(ties, dimensions[1]))
        archive.writestr("xl/sharedStrings.xml", shared)
    return path


def corrupt_deflate(path: Path, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """Flip bytes inside a part's compressed data (its CRC no longer matches, or inflating
    fails)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(5, 25):
        data[start + offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def json_design(path: Path, **changes: object) -> Path:
    """A valid one-design JSON file, with `design`, `actors` or `ties` replaced."""
    document: dict[str, object] = {
        "format": "cluster-designer",
        "version": 1,
        "design": {"name": "d", "region": "", "description": ""},
        "actors": [
            {"id": "U1", "name": "静岡大学", "sector": "university"},
            {"id": "C1", "name": "スズキ", "sector": "company"},
        ],
        "ties": [{"source": "U1", "target": "C1", "kind": "collaboration"}],
    }
    document.update(changes)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
