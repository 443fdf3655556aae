"""Files from strangers: every trick ends in a clear FormatError, quickly, without side effects."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cluster_designer.io import limits, xlsx_format
from cluster_designer.io.errors import FormatError
from cluster_designer.io.gexf_format import read_gexf
from cluster_designer.io.graphml_format import read_graphml
from cluster_designer.io.xlsx_format import read_xlsx
from cluster_designer.model import Design

Reader = Callable[[Path], Design]
GRAPHML_HEAD = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
GEXF_HEAD = '<gexf xmlns="http://gexf.net/1.3" version="1.3">'
XML_READERS = [
    (".graphml", read_graphml, GRAPHML_HEAD, "</graphml>"),
    (".gexf", read_gexf, GEXF_HEAD, "</gexf>"),
]


def _refused(reader: Reader, path: Path) -> str:
    """Read a hostile file; it must fail with a FormatError and leave its folder as it was."""
    before = sorted(path.parent.iterdir())
    with pytest.raises(FormatError) as caught:
        reader(path)
    assert sorted(path.parent.iterdir()) == before
    message = str(caught.value)
    assert message.startswith(path.name) and "\n" not in message
    return message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
{head}<graph><node id="&lol9;"/></graph>{tail}
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>
{head}<graph><node id="a">&x;</node></graph>{tail}
"""

PLAIN_DTD = """<?xml version="1.0"?>
<!DOCTYPE g SYSTEM "http://example.com/graph.dtd">
{head}<graph/>{tail}
"""


@pytest.mark.parametrize(("suffix", "reader", "head", "tail"), XML_READERS)
@pytest.mark.parametrize("template", [BILLION_LAUGHS, XXE, PLAIN_DTD], ids=["laughs", "xxe", "dtd"])
def test_dtds_and_entities_are_refused(
    tmp_path: Path, suffix: str, reader: Reader, head: str, tail: str, template: str
) -> None:
    path = tmp_path / f"evil{suffix}"
    path.write_text(template.format(head=head, tail=tail), encoding="utf-8")
    message = _refused(reader, path)
    assert "refused for safety" in message
    assert "root:" not in message


@pytest.mark.parametrize(("suffix", "reader", "head", "tail"), XML_READERS)
def test_huge_file_is_refused_before_reading(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    reader: Reader,
    head: str,
    tail: str,
) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as handle:
        handle.write(f'<?xml version="1.0"?>{head}<graph>'.encode())
        handle.truncate(500 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    message = _refused(reader, path)
    assert message == f"huge{suffix}: the file is too large (500 MB; at most 200 MB is accepted)"


@pytest.mark.parametrize(("suffix", "reader", "head", "tail"), XML_READERS)
def test_wrong_encoding_asks_for_utf8(
    tmp_path: Path, suffix: str, reader: Reader, head: str, tail: str
) -> None:
    path = tmp_path / f"sjis{suffix}"
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<graph><node id="静岡大学"/></graph>{tail}'
    )
    path.write_bytes(text.encode("cp932"))
    message = _refused(reader, path)
    assert message.startswith(f"sjis{suffix} line 2: not well-formed XML")
    assert "save it as UTF-8" in message
    path.write_bytes(text.replace("UTF-8", "Shift_JIS").encode("cp932"))
    assert "UTF-8" in _refused(reader, path)


def test_utf16_graphml_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.graphml"
    text = (
        f'<?xml version="1.0" encoding="UTF-16"?>{GRAPHML_HEAD}<key id="s" for="node" '
        'attr.name="sector"/><graph><node id="静岡大学"><data key="s">大学</data></node></graph></graphml>'
    )
    path.write_bytes(text.encode("utf-16"))
    assert list(read_graphml(path).actors) == ["静岡大学"]


def test_too_many_nodes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ACTORS", 3)
    path = tmp_path / "many.graphml"
    nodes = "".join(f'<node id="n{i}"/>' for i in range(5))
    path.write_text(f"{GRAPHML_HEAD}<graph>{nodes}</graph></graphml>", encoding="utf-8")
    assert _refused(read_graphml, path) == "many.graphml: more than 3 nodes"


def test_truncated_and_empty_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.gexf"
    path.write_text(f"{GEXF_HEAD}<graph><nodes><node id=", encoding="utf-8")
    assert "not well-formed XML" in _refused(read_gexf, path)
    path.write_bytes(b"")
    assert "not well-formed XML" in _refused(read_gexf, path)


# --- XLSX ---------------------------------------------------------------------------------


@pytest.fixture()
def openpyxl_never_called(monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive checks must refuse the file before openpyxl decompresses anything."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened a hostile workbook")

    monkeypatch.setattr(xlsx_format, "load_workbook", forbidden)


def _zeros_workbook(path: Path, size: int) -> None:
    """A 'workbook' whose one part is `size` bytes of zeros, compressed about 1000:1."""
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(size // len(chunk)):
            part.write(chunk)


@pytest.mark.usefixtures("openpyxl_never_called")
def test_zip_bomb_is_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _zeros_workbook(path, 210 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    assert "it was not opened" in _refused(read_xlsx, path)


@pytest.mark.usefixtures("openpyxl_never_called")
def test_small_but_extreme_compression_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.xlsx"
    _zeros_workbook(path, 20 * 1024 * 1024)
    assert "(a zip bomb?)" in _refused(read_xlsx, path)


@pytest.mark.usefixtures("openpyxl_never_called")
def test_huge_workbook_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(500 * 1024 * 1024)
    assert (
        _refused(read_xlsx, path)
        == "huge.xlsx: the file is too large (500 MB; at most 50 MB is accepted)"
    )


@pytest.mark.usefixtures("openpyxl_never_called")
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,name,sector\nU1,a,university\n", "fake.xlsx: is not an Excel workbook (.xlsx)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "fake.xlsx: is an old-style .xls workbook",
        ),
        (b"PK\x03\x04 broken", "fake.xlsx: is not a readable Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    assert _refused(read_xlsx, path).startswith(message)


def _workbook_with_part(path: Path, part: str, replace: Callable[[str], str]) -> None:
    book = openpyxl.Workbook()
    book.active.title = "actors"
    book.active.append(["id", "name", "sector"])
    book.active.append(["U1", "a", "university"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = replace(parts[part].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.usefixtures("openpyxl_never_called")
def test_workbook_with_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    dtd = BILLION_LAUGHS.split("]>")[0] + "]>"
    _workbook_with_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: dtd + xml.replace(">a<", ">&lol9;<"),
    )
    message = _refused(read_xlsx, path)
    assert "contains a document type declaration, which is refused for safety" in message


def test_formula_workbook_is_never_evaluated(tmp_path: Path) -> None:
    path = tmp_path / "formula.xlsx"
    _workbook_with_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            '<c r="B2" t="inlineStr"><is><t>a</t></is></c>',
            '<c r="B2"><f>WEBSERVICE("http://evil.example/")</f></c>',
        ),
    )
    message = _refused(read_xlsx, path)
    assert "cell B2" in message and "formula without a computed value" in message
