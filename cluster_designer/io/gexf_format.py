"""GEXF, the format Gephi reads natively (written as GEXF 1.3; 1.1 and 1.2draft are read too).

Actor fields are node attributes (`<attribute title="sector">`) and the name is also the
node's label; tie kinds are both an attribute and GEXF 1.3's edge `kind` (Gephi's parallel
edges), weights GEXF's own edge `weight`. Positions go in `viz:position`, with the y axis
flipped because Gephi draws y upwards and the canvas downwards; `viz:color` and `viz:size`
by sector make the map look familiar in Gephi. Region and description travel in `<meta>`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from cluster_designer.model import ACTOR_TABLE, TIE_TABLE, Actor, Design, Tie
from cluster_designer.model.fields import number_text

from ..i18n import _
from . import limits
from .choices import ImportChoices, ImportReport
from .errors import FormatError
from .graph_records import (
    NODE_FIELDS,
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

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CREATOR = "Cluster Designer"
NODE_SIZE = 10.0
GROUPS = "groups"
"""The node attribute listing an actor's group ids (`;`-separated); its declaration's
`<options>` holds the groups' definitions as a JSON list (id, name, kind, since, notes, and
the members, for their order: who is a member is what the nodes' values say)."""
ET.register_namespace("viz", VIZ_NS)

# GEXF spells a whole number "integer" where GraphML says "int".
_NODE_ATTRIBUTE_TYPES: dict[str, str] = {
    f.name: "integer" if f.xml_type == "int" else f.xml_type for f in ACTOR_TABLE
}
# Edge attributes besides GEXF's own `weight`.
_EDGE_TITLES: tuple[str, ...] = tuple(
    f.name for f in TIE_TABLE if f.node_attribute and f.name != "weight"
)


# --- reading ------------------------------------------------------------------------------


def read_gexf(
    path: str | os.PathLike[str],
    design_name: str | None = None,
    sector_for: SectorChoice = None,
    *,
    choices: ImportChoices | None = None,
    report: ImportReport | None = None,
) -> Design:
    """Read one design from a GEXF file (Gephi, networkx, ours).

    Raises `FormatError` naming the node or edge at fault, or `SectorUnknownError` listing
    the nodes whose sector neither an attribute, `choices` nor `sector_for` gives. Values that
    change over time are read as their latest value, which `report` says.
    """
    path = Path(path)
    report = report if report is not None else ImportReport()
    parsed = _GexfParser(path.name, report)
    parsed.run(path)
    return build_design(
        path.name,
        parsed.nodes,
        parsed.edges,
        parsed.meta,
        design_name,
        path.stem,
        sector_for,
        choices=choices,
        report=report,
        groups=parsed.group_records(),
    )


_CONTAINERS = frozenset({"gexf", "graph", "nodes", "edges", "attributes", "meta"})
"""Elements whose finished children are dropped at once (each child is read at its own
end); a node keeps its children until it ends, its values are read then."""
_RECORDS = frozenset({"node", "edge"})


