"""Issue 18 in every format: origins, arrival years, parents, groups and the design's year.

Round trips of storage_samples.full_design() (origins, a spin-off with its parent, two groups,
year 2030) through CSV, XLSX, JSON, GraphML and GEXF; yEd's own group nodes; files made
before these fields existed; and one clear message for each kind of bad input.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from cluster_designer.io import (
    FormatError,
    read_csv_pair,
    read_design_file,
    write_csv_pair,
    write_design_file,
)
from cluster_designer.model import Design, Origin, make_actor, make_group
from tests.storage.storage_samples import full_design

from .schemas import gexf_problems, graphml_problems

DATA = Path(__file__).parents[1] / "data"
IO_DATA = Path(__file__).parent / "data"


def _without_empty_extras(design: Design) -> Design:
    """A workbook keeps every extra column on every row ("" where an actor had none)."""
    plain = Design(
        design.name, region=design.region, description=design.description, year=design.year
    )
    plain.load(
        [
            a.with_changes(extra={k: v for k, v in a.extra.items() if v != ""})
            for a in design.actors.values()
        ],
        [
            t.with_changes(extra={k: v for k, v in t.extra.items() if v != ""})
            for t in design.ties.values()
        ],
        design.groups.values(),
    )
    return plain


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".xlsx"])
def test_single_files_carry_everything(tmp_path: Path, suffix: str) -> None:
    design = full_design()
    path = tmp_path / f"plan{suffix}"
    write_design_file(design, path)
    back = read_design_file(path, design.name)
    if suffix == ".xlsx":
        back = _without_empty_extras(back)
    assert back.same_content(design)
    assert back.year == 2030
    assert back.actor("C3").origin is Origin.SPIN_OFF and back.actor("C3").parent == "U1"
    assert back.actor("C1").arrived == 1985
    assert [g.members for g in back.groups.values()] == [("U1", "C1", "S1"), ("O1", "C2", "C3")]


def test_csv_files_carry_everything_but_the_year(tmp_path: Path) -> None:
    """The CSV files are tables of actors, ties and groups; the design's region and year
    are given on import."""
    design = full_design()
    paths = [tmp_path / n for n in ("actors.csv", "ties.csv", "groups.csv")]
    write_csv_pair(design, *paths)
    assert paths[2].read_text(encoding="utf-8-sig").splitlines() == [
        "id,name,kind,members,since,notes",
        "G1,浜松ロボット協議会,council,U1;C1;S1,2019,産学官",
        "G2,Outside link,,O1;C2;C3,,",
    ]
    back = read_csv_pair(paths[0], paths[1], design.name, groups_path=paths[2])
    assert back.year is None
    back.set_meta(year=2030, region=design.region, description=design.description)
    assert back.same_content(design)


def test_csv_export_without_groups_file_is_the_old_pair(tmp_path: Path) -> None:
    design = full_design()
    write_csv_pair(design, tmp_path / "a.csv", tmp_path / "t.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "t.csv"]
    header = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[11:14] == ["origin", "arrived", "parent"]


def test_japanese_origin_words_in_a_cp932_file(tmp_path: Path) -> None:
    """Excel in Japan saves Shift-JIS; origin words may be Japanese."""
    actors = tmp_path / "actors.csv"
    actors.write_bytes(
        "id,name,sector,origin,arrived,parent\n"
        "U1,静岡大学,大学,地元,1922,\n"
        "C1,静大発ベンチャー,企業,スピンオフ,2015,U1\n"
        "C2,外資系企業,企業,海外,2001,\n".encode("cp932")
    )
    design = read_csv_pair(actors, None, "d")
    assert [a.origin for a in design.actors.values()] == [
        Origin.LOCAL,
        Origin.SPIN_OFF,
        Origin.OVERSEAS,
    ]
    assert design.actor("C1").parent == "U1" and design.actor("C2").arrived == 2001


def test_files_made_before_these_fields_still_import() -> None:
    design = read_csv_pair(IO_DATA / "actors.csv", IO_DATA / "ties.csv", "old")
    assert design.actors and not design.groups and design.year is None
    assert all(
        a.origin is None and a.arrived is None and not a.parent for a in design.actors.values()
    )
    for name in ("networkx-karate.graphml", "gephi-gexf-data.gexf", "yfiles-html-style.graphml"):
        path = DATA / "third_party" / name
        old = read_design_file(path, sector_for="company")
        assert old.actors and not old.groups and old.year is None


# --- GraphML: yEd group nodes -------------------------------------------------------------


def _overlapping() -> Design:
    """U1 is in both groups: GraphML can nest it in one group node only."""
    design = Design("重なり", year=2035)
    design.add_actors(
        [
            make_actor(id=i, name=f"組織{i}", sector="company", x=float(n * 50), y=0.0)
            for n, i in enumerate(("U1", "C1", "C2", "S1"))
        ]
    )
    design.add_group(make_group(id="G1", name="協議会", kind="council", members="C1;U1"))
    design.add_group(make_group(id="G2", name="共同研究", members="U1;C2;S1", since=2020))
    return design


def test_an_actor_in_two_groups_is_nested_once_and_both_memberships_return(
    tmp_path: Path,
) -> None:
    design = _overlapping()
    path = tmp_path / "g.graphml"
    write_design_file(design, path)
    assert graphml_problems(path) == []
    back = read_design_file(path)
    assert back.same_content(design)
    text = path.read_text(encoding="utf-8")
    assert text.count('yfiles.foldertype="group"') == 2
    assert text.count('<node id="U1"') == 1
    assert "y:ProxyAutoBoundsNode" in text and "y:GroupNode" in text


def test_networkx_reads_our_groups_as_nodes_with_their_attributes(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_design_file(full_design(), path)
    graph = nx.read_graphml(path)
    assert graph.graph["year"] == 2030
    assert graph.nodes["G1"]["members"] == "U1;C1;S1" and graph.nodes["G1"]["since"] == 2019
    assert graph.nodes["C3"]["parent"] == "U1" and graph.nodes["C3"]["origin"] == "spin_off"
    assert set(full_design().actors) < set(graph.nodes)


def test_group_ids_that_clash_with_actor_ids_keep_both(tmp_path: Path) -> None:
    design = Design("clash")
    design.add_actors([make_actor(id=i, name=i, sector="company") for i in ("G1", "A", "B")])
    design.add_group(make_group(id="G1", name="group", members="A;B"))
    path = tmp_path / "c.graphml"
    write_design_file(design, path)
    assert graphml_problems(path) == []
    assert read_design_file(path).same_content(design)


YED_GROUPS = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="sector" attr.type="string" for="node" id="d4"/>
  <graph edgedefault="directed" id="G">
    <node id="n0" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
        <y:Geometry height="200" width="300" x="0" y="0"/>
        <y:NodeLabel modelName="internal" modelPosition="t">浜松コンソーシアム</y:NodeLabel>
        <y:State closed="false"/></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n0:">
        <node id="n0::n0"><data key="d4">university</data><data key="d6"><y:ShapeNode>
          <y:NodeLabel>静岡大学</y:NodeLabel></y:ShapeNode></data></node>
        <node id="n0::n1" yfiles.foldertype="group">
          <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
            <y:NodeLabel>研究会</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
          <graph edgedefault="directed" id="n0::n1:">
            <node id="n0::n1::n0"><data key="d4">company</data></node>
            <node id="n0::n1::n1"><data key="d4">company</data></node>
          </graph>
        </node>
      </graph>
    </node>
    <node id="n1"><data key="d4">support</data></node>
    <edge id="e0" source="n1" target="n0::n0"/>
  </graph>
</graphml>
"""


