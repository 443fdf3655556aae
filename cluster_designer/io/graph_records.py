"""What GraphML and GEXF share: nodes and edges as attribute maps, turned into a design.

Both formats give each node an id and a bag of named attributes (plus a label and a drawn
position in each tool's own place), and each edge two ends and a bag of attributes. The
format modules parse their XML into `NodeRecord`/`EdgeRecord`; everything after that —
field names, defaults, the sector guess, extras, duplicate ties, messages — happens here
once, so the two formats behave alike.
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from cluster_designer.model import (
    ACTOR_TABLE,
    TIE_TABLE,
    Actor,
    Design,
    Group,
    Sector,
    TieKind,
    ValidationError,
)
from cluster_designer.model.entities import parse_sector
from cluster_designer.model.vocabulary import sector_word

from ..i18n import _, ngettext
from .choices import ActorSettler, ImportChoices, ImportReport
from .errors import FormatError
from .files import atomic_writer
from .records import (
    GROUP_COLUMNS,
    ActorCollector,
    GroupCollector,
    RecordProblem,
    TieCollector,
    check_tags_writable,
    design_year,
)

SectorChoice: TypeAlias = (
    Callable[[list[str]], Mapping[str, Sector | str]]
    | Mapping[str, Sector | str]
    | Sector
    | str
    | None
)
"""How to settle nodes whose sector a file does not tell: a callback (a GUI dialog) given the
undetermined node ids, a mapping id → sector, one sector for all of them, or None (refuse)."""

NODE_FIELDS: tuple[str, ...] = tuple(f.name for f in ACTOR_TABLE if f.node_attribute)
"""Actor fields stored as node attributes under their own names (id and x/y live elsewhere)."""

EDGE_FIELDS: tuple[str, ...] = tuple(f.name for f in TIE_TABLE if f.node_attribute)

SECTOR_ATTRIBUTES: tuple[str, ...] = (
    "sector",
    "type",
    "category",
    "group",
    "種別",
    "分類",
    "区分",
    "セクター",
)
"""Attributes tried, in order, to find a node's sector in files from other programs."""