class _GexfParser:
    """One pass over the XML stream, keeping only the records, never the whole tree."""

    def __init__(self, file: str, report: ImportReport) -> None:
        self.file = file
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []
        self.meta = GraphMeta()
        self.titles: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        self._creator = ""
        self._keywords = ""
        self._timestamp = ""
        self._group_definitions: list[dict[str, object]] | None = None
        self._elements: list[ET.Element] = []
        self._attribute_class = "node"
        self._graphs = 0
        self._directed = False
        self.report = report
        self._values_held = 0

    def run(self, path: Path) -> None:
        for event, tag, element in bounded_xml(path, _CONTAINERS, _RECORDS):
            if event == "start":
                self._start(tag, element)
                self._elements.append(element)
            else:
                self._elements.pop()
                self._end(tag, element)
        if self._graphs == 0:
            raise FormatError.at(self.file, _("the file holds no <graph> element"))
        if self._creator.startswith(CREATOR):
            self.meta.region = self._keywords
            self.meta.year = self._timestamp or None

    def group_records(self) -> list[GroupRecord]:
        """Groups as our writer stores them (see `GROUPS`); in other files `groups` is an
        ordinary attribute. Memberships come from the nodes' `groups` values."""
        if self._group_definitions is None:
            return []
        records: dict[str, GroupRecord] = {}
        for definition in self._group_definitions:
            attrs = {
                k: "" if v is None else str(v)
                for k, v in definition.items()
                if k in ("id", "name", "kind", "since", "notes")
            }
            group_id = attrs.get("id", "").strip()
            records[group_id] = GroupRecord(_("group '{id}'").format(id=group_id), attrs)
        for node in self.nodes:
            text = node.attrs.pop(GROUPS, "")
            for group_id in (g.strip() for g in text.split(";")):
                if not group_id:
                    continue
                if group_id not in records:
                    raise FormatError(
                        _(
                            "{file} node '{id}', attribute '{attribute}': unknown group id "
                            "'{group}'"
                        ).format(file=self.file, id=node.node_id, attribute=GROUPS, group=group_id),
                        file=self.file,
                        column=GROUPS,
                    )
                records[group_id].member_nodes.append(node.node_id)
        for definition in self._group_definitions:
            # The members in the order the design lists them; who is a member is what the
            # nodes say (a Gephi user may have changed it).
            listed = definition.get("members")
            record = records[str(definition.get("id", "")).strip()]
            if isinstance(listed, list):
                rank = {str(m): i for i, m in enumerate(listed)}
                record.member_nodes.sort(key=lambda m: rank.get(m, len(rank)))
        return list(records.values())

    def _start(self, tag: str, element: ET.Element) -> None:
        if not self._elements and tag != "gexf":
            raise FormatError.at(
                self.file, _("is not a GEXF file (its root element is <{tag}>)").format(tag=tag)
            )
        if tag == "graph":
            self._graphs += 1
            if self._graphs > 1:
                raise FormatError.at(self.file, _("the file holds more than one graph"))
            name = (element.get("name") or "").strip()
            if name:
                self.meta.name = name
            self._timestamp = (element.get("timestamp") or "").strip()
            # GEXF's default is undirected (the schema's a:defaultValue).
            self._directed = (element.get("defaultedgetype") or "undirected").strip() == "directed"
            if (element.get("mode") or "").strip() == "dynamic":
                self.report.dynamic_graph = True
        elif tag == "attributes":
            self._attribute_class = element.get("class", "node")
        elif tag == "node" and len(self.nodes) >= limits.MAX_ACTORS:
            raise FormatError.at(
                self.file,
                _("more than {limit:,} nodes").format(limit=limits.MAX_ACTORS),
            )
        elif tag == "edge" and len(self.edges) >= limits.MAX_TIES:
            raise FormatError.at(
                self.file,
                _("more than {limit:,} edges").format(limit=limits.MAX_TIES),
            )

    def _end(self, tag: str, element: ET.Element) -> None:
        parent = local_name(self._elements[-1].tag) if self._elements else ""
        if tag == "attribute" and parent == "attributes":
            self._declare(element)
        elif tag == "node":
            self.nodes.append(self._node(element))
        elif tag == "edge":
            self.edges.append(self._edge(element))
        elif parent == "meta":
            text = "".join(element.itertext())
            if tag == "creator":
                self._creator = text.strip()
            elif tag == "keywords":
                self._keywords = text
            elif tag == "description":
                self.meta.description = text
            elif tag == "title" and text.strip() and self.meta.name is None:
                self.meta.name = text.strip()

    def _declare(self, element: ET.Element) -> None:
        domain = "edge" if self._attribute_class == "edge" else "node"
        attribute_id = element.get("id")
        if attribute_id is None:
            raise FormatError.at(self.file, _("an <attribute> without the 'id' attribute"))
        title = (element.get("title") or attribute_id).strip()
        self.titles[domain][attribute_id] = title
        if len(self.titles[domain]) > limits.MAX_ATTRIBUTES:
            raise too_many_attributes(self.file, domain)
        default = next((c for c in element if local_name(c.tag) == "default"), None)
        if default is not None:
            self.defaults[domain][title] = "".join(default.itertext())
        options = next((c for c in element if local_name(c.tag) == "options"), None)
        if domain == "node" and title == GROUPS and options is not None:
            self._group_definitions = _group_definitions("".join(options.itertext()))

    def _values(self, element: ET.Element, domain: str) -> dict[str, str]:
        """Attribute values by title. A value given for several times (GEXF's dynamic
        attributes: `start`/`end`/`timestamp`) is read as its latest one, and counted."""
        titles = self.titles[domain]
        values: dict[str, str] = {}
        when: dict[str, tuple[float, str]] = {}
        varying: set[str] = set()
        for child in element:
            if local_name(child.tag) != "attvalues":
                continue
            for attvalue in child:
                key = attvalue.get("for", attvalue.get("id", ""))
                title = titles.get(key)
                if title is None:
                    raise FormatError.at(
                        self.file,
                        _("a {domain} value refers to the undeclared attribute '{key}'").format(
                            domain=domain, key=key
                        ),
                    )
                moment = _moment(attvalue)
                if title not in values:
                    values[title] = attvalue.get("value", "")
                    when[title] = moment
                    continue
                varying.add(title)
                if moment >= when[title]:
                    values[title] = attvalue.get("value", "")
                    when[title] = moment
        for title in varying:
            self.report.time_varying[title] += 1
        for title, default in self.defaults[domain].items():
            values.setdefault(title, default)
        # Defaults apply to every node that does not set them: 1,000 defaults over 60,000
        # empty nodes are 60 million values from a file of under 2 MB.
        self._values_held += len(values)
        if self._values_held > limits.MAX_ATTRIBUTE_VALUES:
            raise too_many_values(self.file)
        return values

    def _node(self, element: ET.Element) -> NodeRecord:
        node_id = (element.get("id") or "").strip()
        if not node_id:
            raise FormatError.at(self.file, _("a node without the 'id' attribute"))
        node = NodeRecord(node_id, self._values(element, "node"), label=element.get("label"))
        for child in element:
            if local_name(child.tag) == "position":
                node.position = _viz_position(child)
        return node

    def _edge(self, element: ET.Element) -> EdgeRecord:
        ends = [(element.get(end) or "").strip() for end in ("source", "target")]
        if not all(ends):
            raise FormatError.at(self.file, _("an edge without its 'source' or 'target' attribute"))
        return EdgeRecord(
            ends[0],
            ends[1],
            self._values(element, "edge"),
            edge_id=element.get("id"),
            weight=element.get("weight"),
            kind=element.get("kind"),
            label=element.get("label"),
            directed=(element.get("type") or "").strip() == "directed"
            if element.get("type")
            else self._directed,
        )


