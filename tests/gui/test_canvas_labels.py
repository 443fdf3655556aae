"""Names stay readable: labels at fit-to-view, no overlaps, solid arrowheads, clipped tiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.commands import AddItemsCommand, RemoveItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import make_actor, make_tie
from cluster_designer.storage import Project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.cluster"


@pytest.fixture
def sample_canvas(qtbot, tmp_path):
    path = tmp_path / "s.cluster"
    shutil.copy(SAMPLE, path)
    project = Project.open(path)
    document = Document()
    document.set_design(project.load_design(project.design_names()[0]))
    scene = ClusterScene(document)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    yield scene, view
    view.close()
    project.close()


def _boxes(scene: ClusterScene, ids: list[str], zoom: float) -> list[QRectF]:
    plan = scene.label_plan(zoom)
    out = []
    for actor_id in ids:
        item = scene.items_by_id[actor_id]
        r = item.label.rect(plan.long)
        out.append(
            QRectF(
                item.pos().x() + r.left() * plan.scale,
                item.pos().y() + r.top(),
                r.width() * plan.scale,
                r.height() * plan.scale,
            )
        )
    return out


def test_most_names_are_readable_at_fit_and_none_overlap(sample_canvas) -> None:
    scene, view = sample_canvas
    zoom = view.zoom_factor()
    assert zoom < 0.55  # the whole map: names used to vanish here
    shown = scene.shown_labels(zoom)
    assert len(shown) >= 0.6 * len(scene.items_by_id)
    assert scene.label_scale * 9.0 * zoom >= 6.5  # at least 6.5 pt on screen
    boxes = _boxes(scene, shown, zoom)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)


def test_selected_actors_are_always_labelled(sample_canvas) -> None:
    scene, view = sample_canvas
    zoom = view.zoom_factor()
    hidden = [i for i in scene.items_by_id if i not in scene.shown_labels(zoom)]
    assert hidden
    scene.select_ids([hidden[0]])
    assert hidden[0] in scene.shown_labels(zoom)


def test_selection_draws_a_visible_halo(qtbot, document, canvas) -> None:
    scene, view = canvas
    document.push(
        AddItemsCommand(document.design, [make_actor(id="A", name="A", sector="company", x=0, y=0)])
    )
    at = view.mapFromScene(QPointF(18, 0))  # just outside the 28-unit shape
    before = view.grab().toImage().pixelColor(at)
    scene.select_ids(["A"])
    after = view.grab().toImage().pixelColor(at)
    assert after.blue() > after.red() + 60 and after != before


def test_arrowheads_are_solid(qtbot, document, canvas) -> None:
    scene, view = canvas
    scene.set_labels_visible(False)
    document.push(
        AddItemsCommand(
            document.design,
            [
                make_actor(id="A", name="A", sector="company", x=-200, y=0),
                make_actor(id="B", name="B", sector="company", x=200, y=0),
            ],
            [make_tie(source="A", target="B", kind="human_resources", weight=10)],
        )
    )
    view.set_zoom(2.0)
    view.centerOn(QPointF(170, 0))
    image = view.grab().toImage()
    tip = view.mapFromScene(QPointF(200 - 14 - 6, 0))  # inside the head, before the shape
    background = 0
    for dx in range(-6, 1):
        for dy in (-1, 0, 1):
            c = image.pixelColor(tip.x() + dx, tip.y() + dy)
            background += c.red() > 230 and c.green() > 230 and c.blue() > 230
    assert background == 0


def test_a_clipped_render_keeps_the_ties_inside_the_clip(qtbot, document, canvas) -> None:
    scene, _ = canvas
    document.push(
        AddItemsCommand(
            document.design,
            [
                make_actor(id="A", name="A", sector="company", x=-300, y=0),
                make_actor(id="B", name="B", sector="company", x=300, y=0),
            ],
            [make_tie(source="A", target="B", kind="collaboration", weight=10)],
        )
    )
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setClipRect(QRectF(0, 0, 200, 200))  # a poster tile: the left half only
    source = QRectF(-400, -100, 800, 200)
    scene.render_diagram(painter, QRectF(0, 0, 400, 100), source, include_legend=False)
    painter.end()
    right = [image.pixelColor(x, 50) for x in range(220, 400, 5)]
    assert all(c == QColor("white") for c in right)
    assert image.pixelColor(100, 50) != QColor("white")


def test_hovering_an_actor_marks_it(qtbot, document, canvas) -> None:
    scene, view = canvas
    document.push(
        AddItemsCommand(document.design, [make_actor(id="A", name="A", sector="company", x=0, y=0)])
    )
    scene.set_hovered(scene.actor_at(QPointF(2, 2)))
    assert scene.hovered == "A"
    at = view.mapFromScene(QPointF(18, 0))
    image = view.grab().toImage()
    assert image.pixelColor(at).blue() > image.pixelColor(at).red()


def test_print_keeps_every_name_where_it_fits(tmp_path: Path, qtbot) -> None:
    from cluster_designer.gui.render import export_diagram

    path = tmp_path / "s.cluster"
    shutil.copy(SAMPLE, path)
    project = Project.open(path)
    design = project.load_design(project.design_names()[0])
    project.close()
    out = export_diagram(design, tmp_path / "d.svg")
    text = out.read_text(encoding="utf-8")
    body = text.split("</desc>", 1)[
        -1
    ]  # the description lists every name anyway: look at the drawing
    drawn = [a.name for a in design.actors.values() if a.name[:12] in body]
    assert len(drawn) >= 0.8 * len(design.actors)
    assert "Asakawa Motor Industries" in body  # a 24-char name in full on paper


def _crowded(seed: int, n: int, grid: float | None = None) -> tuple:
    """Random label boxes under random actors (on a grid of `grid` if given), their shapes'
    radii, an order of importance and a few forced names: place_labels's inputs."""
    import numpy as np

    rng = np.random.default_rng(seed)
    extent = 600 if grid else 400
    centres = rng.uniform(-extent, extent, (n, 2))
    if grid:
        centres = np.round(centres / grid) * grid
    width = rng.uniform(20, 160, n)
    boxes = np.column_stack(
        (
            centres[:, 0] - width / 2,
            centres[:, 1] + 17,
            centres[:, 0] + width / 2,
            centres[:, 1] + 33,
        )
    )
    radius = rng.choice([8.0, 14.0, 28.0], n)
    forced = rng.random(n) < 0.05
    order = np.lexsort((np.arange(n), -rng.integers(0, 6, n), ~forced))
    return boxes, centres, radius, order, forced