SECTOR_COLORS: dict[Sector, str] = {
    Sector.UNIVERSITY: "#0072B2",
    Sector.COMPANY: "#E69F00",
    Sector.SUPPORT: "#009E73",
}
"""The canvas colours (gui/style.py, Okabe–Ito), so a design looks the same in Gephi and yEd."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def guess_sector(value: Any) -> Sector | None:
    """A sector from words other programs use ('University', 'firm', '支援機関'), or None."""
    return sector_word(value)


class SectorUnknownError(FormatError):
    """Some nodes have no recognizable sector. The CLI reports it; a GUI asks the user and
    reads again with `sector_for`. `node_ids` lists the undetermined nodes in file order."""

    def __init__(self, file: str, node_ids: Sequence[str], found: Mapping[str, str | None]) -> None:
        self.node_ids = list(node_ids)
        self.found = dict(found)
        shown = ", ".join(
            f"'{i}'" + (f" ({found[i]})" if found.get(i) else "") for i in self.node_ids[:5]
        )
        if len(self.node_ids) > 5:
            shown = _("{names} and {count} more").format(names=shown, count=len(self.node_ids) - 5)
        count = len(self.node_ids)
        allowed = ", ".join(s.value for s in Sector)
        super().__init__(
            ngettext(
                "{file}: cannot tell the sector of {count} node: {names}; give each node a "
                "'sector' attribute ({allowed})",
                "{file}: cannot tell the sector of {count} nodes: {names}; give each node a "
                "'sector' attribute ({allowed})",
                count,
            ).format(file=file, count=count, names=shown, allowed=allowed),
            file=file,
            column="sector",
        )


@dataclass(slots=True)
class NodeRecord:
    """One node as a file states it; attribute names as written, values as text."""

    node_id: str
    attrs: dict[str, str] = field(default_factory=dict)
    label: str | None = None
    position: tuple[float, float] | None = None
    position_overrides: bool = False
    """True when `position` (yEd geometry) was maintained by the drawing tool, so it wins
    over plain x/y attributes that disagree with it: the user moved the node there."""


@dataclass(slots=True)
class EdgeRecord:
    source: str
    target: str
    attrs: dict[str, str] = field(default_factory=dict)
    edge_id: str | None = None
    weight: str | None = None
    kind: str | None = None
    label: str | None = None
    directed: bool = True
    """Whether the file draws this edge with a direction (GraphML `edgedefault`/`directed`,
    GEXF `defaultedgetype`/`type`)."""

    @property
    def where(self) -> str:
        if self.edge_id:
            return _("edge '{id}'").format(id=self.edge_id)
        return _("edge {source} → {target}").format(source=self.source, target=self.target)


@dataclass(slots=True)
class GroupRecord:
    """One group as a file states it: its attributes (`id`, `name`, `kind`, `members`,
    `since`, `notes`, as far as given), the nodes it holds, and how messages name it."""

    where: str
    attrs: dict[str, str] = field(default_factory=dict)
    member_nodes: list[str] = field(default_factory=list)
    """Node ids (yEd: the actors nested in the group node); used when `attrs` has no
    `members` (which lists actor ids)."""


@dataclass(slots=True)
class GraphMeta:
    name: str | None = None
    region: str = ""
    description: str = ""
    year: str | None = None
    actor_order: list[str] | None = None
    """Actor ids in the design's order, where the file's node order differs from it
    (GraphML nests group members inside their group node)."""


def build_design(
    file: str,
    nodes: Sequence[NodeRecord],
    edges: Sequence[EdgeRecord],
    meta: GraphMeta,
    design_name: str | None,
    fallback_name: str,
    sector_for: SectorChoice = None,
    group_ids: Iterable[str] = (),
    *,
    choices: ImportChoices | None = None,
    report: ImportReport | None = None,
    groups: Sequence[GroupRecord] = (),
) -> Design:
    """All-or-nothing: a design, or the first problem as a `FormatError` naming node or edge.

    `choices` settle what the file does not say (sectors, locations, the kind of edges without
    one, repeated ties); what was assumed or changed is written into `report`.
    """
    choices = choices or ImportChoices()
    report = report if report is not None else ImportReport()
    settler = ActorSettler(file, choices, report)
    prepared: list[tuple[NodeRecord, dict[str, Any], dict[str, str]]] = []
    undetermined: dict[str, str | None] = {}
    seen: set[str] = set()
    for node in nodes:
        if node.node_id in seen:
            raise FormatError(
                _("{file}: node id '{node_id}' appears twice").format(
                    file=file, node_id=node.node_id
                ),
                file=file,
                column="id",
            )
        seen.add(node.node_id)
        values, extra, sector_hint = _node_values(file, node)
        settler.settle(values, extra)
        if "sector" not in values:
            undetermined[node.node_id] = sector_hint
        prepared.append((node, values, extra))
    settler.check()
    if undetermined:
        chosen = _choose_sectors(list(undetermined), sector_for)
        missing = [i for i in undetermined if i not in chosen]
        if missing:
            raise SectorUnknownError(file, missing, {i: undetermined[i] for i in missing})
        for node, values, _extra in prepared:
            if node.node_id in chosen:
                values["sector"] = chosen[node.node_id]
    actors = ActorCollector()
    actor_of: dict[str, str] = {}
    for node, values, extra in prepared:
        try:
            actor = actors.add(values, extra, _("node '{id}'").format(id=node.node_id))
        except RecordProblem as problem:
            raise _problem(file, _("node '{id}'").format(id=node.node_id), problem) from None
        actor_of[node.node_id] = actor.id
    try:
        actors.check_parents()
    except RecordProblem as problem:
        raise _problem(file, problem.where or "", problem) from None
    ties = TieCollector(actors.first_seen, merge=choices.merge_duplicates, report=report)
    report.assumed_kind = choices.default_kind
    group_nodes = set(group_ids)
    for edge in edges:
        for end in (edge.source, edge.target):
            if end in group_nodes:
                raise FormatError(
                    _(
                        "{file} {where}: joins the group node '{end}', which is not an "
                        "organization; connect its members instead"
                    ).format(file=file, where=edge.where, end=end),
                    file=file,
                )
        values, extra, assumed = _edge_values(file, edge, choices.default_kind)
        for end in ("source", "target"):
            values[end] = actor_of.get(values[end], values[end])
        if assumed:
            report.kind_assumed += 1
            report.directed_file = report.directed_file or edge.directed
        try:
            ties.add(values, extra, edge.where, reciprocal=assumed and edge.directed)
        except RecordProblem as problem:
            raise _problem(file, edge.where, problem) from None
    collected = _collect_groups(file, groups, actors, actor_of)
    name = design_name or meta.name or fallback_name
    try:
        design = Design(
            name,
            region=meta.region,
            description=meta.description,
            year=design_year(file, meta.year),
        )
    except ValidationError as error:
        raise FormatError(
            _("{file}: design {field} {message}").format(
                file=file, field=error.field, message=error.message
            ),
            file=file,
        ) from None
    design.load(_ordered(actors.actors, meta.actor_order), ties.finish(), collected)
    return design


def _collect_groups(
    file: str,
    file_groups: Sequence[GroupRecord],
    actors: ActorCollector,
    actor_of: Mapping[str, str],
) -> list[Group]:
    collector = GroupCollector(actors.first_seen)
    for record in file_groups:
        values: dict[str, Any] = {k: v for k, v in record.attrs.items() if k in GROUP_COLUMNS}
        if not str(values.get("members", "")).strip():
            values["members"] = tuple(actor_of.get(n, n) for n in record.member_nodes)
        try:
            collector.add(values, record.where)
        except RecordProblem as problem:
            raise _problem(file, record.where, problem) from None
    return collector.groups


def _ordered(actors: list[Actor], order: Sequence[str] | None) -> list[Actor]:
    """The actors in the order the file recorded, those it did not list after them."""
    if not order:
        return actors
    rank = {actor_id: index for index, actor_id in enumerate(order)}
    return sorted(actors, key=lambda a: rank.get(a.id, len(rank)))


def _problem(file: str, where: str, problem: RecordProblem) -> FormatError:
    if problem.field:
        text = _("{file} {where}, attribute '{attribute}': {message}").format(
            file=file, where=where, attribute=problem.field, message=problem.message
        )
    else:
        text = _("{file} {where}: {message}").format(
            file=file, where=where, message=problem.message
        )
    return FormatError(text, file=file, column=problem.field)


def _by_folded_name(file: str, where: str, attrs: Mapping[str, str]) -> dict[str, str]:
    """Attribute name, folded (trimmed, lower case) → name as written; clashes are refused."""
    folded: dict[str, str] = {}
    for name in attrs:
        key = name.strip().casefold()
        if key in folded:
            raise FormatError(
                _("{file} {where}: attributes '{folded}' and '{name}' differ only in case").format(
                    file=file, where=where, folded=folded[key], name=name
                ),
                file=file,
            )
        folded[key] = name
    return folded


def _node_values(file: str, node: NodeRecord) -> tuple[dict[str, Any], dict[str, str], str | None]:
    where = _("node '{id}'").format(id=node.node_id)
    names = _by_folded_name(file, where, node.attrs)
    values: dict[str, Any] = {"id": node.node_id}
    used: set[str] = set()
    for field_name in NODE_FIELDS:
        if field_name in names and field_name != "sector":
            values[field_name] = node.attrs[names[field_name]]
            used.add(names[field_name])
    if not str(values.get("name", "")).strip():
        label_attribute = node.attrs[names["label"]] if "label" in names else None
        values["name"] = next(
            (t.strip() for t in (node.label, label_attribute) if t and t.strip()), node.node_id
        )
        if label_attribute is not None and label_attribute.strip() == values["name"]:
            used.add(names["label"])
    sector_hint: str | None = None
    for candidate in SECTOR_ATTRIBUTES:
        if candidate not in names:
            continue
        text = node.attrs[names[candidate]]
        sector = guess_sector(text)
        if sector is not None:
            values["sector"] = sector
            break
        if sector_hint is None and text.strip():
            sector_hint = f"{names[candidate]} '{text.strip()}'"
    if "sector" in names:
        used.add(names["sector"])
    values["x"], values["y"] = _position(file, where, node, names)
    used.update(names[axis] for axis in ("x", "y") if axis in names)
    if "id" in names and node.attrs[names["id"]].strip():
        values["id"] = node.attrs[names["id"]].strip()
        used.add(names["id"])
    extra = {k: v for k, v in node.attrs.items() if k not in used}
    return values, extra, sector_hint


def _position(
    file: str, where: str, node: NodeRecord, names: Mapping[str, str]
) -> tuple[float | None, float | None]:
    """x/y attributes first; the drawing tool's own position when they are absent, or when
    the tool maintains it and it disagrees (the node was moved there)."""
    if "x" in names and "y" in names:
        xy = (
            _coordinate(file, where, "x", node.attrs[names["x"]]),
            _coordinate(file, where, "y", node.attrs[names["y"]]),
        )
        if xy[0] is not None and xy[1] is not None:
            if node.position and node.position_overrides and not _close(xy, node.position):
                return node.position
            return xy
    if node.position:
        return node.position
    return None, None


def _coordinate(file: str, where: str, axis: str, text: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise FormatError(
            _("{file} {where}, attribute '{axis}': '{text}' is not a number").format(
                file=file, where=where, axis=axis, text=text
            ),
            file=file,
            column=axis,
        ) from None
    if not math.isfinite(value):
        raise FormatError(
            _("{file} {where}, attribute '{axis}': '{text}' is not a finite number").format(
                file=file, where=where, axis=axis, text=text
            ),
            file=file,
            column=axis,
        )
    return value


def _close(a: tuple[float | None, float | None], b: tuple[float, float]) -> bool:
    return all(
        p is not None and abs(p - q) <= 1e-3 * max(1.0, abs(q)) for p, q in zip(a, b, strict=True)
    )


def _edge_values(
    file: str, edge: EdgeRecord, default_kind: TieKind
) -> tuple[dict[str, Any], dict[str, str], bool]:
    """The edge's fields, its extras, and whether its kind was assumed (the file gives none)."""
    names = _by_folded_name(file, edge.where, edge.attrs)
    values: dict[str, Any] = {"source": edge.source, "target": edge.target}
    used: set[str] = set()
    for field_name in EDGE_FIELDS:
        if field_name in names:
            values[field_name] = edge.attrs[names[field_name]]
            used.add(names[field_name])
    assumed = False
    if not str(values.get("kind", "")).strip():
        if edge.kind and edge.kind.strip():
            values["kind"] = edge.kind
        else:
            values["kind"] = default_kind
            assumed = True
    if not str(values.get("weight", "")).strip():
        values["weight"] = edge.weight if edge.weight and edge.weight.strip() else 1.0
    extra = {k: v for k, v in edge.attrs.items() if k not in used}
    if edge.label and edge.label.strip() and "label" not in names:
        extra["label"] = edge.label
    return values, extra, assumed