def _group_definitions(text: str) -> list[dict[str, object]] | None:
    """The JSON list our writer puts in the `groups` attribute's options, or None (another
    program's attribute of that name)."""
    with contextlib.suppress(ValueError):
        found = json.loads(text)
        if isinstance(found, list) and all(
            isinstance(d, dict) and isinstance(d.get("id"), str) for d in found
        ):
            return found
    return None


def _moment(attvalue: ET.Element) -> tuple[float, str]:
    """When a dynamic value holds, for ordering: its end, else start, else timestamp.

    Numbers (years, doubles) compare as numbers and ISO dates as text; a value without any
    time counts as the earliest."""
    for name in ("end", "endopen", "timestamp", "start", "startopen"):
        text = (attvalue.get(name) or "").strip()
        if text and text not in ("INF", "+INF", "-INF"):
            try:
                return (float(text), "")
            except ValueError:
                return (0.0, text)
    return (float("-inf"), "")


def _viz_position(element: ET.Element) -> tuple[float, float] | None:
    """Gephi's y axis points up, the canvas's down."""
    try:
        x, y = float(element.get("x", "")), -float(element.get("y", ""))
    except ValueError:
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


# --- writing ------------------------------------------------------------------------------


def write_gexf(design: Design, path: str | os.PathLike[str]) -> None:
    """Write the design as GEXF 1.3 for Gephi; replaces the file atomically."""
    write_graph_file(design, path, gexf_text)