def test_a_yed_file_with_group_nodes_imports_its_groups(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(YED_GROUPS, encoding="utf-8")
    design = read_design_file(path)
    assert list(design.actors) == ["n0::n0", "n0::n1::n0", "n0::n1::n1", "n1"]
    groups = {g.name: g.members for g in design.groups.values()}
    assert groups == {
        "研究会": ("n0::n1::n0", "n0::n1::n1"),
        "浜松コンソーシアム": ("n0::n0", "n0::n1::n0", "n0::n1::n1"),
    }
    assert len(design.ties) == 1


def test_a_yed_group_with_one_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(
        YED_GROUPS.replace('<node id="n0::n1::n1"><data key="d4">company</data></node>', ""),
        encoding="utf-8",
    )
    with pytest.raises(
        FormatError,
        match=r"yed.graphml group node 'n0::n1', attribute 'members': a group needs two or more members \(got 1\)",
    ):
        read_design_file(path)


# --- GEXF ---------------------------------------------------------------------------------


def test_gexf_lists_each_actors_groups_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    write_design_file(_overlapping(), path)
    assert gexf_problems(path) == []
    graph = nx.read_gexf(path)
    assert graph.nodes["U1"]["groups"] == "G1;G2" and graph.nodes["C1"]["groups"] == "G1"
    assert 'timestamp="2035"' in path.read_text(encoding="utf-8")
    assert read_design_file(path, "重なり").same_content(_overlapping())


def test_gexf_of_another_program_keeps_its_own_groups_attribute(tmp_path: Path) -> None:
    path = tmp_path / "other.gexf"
    path.write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><attributes class="node">'
        '<attribute id="0" title="groups" type="string"/></attributes><nodes>'
        '<node id="a" label="A"><attvalues><attvalue for="0" value="red"/></attvalues></node>'
        "</nodes><edges/></graph></gexf>",
        encoding="utf-8",
    )
    design = read_design_file(path, sector_for="company")
    assert not design.groups and design.actor("a").extra == {"groups": "red"}


