"""What the compare view shows and exports, kept apart from its widgets so it is easy to test.

Structural rows name actors and ties in words (names, sectors, kinds); the CSV export
holds every metric (raw numbers, A, B, delta, better/worse) and then the structural rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtGui import QColor

from cluster_designer.analysis import Comparison
from cluster_designer.analysis.compare import (
    COMPARED_ACTOR_FIELDS,
    COMPARED_TIE_FIELDS,
    key_through,
)
from cluster_designer.i18n import _, pgettext
from cluster_designer.model import ClusterError, Design, Tie, TieKind

from ..canvas.legend import LegendNote
from ..commands import field_label
from .formatting import delta_of, label, verdict
from .overlay import OverlayLayer

Change = Literal["added", "removed", "changed"]
TieKey = tuple[str, str, str]
ADDED_COLOR = QColor("#2DA44E")
CHANGED_COLOR = QColor("#E8A202")
REMOVED_COLOR = QColor("#CF222E")
CHANGE_COLORS: dict[str, QColor] = {
    "added": ADDED_COLOR,
    "changed": CHANGED_COLOR,
    "removed": REMOVED_COLOR,
}
# Okabe–Ito, readable by colour-blind users; repeats after eight designs.
DESIGN_COLORS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)


def design_color(index: int) -> QColor:
    """The colour of the index-th compared design in the charts and the legend."""
    return QColor(DESIGN_COLORS[index % len(DESIGN_COLORS)])


class ExportError(ClusterError):
    """The comparison could not be written (the message names the file)."""


@dataclass(frozen=True, slots=True)
class StructuralRow:
    item: Literal["actor", "tie"]
    change: Change
    id: str  # actor id, or "source|target|kind" for a tie
    name: str  # actor name, or "A → B" in names
    kind: str  # the actor's sector or the tie's kind, in words
    details: str  # location or weight; for a change, what changed
    matched: str = ""  # for an actor in both: "id" or "name" (how A's and B's were paired)
    id_in_a: str = ""  # for an actor in both: its id in A (B's may differ when matched by name)


def _field_changes(old: object, new: object, names: Iterable[str]) -> str:
    parts = []
    for f in names:
        a, b = getattr(old, f), getattr(new, f)
        if a != b:
            parts.append(
                _("{field}: {old} → {new}").format(
                    field=field_label(f), old=_short(a), new=_short(b)
                )
            )
    return pgettext("list of changes", "; ").join(parts)


def _short(value: object) -> str:
    if isinstance(value, (tuple, list)):
        value = ";".join(str(v) for v in value)
    if hasattr(value, "label"):
        value = value.label
    text = "—" if value in (None, "", {}) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def tie_words(names: Mapping[str, str], key: tuple[str, str, str]) -> str:
    """A tie in words, with the names of the design its ids belong to."""
    source, target, kind = key
    arrow = "→" if TieKind(kind).directed else "–"
    return f"{names.get(source, source)} {arrow} {names.get(target, target)}"


def structural_rows(cmp: Comparison, design_a: Design, design_b: Design) -> list[StructuralRow]:
    """Actors, then ties: added, removed, changed — in the order `compare` lists them.

    Added and changed things are named from B, removed ones from A: the designs' ids need
    not mean the same actors (see `analysis.compare`)."""
    rows: list[StructuralRow] = []
    a_actors, b_actors = design_a.actors, design_b.actors
    a_of = {p.b: p for p in cmp.actor_pairs}
    for actor_id in cmp.actors_added:
        actor = b_actors[actor_id]
        rows.append(
            StructuralRow(
                "actor", "added", actor_id, actor.name, actor.sector.label, actor.location.label
            )
        )
    for actor_id in cmp.actors_removed:
        actor = a_actors[actor_id]
        rows.append(
            StructuralRow(
                "actor", "removed", actor_id, actor.name, actor.sector.label, actor.location.label
            )
        )
    for actor_id in cmp.actors_changed:
        pair = a_of[actor_id]
        actor = b_actors[actor_id]
        details = _field_changes(a_actors[pair.a], actor, COMPARED_ACTOR_FIELDS)
        rows.append(
            StructuralRow(
                "actor",
                "changed",
                actor_id,
                actor.name,
                actor.sector.label,
                details,
                pair.by,
                pair.a,
            )
        )
    a_ties = {t.key: t for t in design_a.ties.values()}
    b_ties = {t.key: t for t in design_b.ties.values()}
    to_b = {p.a: p.b for p in cmp.actor_pairs}
    a_for_b = {}
    for key, old in a_ties.items():
        if old.source in to_b and old.target in to_b:
            a_for_b[key_through(old, to_b)] = key
    tie_changes: tuple[tuple[Change, Sequence[TieKey], dict[TieKey, Tie], Mapping[str, str]], ...]
    tie_changes = (
        ("added", cmp.ties_added, b_ties, cmp.names_b),
        ("removed", cmp.ties_removed, a_ties, cmp.names_a),
        ("changed", cmp.ties_changed, b_ties, cmp.names_b),
    )
    for change, keys, ties, names in tie_changes:
        for key in keys:
            tie: Tie = ties[key]
            details = _("weight {weight} {unit}").format(
                weight=f"{tie.weight:g}", unit=tie.kind.unit
            )
            if change == "changed":
                details = _field_changes(a_ties[a_for_b[key]], tie, COMPARED_TIE_FIELDS)
            rows.append(
                StructuralRow(
                    "tie", change, "|".join(key), tie_words(names, key), tie.kind.label, details
                )
            )
    return rows


def name_matched_rows(cmp: Comparison, design_a: Design, design_b: Design) -> list[StructuralRow]:
    """Pairs matched by name: the reader should see that A's actor and B's were taken as one."""
    rows = []
    for pair in cmp.actor_pairs:
        if pair.by != "name":
            continue
        a, b = design_a.actors[pair.a], design_b.actors[pair.b]
        rows.append(
            StructuralRow(
                "actor",
                "matched",  # type: ignore[arg-type]
                pair.b,
                b.name,
                b.sector.label,
                f"{a.name} ({pair.a}) = {b.name} ({pair.b})",
                "name",
                pair.a,
            )
        )
    return rows


def _cell(value: float | int | None) -> str:
    return "" if value is None else repr(value)


def comparison_csv_rows(cmp: Comparison, design_a: Design, design_b: Design) -> list[list[str]]:
    rows: list[list[str]] = [
        ["metric", "label", "A", "B", "delta", "better/worse"],
        ["design", _("Design"), cmp.a, cmp.b, "", ""],
    ]
    for key, change in cmp.metrics.items():
        d = delta_of(change.a, change.b)
        rows.append(
            [key, label(key), _cell(change.a), _cell(change.b), _cell(d), verdict(key, d) or ""]
        )
    rows.append([])
    rows.append(["item", "change", "id", "name", "kind", "details", "matched by", "id in A"])
    rows += [
        [r.item, r.change, r.id, r.name, r.kind, r.details, r.matched, r.id_in_a]
        for r in structural_rows(cmp, design_a, design_b)
    ]
    return rows


def write_comparison_csv(
    path: str | Path, cmp: Comparison, design_a: Design, design_b: Design
) -> None:
    """UTF-8 with a byte-order mark, so Excel opens Japanese names correctly."""
    path = Path(path)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerows(comparison_csv_rows(cmp, design_a, design_b))
    except OSError as exc:
        raise ExportError(
            _("{file}: cannot write the comparison ({reason})").format(
                file=path.name, reason=exc.strerror or exc
            )
        ) from exc


def compare_overlay(
    cmp: Comparison, current: Design, current_side: Literal["a", "b"]
) -> OverlayLayer:
    """Mark on the current design what the comparison found: what it has that the other
    lacks (green when it is B's addition, red when it is what B removed) and what changed."""
    ties_by_key = {t.key: uid for uid, t in current.ties.items()}
    if current_side == "a":  # B's ids of changed actors, as they are called in A
        to_a = {p.b: p.a for p in cmp.actor_pairs}
        changed_ids = [to_a[i] for i in cmp.actors_changed]
        to_b = {p.a: p.b for p in cmp.actor_pairs}
        from_b = {}
        for t in current.ties.values():
            if t.source in to_b and t.target in to_b:
                from_b[key_through(t, to_b)] = t.key
        changed_ties = [from_b[k] for k in cmp.ties_changed if k in from_b]
    else:
        changed_ids = list(cmp.actors_changed)
        changed_ties = list(cmp.ties_changed)
    own_actors = cmp.actors_added if current_side == "b" else cmp.actors_removed
    own_ties = cmp.ties_added if current_side == "b" else cmp.ties_removed
    own_color = ADDED_COLOR if current_side == "b" else REMOVED_COLOR
    layer = OverlayLayer()
    layer.notes = [
        LegendNote(
            "fill",
            _("New in this design") if current_side == "b" else _("Gone in the other design"),
            own_color.name(),
        ),
        LegendNote("fill", _("Changed between the designs"), CHANGED_COLOR.name()),
        LegendNote("tie", _("Thick: tie added or changed")),
    ]
    for actor_id in own_actors:
        if actor_id in current.actors:
            layer.colors[actor_id] = own_color
            layer.highlight_actors.add(actor_id)
    for actor_id in changed_ids:
        if actor_id in current.actors:
            layer.colors[actor_id] = CHANGED_COLOR
            layer.highlight_actors.add(actor_id)
    for key in (*own_ties, *changed_ties):
        uid = ties_by_key.get(key)
        if uid is not None:
            layer.highlight_ties.add(uid)
    return layer
