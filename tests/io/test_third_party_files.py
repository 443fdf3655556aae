"""Real files from Gephi, igraph, networkx and yFiles open as planners expect.

The files are in tests/data/third_party (sources and licences in its README). Each test says
what a planner who receives such a file needs from it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from cluster_designer.io import SectorUnknownError, read_design_file, write_design_file
from cluster_designer.io.choices import FieldChoice, ImportChoices, ImportReport, ValueMapError
from cluster_designer.io.csv_format import read_csv_pair
from cluster_designer.io.errors import FormatError
from cluster_designer.io.lists.table import decode_list
from cluster_designer.model import Location, Sector, TieKind

from .test_schemas import awkward_design

DATA = Path(__file__).parents[1] / "data" / "third_party"


def everyone(sector: str) -> ImportChoices:
    return ImportChoices(sector=FieldChoice(fixed=sector))


def test_a_file_without_sectors_is_refused_until_the_user_gives_one() -> None:
    with pytest.raises(SectorUnknownError) as caught:
        read_design_file(DATA / "gephi-gexf-data.gexf")
    assert caught.value.node_ids == ["0", "1", "2", "3"]
    design = read_design_file(DATA / "gephi-gexf-data.gexf", choices=everyone("支援機関"))
    assert {a.sector for a in design.actors.values()} == {Sector.SUPPORT}


def test_sector_from_an_attribute_with_a_value_map() -> None:
    choices = ImportChoices(
        sector=FieldChoice(attribute="Club", mapping={"Mr. Hi": "大学", "officer": "company"})
    )
    design = read_design_file(DATA / "networkx-karate.graphml", choices=choices)
    sectors = [a.sector for a in design.actors.values()]
    assert sectors.count(Sector.UNIVERSITY) == 17
    assert sectors.count(Sector.COMPANY) == 17
    assert design.actor("0").extra == {"club": "Mr. Hi"}


def test_values_nobody_mapped_are_listed_with_their_counts() -> None:
    choices = ImportChoices(sector=FieldChoice(attribute="club", mapping={"Mr. Hi": "university"}))
    with pytest.raises(ValueMapError) as caught:
        read_design_file(DATA / "networkx-karate.graphml", choices=choices)
    assert str(caught.value) == (
        "networkx-karate.graphml: attribute 'club' has values that say no sector: "
        "'Officer' (17 actors); give a sector (university, company, support) for each of them"
    )
    fallback = ImportChoices(
        sector=FieldChoice(attribute="club", mapping={"Mr. Hi": "university"}, fixed="support")
    )
    design = read_design_file(DATA / "networkx-karate.graphml", choices=fallback)
    assert design.actor("33").sector is Sector.SUPPORT


def test_location_for_all_and_from_an_attribute() -> None:
    choices = ImportChoices(
        sector=FieldChoice(fixed="company"),
        location=FieldChoice(attribute="club", mapping={"Mr. Hi": "地域内", "Officer": "海外"}),
    )
    design = read_design_file(DATA / "networkx-karate.graphml", choices=choices)
    assert design.actor("0").location is Location.REGION
    assert design.actor("33").location is Location.OVERSEAS
    abroad = ImportChoices(
        sector=FieldChoice(fixed="company"), location=FieldChoice(fixed="abroad")
    )
    design = read_design_file(DATA / "gephi-gexf-data.gexf", choices=abroad)
    assert {a.location for a in design.actors.values()} == {Location.OVERSEAS}


def test_opposite_edges_of_a_directed_file_are_one_mutual_tie_and_the_report_says_so() -> None:
    """Gephi's data.gexf is directed and has 0 → 1 and 1 → 0, with no tie kinds."""
    report = ImportReport()
    design = read_design_file(
        DATA / "gephi-gexf-data.gexf", choices=everyone("support"), report=report
    )
    assert [a.name for a in design.actors.values()] == ["Gephi", "Webatlas", "RTGI", "BarabasiLab"]
    assert len(design.ties) == 4
    assert {t.kind for t in design.ties.values()} == {TieKind.COLLABORATION}
    assert report.lines()[:2] == [
        (
            "5 edges have no tie kind; they were read as collaboration, a mutual kind, "
            "although the file is directed"
        ),
        (
            "1 pair of opposite edges (A → B and B → A) became one collaboration tie, "
            "weighted by the larger of the two: 0 ⇄ 1"
        ),
    ]


