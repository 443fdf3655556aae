"""By Sector and Location on the dense sample, as a person sees it on a real X server: no tie
drawn through an actor, labels clear of the titles, the whole map in view, one undo step;
and the actors a split network cuts off are links in the diagnosis that find them on the map.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest

from cluster_designer.gui.canvas.region import title_rects
from cluster_designer.gui.commands import RemoveItemsCommand
from tests.gui.display.test_display_edits import action, open_design_row, undo, wait_layout

MARGIN = 4.0  # a tie must pass at least this far outside an actor's drawn shape


def drawn_reach(item: Any) -> float:
    """How far the actor's drawn shape reaches from its centre (its bounding box's corner:
    never less than the shape itself), plus the margin."""
    box = item.shape().boundingRect()
    return math.hypot(box.width(), box.height()) / 2 + MARGIN


def ties_through_actors(window: Any) -> list[tuple[str, str, str]]:
    scene = window.scene
    pos = {i: scene.actor_pos(i) for i in scene.items_by_id}
    found = []
    pairs = {tuple(sorted((t.source, t.target))) for t in window.document.design.ties.values()}
    for s, t in sorted(pairs):
        (ax, ay), (bx, by) = pos[s], pos[t]
        dx, dy = bx - ax, by - ay
        length2 = max(dx * dx + dy * dy, 1e-12)
        for actor_id, (px, py) in pos.items():
            if actor_id in (s, t):
                continue
            u = min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / length2))
            gap = math.hypot(px - ax - u * dx, py - ay - u * dy)
            if gap < drawn_reach(scene.items_by_id[actor_id]):
                found.append((s, t, actor_id))
    return found


def test_by_sector_and_location_on_the_dense_sample(shown: Any, qtbot: Any) -> None:
    open_design_row(shown, 1)
    qtbot.waitUntil(lambda: len(shown.document.design.ties) > 200, timeout=5000)
    assert len(ties_through_actors(shown)) > 0  # the sample as drawn by hand
    before = shown.document.undo_stack.count()
    action(shown, "layout_sector_location").trigger()
    wait_layout(shown, qtbot)
    assert shown.document.undo_stack.count() == before + 1  # one undo step
    assert ties_through_actors(shown) == []
    scene, view = shown.scene, shown.view
    shown_area = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown_area.contains(scene.diagram_rect().adjusted(30, 30, -30, -30))  # refitted
    design = shown.document.design
    titles = title_rects(scene.region_rect(), design.region or design.name, view.zoom_factor())
    for actor_id, item in scene.items_by_id.items():
        drawn = item.drawn_rect()
        assert not any(drawn.intersects(t) for t in titles), design.actor(actor_id).name
    shown.screen_check.check("after By Sector and Location on the dense sample")
    undo(shown)
    shown.screen_check.check("after undoing it")


def link_point(label: Any, href: str) -> QPoint:
    """Where in the label the link to `href` is drawn (the label lays out its rich text the
    same way at its contents' width)."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    area = label.contentsRect()
    doc.setTextWidth(area.width())
    layout = doc.documentLayout()
    for y in range(0, int(doc.size().height()), 3):
        for x in range(0, area.width(), 3):
            if layout.anchorAt(QPointF(x, y)) == href:
                return QPoint(area.left() + x + 1, area.top() + y + 1)
    raise AssertionError(f"no link {href} in the label")


def test_the_cut_off_actors_are_links_that_find_them_on_the_map(shown: Any, qtbot: Any) -> None:
    design = shown.document.design
    panel = shown.evaluation_ui.panel
    cut = next(a for a in design.actors.values() if a.location.value == "region")
    ties = [u for u, t in design.ties.items() if cut.id in (t.source, t.target)]
    shown.document.push(RemoveItemsCommand(design, [], ties))  # now cut off from the rest
    qtbot.waitUntil(lambda: f">{cut.name}</a>" in panel.diagnosis_label.text(), timeout=10_000)
    href = re.search(f"<a href='([^']+)'>{re.escape(cut.name)}</a>", panel.diagnosis_label.text())
    assert href is not None
    label = panel.diagnosis_label
    with qtbot.waitSignal(panel.actorActivated) as signal:
        QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=link_point(label, href.group(1)))
    assert signal.args == [cut.id]
    assert shown.scene.selected_actor_ids() == [cut.id]
    view = shown.view
    centre = view.mapToScene(view.viewport().rect().center())
    x, y = shown.scene.actor_pos(cut.id)
    assert abs(centre.x() - x) < 40 and abs(centre.y() - y) < 40
