"""GraphML: our own round trip, files from networkx and yEd, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from cluster_designer.io.errors import FormatError
from cluster_designer.io.graph_records import SectorUnknownError
from cluster_designer.io.graphml_format import read_graphml, write_graphml
from cluster_designer.model import (
    Design,
    Location,
    Sector,
    TieKind,
)
from tests.io.io_samples import sample_design


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    design = sample_design()
    path = tmp_path / "plan.graphml"
    write_graphml(design, path)
    back = read_graphml(path)
    assert back.same_content(design)
    assert back.actor("S1").x is None and back.actor("S1").y is None
    assert read_graphml(path, design_name="別名").name == "別名"


def test_networkx_sees_our_attributes_and_parallel_edges(tmp_path: Path) -> None:
    path = tmp_path / "plan.graphml"
    write_graphml(sample_design(), path)
    graph = nx.read_graphml(path)
    assert graph.nodes["U1"]["name"] == "静岡大学"
    assert graph.nodes["U1"]["sector"] == "university"
    kinds = sorted(d["kind"] for _, _, d in graph.edges("U1", data=True))
    assert kinds == ["collaboration", "funding"]


def test_yed_geometry_is_centred_on_the_actor(tmp_path: Path) -> None:
    path = tmp_path / "plan.graphml"
    write_graphml(sample_design(), path)
    text = path.read_text(encoding="utf-8")
    assert '<y:Geometry height="28" width="28" x="86.0" y="186.0" />' in text
    assert "<y:NodeLabel" in text and '>=HYPERLINK("http://evil")</y:NodeLabel>' in text
    assert '<y:Shape type="ellipse" />' in text


def test_graph_written_by_networkx_imports_with_defaults(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node(
        "u", name="Shizuoka University", sector="University", x=10.0, y=20.0, founded=1949
    )
    graph.add_node("c", name="Suzuki", sector="firm", x=-5.0, y=7.5)
    graph.add_node("s", name="浜松市", sector="支援機関")
    graph.add_edge("u", "c")
    graph.add_edge("c", "s", weight=4)
    path = tmp_path / "nx.graphml"
    nx.write_graphml(graph, path)
    design = read_graphml(path)
    assert [a.sector for a in design.actors.values()] == [
        Sector.UNIVERSITY,
        Sector.COMPANY,
        Sector.SUPPORT,
    ]
    assert (design.actor("u").x, design.actor("u").y) == (10.0, 20.0)
    assert design.actor("u").extra == {"founded": "1949"}
    assert design.actor("s").x is None
    ties = {t.key: t for t in design.ties.values()}
    assert ties[("c", "u", "collaboration")].weight == 1.0
    assert ties[("c", "s", "collaboration")].weight == 4.0
    assert design.name == "nx"


def test_networkx_multigraph_keeps_one_tie_per_kind(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    for node, sector in (("a", "university"), ("b", "company")):
        graph.add_node(node, sector=sector)
    graph.add_edge("a", "b", kind="collaboration")
    graph.add_edge("a", "b", kind="Technology Transfer", weight=2)
    path = tmp_path / "multi.graphml"
    nx.write_graphml(graph, path)
    design = read_graphml(path)
    assert sorted(t.kind for t in design.ties.values()) == [
        TieKind.COLLABORATION,
        TieKind.TECHNOLOGY_TRANSFER,
    ]
    assert design.actor("a").name == "a"


YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" attr.name="description" attr.type="string"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">旗艦大学</data>
      <data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="60.0" x="100.0" y="50.0"/>
        <y:Fill color="#FFCC00" transparent="false"/><y:NodeLabel>静岡大学</y:NodeLabel>
        <y:Shape type="rectangle"/></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="-15.0" y="-15.0"/>
        <y:NodeLabel>スズキ</y:NodeLabel></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d10"><y:PolyLineEdge><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>
    </edge>
  </graph>
</graphml>
"""


