"""GraphML, as networkx, Gephi, Cytoscape and yEd read and write it.

Every actor field is a node attribute under its own name (`<key attr.name="sector">`), every
tie field an edge attribute. Positions are written twice, in the two conventions tools use:
plain `x`/`y` double attributes (networkx, Gephi, Cytoscape) and yEd's `nodegraphics`
(`y:ShapeNode` with geometry, label, fill colour and shape by sector), so a design opens
drawn as it was in every one of them. Groups are yEd group nodes holding their members
(each actor nested in its first group; every group lists all its members in `members`).
Reading accepts attributes declared under any key id, yEd group nodes (they become groups,
never actors), directed and undirected graphs, and defaults a missing `kind` to
collaboration and a missing `weight` to 1. yEd's drawing data is in yed_drawing.py.

This module is the format's entry (io/dispatch.py finds `read_graphml` and `write_graphml`
here); the stream parser is graphml_reader.py, the writer graphml_writer.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from cluster_designer.model import Design

from .choices import ImportChoices, ImportReport
from .graph_records import SectorChoice, build_design, write_graph_file
from .graphml_reader import GraphmlParser
from .graphml_writer import graphml_text


def read_graphml(
    path: str | os.PathLike[str],
    design_name: str | None = None,
    sector_for: SectorChoice = None,
    *,
    choices: ImportChoices | None = None,
    report: ImportReport | None = None,
) -> Design:
    """Read one design from a GraphML file.

    Raises `FormatError` naming the node or edge at fault, or `SectorUnknownError` (a
    `FormatError`) listing the nodes whose sector neither an attribute, `choices` nor
    `sector_for` gives; what was assumed goes into `report`.
    """
    path = Path(path)
    parsed = GraphmlParser(path.name)
    parsed.run(path)
    return build_design(
        path.name,
        parsed.nodes,
        parsed.edges,
        parsed.meta,
        design_name,
        path.stem,
        sector_for,
        parsed.groups,
        choices=choices,
        report=report,
        groups=parsed.group_records,
    )


def write_graphml(design: Design, path: str | os.PathLike[str]) -> None:
    """Write the design for networkx, Gephi, Cytoscape and yEd; replaces the file atomically."""
    write_graph_file(design, path, graphml_text)