def test_crowded_labels_follow_the_greedy_rule_exactly() -> None:
    """Most important first: a name is drawn unless it would cover a name already drawn or
    another actor's shape; selected (forced) names always. Checked pair by pair."""
    import math

    from cluster_designer.gui.canvas.labels import place_labels

    n = 400
    boxes, centres, radius, order, forced = _crowded(5, n, grid=40.0)  # many exact touches
    shown = place_labels(boxes, centres, radius, order, forced)

    def overlaps(i: int, j: int) -> bool:
        a, b = boxes[i], boxes[j]
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    def on_shape(i: int) -> bool:
        left, top, right, bottom = boxes[i]
        for j in range(n):
            (x, y), rad = centres[j], radius[j] * 0.8
            if (
                j != i
                and math.hypot(min(max(x, left), right) - x, min(max(y, top), bottom) - y) < rad
            ):
                return True
        return False

    drawn: list[int] = []
    for row in order.tolist():
        expected = bool(forced[row]) or not (on_shape(row) or any(overlaps(row, d) for d in drawn))
        assert shown[row] == expected, row
        if expected:
            drawn.append(row)
    assert 0.1 * n < len(drawn) < n  # crowded: some names give way, most do not


def test_which_of_two_crowded_labels_shows_does_not_depend_on_the_edits_made(
    qtbot, document, canvas
) -> None:
    """Two equally connected actors whose names would overlap: the first in the design is
    named, also after the other was deleted and put back (it then has the last table row)
    and after the first was (the design keeps its place, the table gives it a new row)."""
    scene, _ = canvas
    document.push(
        AddItemsCommand(
            document.design,
            [
                make_actor(id="P", name="Pioneer Precision Works", sector="company", x=0, y=0),
                make_actor(id="Q", name="Quantum Quality Castings", sector="company", x=30, y=4),
            ],
            [],
        )
    )
    assert scene.shown_labels(1.0) == ["P"]
    for actor_id in ("Q", "P"):
        document.push(RemoveItemsCommand(document.design, [actor_id], []))
        document.undo_stack.undo()
        assert list(document.design.actors) == ["P", "Q"]
        assert scene.shown_labels(1.0) == ["P"]


def test_a_kept_placement_is_the_one_place_labels_would_give() -> None:
    """The planner keeps recent placements by their inputs (an undo asks for one made
    before); a change to any input, however small, is placed afresh."""
    import numpy as np

    from cluster_designer.gui.canvas.labels import PlacementMemo, place_labels

    boxes, centres, radius, order, forced = _crowded(11, 300)
    memo = PlacementMemo()
    inputs = [boxes, centres, radius, order, forced]
    first = memo.place(*inputs)
    assert np.array_equal(first, place_labels(*inputs))
    assert memo.place(*[a.copy() for a in inputs]) is first  # same values: kept
    hidden = int(np.flatnonzero(~first)[0])
    shown = int(np.flatnonzero(first & ~forced)[0])
    for k in range(len(inputs)):
        changed = [a.copy() for a in inputs]
        if k == 0:  # a shown name grows over the whole map
            changed[0][shown] = (-900, -900, 900, 900)
        elif k == 1:  # an actor moves onto a shown name
            changed[1][hidden] = boxes[shown, :2] + 1.0
        elif k == 2:  # every actor grows over the names around it
            changed[2] *= 6.0
        elif k == 3:  # least important first
            changed[3] = order[::-1].copy()
        else:  # a hidden name's actor is selected
            changed[4][hidden] = True
        fresh = place_labels(*changed)
        assert not np.array_equal(fresh, first), k  # the change matters
        assert np.array_equal(memo.place(*changed), fresh), k
    assert np.array_equal(memo.place(*inputs), first)


def test_labels_after_an_undone_layout_are_the_ones_before_it(sample_canvas) -> None:
    """A layout and its undo: the names drawn afterwards are those drawn before, as a fresh
    scene of the design would draw them."""
    from cluster_designer.gui.commands import SetActorFieldsCommand

    scene, _ = sample_canvas
    document = scene.document
    before = scene.shown_labels(1.0)
    design = document.design
    moved = {
        actor_id: {"x": actor.x + 37.0 * (n % 3 - 1), "y": actor.y - 23.0 * (n % 2)}
        for n, (actor_id, actor) in enumerate(design.actors.items())
    }
    document.push(SetActorFieldsCommand(design, moved, "Layout"))
    assert scene.shown_labels(1.0) != before
    document.undo_stack.undo()
    assert scene.shown_labels(1.0) == before
    fresh = ClusterScene(document)
    assert fresh.shown_labels(1.0) == before


def test_the_canvas_brings_numpy_ma_along() -> None:
    """numpy imports numpy.ma on the first `np.unique` or `np.median` (a quarter of a
    second); the canvas imports it up front, so no first detailed frame stalls on it."""
    import subprocess
    import sys

    script = "import sys, cluster_designer.gui.canvas\nprint('numpy.ma' in sys.modules)\n"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True"