def _choose_sectors(node_ids: list[str], sector_for: SectorChoice) -> dict[str, Sector]:
    if sector_for is None:
        return {}
    if isinstance(sector_for, str):
        sector = _as_sector(sector_for)
        return {i: sector for i in node_ids}
    if isinstance(sector_for, Mapping):
        chosen: Mapping[str, Any] = sector_for
    else:
        chosen = sector_for(list(node_ids)) or {}
    return {i: _as_sector(chosen[i]) for i in node_ids if chosen.get(i) is not None}


def _as_sector(value: Any) -> Sector:
    return guess_sector(value) or parse_sector(value)


# --- writing ------------------------------------------------------------------------------


def has_control_character(value: str) -> bool:
    """`value` holds a character XML 1.0 cannot (see `check_text`)."""
    return _CONTROL.search(value) is not None


def check_text(file: str, what: str, field_name: str, value: str) -> str:
    """XML 1.0 cannot hold control characters; say which actor or tie has one."""
    match = _CONTROL.search(value)
    if match:
        raise FormatError(
            _(
                "{file}: cannot write {what}: its {field_name} contains the control character "
                "U+{code:04X}, which the format cannot hold; remove it and try again"
            ).format(file=file, what=what, field_name=field_name, code=ord(match.group())),
            file=file,
            column=field_name,
        )
    return value


