"""Every reader stops at the limits of io/limits.py with one line naming the file (issue 23,
point 5): defaults multiplied over nodes, deep nesting, elements that are not nodes, rows
upon rows. The limits are lowered here instead of building files of hundreds of megabytes;
benchmarks/hostile_inputs.py measures the full-size files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.io import limits
from cluster_designer.io.csv_format import read_csv_pair
from cluster_designer.io.errors import FormatError
from cluster_designer.io.gexf_format import read_gexf
from cluster_designer.io.graphml_format import read_graphml
from cluster_designer.io.json_format import read_json
from cluster_designer.io.lists import read_list_table
from cluster_designer.model import Design

GRAPHML = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
GEXF = '<gexf xmlns="http://gexf.net/1.3" version="1.3">'
SECTOR_KEY = '<key id="s" for="node" attr.name="sector" attr.type="string"/>'


def _refused(read: Callable[[], object]) -> str:
    with pytest.raises(FormatError) as caught:
        read()
    text = str(caught.value)
    assert "\n" not in text
    return text


def _graphml(path: Path, keys: str, body: str) -> Path:
    path.write_text(f"{GRAPHML}{keys}<graph>{body}</graph></graphml>", encoding="utf-8")
    return path


def _gexf(path: Path, attributes: str, nodes: str) -> Path:
    path.write_text(
        f'{GEXF}<graph><attributes class="node">{attributes}</attributes>'
        f"<nodes>{nodes}</nodes><edges/></graph></gexf>",
        encoding="utf-8",
    )
    return path


def _nodes(count: int, inner: str = "") -> str:
    return "".join(f'<node id="n{n}">{inner}</node>' for n in range(count))


# --- GraphML and GEXF ----------------------------------------------------------------------


def test_graphml_defaults_multiplied_over_nodes_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ATTRIBUTE_VALUES", 1000)
    keys = "".join(
        f'<key id="k{n}" for="node" attr.name="a{n}"><default>v</default></key>' for n in range(50)
    )
    path = _graphml(tmp_path / "d.graphml", keys, _nodes(30))
    assert _refused(lambda: read_graphml(path, sector_for="company")) == (
        "d.graphml: the nodes and edges hold more than 1,000 attribute values, declared "
        "defaults included"
    )
    monkeypatch.setattr(limits, "MAX_ATTRIBUTE_VALUES", 1500)
    assert len(read_graphml(path, sector_for="company").actors) == 30


def test_graphml_with_too_many_keys_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ATTRIBUTES", 10)
    keys = "".join(f'<key id="k{n}" for="all" attr.name="a{n}"/>' for n in range(11))
    path = _graphml(tmp_path / "k.graphml", keys, _nodes(1))
    assert _refused(lambda: read_graphml(path)) == (
        "k.graphml: more than 10 node attributes are declared"
    )


def test_gexf_defaults_multiplied_over_nodes_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ATTRIBUTE_VALUES", 1000)
    attributes = "".join(
        f'<attribute id="{n}" title="a{n}" type="string"><default>v</default></attribute>'
        for n in range(50)
    )
    path = _gexf(tmp_path / "d.gexf", attributes, _nodes(30))
    assert _refused(lambda: read_gexf(path, sector_for="company")) == (
        "d.gexf: the nodes and edges hold more than 1,000 attribute values, declared "
        "defaults included"
    )


def test_gexf_with_too_many_attributes_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ATTRIBUTES", 10)
    attributes = "".join(f'<attribute id="{n}" title="a{n}" type="string"/>' for n in range(11))
    path = _gexf(tmp_path / "a.gexf", attributes, _nodes(1))
    assert _refused(lambda: read_gexf(path)) == "a.gexf: more than 10 node attributes are declared"


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_deep_nesting_is_refused(tmp_path: Path, suffix: str) -> None:
    deep = "<x>" * 150 + "</x>" * 150
    if suffix == "graphml":
        path = _graphml(
            tmp_path / "deep.graphml",
            SECTOR_KEY,
            f'<node id="a"><data key="s">{deep}</data></node>',
        )
        read: Callable[[], object] = lambda: read_graphml(path)  # noqa: E731
    else:
        path = _gexf(tmp_path / "deep.gexf", "", f'<node id="a">{deep}</node>')
        read = lambda: read_gexf(path)  # noqa: E731
    assert _refused(read) == f"deep.{suffix}: elements are nested more than 100 deep"


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_elements_outside_nodes_are_counted(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of nothing but ports or unknown elements is refused instead of walked for
    minutes; fewer of them are dropped as they are read (no more held than the limit)."""
    monkeypatch.setattr(limits, "MAX_HELD_ELEMENTS", 50)
    monkeypatch.setattr(limits, "MAX_OTHER_ELEMENTS", 500)
    junk = '<port name="p"/>' * 400
    if suffix == "graphml":
        path = _graphml(
            tmp_path / "j.graphml", SECTOR_KEY, junk + _nodes(2, '<data key="s">company</data>')
        )
        read: Callable[[], Design] = lambda: read_graphml(path)  # noqa: E731
    else:
        path = tmp_path / "j.gexf"
        path.write_text(
            f"{GEXF}<graph>{junk}<nodes>{_nodes(2)}</nodes></graph></gexf>", encoding="utf-8"
        )
        read = lambda: read_gexf(path, sector_for="company")  # noqa: E731
    assert len(read().actors) == 2
    monkeypatch.setattr(limits, "MAX_OTHER_ELEMENTS", 300)
    assert _refused(read) == f"j.{suffix}: more than 300 elements outside nodes and edges"


