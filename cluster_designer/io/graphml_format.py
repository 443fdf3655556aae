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
"""

from __future__ import annotations

import contextlib
import json
import os
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from cluster_designer.model import ACTOR_TABLE, TIE_TABLE, Actor, Design, Tie
from cluster_designer.model.fields import number_text

from ..i18n import _
from . import limits
from .choices import ImportChoices, ImportReport
from .errors import FormatError
from .graph_records import (
    SECTOR_COLORS,
    EdgeRecord,
    GraphMeta,
    GroupRecord,
    NodeRecord,
    SectorChoice,
    actor_attributes,
    build_design,
    check_text,
    extra_attribute_names,
    write_graph_file,
    xml_document,
)
from .records import check_group_writable
from .safety import bounded_xml, local_name, too_many_attributes, too_many_values
from .yed_drawing import (
    NODE_SIZE,
    YED_SHAPES,
    YED_TIE_STYLES,
    read_yed_graphics,
    read_yfiles_geometry,
    write_group_graphics,
    y_tag,
    yfiles_label,
)

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


# --- reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Key:
    name: str
    domain: str
    default: str | None
    yfiles_type: str | None
    """yEd's drawing data (`yfiles.type`), or yFiles for HTML's (`y:attr.uri`, as
    `html:` + the last part of the URI: NodeLabels, NodeGeometry, NodeStyle, …)."""


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
    parsed = _GraphmlParser(path.name)
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


_CONTAINERS = frozenset({"graphml", "graph", "node", "edge"})
"""Elements whose finished children are dropped at once: each child is read at its own end
(a node's data, a graph's nodes), never when its parent ends."""
_RECORDS = frozenset({"node", "edge"})


class _GraphmlParser:
    """One pass over the XML stream, keeping only the records, never the whole tree."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.keys: dict[str, _Key] = {}
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []
        self.groups: set[str] = set()
        self.group_records: list[GroupRecord] = []
        self._members: dict[str, list[str]] = {}
        self.meta = GraphMeta()
        self._elements: list[ET.Element] = []
        self._open_nodes: list[NodeRecord] = []
        self._edge: EdgeRecord | None = None
        self._graph_depth = 0
        self._top_graphs = 0
        self._directed: list[bool] = [True]
        self._declared = {"node": 0, "edge": 0}
        self._values = 0

    def run(self, path: Path) -> None:
        for event, tag, element in bounded_xml(path, _CONTAINERS, _RECORDS):
            if event == "start":
                self._start(tag, element)
                self._elements.append(element)
            else:
                self._elements.pop()
                self._end(tag, element)
        if self._top_graphs == 0:
            raise FormatError.at(self.file, _("the file holds no <graph> element"))

    def _start(self, tag: str, element: ET.Element) -> None:
        if not self._elements and tag != "graphml":
            raise FormatError.at(
                self.file, _("is not a GraphML file (its root element is <{tag}>)").format(tag=tag)
            )
        if tag == "graph":
            self._graph_depth += 1
            self._directed.append(
                (element.get("edgedefault") or "directed").strip() != "undirected"
            )
            if self._open_nodes:
                self.groups.add(self._open_nodes[-1].node_id)
                self._members.setdefault(self._open_nodes[-1].node_id, [])
            elif self._graph_depth == 1:
                self._top_graphs += 1
                if self._top_graphs > 1:
                    raise FormatError.at(
                        self.file, _("the file holds more than one graph; save one design per file")
                    )
        elif tag == "node":
            node_id = self._required(element, "id", "a node")
            if len(self.nodes) + len(self._open_nodes) >= limits.MAX_ACTORS:
                raise FormatError.at(
                    self.file,
                    _("more than {limit:,} nodes").format(limit=limits.MAX_ACTORS),
                )
            self._open_nodes.append(NodeRecord(node_id))
        elif tag == "edge":
            if len(self.edges) >= limits.MAX_TIES:
                raise FormatError.at(
                    self.file,
                    _("more than {limit:,} edges").format(limit=limits.MAX_TIES),
                )
            stated = (element.get("directed") or "").strip()
            self._edge = EdgeRecord(
                self._required(element, "source", "an edge"),
                self._required(element, "target", "an edge"),
                edge_id=element.get("id"),
                directed=stated == "true" if stated else self._directed[-1],
            )
        elif tag == "hyperedge":
            raise FormatError.at(self.file, _("hyperedges are not supported; use plain edges"))

    def _required(self, element: ET.Element, attribute: str, what: str) -> str:
        value = (element.get(attribute) or "").strip()
        if not value:
            raise FormatError.at(
                self.file,
                _("{what} without the '{attribute}' attribute").format(
                    what=what, attribute=attribute
                ),
            )
        return value

    def _end(self, tag: str, element: ET.Element) -> None:
        if tag == "key":
            self._add_key(element)
        elif tag == "data":
            self._data(element)
        elif tag == "node":
            node = self._open_nodes.pop()
            self._apply_defaults(node.attrs, "node")
            if node.node_id in self.groups:
                self.group_records.append(self._group(node))
            else:
                self.nodes.append(node)
                for outer in self._open_nodes:  # every open node around it is a group
                    self._members.setdefault(outer.node_id, []).append(node.node_id)
        elif tag == "edge" and self._edge is not None:
            self._apply_defaults(self._edge.attrs, "edge")
            self.edges.append(self._edge)
            self._edge = None
        elif tag == "graph":
            self._graph_depth -= 1
            self._directed.pop()

    def _group(self, node: NodeRecord) -> GroupRecord:
        """A yEd group node: its members are the actor nodes nested in it at any depth,
        unless it lists them itself (`members`, as our writer does: an actor in several
        groups is nested in one only)."""
        attrs = {k.strip().casefold(): v for k, v in node.attrs.items()}
        values = {
            k: v for k, v in attrs.items() if k in ("name", "kind", "members", "since", "notes")
        }
        values["id"] = attrs["id"].strip() if attrs.get("id", "").strip() else node.node_id
        if not values.get("name", "").strip():
            values["name"] = (node.label or "").strip() or values["id"]
        return GroupRecord(
            _("group node '{id}'").format(id=node.node_id),
            values,
            self._members.pop(node.node_id, []),
        )

    def _add_key(self, element: ET.Element) -> None:
        key_id = element.get("id")
        if not key_id:
            raise FormatError.at(self.file, _("a <key> without the 'id' attribute"))
        default = next((c for c in element if local_name(c.tag) == "default"), None)
        name = (element.get("attr.name") or key_id).strip()
        described = next((c for c in element if local_name(c.tag) == "desc"), None)
        if described is not None:
            # Our writer keeps a name that is not an XML name token (spaces, brackets) in
            # the key's <desc> and a token-safe form in attr.name (docs/reference/formats.md).
            text = "".join(described.itertext())
            if text.strip() and xml_name_token(text) == name:
                name = text
        uri = next((v for k, v in element.attrib.items() if local_name(k) == "attr.uri"), None)
        yfiles_type = element.get("yfiles.type")
        if yfiles_type is None and uri is not None and "yworks.com" in uri:
            yfiles_type = "html:" + uri.rstrip("/").rsplit("/", 1)[-1]
        domain = element.get("for", "all")
        for counted in ("node", "edge"):
            if domain in (counted, "all") and key_id not in self.keys:
                self._declared[counted] += 1
                if self._declared[counted] > limits.MAX_ATTRIBUTES:
                    raise too_many_attributes(self.file, counted)
        self.keys[key_id] = _Key(
            name=name,
            domain=domain,
            default=None if default is None else "".join(default.itertext()),
            yfiles_type=yfiles_type,
        )

    def _apply_defaults(self, attrs: dict[str, str], domain: str) -> None:
        """Fill in declared defaults, counting every value the file makes the reader hold
        (a default applies to every node that does not set it: 1,000 defaults over 50,000
        empty nodes are 50 million values from a file of 1 MB)."""
        for key in self.keys.values():
            if (
                key.domain in (domain, "all")
                and key.default is not None
                and key.yfiles_type is None
            ):
                attrs.setdefault(key.name, key.default)
        self._values += len(attrs)
        if self._values > limits.MAX_ATTRIBUTE_VALUES:
            raise too_many_values(self.file)

    def _data(self, element: ET.Element) -> None:
        owner = local_name(self._elements[-1].tag) if self._elements else ""
        key_id = element.get("key", "")
        key = self.keys.get(key_id)
        if key is None:
            raise FormatError.at(
                self.file, _("data refers to the undeclared key '{key_id}'").format(key_id=key_id)
            )
        if owner == "node" and self._open_nodes:
            node = self._open_nodes[-1]
            if key.yfiles_type == "nodegraphics":
                read_yed_graphics(element, node)
            elif key.yfiles_type == "html:NodeLabels":
                node.label = node.label or yfiles_label(element)
            elif key.yfiles_type == "html:NodeGeometry":
                read_yfiles_geometry(element, node)
            elif key.yfiles_type is None and not _structured(element):
                node.attrs[key.name] = "".join(element.itertext())
        elif owner == "edge" and self._edge is not None:
            if key.yfiles_type == "html:EdgeLabels":
                self._edge.label = self._edge.label or yfiles_label(element)
            elif key.yfiles_type is None and not _structured(element):
                self._edge.attrs[key.name] = "".join(element.itertext())
        elif owner == "graph" and self._graph_depth == 1 and not self._open_nodes:
            self._graph_data(key, "".join(element.itertext()))

    def _graph_data(self, key: _Key, text: str) -> None:
        name = key.name.casefold()
        if name == "name" and text.strip():
            self.meta.name = text.strip()
        elif name == "region":
            self.meta.region = text
        elif name == "description":
            self.meta.description = text
        elif name == "year":
            self.meta.year = text
        elif name == ACTOR_ORDER:
            with contextlib.suppress(ValueError):
                order = json.loads(text)
                if isinstance(order, list) and all(isinstance(i, str) for i in order):
                    self.meta.actor_order = order


def _structured(element: ET.Element) -> bool:
    """Data made of elements and white space (another tool's drawing data), not a value."""
    return len(element) > 0 and not "".join(element.itertext()).strip()


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


# --- writing ------------------------------------------------------------------------------

_NODE_KEYS: tuple[tuple[str, str], ...] = tuple(
    (f.name, f.xml_type) for f in ACTOR_TABLE if f.node_attribute or f.name in ("x", "y")
)
_EDGE_KEYS: tuple[tuple[str, str], ...] = tuple(
    (f.name, f.xml_type) for f in TIE_TABLE if f.node_attribute
)
_GRAPH_KEYS: tuple[str, ...] = ("name", "region", "description")


def write_graphml(design: Design, path: str | os.PathLike[str]) -> None:
    """Write the design for networkx, Gephi, Cytoscape and yEd; replaces the file atomically."""
    write_graph_file(design, path, graphml_text)


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