def extra_names(
    file: str, extras: Iterable[Mapping[str, str]], reserved: Iterable[str], what: str
) -> list[str]:
    """Extra attribute names in order of first appearance; refuse ones a reader would misread."""
    taken = {r.casefold() for r in reserved}
    names: dict[str, str] = {}
    for extra in extras:
        for key in extra:
            folded = key.strip().casefold()
            if names.get(folded) == key:
                continue
            if not folded or folded in taken or folded in names:
                raise FormatError(
                    _(
                        "{file}: cannot write the {what} attribute '{key}': it is empty or "
                        "clashes with another attribute of the same name"
                    ).format(file=file, what=what, key=key),
                    file=file,
                )
            check_text(
                file, _("the {what} attribute '{key}'").format(what=what, key=key), "name", key
            )
            names[folded] = key
    return list(names.values())


def actor_attributes(file: str, actor: Actor) -> list[tuple[str, str]]:
    """(attribute, text) pairs for one actor, empty fields left out, extras last."""
    what = _("actor '{id}'").format(id=actor.id)
    check_tags_writable(file, actor)
    pairs = [
        (f.name, text)
        for f in ACTOR_TABLE
        if f.node_attribute and (text := f.text(getattr(actor, f.name)))
    ]
    pairs.extend(actor.extra.items())
    return [(k, check_text(file, what, k, v)) for k, v in pairs]


