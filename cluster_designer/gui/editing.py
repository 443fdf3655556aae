"""Edits the menus and keys call on the canvas selection; each pushes exactly one command."""

from __future__ import annotations

import atexit
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from cluster_designer.i18n import N_, _, ngettext
from cluster_designer.model import Actor, ActorIdMaker, ClusterError, Location, make_actor, make_tie

from .commands import AddItemsCommand, MoveActorsCommand, RemoveItemsCommand, SetActorFieldsCommand
from .document import Document

if TYPE_CHECKING:  # the canvas imports this module for its keys; only annotations point back
    from .canvas import ClusterScene

MIME_TYPE = "application/x-cluster-designer-items"
PASTE_OFFSET = 40.0
ALIGN_TEXTS = {
    "left": N_("Align left edges"),
    "right": N_("Align right edges"),
    "top": N_("Align top edges"),
    "bottom": N_("Align bottom edges"),
    "hcenter": N_("Align horizontal centres"),
    "vcenter": N_("Align vertical centres"),
}
ALIGN_MODES = ("left", "right", "top", "bottom", "hcenter", "vcenter")


def delete_selection(document: Document, scene: ClusterScene) -> bool:
    actors, ties = scene.selected_actor_ids(), scene.selected_tie_uids()
    if document.design is None or not (actors or ties):
        return False
    return document.push(RemoveItemsCommand(document.design, actors, ties))


def select_all(scene: ClusterScene) -> None:
    scene.select_all()


# --- clipboard --------------------------------------------------------------------------
def _selection_payload(document: Document, scene: ClusterScene) -> dict[str, Any] | None:
    """The selected actors (with scene positions) and every tie among them, as JSON-ready data."""
    design = document.design
    ids = scene.selected_actor_ids()
    if design is None or not ids:
        return None
    chosen = set(ids)
    actors = []
    for actor_id in ids:
        a = design.actor(actor_id)
        x, y = scene.actor_pos(actor_id)
        actors.append(
            {
                "id": a.id,
                "name": a.name,
                "sector": a.sector.value,
                "subtype": a.subtype,
                "location": a.location.value,
                "x": x,
                "y": y,
                "staff": a.staff,
                "budget": a.budget,
                "tags": list(a.tags),
                "notes": a.notes,
                "extra": dict(a.extra),
            }
        )
    ties = [
        {
            "source": t.source,
            "target": t.target,
            "kind": t.kind.value,
            "weight": t.weight,
            "notes": t.notes,
            "extra": dict(t.extra),
        }
        for t in design.ties.values()
        if t.source in chosen and t.target in chosen
    ]
    return {"format": "cluster-designer-clipboard", "version": 1, "actors": actors, "ties": ties}


def copy_selection(document: Document, scene: ClusterScene) -> bool:
    payload = _selection_payload(document, scene)
    if payload is None:
        return False
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText(
        "\n".join(f"{a['name']}\t{a['sector']}\t{a['location']}" for a in payload["actors"])
    )
    QGuiApplication.clipboard().setMimeData(mime)
    _release_clipboard_at_exit()
    return True


_release_armed = False


def _release_clipboard_at_exit() -> None:
    """Make sure our clipboard object is gone before Python shuts down.

    The clipboard keeps the QMimeData we created in Python; if Qt only frees it after the
    interpreter has finalized, PySide's wrapper is destroyed without Python and the process
    ends with a segmentation fault. On quit (and at interpreter exit, for embedders such as
    the tests) the items are swapped for a Qt-owned plain-text copy, which still pastes
    into a spreadsheet after the application has closed.
    """
    global _release_armed
    if _release_armed:
        return
    _release_armed = True
    app = QGuiApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(release_clipboard)
    atexit.register(release_clipboard)


def release_clipboard() -> None:
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(MIME_TYPE):
        clipboard.setText(mime.text())


def _add_payload(
    document: Document, scene: ClusterScene, payload: dict[str, Any], text: str
) -> bool:
    """Add copies with fresh ids where needed, shifted so they do not hide the originals."""
    design = document.design
    if design is None:
        return False
    try:
        taken = set(design.actors)
        fresh = ActorIdMaker(taken | document.other_actor_ids())
        id_map: dict[str, str] = {}
        actors: list[Actor] = []
        for raw in payload["actors"]:
            values = dict(raw)
            new_id = str(values["id"])
            if new_id in taken:
                new_id = fresh.make(new_id.rstrip("0123456789") or new_id[:1])
            taken.add(new_id)
            id_map[str(values["id"])] = new_id
            values["id"] = new_id
            if values.get("x") is not None and values.get("y") is not None:
                values["x"] = float(values["x"]) + PASTE_OFFSET
                values["y"] = float(values["y"]) + PASTE_OFFSET
            values.setdefault("location", Location.REGION)
            actors.append(make_actor(**values))
        ties = [
            make_tie(**{**t, "source": id_map[t["source"]], "target": id_map[t["target"]]})
            for t in payload.get("ties", [])
            if t["source"] in id_map and t["target"] in id_map
        ]
    except (ClusterError, KeyError, TypeError, ValueError) as exc:
        document.commandFailed.emit(_("Cannot paste: {reason}").format(reason=exc))
        return False
    if not actors:
        return False
    command = AddItemsCommand(design, actors, ties, text=text)
    if not document.push(command):
        return False
    scene.select_ids([a.id for a in actors], command.tie_uids)
    return True


