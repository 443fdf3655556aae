"""Writing GraphML (see graphml_format.py for what the format holds): every actor and tie
field as an attribute under its own name, positions both as plain doubles and as yEd's
drawing data, groups as yEd group nodes.

The names our files use that the reader must recognise (`actor_order`, token-safe attribute
names) are defined here, where they are written.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET

from cluster_designer.model import ACTOR_TABLE, TIE_TABLE, Actor, Design, Tie
from cluster_designer.model.fields import number_text

from ..i18n import _
from .errors import FormatError
from .graph_records import (
    SECTOR_COLORS,
    actor_attributes,
    check_text,
    extra_attribute_names,
    xml_document,
)
from .records import check_group_writable
from .yed_drawing import NODE_SIZE, YED_SHAPES, YED_TIE_STYLES, write_group_graphics, y_tag

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

ACTOR_ORDER = "actor_order"
"""Graph data: the actor ids in the design's order (JSON), written when groups nest actors."""
GROUP_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("members", "string"),
    ("since", "int"),
)
"""Node attributes of group nodes besides `name` and `notes`, which actors have too."""


def xml_name_token(name: str) -> str:
    """`name` as an XML name token (GraphML's attr.name type): other characters become `_`."""
    return "".join(c if _name_char(c) else "_" for c in name) or "_"


def _name_char(c: str) -> bool:
    """A character every XML validator takes in a name token: letters and digits (any
    script), combining marks, `_ - . :`. Stricter than XML 1.0's fifth edition, which also
    allows brackets and symbols that older validators (libxml2) refuse."""
    return c in "_-.:\u00b7" or unicodedata.category(c) in (
        "Lu",
        "Ll",
        "Lt",
        "Lm",
        "Lo",
        "Nd",
        "Mn",
        "Mc",
    )


_NODE_KEYS: tuple[tuple[str, str], ...] = tuple(
    (f.name, f.xml_type) for f in ACTOR_TABLE if f.node_attribute or f.name in ("x", "y")
)
_EDGE_KEYS: tuple[tuple[str, str], ...] = tuple(
    (f.name, f.xml_type) for f in TIE_TABLE if f.node_attribute
)
_GRAPH_KEYS: tuple[str, ...] = ("name", "region", "description")


def graphml_text(design: Design, file: str) -> str:
    node_extra, edge_extra = extra_attribute_names(file, design)
    grouped = bool(design.groups)
    if grouped:
        _check_group_attributes(file, node_extra)
    root = ET.Element(
        _g("graphml"),
        {
            "xmlns": GRAPHML_NS,
            f"{{{XSI_NS}}}schemaLocation": (
                f"{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
            ),
        },
    )
    node_ids, group_node_ids = _node_ids(design)
    key_ids = _declare_keys(root, node_extra, edge_extra, grouped=grouped)
    if any(node_id != actor_id for actor_id, node_id in node_ids.items()) or any(
        node_id != group_id for group_id, node_id in group_node_ids.items()
    ):
        key_ids["id"] = "n_id"
        _key(root, "n_id", "node", "id", "string")
    graph = ET.SubElement(root, _g("graph"), id="G", edgedefault="directed")
    for name in _GRAPH_KEYS:
        value = check_text(file, _("the design"), name, getattr(design, name))
        if value:
            _data(graph, f"g_{name}", value)
    if design.year is not None:
        _data(graph, "g_year", str(design.year))
    if grouped:
        _data(graph, "g_actor_order", json.dumps(list(design.actors), ensure_ascii=False))
    home = _homes(design)
    # Group nodes in the design's order of groups (a reader meets them in that order); the
    # actors nested in them come back in the design's order through `actor_order`.
    nested = {
        group_id: _write_group(graph, design, group_id, file, key_ids, group_node_ids, home)
        for group_id in design.groups
    }
    for actor in design.actors.values():
        group_id = home.get(actor.id)
        parent = graph if group_id is None else nested[group_id]
        _write_node(parent, actor, file, key_ids, node_ids)
    for number, tie in enumerate(design.ties.values()):
        _write_edge(graph, tie, number, file, edge_extra, node_ids)
    return xml_document(root)


