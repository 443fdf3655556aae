"""What the compare view shows and exports, kept apart from its widgets so it is easy to test.

Structural rows name actors and ties in words (names, sectors, kinds); the CSV export
holds every metric (raw numbers, A, B, delta, better/worse) and then the structural rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtGui import QColor

from cluster_designer.analysis import Comparison
from cluster_designer.analysis.compare import COMPARED_ACTOR_FIELDS, COMPARED_TIE_FIELDS
from cluster_designer.model import ClusterError, Design, Tie, TieKind

from .formatting import delta_of, label, verdict
from .overlay import OverlayLayer

Change = Literal["added", "removed", "changed"]
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


def _field_changes(old: object, new: object, names: Iterable[str]) -> str:
    parts = []
    for f in names:
        a, b = getattr(old, f), getattr(new, f)
        if a != b:
            parts.append(f"{f}: {_short(a)} → {_short(b)}")
    return "; ".join(parts)


def _short(value: object) -> str:
    if isinstance(value, (tuple, list)):
        value = ";".join(str(v) for v in value)
    if hasattr(value, "label"):
        value = value.label  # type: ignore[union-attr]
    text = "—" if value in (None, "", {}) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def tie_words(cmp: Comparison, key: tuple[str, str, str]) -> str:
    source, target, kind = key
    arrow = "→" if TieKind(kind).directed else "–"
    names = cmp.actor_names
    return f"{names.get(source, source)} {arrow} {names.get(target, target)}"


def structural_rows(cmp: Comparison, design_a: Design, design_b: Design) -> list[StructuralRow]:
    """Actors, then ties: added, removed, changed — in the order `compare` lists them."""
    rows: list[StructuralRow] = []
    a_actors, b_actors = design_a.actors, design_b.actors
    for change, ids in (
        ("added", cmp.actors_added),
        ("removed", cmp.actors_removed),
        ("changed", cmp.actors_changed),
    ):
        for actor_id in ids:
            actor = b_actors.get(actor_id) or a_actors[actor_id]
            details = actor.location.label
            if change == "changed":
                details = _field_changes(
                    a_actors[actor_id], b_actors[actor_id], COMPARED_ACTOR_FIELDS
                )
            rows.append(
                StructuralRow("actor", change, actor_id, actor.name, actor.sector.label, details)
            )  # type: ignore[arg-type]
    a_ties = {t.key: t for t in design_a.ties.values()}
    b_ties = {t.key: t for t in design_b.ties.values()}
    for change, keys in (
        ("added", cmp.ties_added),
        ("removed", cmp.ties_removed),
        ("changed", cmp.ties_changed),
    ):
        for key in keys:
            tie: Tie = b_ties.get(key) or a_ties[key]
            details = f"weight {tie.weight:g} {tie.kind.unit}"
            if change == "changed":
                details = _field_changes(a_ties[key], b_ties[key], COMPARED_TIE_FIELDS)
            rows.append(
                StructuralRow(
                    "tie", change, "|".join(key), tie_words(cmp, key), tie.kind.label, details
                )
            )  # type: ignore[arg-type]
    return rows


def _cell(value: float | int | None) -> str:
    return "" if value is None else repr(value)


def comparison_csv_rows(cmp: Comparison, design_a: Design, design_b: Design) -> list[list[str]]:
    rows: list[list[str]] = [
        ["metric", "label", "A", "B", "delta", "better/worse"],
        ["design", "Design", cmp.a, cmp.b, "", ""],
    ]
    for key, change in cmp.metrics.items():
        d = delta_of(change.a, change.b)
        rows.append(
            [key, label(key), _cell(change.a), _cell(change.b), _cell(d), verdict(key, d) or ""]
        )
    rows.append([])
    rows.append(["item", "change", "id", "name", "kind", "details"])
    rows += [
        [r.item, r.change, r.id, r.name, r.kind, r.details]
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
            f"{path.name}: cannot write the comparison ({exc.strerror or exc})"
        ) from exc


def compare_overlay(
    cmp: Comparison, current: Design, current_side: Literal["a", "b"]
) -> OverlayLayer:
    """Mark on the current design what the comparison found: what it has that the other
    lacks (green when it is B's addition, red when it is what B removed) and what changed."""
    ties_by_key = {t.key: uid for uid, t in current.ties.items()}
    own_actors = cmp.actors_added if current_side == "b" else cmp.actors_removed
    own_ties = cmp.ties_added if current_side == "b" else cmp.ties_removed
    own_color = ADDED_COLOR if current_side == "b" else REMOVED_COLOR
    layer = OverlayLayer()
    for actor_id in own_actors:
        if actor_id in current.actors:
            layer.colors[actor_id] = own_color
            layer.highlight_actors.add(actor_id)
    for actor_id in cmp.actors_changed:
        if actor_id in current.actors:
            layer.colors[actor_id] = CHANGED_COLOR
            layer.highlight_actors.add(actor_id)
    for key in (*own_ties, *cmp.ties_changed):
        uid = ties_by_key.get(key)
        if uid is not None:
            layer.highlight_ties.add(uid)
    return layer