def paste(document: Document, scene: ClusterScene) -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return False
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document.commandFailed.emit(
            _("Cannot paste: the clipboard does not hold Cluster Designer items")
        )
        return False
    return _add_payload(document, scene, payload, _("Paste"))


def duplicate_selection(document: Document, scene: ClusterScene) -> bool:
    payload = _selection_payload(document, scene)
    return payload is not None and _add_payload(document, scene, payload, _("Duplicate"))


# --- moving -----------------------------------------------------------------------------
def _move(
    document: Document, scene: ClusterScene, positions: dict[str, tuple[float, float]], text: str
) -> bool:
    if document.design is None or not positions:
        return False
    locations = scene.locations_after_move(positions)
    return document.push(
        MoveActorsCommand(document.design, positions, text=text, locations=locations)
    )


def nudge(document: Document, scene: ClusterScene, dx: float, dy: float) -> bool:
    positions = {}
    for actor_id in scene.selected_actor_ids():
        x, y = scene.actor_pos(actor_id)
        positions[actor_id] = (x + dx, y + dy)
    return _move(document, scene, positions, _("Nudge"))


def align(document: Document, scene: ClusterScene, mode: str) -> bool:
    """Line the selected actors up on one edge or centre line of their bounding box."""
    if mode not in ALIGN_MODES:
        raise ValueError(f"unknown alignment '{mode}' (use {', '.join(ALIGN_MODES)})")
    ids = scene.selected_actor_ids()
    if len(ids) < 2:
        return False
    pos = {i: scene.actor_pos(i) for i in ids}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    target = {
        "left": min(xs),
        "right": max(xs),
        "hcenter": (min(xs) + max(xs)) / 2,
        "top": min(ys),
        "bottom": max(ys),
        "vcenter": (min(ys) + max(ys)) / 2,
    }[mode]
    horizontal = mode in ("left", "right", "hcenter")
    positions = {i: (target, y) if horizontal else (x, target) for i, (x, y) in pos.items()}
    return _move(document, scene, positions, _(ALIGN_TEXTS[mode]))


def distribute(document: Document, scene: ClusterScene, axis: str) -> bool:
    """Space the selected actors evenly between the outermost two along one axis."""
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"unknown axis '{axis}' (use horizontal or vertical)")
    ids = scene.selected_actor_ids()
    if len(ids) < 3:
        return False
    k = 0 if axis == "horizontal" else 1
    ordered = sorted(ids, key=lambda i: scene.actor_pos(i)[k])
    first, last = scene.actor_pos(ordered[0])[k], scene.actor_pos(ordered[-1])[k]
    step = (last - first) / (len(ordered) - 1)
    positions = {}
    for n, actor_id in enumerate(ordered):
        x, y = scene.actor_pos(actor_id)
        positions[actor_id] = (first + n * step, y) if k == 0 else (x, first + n * step)
    horizontally = axis == "horizontal"
    text = _("Distribute horizontally") if horizontally else _("Distribute vertically")
    return _move(document, scene, positions, text)


# --- pinning ----------------------------------------------------------------------------
def is_pinned(actor: Actor) -> bool:
    return actor.extra.get("pinned") == "1"


def pinned_ids(document: Document) -> set[str]:
    design = document.design
    return set() if design is None else {a.id for a in design.actors.values() if is_pinned(a)}


def toggle_pin(document: Document, scene: ClusterScene) -> bool:
    """Pin the selected actors (layouts keep them in place); unpin if all are pinned already."""
    design = document.design
    ids = scene.selected_actor_ids()
    if design is None or not ids:
        return False
    unpin = all(is_pinned(design.actor(i)) for i in ids)
    values = {}
    for actor_id in ids:
        extra = dict(design.actor(actor_id).extra)
        if unpin:
            extra.pop("pinned", None)
        else:
            extra["pinned"] = "1"
        values[actor_id] = {"extra": extra}
    if unpin:
        text = ngettext("Unpin actor", "Unpin {count} actors", len(ids))
    else:
        text = ngettext("Pin actor", "Pin {count} actors", len(ids))
    text = text.format(count=len(ids))
    return document.push(SetActorFieldsCommand(design, values, text))