def _check_group_attributes(file: str, node_extra: list[str]) -> None:
    """Group nodes use `kind`, `members` and `since`; an actor attribute of that name would
    be read as theirs."""
    taken = {name for name, _kind in GROUP_ATTRIBUTES}
    for name in node_extra:
        if name.strip().casefold() in taken:
            raise FormatError(
                _(
                    "{file}: cannot write the actor attribute '{key}': group nodes use an "
                    "attribute of the same name"
                ).format(file=file, key=name),
                file=file,
            )


def _homes(design: Design) -> dict[str, str]:
    """Actor id → the group whose node it is nested in: its first group. GraphML nests a
    node in one place only; every group's full membership is in its `members` attribute."""
    home: dict[str, str] = {}
    for group in design.groups.values():
        for member in group.members:
            home.setdefault(member, group.id)
    return home


def _write_group(
    graph: ET.Element,
    design: Design,
    group_id: str,
    file: str,
    key_ids: dict[str, str],
    group_node_ids: dict[str, str],
    home: dict[str, str],
) -> ET.Element:
    """A yEd group node (`yfiles.foldertype="group"`, drawn by a `y:GroupNode` around its
    nested actors); returns its nested graph for the actors to go in."""
    group = design.groups[group_id]
    what = _("group '{id}'").format(id=group.id)
    check_text(file, what, "id", group.id)
    check_group_writable(file, group)
    node_id = group_node_ids[group_id]
    node = ET.SubElement(graph, _g("node"), {"id": node_id, "yfiles.foldertype": "group"})
    if "id" in key_ids:
        _data(node, key_ids["id"], group.id)
    inside = [a for a, g in home.items() if g == group_id] or list(group.members)
    write_group_graphics(node, group.name, [design.actors[a] for a in inside])
    pairs = [
        ("name", group.name),
        ("kind", group.kind),
        ("members", ";".join(group.members)),
        ("since", "" if group.since is None else str(group.since)),
        ("notes", group.notes),
    ]
    for name, text in pairs:
        if text:
            _data(node, key_ids[name], check_text(file, what, name, text))
    return ET.SubElement(node, _g("graph"), id=f"{node_id}:", edgedefault="directed")


def _node_ids(design: Design) -> tuple[dict[str, str], dict[str, str]]:
    """Actor id → GraphML node id, and group id → node id. GraphML ids are XML name tokens,
    unique in the file; an actor or group id that is not one ('U 1', '大学（本部）') or that
    both an actor and a group use gets a node id of its own and keeps its id in the node
    attribute `id`, which our reader takes as the actor's (or group's) id."""
    taken = set(design.actors)
    ids: dict[str, str] = {}
    for actor_id in design.actors:
        token = xml_name_token(actor_id)
        if token != actor_id:
            token = _free(token, taken)
        ids[actor_id] = token
    group_ids = {g: _free(xml_name_token(g), taken) for g in design.groups}
    return ids, group_ids


def _free(token: str, taken: set[str]) -> str:
    """`token`, or `token_2`, `token_3`, … if taken; the result is taken from now on."""
    base, number = token, 1
    while token in taken:
        number += 1
        token = f"{base}_{number}"
    taken.add(token)
    return token


def _g(tag: str) -> str:
    """GraphML elements are written unqualified under a literal default `xmlns` (ElementTree's
    own default-namespace option refuses the unqualified `attr.name` attributes)."""
    return tag


def _declare_keys(
    root: ET.Element, node_extra: list[str], edge_extra: list[str], *, grouped: bool
) -> dict[str, str]:
    """Declare every attribute; returns node attribute name → key id."""
    for name in _GRAPH_KEYS:
        _key(root, f"g_{name}", "graph", name, "string")
    _key(root, "g_year", "graph", "year", "int")
    if grouped:
        _key(root, "g_actor_order", "graph", ACTOR_ORDER, "string")
    node_ids: dict[str, str] = {}
    for name, kind in _NODE_KEYS:
        node_ids[name] = f"n_{name}"
        _key(root, node_ids[name], "node", name, kind)
    if grouped:
        for name, kind in GROUP_ATTRIBUTES:
            node_ids[name] = f"n_group_{name}"
            _key(root, node_ids[name], "node", name, kind)
    for number, name in enumerate(node_extra):
        node_ids[name] = f"n_extra{number}"
        _key(root, node_ids[name], "node", name, "string")
    ET.SubElement(
        root, _g("key"), {"for": "node", "id": "n_graphics", "yfiles.type": "nodegraphics"}
    )
    for name, kind in _EDGE_KEYS:
        _key(root, f"e_{name}", "edge", name, kind)
    for number, name in enumerate(edge_extra):
        _key(root, f"e_extra{number}", "edge", name, "string")
    ET.SubElement(
        root, _g("key"), {"for": "edge", "id": "e_graphics", "yfiles.type": "edgegraphics"}
    )
    return node_ids