def test_yed_file_without_sectors_names_the_nodes(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(YED, encoding="utf-8")
    with pytest.raises(SectorUnknownError) as caught:
        read_graphml(path)
    assert caught.value.node_ids == ["n0", "n1"]
    assert str(caught.value).startswith(
        "yed.graphml: cannot tell the sector of 2 nodes: 'n0', 'n1'"
    )
    assert isinstance(caught.value, FormatError)


def test_yed_file_imports_with_a_chosen_sector(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(YED, encoding="utf-8")
    design = read_graphml(path, sector_for=Sector.COMPANY)
    first = design.actor("n0")
    assert (first.name, first.sector, first.x, first.y) == ("静岡大学", Sector.COMPANY, 130.0, 65.0)
    assert first.extra == {"description": "旗艦大学"}
    assert (design.actor("n1").x, design.actor("n1").y) == (0.0, 0.0)
    assert [t.kind for t in design.ties.values()] == [TieKind.COLLABORATION]


def test_sector_choice_by_callback_or_mapping(tmp_path: Path) -> None:
    path = tmp_path / "yed.graphml"
    path.write_text(YED, encoding="utf-8")
    asked: list[list[str]] = []

    def ask(node_ids: list[str]) -> dict[str, Sector]:
        asked.append(node_ids)
        return {"n0": Sector.UNIVERSITY, "n1": Sector.COMPANY}

    design = read_graphml(path, sector_for=ask)
    assert asked == [["n0", "n1"]]
    assert design.actor("n0").sector is Sector.UNIVERSITY
    with pytest.raises(SectorUnknownError) as caught:
        read_graphml(path, sector_for={"n0": "大学"})
    assert caught.value.node_ids == ["n1"]


def test_moving_a_node_in_yed_wins_over_stale_xy(tmp_path: Path) -> None:
    path = tmp_path / "plan.graphml"
    write_graphml(sample_design(), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('x="86.0" y="186.0"', 'x="286.0" y="386.0"'), encoding="utf-8")
    moved = read_graphml(path)
    assert (moved.actor("101").x, moved.actor("101").y) == (300.0, 400.0)
    assert (moved.actor("U1").x, moved.actor("U1").y) == (0.25, -40.5)


def _graph(nodes: str, edges: str, extra_keys: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k1" for="all" attr.name="sector" attr.type="string"><default>company</default></key>
  <key id="k2" for="edge" attr.name="kind" attr.type="string"/>
  <key id="k3" for="node" attr.name="staff" attr.type="double"/>
  <key id="k4" for="node" attr.name="Type" attr.type="string"/>{extra_keys}
  <graph edgedefault="undirected">{nodes}{edges}</graph>
</graphml>"""


def test_attributes_by_name_with_any_key_ids_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text(
        _graph(
            '<node id="a"><data key="k4">University</data><data key="k1">?</data></node><node id="b"/>',
            '<edge source="a" target="b"><data key="k2">information</data></edge>',
        ),
        encoding="utf-8",
    )
    design = read_graphml(path)
    assert design.actor("a").sector is Sector.UNIVERSITY
    assert design.actor("a").extra == {"Type": "University"}
    assert design.actor("b").sector is Sector.COMPANY
    assert design.actor("b").location is Location.REGION


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        (
            '<node id="a"/><node id="b"/>',
            '<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="a"/>',
            "g.graphml edge 'e2': a collaboration tie b – a appears twice (first on edge 'e1'); choose to merge repeated ties to import them as one",
        ),
        (
            '<node id="a"/>',
            '<edge id="e7" source="a" target="X9"/>',
            "g.graphml edge 'e7': unknown actor id 'X9'",
        ),
        (
            '<node id="a"><data key="k3">-3</data></node>',
            "",
            "g.graphml node 'a', attribute 'staff': must not be negative (got -3)",
        ),
        ('<node id="a"/><node id="a"/>', "", "g.graphml: node id 'a' appears twice"),
        (
            '<node id="a"/><node id="b"/>',
            '<edge source="a" target="b"><data key="k2">love</data></edge>',
            "g.graphml edge a → b, attribute 'kind': unknown tie kind 'love'",
        ),
    ],
)
def test_bad_graphs_are_refused_naming_node_or_edge(
    tmp_path: Path, nodes: str, edges: str, message: str
) -> None:
    path = tmp_path / "g.graphml"
    path.write_text(_graph(nodes, edges), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_graphml(path)
    assert str(caught.value).startswith(message)


def test_a_file_that_is_not_graphml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.graphml"
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    with pytest.raises(
        FormatError, match=r"^x.graphml: is not a GraphML file \(its root element is <svg>\)"
    ):
        read_graphml(path)
    path.write_text("id,name\nU1,a\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"^x.graphml line 1: not well-formed XML"):
        read_graphml(path)


def test_writing_refuses_a_control_character_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.graphml"
    path.write_text("old", encoding="utf-8")
    design = _with_bell_in_notes(sample_design())
    with pytest.raises(
        FormatError, match="actor 'C1': its notes contains the control character U\\+0007"
    ):
        write_graphml(design, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.graphml"]


def _with_bell_in_notes(design: Design) -> Design:
    """A design holding a character the model now refuses (as an older version's project
    may): writers still refuse to put it into a file."""
    damaged = Design(design.name, design.region, design.description)
    damaged.load(
        [a.with_changes(notes="bell\x07") if a.id == "C1" else a for a in design.actors.values()],
        design.ties.values(),
    )
    return damaged