def test_a_node_with_a_huge_subtree_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_HELD_ELEMENTS", 50)
    path = _graphml(
        tmp_path / "h.graphml",
        SECTOR_KEY,
        f'<node id="a"><data key="s">{"<y/>" * 100}</data></node>',
    )
    assert _refused(lambda: read_graphml(path)) == "h.graphml: more than 50 elements inside <data>"


def test_many_values_of_one_node_are_not_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each <data> is dropped once read, so a node repeating its values stays within the
    held-elements limit (and memory flat)."""
    monkeypatch.setattr(limits, "MAX_HELD_ELEMENTS", 50)
    values = '<data key="s">company</data>' * 300
    path = _graphml(tmp_path / "r.graphml", SECTOR_KEY, f'<node id="a">{values}</node>')
    assert list(read_graphml(path).actors) == ["a"]


# --- CSV -----------------------------------------------------------------------------------


def _pair(folder: Path, actors: str, ties: str = "source,target,kind\n") -> tuple[Path, Path]:
    (folder / "actors.csv").write_text(actors, encoding="utf-8")
    (folder / "ties.csv").write_text(ties, encoding="utf-8")
    return folder / "actors.csv", folder / "ties.csv"


def test_csv_rows_past_the_limit_are_refused_at_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ACTORS", 5)
    rows = "".join(f"a{n},n,company\n" for n in range(6))
    actors, ties = _pair(tmp_path, "id,name,sector\n" + rows)
    assert _refused(lambda: read_csv_pair(actors, ties, "d")) == (
        "actors.csv line 7: more than 5 rows below the header (the most a design file may hold)"
    )
    actors, ties = _pair(tmp_path, "id,name,sector\n" + rows[: rows.index("a5")])
    assert len(read_csv_pair(actors, ties, "d").actors) == 5


def test_csv_tie_rows_past_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_TIES", 3)
    actors = "id,name,sector\n" + "".join(f"a{n},n,company\n" for n in range(5))
    ties = "source,target,kind\n" + "".join(f"a0,a{n},information\n" for n in range(1, 5))
    a, t = _pair(tmp_path, actors, ties)
    assert _refused(lambda: read_csv_pair(a, t, "d")).startswith(
        "ties.csv line 5: more than 3 rows below the header"
    )


def test_csv_empty_lines_count_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """200 MB of empty lines were walked one by one; now they count towards MAX_ROWS."""
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    actors, ties = _pair(tmp_path, "id,name,sector\na,n,company\n" + "\n" * 200)
    assert _refused(lambda: read_csv_pair(actors, ties, "d")) == (
        "actors.csv line 102: more than 100 rows; no design file holds that many"
    )


def test_csv_too_many_columns_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_COLUMNS", 10)
    header = "id,name,sector," + ",".join(f"c{n}" for n in range(8))
    actors, ties = _pair(tmp_path, header + "\n")
    assert _refused(lambda: read_csv_pair(actors, ties, "d")) == (
        "actors.csv line 1: the header has 11 columns (at most 10 are read)"
    )


# --- lists and JSON ------------------------------------------------------------------------


def test_list_rows_past_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_LIST_ROWS", 10)
    path = tmp_path / "list.csv"
    path.write_text("buyer,supplier\n" + "b,s\n" * 5 + "\n" * 10, encoding="utf-8")
    assert _refused(lambda: read_list_table(path)) == (
        "list.csv row 12: more than 10 rows below the header"
    )


def test_json_with_too_many_values_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_JSON_VALUES", 100)
    path = tmp_path / "d.json"
    path.write_text('{"format": "cluster-designer", "x": [' + "1," * 200 + "1]}", encoding="utf-8")
    assert _refused(lambda: read_json(path)) == (
        "d.json: the file holds more than 100 values; no design has that many"
    )


# --- the command line ----------------------------------------------------------------------


def test_the_command_line_refuses_past_a_limit_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(limits, "MAX_ATTRIBUTE_VALUES", 100)
    keys = "".join(
        f'<key id="k{n}" for="node" attr.name="a{n}"><default>v</default></key>' for n in range(20)
    )
    path = _graphml(tmp_path / "d.graphml", keys, _nodes(10))
    project = tmp_path / "p.cluster"
    status = main(["import", str(project), "--design", "d", "--sector", "company", str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        "cluster-designer: error: d.graphml: the nodes and edges hold more than 100 attribute "
        "values, declared defaults included\n"
    )
    assert not project.exists()


def test_xlsx_tie_rows_past_the_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cluster_designer.io.xlsx_format import read_xlsx
    from tests.io.hostile_files import TIE_ROWS, cell, row, workbook

    monkeypatch.setattr(limits, "MAX_TIES", 1)
    more = row(3, cell("A3", "C1"), cell("B3", "U1"), cell("C3", "information"))
    path = workbook(tmp_path / "book.xlsx", ties=TIE_ROWS + more)
    assert _refused(lambda: read_xlsx(path)) == "book.xlsx sheet 'ties': more than 1 rows"


def test_a_list_with_a_nul_in_a_name_is_refused_where_it_is(tmp_path: Path) -> None:
    """Found by the fuzz suite: the list import stored a NUL in a supplier's name, and the
    design then failed every GraphML and XLSX export."""
    path = tmp_path / "list.csv"
    path.write_text("buyer,supplier\nU1,bad\0name\n", encoding="utf-8")
    assert _refused(lambda: read_list_table(path)) == (
        "list.csv row 2, column 'supplier': contains the character U+0000, which files cannot hold"
    )
