"""Every GraphML and GEXF export is valid against the formats' official schemas."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.io import read_design_file, write_design_file
from cluster_designer.model import Design, make_actor, make_tie
from tests.storage.storage_samples import full_design

from .schemas import gexf_problems, graphml_problems

SAMPLES = Path(__file__).parents[2] / "resources" / "sample"


def awkward_design() -> Design:
    """Names other tools put in files: spaces, brackets, Japanese, ids that are no XML tokens."""
    design = Design("浜松 2035", region="浜松地域", description="産学官の連携")
    design.add_actors(
        [
            make_actor(
                id="U 1",
                name="静岡大学 (浜松)",
                sector="university",
                x=120.5,
                y=-80.25,
                extra={"Modularity Class": "3", "担当者（主）": "山田", "empty": ""},
            ),
            make_actor(id="C1", name="  spaced  ", sector="company", location="overseas"),
            make_actor(id="大学（本部）", name="本部", sector="support", x=0, y=0, staff=12),
        ]
    )
    design.add_ties(
        [
            make_tie(source="U 1", target="C1", kind="collaboration", weight=3),
            make_tie(source="C1", target="大学（本部）", kind="funding", weight=0.5,
                     extra={"年 度": "2024"}),
        ]
    )  # fmt: skip
    return design


def designs() -> list[Design]:
    samples = (read_design_file(p) for p in sorted(SAMPLES.glob("*.json")))
    return [awkward_design(), full_design(), *samples]


@pytest.mark.parametrize("design", designs(), ids=lambda d: d.name)
def test_graphml_exports_are_valid_graphml(tmp_path: Path, design: Design) -> None:
    path = tmp_path / "out.graphml"
    write_design_file(design, path)
    assert graphml_problems(path) == []
    assert read_design_file(path).same_content(design)


@pytest.mark.parametrize("design", designs(), ids=lambda d: d.name)
def test_gexf_exports_are_valid_gexf(tmp_path: Path, design: Design) -> None:
    path = tmp_path / f"{design.name}.gexf"
    write_design_file(design, path)
    assert gexf_problems(path) == []
    assert read_design_file(path).same_content(design)


def test_the_schemas_catch_what_the_issue_found(tmp_path: Path) -> None:
    """The validators are not blind: a graph name in GEXF and a spaced attr.name are refused."""
    gexf = tmp_path / "named.gexf"
    write_design_file(awkward_design(), gexf)
    text = gexf.read_text(encoding="utf-8")
    gexf.write_text(text.replace("<graph ", '<graph name="x" ', 1), encoding="utf-8")
    assert any("name" in p for p in gexf_problems(gexf))
    graphml = tmp_path / "spaced.graphml"
    write_design_file(awkward_design(), graphml)
    text = graphml.read_text(encoding="utf-8")
    graphml.write_text(
        text.replace('attr.name="Modularity_Class"', 'attr.name="Modularity Class"'),
        encoding="utf-8",
    )
    assert any("attr.name" in p for p in graphml_problems(graphml))


NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph id="G" edgedefault="directed">
    <node id="a"/>
    <node id="g"><graph id="g:" edgedefault="directed"><node id="b"/></graph></node>
    <edge source="a" target="TARGET"/>
  </graph>
</graphml>
"""


def test_nested_graphs_are_valid_and_dangling_edges_still_are_not(tmp_path: Path) -> None:
    """The GraphML primer's nested graph passes (libxml2 counts nested nodes twice, which
    graphml_problems checks by hand); an edge to a missing node is still caught."""
    path = tmp_path / "nested.graphml"
    path.write_text(NESTED.replace("TARGET", "b"), encoding="utf-8")
    assert graphml_problems(path) == []
    path.write_text(NESTED.replace("TARGET", "nowhere"), encoding="utf-8")
    assert any("nowhere" in p for p in graphml_problems(path))
