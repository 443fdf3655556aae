"""Fuzzing every reader through `cluster-designer import` and `import-list` (issue 23, point 9).

Whatever the bytes, the command ends with exit status 0 or 2, one line on stderr with 2, in
bounded time and memory; what it accepts exports to every format. The inputs the
fault-injection probe found are pinned as explicit examples, so they run every time.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import example, given
from hypothesis import strategies as st

from cluster_designer.io.dispatch import write_design_file
from tests.fuzz.cli_run import import_then_export, run_cli
from tests.io.hostile_files import ACTOR_ROWS, TIE_ROWS, cell, corrupt_deflate, row, workbook
from tests.io.io_samples import sample_design

# --- building blocks -----------------------------------------------------------------------

WORDS = [
    "",
    " ",
    "U1",
    "C1",
    "静岡大学",
    "スズキ",
    "university",
    "company",
    "support",
    "region",
    "domestic",
    "overseas",
    "collaboration",
    "information",
    "funding",
    "1",
    "-0",
    "NaN",
    "inf",
    "1e309",
    "9" * 5000,
    "0." + "1" * 400,
    "a;b",
    '"',
    "\0",
    "bad\0name",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "=1+2",
    "<&>",
    "9999-12-31T23:59:59-12:00",
    "garbage",
]
CELLS = st.one_of(st.sampled_from(WORDS), st.text(max_size=10))
ACTOR_HEADERS = ["id", "name", "sector", "location", "x", "y", "staff", "tags", "notes", "備考"]
TIE_HEADERS = ["source", "target", "kind", "weight", "notes", "directed"]


def _folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="fuzz-")


@st.composite
def tables(draw: st.DrawFn, headers: list[str]) -> list[list[str]]:
    columns = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=6, unique=True))
    if draw(st.booleans()):
        columns = headers[:3] + [c for c in columns if c not in headers[:3]]
    width = len(columns)
    body = draw(
        st.lists(
            st.lists(CELLS, min_size=max(0, width - 1), max_size=width + 1), min_size=0, max_size=6
        )
    )
    return [columns, *body]


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16", "mixed"])


def _encode(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    if encoding == "mixed":  # every other line in CP932 (the mojibake of point 8)
        return b"".join(
            line.encode("cp932" if n % 2 else "utf-8", errors="replace")
            for n, line in enumerate(text.splitlines(keepends=True))
        )
    return text.encode(encoding, errors="replace")


# --- CSV pair ------------------------------------------------------------------------------


@given(
    actors=tables(ACTOR_HEADERS),
    ties=tables(TIE_HEADERS),
    actor_encoding=ENCODINGS,
    tie_encoding=ENCODINGS,
    sector=st.sampled_from([[], ["--sector", "company"]]),
)
@example(
    actors=[["id", "name", "sector"], ["U1", "bad\0name", "university"]],
    ties=[["source", "target", "kind"]],
    actor_encoding="utf-8",
    tie_encoding="utf-8",
    sector=[],
).via("NUL bytes in CSV names")
@example(
    actors=[
        ["id", "name", "sector"],
        ["U1", "静岡大学", "university"],
        ["C1", "スズキ", "company"],
    ],
    ties=[["source", "target", "kind"], ["U1", "C1", "collaboration"]],
    actor_encoding="mixed",
    tie_encoding="utf-8",
    sector=[],
).via("UTF-8 and CP932 lines in one file")
def test_csv_pair(
    actors: list[list[str]],
    ties: list[list[str]],
    actor_encoding: str,
    tie_encoding: str,
    sector: list[str],
) -> None:
    with _folder() as temp:
        folder = Path(temp)
        (folder / "actors.csv").write_bytes(_encode(actors, actor_encoding))
        (folder / "ties.csv").write_bytes(_encode(ties, tie_encoding))
        source = ["--actors", str(folder / "actors.csv"), "--ties", str(folder / "ties.csv")]
        import_then_export([*source, *sector], folder)


# --- XLSX ----------------------------------------------------------------------------------

NUMBER_VALUES = st.one_of(
    st.sampled_from(["1", "NaN", "nan", "inf", "-INF", "1e400", "9" * 5000, "", "abc", "1,5"]),
    st.floats().map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@st.composite
def xlsx_cells(draw: st.DrawFn, row_number: int) -> str:
    column = draw(st.sampled_from(["A", "B", "C", "D", "E", "AMZ", "XFD"]))
    ref = f"{column}{row_number}"
    kind = draw(st.sampled_from(["s", "n", "inline"]))
    if kind == "s":
        return cell(ref, str(draw(st.integers(min_value=-3, max_value=4))), "s")
    if kind == "n":
        return cell(ref, escape(draw(NUMBER_VALUES)), "n")
    return cell(ref, escape(draw(CELLS)))


@st.composite
def sheets(draw: st.DrawFn, base: str) -> str:
    extra = ""
    for number in draw(st.lists(st.integers(min_value=2, max_value=1_048_577), max_size=3)):
        extra += row(number, *draw(st.lists(xlsx_cells(number), max_size=3)))
    return base + extra


@given(
    actors=sheets(ACTOR_ROWS),
    ties=sheets(TIE_ROWS),
    strings=st.lists(st.sampled_from(["a", "company", "静岡", "U1"]), max_size=3),
    dimension=st.sampled_from([None, "A1:D3", "A1:XFD1048576", "B2", "garbage"]),
    damage=st.booleans(),
)
@example(
    actors=ACTOR_ROWS.replace(cell("B3", "スズキ"), cell("B3", "7", "s")),
    ties=TIE_ROWS,
    strings=["a"],
    dimension=None,
    damage=False,
).via("bad shared-string index")
@example(
    actors=ACTOR_ROWS.replace(cell("B3", "スズキ"), cell("B3", "-1", "s")),
    ties=TIE_ROWS,
    strings=["a"],
    dimension=None,
    damage=False,
).via("negative shared-string index")
@example(
    actors=ACTOR_ROWS.replace(cell("D2", "1", "n"), cell("D2", "NaN", "n")),
    ties=TIE_ROWS,
    strings=[],
    dimension=None,
    damage=False,
).via("NaN cell")
@example(
    actors=ACTOR_ROWS.replace(cell("D2", "1", "n"), cell("D2", "9" * 5000, "n")),
    ties=TIE_ROWS,
    strings=[],
    dimension=None,
    damage=False,
).via("5000-digit number")
@example(actors=ACTOR_ROWS, ties=TIE_ROWS, strings=[], dimension=None, damage=True).via(
    "corrupt deflate data"
)
@example(
    actors=ACTOR_ROWS + '<row r="1048576"/>',
    ties=TIE_ROWS,
    strings=[],
    dimension="A1:XFD1048576",
    damage=False,
).via("empty-row bomb")
def test_xlsx(
    actors: str, ties: str, strings: list[str], dimension: str | None, damage: bool
) -> None:
    with _folder() as temp:
        folder = Path(temp)
        path = workbook(
            folder / "book.xlsx",
            actors=actors,
            ties=ties,
            strings=tuple(strings),
            dimensions=(dimension, None),
        )
        if damage:
            corrupt_deflate(path)
        import_then_export([str(path)], folder)


# --- GraphML and GEXF ----------------------------------------------------------------------

ATTRIBUTE_NAMES = st.sampled_from(["sector", "name", "x", "y", "kind", "weight", "label", "a b"])
XML_TEXT = st.one_of(
    st.sampled_from(WORDS).map(escape), st.text(max_size=8).map(escape), st.just("&#0;")
)
IDS = st.sampled_from(["a", "b", "c", "a b", "静岡", "", "&#0;"])


@st.composite
def graphml_documents(draw: st.DrawFn) -> str:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["k0", "k1", "k2", "k3"]),
                st.sampled_from(["node", "edge", "all", "graph"]),
                ATTRIBUTE_NAMES,
                st.none() | XML_TEXT,
            ),
            max_size=5,
        )
    )
    declared = "".join(
        f'<key id="{key}" for="{domain}" attr.name={quoteattr(name)}>'
        + ("" if default is None else f"<default>{default}</default>")
        + "</key>"
        for key, domain, name, default in keys
    )
    nodes = ""
    for node_id in draw(st.lists(IDS, max_size=5)):
        data = "".join(
            f'<data key="{key}">{value}</data>'
            for key, value in draw(
                st.lists(st.tuples(st.sampled_from(["k0", "k1", "k2", "k9"]), XML_TEXT), max_size=3)
            )
        )
        depth = draw(st.sampled_from([0, 0, 3, 150]))
        nodes += f'<node id="{node_id}">{data}{"<x>" * depth}{"</x>" * depth}</node>'
    edges = "".join(
        f'<edge source="{s}" target="{t}"/>'
        for s, t in draw(st.lists(st.tuples(IDS, IDS), max_size=4))
    )
    junk = "<port/>" * draw(st.sampled_from([0, 5]))
    default = draw(st.sampled_from(["", ' edgedefault="undirected"', ' edgedefault="x"']))
    return (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        f"{declared}<graph{default}>{junk}{nodes}{edges}</graph></graphml>"
    )


@given(document=graphml_documents(), sector=st.sampled_from([[], ["--sector", "company"]]))
def test_graphml(document: str, sector: list[str]) -> None:
    with _folder() as temp:
        folder = Path(temp)
        path = folder / "g.graphml"
        path.write_text(document, encoding="utf-8")
        import_then_export([str(path), *sector], folder)


@st.composite
def gexf_documents(draw: st.DrawFn) -> str:
    attributes = draw(
        st.lists(
            st.tuples(st.sampled_from(["0", "1", "2"]), ATTRIBUTE_NAMES, st.none() | XML_TEXT),
            max_size=4,
        )
    )
    declared = "".join(
        f'<attribute id="{key}" title={quoteattr(title)} type="string">'
        + ("" if default is None else f"<default>{default}</default>")
        + "</attribute>"
        for key, title, default in attributes
    )
    nodes = ""
    for node_id in draw(st.lists(IDS, max_size=5)):
        values = "".join(
            f'<attvalue for="{key}" value="{value}"/>'
            for key, value in draw(
                st.lists(st.tuples(st.sampled_from(["0", "1", "9"]), XML_TEXT), max_size=3)
            )
        )
        depth = draw(st.sampled_from([0, 0, 3, 150]))
        label = draw(st.none() | XML_TEXT)
        shown = "" if label is None else f' label="{label}"'
        nodes += (
            f'<node id="{node_id}"{shown}><attvalues>{values}</attvalues>'
            f"{'<x>' * depth}{'</x>' * depth}</node>"
        )
    edges = "".join(
        f'<edge source="{s}" target="{t}" weight="{w}"/>'
        for s, t, w in draw(st.lists(st.tuples(IDS, IDS, XML_TEXT), max_size=4))
    )
    return (
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>'
        f'<attributes class="node">{declared}</attributes>'
        f"<nodes>{nodes}</nodes><edges>{edges}</edges></graph></gexf>"
    )


@given(document=gexf_documents(), sector=st.sampled_from([[], ["--sector", "company"]]))
def test_gexf(document: str, sector: list[str]) -> None:
    with _folder() as temp:
        folder = Path(temp)
        path = folder / "g.gexf"
        path.write_text(document, encoding="utf-8")
        import_then_export([str(path), *sector], folder)


# --- JSON ----------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.sampled_from(WORDS),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["id", "name", "sector", "location", "x", "staff", "tags", "extra", "created", "updated"]


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    document: dict[str, object] = {
        "format": "cluster-designer",
        "version": draw(st.sampled_from([1, 1, 2, 0, "1"])),
        "design": {"name": "d", "created": "2024-01-01T00:00:00+00:00"},
        "actors": [
            {"id": "U1", "name": "静岡大学", "sector": "university"},
            {"id": "C1", "name": "スズキ", "sector": "company"},
        ],
        "ties": [{"source": "U1", "target": "C1", "kind": "collaboration"}],
    }
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        place = draw(st.sampled_from(["design", "actor", "tie"]))
        field = draw(st.sampled_from(FIELDS))
        value = draw(JSON_VALUES)
        target: Any = {
            "design": document["design"],
            "actor": document["actors"][0],
            "tie": document["ties"][0],
        }[place]
        target[field] = value
    return json.dumps(document, ensure_ascii=draw(st.booleans()), allow_nan=True)


@given(text=json_documents())
@example(
    text='{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, '
    '"actors": [{"id": "U1", "name": "a", "sector": "company", "x": 1' + "0" * 5000 + "}]}"
).via("5000-digit integer")
@example(
    text='{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, '
    '"actors": [{"id": "U1", "name": "bad \\ud800 name", "sector": "company"}], "ties": []}'
).via("lone surrogate")
@example(
    text=json.dumps(
        {
            "format": "cluster-designer",
            "version": 1,
            "design": {
                "name": "d",
                "created": "9999-12-31T23:59:59-12:00",
                "updated": "9999-12-31T23:59:59-12:00",
            },
            "actors": [],
            "ties": [],
        }
    )
).via("far-future updated date")
def test_json(text: str) -> None:
    with _folder() as temp:
        folder = Path(temp)
        path = folder / "d.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        import_then_export([str(path)], folder)


# --- list import ---------------------------------------------------------------------------

MAPPING = (
    '[[ends]]\nname = "buyer"\nsector = "support"\nlocation_column = "address"\n\n'
    '[[ends]]\nname = "supplier"\nsector_column = "type"\nsector = "company"\n\n'
    '[tie]\nkind = "funding"\nweight_column = "amount"\n\n[region]\nplaces = ["浜松市"]\n'
)


@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=8),
    header=st.permutations(["buyer", "supplier", "type", "address", "amount"]),
    encoding=ENCODINGS,
)
def test_list_import(rows: list[list[str]], header: list[str], encoding: str) -> None:
    with _folder() as temp:
        folder = Path(temp)
        table = folder / "list.csv"
        table.write_bytes(_encode([header, *rows], encoding))
        mapping = folder / "map.toml"
        mapping.write_text(MAPPING, encoding="utf-8")
        project = folder / "p.cluster"
        status, _out, _err = run_cli(
            ["import-list", str(project), "--design", "d", "--mapping", str(mapping), str(table)]
        )
        if status == 0:
            exported, _out, err = run_cli(
                ["export", str(project), "--design", "d", str(folder / "out.graphml")]
            )
            assert exported == 0, err


# --- damaged bytes of our own files --------------------------------------------------------

_SAMPLES: dict[str, bytes] = {}


def _sample(suffix: str) -> bytes:
    if suffix not in _SAMPLES:
        with _folder() as temp:
            path = Path(temp) / f"sample{suffix}"
            write_design_file(sample_design(), path)
            _SAMPLES[suffix] = path.read_bytes()
    return _SAMPLES[suffix]


@given(
    suffix=st.sampled_from([".json", ".graphml", ".gexf", ".xlsx"]),
    edits=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.sampled_from(["flip", "insert", "delete", "cut"]),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_damaged_files(suffix: str, edits: list[tuple[float, str, bytes]]) -> None:
    data = bytearray(_sample(suffix))
    for where, how, chunk in edits:
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if how == "flip" and data:
            data[at] ^= chunk[0] or 0xFF
        elif how == "insert":
            data[at:at] = chunk
        elif how == "delete":
            del data[at : at + len(chunk)]
        else:
            del data[at:]
    with _folder() as temp:
        folder = Path(temp)
        path = folder / f"damaged{suffix}"
        path.write_bytes(bytes(data))
        import_then_export([str(path)], folder)


# --- values in a project -------------------------------------------------------------------

Commands = list[Callable[[Path, Path], list[str]]]
COMMANDS: Commands = [
    lambda p, f: ["designs", str(p)],
    lambda p, f: ["designs", str(p), "--json"],
    lambda p, f: ["evaluate", str(p)],
    lambda p, f: ["export", str(p), "--design", "d", str(f / "out.graphml")],
]


@given(
    column=st.sampled_from(["updated", "created", "name", "region"]),
    value=st.one_of(
        st.sampled_from(
            [
                "garbage",
                "",
                "9999-12-31T23:59:59-12:00",
                "9999-12-31T23:59:59+00:00",
                "0001-01-01T00:00:00+14:00",
                "2024-13-45",
                "\0",
            ]
        ),
        st.text(max_size=12),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),  # what SQLite can hold
    ),
)
@example(column="updated", value="garbage").via("designs.updated = 'garbage'")
@example(column="updated", value="9999-12-31T23:59:59-12:00").via("far-future updated date")
def test_values_in_a_project(column: str, value: object) -> None:
    with _folder() as temp:
        folder = Path(temp)
        design = folder / "d.json"
        write_design_file(sample_design(), design)
        project = folder / "p.cluster"
        assert run_cli(["import", str(project), "--design", "d", str(design)])[0] == 0
        connection = sqlite3.connect(project)
        with connection:
            connection.execute(f"UPDATE designs SET {column} = ?", (value,))
        connection.close()
        for command in COMMANDS:
            run_cli(command(project, folder))


def test_zip_members_with_odd_names_are_refused_cleanly() -> None:
    """Not a hypothesis test: a workbook whose parts are named with '..' and absolute paths."""
    with _folder() as temp:
        folder = Path(temp)
        path = workbook(folder / "book.xlsx")
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("../../evil.xml", "<x/>")
            archive.writestr("/abs.xml", "<x/>")
        import_then_export([str(path)], folder)