def _key(root: ET.Element, key_id: str, domain: str, name: str, kind: str) -> None:
    """GraphML's attr.name is an XML name token: a name with spaces or brackets is written
    token-safe ('Modularity_Class') with the exact name in the key's <desc>, which our reader
    prefers (networkx, igraph and yEd show the token-safe form)."""
    token = xml_name_token(name)
    key = ET.SubElement(
        root, _g("key"), {"id": key_id, "for": domain, "attr.name": token, "attr.type": kind}
    )
    if token != name:
        ET.SubElement(key, _g("desc")).text = name


def _data(parent: ET.Element, key_id: str, text: str) -> None:
    ET.SubElement(parent, _g("data"), key=key_id).text = text


def _write_node(
    graph: ET.Element,
    actor: Actor,
    file: str,
    key_ids: dict[str, str],
    node_ids: dict[str, str],
) -> None:
    check_text(file, _("actor '{id}'").format(id=actor.id), "id", actor.id)
    node = ET.SubElement(graph, _g("node"), id=node_ids[actor.id])
    if "id" in key_ids:
        # on every node, so that igraph, which then reads ids from this attribute, has all
        _data(node, key_ids["id"], actor.id)
    graphics = ET.SubElement(node, _g("data"), key="n_graphics")
    shape = ET.SubElement(graphics, y_tag("ShapeNode"))
    if actor.x is not None and actor.y is not None:
        ET.SubElement(
            shape,
            y_tag("Geometry"),
            {
                "height": number_text(NODE_SIZE),
                "width": number_text(NODE_SIZE),
                "x": repr(actor.x - NODE_SIZE / 2),
                "y": repr(actor.y - NODE_SIZE / 2),
            },
        )
    ET.SubElement(shape, y_tag("Fill"), color=SECTOR_COLORS[actor.sector], transparent="false")
    ET.SubElement(shape, y_tag("BorderStyle"), color="#333333", type="line", width="1.0")
    label = ET.SubElement(shape, y_tag("NodeLabel"), modelName="sandwich", modelPosition="s")
    label.text = actor.name
    ET.SubElement(shape, y_tag("Shape"), type=YED_SHAPES[actor.sector])
    # The attributes follow the drawing data, x/y last: networkx reports yEd's top-left
    # corner as x/y while reading the drawing and keeps the last value it reads, so our own
    # doubles must come after it to read back as the actor's position.
    pairs = actor_attributes(file, actor)
    if actor.x is not None and actor.y is not None:
        pairs += [("x", number_text(actor.x)), ("y", number_text(actor.y))]
    for name, text in pairs:
        _data(node, key_ids[name], text)


def _write_edge(
    graph: ET.Element,
    tie: Tie,
    number: int,
    file: str,
    extra: list[str],
    node_ids: dict[str, str],
) -> None:
    what = _("the {kind} tie {source} – {target}").format(
        kind=tie.kind.label.lower(), source=tie.source, target=tie.target
    )
    edge = ET.SubElement(
        graph,
        _g("edge"),
        id=f"e{number}",
        source=node_ids[tie.source],
        target=node_ids[tie.target],
    )
    _data(edge, "e_kind", tie.kind.value)
    _data(edge, "e_weight", number_text(tie.weight))
    if tie.notes:
        _data(edge, "e_notes", check_text(file, what, "notes", tie.notes))
    for index, name in enumerate(extra):
        if name in tie.extra:
            _data(edge, f"e_extra{index}", check_text(file, what, name, tie.extra[name]))
    color, line = YED_TIE_STYLES[tie.kind]
    graphics = ET.SubElement(edge, _g("data"), key="e_graphics")
    polyline = ET.SubElement(graphics, y_tag("PolyLineEdge"))
    ET.SubElement(polyline, y_tag("LineStyle"), color=color, type=line, width="1.0")
    ET.SubElement(
        polyline, y_tag("Arrows"), source="none", target="standard" if tie.directed else "none"
    )