def test_a_directed_kind_keeps_both_directions() -> None:
    choices = ImportChoices(sector=FieldChoice(fixed="support"), kind=TieKind.INFORMATION)
    assert len(read_design_file(DATA / "gephi-gexf-data.gexf", choices=choices).ties) == 4
    funding = ImportChoices(sector=FieldChoice(fixed="support"), kind=TieKind.FUNDING)
    design = read_design_file(DATA / "gephi-gexf-data.gexf", choices=funding)
    assert sorted((t.source, t.target) for t in design.ties.values()) == [
        ("0", "1"),
        ("0", "2"),
        ("0", "3"),
        ("1", "0"),
        ("2", "1"),
    ]


def test_repeated_edges_are_refused_or_merged_with_a_report(tmp_path: Path) -> None:
    """Gephi's own edge table with the pair 1–2 on three rows."""
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name\n1,A\n2,B\n3,C\n4,D\n", encoding="utf-8")
    ties = DATA / "gephi-edges-repeated.csv"
    choices = ImportChoices(sector=FieldChoice(fixed="company"), kind=TieKind.COLLABORATION)
    with pytest.raises(FormatError, match=r"appears twice .*merge repeated ties"):
        read_csv_pair(actors, ties, "edges", choices=choices)
    merging = ImportChoices(
        sector=FieldChoice(fixed="company"), kind=TieKind.COLLABORATION, merge_duplicates=True
    )
    report = ImportReport()
    design = read_csv_pair(actors, ties, "edges", choices=merging, report=report)
    weights = {t.key: t.weight for t in design.ties.values()}
    assert weights[("1", "2", "collaboration")] == 7.5
    assert len(design.ties) == 3
    assert report.lines()[1] == (
        "1 repeated tie was merged (weights added, notes kept): a collaboration tie 1 – 2 "
        "(line 2, line 4, line 6; weight 7.5)"
    )


def test_names_come_from_label_when_there_is_no_name() -> None:
    igraph_file = read_design_file(DATA / "igraph-zachary.graphml", choices=everyone("company"))
    assert igraph_file.actor("n0").name == "Member 1"
    assert igraph_file.actor("n0").extra == {}
    gexf = read_design_file(DATA / "networkx-florentine.gexf", choices=everyone("company"))
    assert gexf.actor("Medici").name == "Medici"
    assert len(gexf.ties) == 20


def test_yfiles_for_html_names_geometry_and_no_drawing_extras(tmp_path: Path) -> None:
    design = read_design_file(DATA / "yfiles-html-style.graphml")
    shown = [(a.name, a.sector, a.x, a.y, a.extra) for a in design.actors.values()]
    assert shown == [
        ("静岡大学", Sector.UNIVERSITY, 0.0, 0.0, {"種別": "大学"}),
        ("浜松ホトニクス", Sector.COMPANY, 200.5, 59.25, {"種別": "企業"}),
        ("浜松市", Sector.SUPPORT, 70.125, -140.75, {"種別": "自治体"}),
    ]
    assert design.ties[next(iter(design.ties))].extra == {}
    again = tmp_path / "again.graphml"
    write_design_file(design, again)
    text = again.read_text(encoding="utf-8")
    assert "NodeLabels" not in text and "NodeStyle" not in text and "zOrder" not in text


def test_time_varying_weights_keep_the_latest_value_and_say_so() -> None:
    report = ImportReport()
    design = read_design_file(
        DATA / "gephi-dynamicedgeweight.gexf", choices=everyone("company"), report=report
    )
    assert [t.weight for t in design.ties.values()] == [2.0]
    assert (
        "'Weight' changes over time in the file on 1 element; the latest value was kept"
        in report.lines()
    )


def test_gephi_positions_come_in_with_the_y_axis_turned_down() -> None:
    design = read_design_file(DATA / "gephi-gexf-viz.gexf", choices=everyone("company"))
    actor = design.actor("a")
    assert (actor.name, actor.x, actor.y) == ("glossy", 15.783598, -40.109245)


def test_graphml_description_file_from_gephi_tests() -> None:
    design = read_design_file(DATA / "gephi-withdesc.graphml", choices=everyone("company"))
    assert list(design.actors) == ["n0", "n1"]
    assert len(design.ties) == 1


# --- our files as the other programs read them -------------------------------------------------


def test_networkx_reads_our_graphml_positions_as_the_same_floats(tmp_path: Path) -> None:
    design = awkward_design()
    path = tmp_path / "plan.graphml"
    write_design_file(design, path)
    graph = nx.read_graphml(path)
    placed = {d["id"]: (d["x"], d["y"]) for _, d in graph.nodes(data=True) if "x" in d}
    assert placed == {
        a.id: (a.x, a.y) for a in design.actors.values() if a.x is not None and a.y is not None
    }
    assert all(isinstance(v, float) for xy in placed.values() for v in xy)


