"""GEXF: our own round trip, files from networkx and Gephi, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from cluster_designer.io.errors import FormatError
from cluster_designer.io.gexf_format import read_gexf, write_gexf
from cluster_designer.io.graph_records import SectorUnknownError
from cluster_designer.model import Sector, TieKind
from tests.io.io_samples import sample_design


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    """Everything but the name, which GEXF 1.3 has no valid place for: the file name gives it."""
    design = sample_design()
    path = tmp_path / f"{design.name}.gexf"
    write_gexf(design, path)
    back = read_gexf(path)
    assert back.same_content(design)
    assert 'name="' not in path.read_text(encoding="utf-8").split("<graph", 1)[1].split(">")[0]
    assert back.actor("S1").x is None
    assert read_gexf(path, design_name="別名").name == "別名"


def test_gephi_sees_positions_y_up_colours_and_parallel_edge_kinds(tmp_path: Path) -> None:
    path = tmp_path / "plan.gexf"
    write_gexf(sample_design(), path)
    graph = nx.read_gexf(path)
    viz = graph.nodes["U1"]["viz"]
    assert viz["position"]["x"] == 0.25 and viz["position"]["y"] == 40.5
    assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (0, 114, 178)
    assert graph.nodes["U1"]["label"] == "静岡大学"
    text = path.read_text(encoding="utf-8")
    assert 'kind="human_resources" weight="0.333"' in text
    assert 'xmlns="http://gexf.net/1.3"' in text


def test_graph_written_by_networkx_imports_with_defaults(tmp_path: Path) -> None:
    graph = nx.DiGraph()
    graph.add_node(
        "u",
        label="Shizuoka University",
        sector="university",
        viz={"position": {"x": 5.0, "y": 7.0, "z": 0.0}},
    )
    graph.add_node("c", label="Suzuki", category="企業", x=1.5, y=2.5)
    graph.add_edge("u", "c")
    graph.add_edge("c", "u", weight=4.5, kind="funding")
    path = tmp_path / "nx.gexf"
    nx.write_gexf(graph, path)
    design = read_gexf(path)
    university, company = design.actor("u"), design.actor("c")
    assert (university.name, university.sector, university.x, university.y) == (
        "Shizuoka University",
        Sector.UNIVERSITY,
        5.0,
        -7.0,
    )
    assert (company.sector, company.x, company.y) == (Sector.COMPANY, 1.5, 2.5)
    assert company.extra == {"category": "企業"}
    ties = {t.key: t for t in design.ties.values()}
    assert ties[("c", "u", "collaboration")].weight == 1.0
    assert ties[("c", "u", "funding")].weight == 4.5


GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <meta lastmodifieddate="2024-05-01"><creator>Gephi 0.10.1</creator><keywords>x, y</keywords></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="Type" type="string"/>
      <attribute id="1" title="Modularity Class" type="integer"/>
    </attributes>
    <nodes>
      <node id="0" label="静岡大学">
        <attvalues><attvalue for="0" value="大学"/><attvalue for="1" value="2"/></attvalues>
        <viz:position x="10.5" y="-3.0" z="0.0"/><viz:size value="12"/></node>
      <node id="1" label="スズキ"><attvalues><attvalue for="0" value="Company"/></attvalues></node>
      <node id="2" label="浜松市"><attvalues><attvalue for="0" value="病院"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" weight="2.0"/>
      <edge id="1" source="1" target="2" kind="information" label="月例会"/>
    </edges>
  </graph>
</gexf>
"""


def test_gephi_file_maps_type_words_and_asks_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "gephi.gexf"
    path.write_text(GEPHI, encoding="utf-8")
    with pytest.raises(SectorUnknownError) as caught:
        read_gexf(path)
    assert caught.value.node_ids == ["2"]
    assert "'2' (Type '病院')" in str(caught.value)
    design = read_gexf(path, sector_for=Sector.SUPPORT)
    assert [a.sector for a in design.actors.values()] == [
        Sector.UNIVERSITY,
        Sector.COMPANY,
        Sector.SUPPORT,
    ]
    first = design.actor("0")
    assert (first.name, first.x, first.y) == ("静岡大学", 10.5, 3.0)
    assert first.extra == {"Type": "大学", "Modularity Class": "2"}
    assert design.region == ""
    ties = list(design.ties.values())
    assert [(t.kind, t.weight) for t in ties] == [
        (TieKind.COLLABORATION, 2.0),
        (TieKind.INFORMATION, 1.0),
    ]
    assert ties[1].extra == {"label": "月例会"}


def test_duplicate_edges_are_refused_naming_the_edge(tmp_path: Path) -> None:
    path = tmp_path / "dup.gexf"
    path.write_text(
        GEPHI.replace(
            '<edge id="1" source="1" target="2" kind="information" label="月例会"/>',
            '<edge id="1" source="1" target="0"/>',
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as caught:
        read_gexf(path, sector_for=Sector.SUPPORT)
    assert str(caught.value) == (
        "dup.gexf edge '1': a collaboration tie 1 – 0 appears twice (first on edge '0'); choose to merge repeated ties to import them as one"
    )


def test_undeclared_attribute_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.gexf"
    path.write_text(
        GEPHI.replace('<attvalue for="1" value="2"/>', '<attvalue for="9" value="2"/>'),
        encoding="utf-8",
    )
    with pytest.raises(
        FormatError, match=r"^bad.gexf: a node value refers to the undeclared attribute '9'"
    ):
        read_gexf(path)


def test_a_graphml_file_named_gexf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wrong.gexf"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>', encoding="utf-8")
    with pytest.raises(
        FormatError, match=r"^wrong.gexf: is not a GEXF file \(its root element is <graphml>\)"
    ):
        read_gexf(path)
