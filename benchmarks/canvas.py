"""Canvas repaint speed against a naive one-item-per-element scene (not part of the tests).

    uv run python benchmarks/canvas.py [--sizes 1000 10000] [--repeats 5]

Designs have N actors and 3N ties: 90% join spatial neighbours, 10% join random actors.
Prints median milliseconds for a repaint zoomed out (whole diagram), zoomed in (1/20 of
its area) and one drag step (move one actor, repaint), and the naive/ours ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLineF, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication, QGraphicsEllipseItem, QGraphicsLineItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
)

from cluster_designer.gui import style  # noqa: E402
from cluster_designer.gui.canvas import CanvasView, ClusterScene  # noqa: E402
from cluster_designer.gui.document import Document  # noqa: E402
from cluster_designer.model import Design, Sector, TieKind, make_actor, make_tie  # noqa: E402

VIEW_W, VIEW_H = 1600, 1000


def build_design(n: int, seed: int = 7) -> Design:
    rng = random.Random(seed)
    side = int(n ** 0.5) + 1
    spacing = 80.0
    actors = []
    for i in range(n):
        r, c = divmod(i, side)
        actors.append(make_actor(id=f"A{i}", name=f"Actor {i}", sector=rng.choice(list(Sector)),
                                 x=c * spacing + rng.uniform(-20, 20), y=r * spacing + rng.uniform(-20, 20)))
    ties, keys = [], set()
    kinds = list(TieKind)
    while len(ties) < 3 * n:
        a = rng.randrange(n)
        if rng.random() < 0.9:
            r, c = divmod(a, side)
            b = (r + rng.randint(-1, 1)) * side + c + rng.randint(-1, 1)
            if not 0 <= b < n:
                continue
        else:
            b = rng.randrange(n)
        kind = rng.choice(kinds)
        key = (min(a, b), max(a, b), kind)
        if a == b or key in keys:
            continue
        keys.add(key)
        ties.append(make_tie(source=f"A{a}", target=f"A{b}", kind=kind, weight=rng.uniform(1, 10)))
    design = Design(f"Bench {n}", region="Bench")
    design.load(actors, ties)
    return design


class NaiveScene:
    """One ellipse + label per actor and one line per tie, in a BSP-indexed scene."""

    def __init__(self, design: Design) -> None:
        self.scene = QGraphicsScene()
        self.items: dict[str, QGraphicsEllipseItem] = {}
        self.lines: dict[str, list[tuple[QGraphicsLineItem, str, str]]] = {}
        size = style.ACTOR_SIZE
        for a in design.actors.values():
            item = QGraphicsEllipseItem(-size / 2, -size / 2, size, size)
            item.setBrush(style.SECTOR_STYLES[a.sector].fill)
            item.setPos(a.x, a.y)
            item.setZValue(1)
            label = QGraphicsSimpleTextItem(a.name, item)
            label.setPos(-20, size / 2)
            self.scene.addItem(item)
            self.items[a.id] = item
        for t in design.ties.values():
            line = QGraphicsLineItem(QLineF(self.items[t.source].pos(), self.items[t.target].pos()))
            line.setPen(QPen(style.TIE_STYLES[t.kind].color, 1.5))
            self.scene.addItem(line)
            for end in (t.source, t.target):
                self.lines.setdefault(end, []).append((line, t.source, t.target))

    def move(self, actor_id: str, dx: float) -> None:
        item = self.items[actor_id]
        item.setPos(item.pos() + QPointF(dx, 0))
        for line, s, t in self.lines.get(actor_id, []):
            line.setLine(QLineF(self.items[s].pos(), self.items[t].pos()))


def median_ms(action: Callable[[], None], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(view: QGraphicsView, move: Callable[[float], None], centre: QPointF, repeats: int) -> dict[str, float]:
    vp = view.viewport()
    view.fitInView(view.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    if isinstance(view, CanvasView):
        view._zoom_changed()
    vp.repaint()
    out = {"zoomed out": median_ms(vp.repaint, repeats)}
    view.scale(20 ** 0.5, 20 ** 0.5)
    if isinstance(view, CanvasView):
        view._zoom_changed()
    view.centerOn(centre)
    vp.repaint()
    out["zoomed in"] = median_ms(vp.repaint, repeats)
    step = [0.0]

    def drag_step() -> None:
        step[0] = 2.0 if step[0] <= 0 else -2.0
        move(step[0])
        QApplication.processEvents()  # the repaint of what changed

    out["drag step"] = median_ms(drag_step, repeats * 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    for n in args.sizes:
        design = build_design(n)
        middle = design.actor(f"A{n // 2}")
        centre = QPointF(middle.x, middle.y)
        document = Document()
        scene = ClusterScene(document)
        view = CanvasView(scene)
        view.resize(VIEW_W, VIEW_H)
        view.show()
        document.set_design(design)
        app.processEvents()

        def move_ours(dx: float) -> None:
            x, y = scene.actor_pos(middle.id)
            scene.set_positions({middle.id: (x + dx, y)})

        ours = measure(view, move_ours, centre, args.repeats)
        naive = NaiveScene(design)
        naive_view = QGraphicsView(naive.scene)
        naive_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        naive_view.resize(VIEW_W, VIEW_H)
        naive_view.show()
        app.processEvents()
        theirs = measure(naive_view, lambda dx: naive.move(middle.id, dx), centre, args.repeats)
        print(f"\n{n} actors, {len(design.ties)} ties (median ms; naive/ours)")
        for key in ours:
            ratio = theirs[key] / max(ours[key], 1e-6)
            print(f"  {key:<11} ours {ours[key]:8.1f}   naive {theirs[key]:8.1f}   ratio {ratio:6.1f}x")
        view.close()
        naive_view.close()


if __name__ == "__main__":
    main()