def test_igraph_reads_our_graphml_ids_and_positions(tmp_path: Path) -> None:
    design = awkward_design()
    path = tmp_path / "plan.graphml"
    write_design_file(design, path)
    # igraph says it takes the ids from our `id` attribute (written for the ids that are
    # no XML tokens) rather than from the node elements
    with pytest.warns(RuntimeWarning, match="already an 'id' vertex attribute"):
        graph = igraph.Graph.Read_GraphML(str(path))
    seen = {v["id"]: (v["x"], v["y"]) for v in graph.vs}
    assert list(seen) == list(design.actors)
    for actor in design.actors.values():
        if actor.x is not None:
            assert seen[actor.id] == (actor.x, actor.y)
    assert graph.vs["name"] == [a.name for a in design.actors.values()]


def test_networkx_reads_our_gexf_viz_positions_as_gephi_does(tmp_path: Path) -> None:
    """viz:position is Gephi's: the same x, and y the other way up (Gephi draws y upwards)."""
    design = awkward_design()
    path = tmp_path / "plan.gexf"
    write_design_file(design, path)
    graph = nx.read_gexf(path)
    for actor in design.actors.values():
        viz = graph.nodes[actor.id]["viz"]
        if actor.x is None:
            assert "position" not in viz
        else:
            assert (viz["position"]["x"], viz["position"]["y"]) == (actor.x, -actor.y)


def test_yed_geometry_centres_on_our_position(tmp_path: Path) -> None:
    """yEd reads y:Geometry (top-left corner and size); its centre is the actor's position."""
    design = awkward_design()
    path = tmp_path / "plan.graphml"
    write_design_file(design, path)
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    centres = {}
    for node in root.iterfind(".//g:node", ns):
        geometry = node.find(".//y:Geometry", ns)
        if geometry is not None:
            x = float(geometry.get("x")) + float(geometry.get("width")) / 2
            y = float(geometry.get("y")) + float(geometry.get("height")) / 2
            centres[node.get("id")] = (x, y)
    assert centres == {"U_1": (120.5, -80.25), "大学_本部_": (0.0, 0.0)}


# --- encodings -----------------------------------------------------------------------------


def test_a_western_single_byte_csv_is_refused_naming_the_encodings_tried(tmp_path: Path) -> None:
    """Windows-1252 'Musée' decodes as Shift-JIS too ('Mus馥'); it must not be read so."""
    actors = tmp_path / "actors.csv"
    actors.write_bytes("id,name,sector\nM1,Musée Rodin,support\n".encode("cp1252"))
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_csv_pair(actors, ties, "museums")
    assert str(caught.value) == (
        "actors.csv line 2: the text is not in an encoding that can be told safely (tried "
        "UTF-8, UTF-16, Shift-JIS (CP932)); save it as UTF-8 (Excel: 'CSV UTF-8') and try again"
    )


def test_excels_unicode_text_utf16_tab_separated_is_read(tmp_path: Path) -> None:
    actors = tmp_path / "actors.txt"
    actors.write_bytes(
        "id\tname\tsector\tlocation\nU1\t静岡大学\t大学\t地域内\nM1\tMusée Rodin\t財団\t海外\n".encode(
            "utf-16"
        )
    )
    ties = tmp_path / "ties.txt"
    ties.write_bytes("source\ttarget\tkind\tweight\nU1\tM1\t共同研究\t2\n".encode("utf-16"))
    design = read_csv_pair(actors, ties, "unicode text")
    assert design.actor("M1").name == "Musée Rodin"
    assert design.actor("M1").sector is Sector.SUPPORT
    assert design.actor("M1").location is Location.OVERSEAS
    assert [(t.kind, t.weight) for t in design.ties.values()] == [(TieKind.COLLABORATION, 2.0)]


def test_shift_jis_from_japanese_excel_is_still_read(tmp_path: Path) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_bytes("id,name,sector\nU1,静岡大学,大学\nC1,浜松ホトニクス,企業\n".encode("cp932"))
    design = read_csv_pair(actors, None, "sjis")
    assert [a.name for a in design.actors.values()] == ["静岡大学", "浜松ホトニクス"]


def test_the_list_import_does_not_guess_either() -> None:
    data = "相手先\nMusée Rodin\n".encode()
    assert decode_list(data, "l.csv", "auto")[1] == "utf-8"
    with pytest.raises(FormatError, match="neither UTF-8 nor Shift-JIS"):
        decode_list("name\nMusée Rodin\n".encode("cp1252"), "l.csv", "auto")
    assert decode_list("name\nMusée Rodin\n".encode("cp1252"), "l.csv", "cp1252")[0].startswith(
        "name\nMusée"
    )