def gexf_text(design: Design, file: str) -> str:
    node_extra, edge_extra = extra_attribute_names(file, design)
    if design.groups and any(n.strip().casefold() == GROUPS for n in node_extra):
        raise FormatError(
            _(
                "{file}: cannot write the actor attribute '{key}': the design's groups are "
                "written in an attribute of the same name"
            ).format(file=file, key=GROUPS),
            file=file,
        )
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta", lastmodifieddate=date.today().isoformat())
    ET.SubElement(meta, "creator").text = CREATOR
    for tag, value in (("keywords", design.region), ("description", design.description)):
        if value:
            ET.SubElement(meta, tag).text = check_text(file, _("the design"), tag, value)
    # No `name` on <graph>: GEXF 1.3 has no such attribute and its schema refuses it; the
    # design's name is the file's name on import (or the one the user gives).
    check_text(file, _("the design"), "name", design.name)
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    if design.year is not None:
        # GEXF has no place for a graph's own attributes; the year the design is for is
        # the moment the graph stands for.
        graph.set("timeformat", "integer")
        graph.set("timestamp", str(design.year))
    _declare(graph, "node", [*NODE_FIELDS, *node_extra])
    memberships: dict[str, list[str]] = {}
    if design.groups:
        _declare_groups(graph.find("attributes"), design, file)
        for group in design.groups.values():
            for member in group.members:
                memberships.setdefault(member, []).append(group.id)
    _declare(graph, "edge", [*_EDGE_TITLES, *edge_extra])
    nodes = ET.SubElement(graph, "nodes")
    for actor in design.actors.values():
        _write_node(nodes, actor, file, memberships.get(actor.id, []))
    edges = ET.SubElement(graph, "edges")
    for number, tie in enumerate(design.ties.values()):
        _write_edge(edges, tie, number, file)
    return xml_document(root)


def _declare(graph: ET.Element, domain: str, titles: list[str]) -> None:
    """Attribute ids are the titles themselves: readable, and unique by construction."""
    attributes = ET.SubElement(graph, "attributes", {"class": domain})
    for title in titles:
        kind = _NODE_ATTRIBUTE_TYPES.get(title, "string") if domain == "node" else "string"
        ET.SubElement(attributes, "attribute", id=title, title=title, type=kind)


def _declare_groups(attributes: ET.Element | None, design: Design, file: str) -> None:
    """The `groups` node attribute, with the groups' definitions in its options."""
    assert attributes is not None
    definitions = []
    for group in design.groups.values():
        what = _("group '{id}'").format(id=group.id)
        check_group_writable(file, group)
        for name in ("id", "name", "kind", "notes"):
            check_text(file, what, name, getattr(group, name))
        definitions.append(
            {
                "id": group.id,
                "name": group.name,
                "kind": group.kind,
                "members": list(group.members),
                "since": group.since,
                "notes": group.notes,
            }
        )
    attribute = ET.SubElement(attributes, "attribute", id=GROUPS, title=GROUPS, type="string")
    ET.SubElement(attribute, "options").text = json.dumps(definitions, ensure_ascii=False)


def _attvalues(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    if pairs:
        attvalues = ET.SubElement(parent, "attvalues")
        for title, text in pairs:
            ET.SubElement(attvalues, "attvalue", {"for": title, "value": text})


def _write_node(nodes: ET.Element, actor: Actor, file: str, groups: list[str]) -> None:
    check_text(file, _("actor '{id}'").format(id=actor.id), "id", actor.id)
    node = ET.SubElement(nodes, "node", id=actor.id, label=actor.name)
    pairs = actor_attributes(file, actor)
    if groups:
        pairs.append((GROUPS, ";".join(groups)))
    _attvalues(node, pairs)
    color = SECTOR_COLORS[actor.sector]
    ET.SubElement(
        node,
        f"{{{VIZ_NS}}}color",
        r=str(int(color[1:3], 16)),
        g=str(int(color[3:5], 16)),
        b=str(int(color[5:7], 16)),
    )
    if actor.x is not None and actor.y is not None:
        ET.SubElement(
            node, f"{{{VIZ_NS}}}position", x=number_text(actor.x), y=number_text(-actor.y), z="0"
        )
    ET.SubElement(node, f"{{{VIZ_NS}}}size", value=number_text(NODE_SIZE))


def _write_edge(edges: ET.Element, tie: Tie, number: int, file: str) -> None:
    what = _("the {kind} tie {source} – {target}").format(
        kind=tie.kind.label.lower(), source=tie.source, target=tie.target
    )
    edge = ET.SubElement(
        edges,
        "edge",
        id=f"e{number}",
        source=tie.source,
        target=tie.target,
        kind=tie.kind.value,
        weight=number_text(tie.weight),
    )
    fields = {f.name: f for f in TIE_TABLE}
    pairs = [(t, text) for t in _EDGE_TITLES if (text := fields[t].text(getattr(tie, t)))]
    pairs.extend(tie.extra.items())
    _attvalues(edge, [(k, check_text(file, what, k, v)) for k, v in pairs])