def test_gexf_naming_an_unknown_group_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    write_design_file(_overlapping(), path)
    path.write_text(
        path.read_text(encoding="utf-8").replace('value="G1;G2"', 'value="G1;G9"'), encoding="utf-8"
    )
    with pytest.raises(
        FormatError, match=r"g.gexf node 'U1', attribute 'groups': unknown group id 'G9'"
    ):
        read_design_file(path)


# --- bad input: one message naming where -------------------------------------------------


def _csv(tmp_path: Path, actors: str, groups: str | None = None) -> Design:
    (tmp_path / "actors.csv").write_text(actors, encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,kind\n", encoding="utf-8")
    groups_path = None
    if groups is not None:
        groups_path = tmp_path / "groups.csv"
        groups_path.write_text(groups, encoding="utf-8")
    return read_csv_pair(
        tmp_path / "actors.csv", tmp_path / "ties.csv", "d", groups_path=groups_path
    )


ACTORS = "id,name,sector\nU1,大学,university\nC1,企業,company\nC2,企業2,company\n"


@pytest.mark.parametrize(
    ("actors", "groups", "message"),
    [
        (
            ACTORS,
            "id,name,kind,members\nG1,a,,U1;C1\nG2,b,,U1\nG3,c,,U1;X9\n",
            "groups.csv line 3, column 'members': a group needs two or more members (got 1)",
        ),
        (
            ACTORS,
            "id,name,kind,members\nG1,a,,U1;C1\n\nG3,c,,U1;X9\n",
            "groups.csv line 4, column 'members': unknown actor id 'X9'",
        ),
        (
            ACTORS,
            "id,name,kind,members,since\nG1,a,,U1;C1,2300\n",
            "groups.csv line 2, column 'since': year 2300 is outside 1800–2200",
        ),
        (
            ACTORS,
            "id,name\nG1,a\n",
            "groups.csv: missing required column 'members'",
        ),
        (
            ACTORS,
            "id,name,members\nG1,a,U1;C1\nG1,b,U1;C2\n",
            "groups.csv line 3: duplicate group id 'G1' (first on line 2)",
        ),
        (
            "id,name,sector,parent\nU1,大学,university,\nC1,企業,company,\nC2,企業2,company,Z\n",
            None,
            "actors.csv line 4, column 'parent': unknown parent actor id 'Z'",
        ),
        (
            "id,name,sector,parent\nU1,大学,university,U1\n",
            None,
            "actors.csv line 2, column 'parent': an actor cannot be its own parent",
        ),
        (
            "id,name,sector,arrived\nU1,大学,university,1799\n",
            None,
            "actors.csv line 2, column 'arrived': year 1799 is outside 1800–2200",
        ),
        (
            "id,name,sector,origin\nU1,大学,university,火星\n",
            None,
            "actors.csv line 2, column 'origin': unknown origin '火星'",
        ),
    ],
)
def test_bad_csv_input_names_file_line_and_column(
    tmp_path: Path, actors: str, groups: str | None, message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        _csv(tmp_path, actors, groups)
    assert str(caught.value).startswith(message)


def test_bad_groups_sheet_names_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_design_file(full_design(), path)
    book = openpyxl.load_workbook(path)
    book["groups"]["D3"] = "O1;X9"
    book["actors"]["N2"] = "Z"
    book.save(path)
    with pytest.raises(FormatError) as caught:
        read_design_file(path)
    assert str(caught.value) == (
        "plan.xlsx sheet 'actors' row 2, column 'parent' (cell N2): unknown parent actor id 'Z'"
    )
    book["actors"]["N2"] = None
    book.save(path)
    with pytest.raises(FormatError) as caught:
        read_design_file(path)
    assert str(caught.value) == (
        "plan.xlsx sheet 'groups' row 3, column 'members' (cell D3): unknown actor id 'X9'"
    )


def test_bad_year_in_the_design_sheet(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_design_file(full_design(), path)
    book = openpyxl.load_workbook(path)
    sheet = book["design"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "year")
    row[1].value = 3000
    book.save(path)
    with pytest.raises(FormatError, match="year 3000 is outside 1800–2200"):
        read_design_file(path)


def test_bad_graphml_group_and_parent(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_design_file(full_design(), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(">U1;C1;S1<", ">U1;C1;X9<"), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_design_file(path)
    assert str(caught.value) == (
        "g.graphml group node 'G1', attribute 'members': unknown actor id 'X9'"
    )
    design = full_design()
    design.update_actor("C3", parent="")
    write_design_file(design, path)
    text = path.read_text(encoding="utf-8")
    marker = '<data key="n_origin">spin_off</data>'
    path.write_text(
        text.replace(marker, marker + '<data key="n_parent">C3</data>'), encoding="utf-8"
    )
    with pytest.raises(FormatError) as caught:
        read_design_file(path)
    assert str(caught.value) == (
        "g.graphml node 'C3', attribute 'parent': an actor cannot be its own parent"
    )


def test_a_year_out_of_range_names_the_design(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_design_file(full_design(), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('key="g_year">2030', 'key="g_year">3000'), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_design_file(path)
    assert str(caught.value) == "g.graphml: the design's year 3000 is outside 1800–2200"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".graphml", ".gexf"])
def test_a_member_id_with_a_semicolon_cannot_be_written(tmp_path: Path, suffix: str) -> None:
    """Members are one `;`-separated text: 'A;B' would come back as two actors."""
    design = Design("d")
    design.add_actors([make_actor(id=i, name=i, sector="company") for i in ("A;B", "C")])
    design.add_group(make_group(id="G1", name="g", members=("A;B", "C")))
    with pytest.raises(FormatError, match=r"cannot write group 'G1': the id 'A;B' contains ';'"):
        if suffix == ".csv":
            write_csv_pair(design, tmp_path / "a.csv", tmp_path / "t.csv", tmp_path / "g.csv")
        else:
            write_design_file(design, tmp_path / f"d{suffix}")
    assert list(tmp_path.iterdir()) == []


def test_graphml_keeps_the_order_of_groups_that_share_members(tmp_path: Path) -> None:
    """Groups come back in the design's order even when a later group holds the first actor."""
    design = full_design()
    last = list(design.groups)[-1]
    _index, group = design.remove_group(last)
    design.add_group(group, 0)
    design.add_group(make_group(id="G9", name="最後", members=("U1", "O1")))
    path = tmp_path / "order.graphml"
    write_design_file(design, path)
    back = read_design_file(path)
    assert list(back.groups) == list(design.groups)
    assert back.same_content(design)