RESERVED_NODE_ATTRIBUTES: tuple[str, ...] = (*NODE_FIELDS, "x", "y")
"""Extras may not use these names: a reader would take them for the actor's own fields."""
RESERVED_EDGE_ATTRIBUTES: tuple[str, ...] = EDGE_FIELDS


# --- writing GraphML and GEXF -------------------------------------------------------------


def extra_attribute_names(file: str, design: Design) -> tuple[list[str], list[str]]:
    """The extra attributes the design's actors and ties carry, as (node, edge) names in
    order of first appearance, each checked by `extra_names`."""
    actors = (a.extra for a in design.actors.values())
    ties = (t.extra for t in design.ties.values())
    return (
        extra_names(file, actors, RESERVED_NODE_ATTRIBUTES, _("actor")),
        extra_names(file, ties, RESERVED_EDGE_ATTRIBUTES, _("tie")),
    )


def xml_document(root: ET.Element) -> str:
    """The whole file's text: declaration, indented elements, a final newline."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_graph_file(
    design: Design, path: str | os.PathLike[str], to_text: Callable[[Design, str], str]
) -> None:
    """Build the whole text first (every value checked), then replace the file atomically."""
    target = Path(path)
    text = to_text(design, target.name)
    with atomic_writer(target, encoding="utf-8") as handle:
        handle.write(text)
