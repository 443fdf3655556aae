"""yEd's drawing data in GraphML: read (yEd and yFiles for HTML geometry and labels) and
written (shapes, colours and line styles by sector and kind; group nodes' boxes), so a design
looks in yEd as it does on the canvas."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from cluster_designer.model import Actor, Sector, TieKind
from cluster_designer.model.fields import number_text

from .graph_records import NodeRecord
from .safety import local_name

YED_NS = "http://www.yworks.com/xml/graphml"
ET.register_namespace("y", YED_NS)

GROUP_PADDING = 15.0
GROUP_LABEL_HEIGHT = 22.0
NODE_SIZE = 28.0
"""yEd node width and height: the canvas's actor size, so label spacing looks alike."""

YED_SHAPES: dict[Sector, str] = {
    Sector.UNIVERSITY: "ellipse",
    Sector.COMPANY: "roundrectangle",
    Sector.SUPPORT: "diamond",
}

YED_TIE_STYLES: dict[TieKind, tuple[str, str]] = {
    TieKind.COLLABORATION: ("#4D4D4D", "line"),
    TieKind.INFORMATION: ("#3A9BD9", "dashed"),
    TieKind.FUNDING: ("#D55E00", "line"),
    TieKind.HUMAN_RESOURCES: ("#CC79A7", "dotted"),
    TieKind.TECHNOLOGY_TRANSFER: ("#6A3D9A", "dashed_dotted"),
}
"""Colour and yEd line type per kind, as on the canvas (gui/style.py)."""


def y_tag(tag: str) -> str:
    return f"{{{YED_NS}}}{tag}"


def read_yed_graphics(element: ET.Element, node: NodeRecord) -> None:
    """yEd's geometry is the top-left corner plus size: the actor sits at the centre."""
    for child in element.iter():
        name = local_name(child.tag)
        if name == "Geometry" and node.position is None:
            try:
                x, y = float(child.get("x", "")), float(child.get("y", ""))
                width, height = float(child.get("width", "0")), float(child.get("height", "0"))
            except ValueError:
                continue
            centre = (x + width / 2, y + height / 2)
            if all(math.isfinite(v) for v in centre):
                node.position = centre
                node.position_overrides = True
        elif name == "NodeLabel" and node.label is None:
            text = "".join(child.itertext()).strip()
            if text:
                node.label = text


def yfiles_label(element: ET.Element) -> str | None:
    """The first label text of yFiles for HTML (`y:Label.Text` or `y:Label Text="…"`)."""
    for child in element.iter():
        name = local_name(child.tag)
        if name == "Label.Text":
            text = "".join(child.itertext()).strip()
            if text:
                return text
        elif name == "Label" and (child.get("Text") or "").strip():
            return (child.get("Text") or "").strip()
    return None


def read_yfiles_geometry(element: ET.Element, node: NodeRecord) -> None:
    """yFiles for HTML's `y:RectD X Y Width Height`: top-left corner plus size."""
    for child in element.iter():
        if local_name(child.tag) != "RectD":
            continue
        try:
            x, y = float(child.get("X", "")), float(child.get("Y", ""))
            width, height = float(child.get("Width", "0")), float(child.get("Height", "0"))
        except ValueError:
            return
        centre = (x + width / 2, y + height / 2)
        if all(math.isfinite(v) for v in centre):
            node.position = centre
            node.position_overrides = True
        return


def write_group_graphics(node: ET.Element, name: str, actors: list[Actor]) -> None:
    """An open group (a box around the members, its name on a band at the top) and the
    closed form yEd shows when the user folds it."""
    graphics = ET.SubElement(node, "data", key="n_graphics")
    realizers = ET.SubElement(
        ET.SubElement(graphics, y_tag("ProxyAutoBoundsNode")), y_tag("Realizers"), active="0"
    )
    placed = [(a.x, a.y) for a in actors if a.x is not None and a.y is not None]
    for closed in (False, True):
        realizer = ET.SubElement(realizers, y_tag("GroupNode"))
        if placed:
            half = NODE_SIZE / 2 + GROUP_PADDING
            left = min(x for x, _y_ in placed) - half
            top = min(y for _x, y in placed) - half - GROUP_LABEL_HEIGHT
            width = max(x for x, _y_ in placed) + half - left
            height = max(y for _x, y in placed) + half - top
            if closed:
                width, height = 80.0, 50.0
            ET.SubElement(
                realizer,
                y_tag("Geometry"),
                {
                    "height": number_text(height),
                    "width": number_text(width),
                    "x": number_text(left),
                    "y": number_text(top),
                },
            )
        ET.SubElement(realizer, y_tag("Fill"), color="#F5F5F5", transparent="false")
        ET.SubElement(realizer, y_tag("BorderStyle"), color="#666666", type="dashed", width="1.0")
        label = ET.SubElement(
            realizer,
            y_tag("NodeLabel"),
            alignment="right",
            autoSizePolicy="node_width",
            backgroundColor="#EBEBEB",
            modelName="internal",
            modelPosition="t",
        )
        label.text = name
        ET.SubElement(realizer, y_tag("Shape"), type="roundrectangle")
        ET.SubElement(realizer, y_tag("State"), closed="true" if closed else "false")
