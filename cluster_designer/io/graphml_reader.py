"""Reading GraphML (see graphml_format.py for what the format holds): one pass over the
XML stream that keeps only the records, never the whole tree, and counts what the file makes
it hold against the limits (limits.py) as it goes.
"""

from __future__ import annotations

import contextlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from . import limits
from .errors import FormatError
from .graph_records import EdgeRecord, GraphMeta, GroupRecord, NodeRecord
from .graphml_writer import ACTOR_ORDER, xml_name_token
from .safety import bounded_xml, local_name, too_many_attributes, too_many_values
from .yed_drawing import read_yed_graphics, read_yfiles_geometry, yfiles_label


@dataclass(slots=True)
class _Key:
    name: str
    domain: str
    default: str | None
    yfiles_type: str | None
    """yEd's drawing data (`yfiles.type`), or yFiles for HTML's (`y:attr.uri`, as
    `html:` + the last part of the URI: NodeLabels, NodeGeometry, NodeStyle, …)."""


_CONTAINERS = frozenset({"graphml", "graph", "node", "edge"})
"""Elements whose finished children are dropped at once: each child is read at its own end
(a node's data, a graph's nodes), never when its parent ends."""
_RECORDS = frozenset({"node", "edge"})


class GraphmlParser:
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
