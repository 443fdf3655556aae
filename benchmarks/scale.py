"""Scale benchmark for issue 7: a generated design opened, drawn, edited and saved at size.

    uv run python benchmarks/scale.py --actors 10000 --json
    uv run python benchmarks/scale.py --actors 1000

Builds a design of N actors and 3N ties (90% join spatial neighbours as a force layout
yields, 10% join random actors; all five tie kinds; 5% of the actors outside the region),
stores it in a temporary project file, then measures every figure at least `--repeats`
times in one process and prints the medians in milliseconds. `naive_repaint_out_ms` is the
same design drawn in the same run by a plain one-item-per-element QGraphicsScene.
Kept out of the test run (a smoke test runs it at 200 actors).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QPainter, QPen, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from cluster_designer.analysis import evaluate
from cluster_designer.gui import style
from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.commands import (
    MoveActorsCommand,
    RemoveItemsCommand,
    SetActorFieldsCommand,
)
from cluster_designer.gui.document import Document
from cluster_designer.model import Design, Location, Sector, TieKind, make_actor, make_tie
from cluster_designer.storage import Project

# Wall-clock time by default; `--clock cpu` counts the processor time of the benchmark's
# process instead (all its threads), which is what to compare on a machine busy with other
# work: wall-clock figures there include waiting for a core.
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
now = CLOCKS["wall"]

VIEW_W, VIEW_H = 1600, 1000
WAIT_LIMIT_MS = 600_000  # the longest each wait of the main-window probe may take
SPACING = 80.0
DESIGN_NAME = "Scale"


def build_design(n: int, seed: int = 7) -> Design:
    """Region actors on a jittered grid, outside actors in columns beside it, 3N ties."""
    rng = random.Random(seed)
    n_out = n // 20
    n_in = n - n_out
    side = int(n_in**0.5) + 1
    actors = []
    for i in range(n_in):
        r, c = divmod(i, side)
        actors.append(
            make_actor(
                id=f"A{i}",
                name=f"Actor {i}",
                sector=rng.choice(list(Sector)),
                x=c * SPACING + rng.uniform(-20, 20),
                y=r * SPACING + rng.uniform(-20, 20),
            )
        )
    for j in range(n_out):
        domestic = j % 2 == 0
        col, row = divmod(j // 2, side)
        x = -400.0 - col * SPACING if domestic else (side + 4) * SPACING + col * SPACING
        actors.append(
            make_actor(
                id=f"A{n_in + j}",
                name=f"Outside {j}",
                sector=rng.choice(list(Sector)),
                location=Location.DOMESTIC if domestic else Location.OVERSEAS,
                x=x,
                y=row * SPACING,
            )
        )
    ties, keys = [], set()
    kinds = list(TieKind)
    while len(ties) < 3 * n:
        a = rng.randrange(n)
        if rng.random() < 0.9 and a < n_in:
            r, c = divmod(a, side)
            b = (r + rng.randint(-1, 1)) * side + c + rng.randint(-1, 1)
            if not 0 <= b < n_in:
                continue
        else:
            b = rng.randrange(n)
        kind = rng.choice(kinds)
        key = (min(a, b), max(a, b), kind)
        if a == b or key in keys:
            continue
        keys.add(key)
        ties.append(make_tie(source=f"A{a}", target=f"A{b}", kind=kind, weight=rng.uniform(1, 10)))
    design = Design(DESIGN_NAME, region="Benchmark region")
    design.load(actors, ties)
    return design


def jitter(design: Design, ids: list[str], rng: random.Random, reach: float) -> dict:
    """New positions for `ids` (what a layout gives), each up to `reach` from where it is."""
    return {
        i: {
            "x": design.actor(i).x + rng.uniform(-reach, reach),
            "y": design.actor(i).y + rng.uniform(-reach, reach),
        }
        for i in ids
    }


class NaiveScene:
    """The baseline: one ellipse and one label per actor and one line per tie, BSP-indexed."""

    def __init__(self, design: Design) -> None:
        self.scene = QGraphicsScene()
        items: dict[str, QGraphicsEllipseItem] = {}
        size = style.ACTOR_SIZE
        for a in design.actors.values():
            item = QGraphicsEllipseItem(-size / 2, -size / 2, size, size)
            item.setBrush(style.SECTOR_STYLES[a.sector].fill)
            item.setPos(a.x, a.y)
            item.setZValue(1)
            label = QGraphicsSimpleTextItem(a.name, item)
            label.setPos(-20, size / 2)
            self.scene.addItem(item)
            items[a.id] = item
        for t in design.ties.values():
            line = QGraphicsLineItem(QLineF(items[t.source].pos(), items[t.target].pos()))
            line.setPen(QPen(style.TIE_STYLES[t.kind].color, 1.5))
            self.scene.addItem(line)


def median_ms(
    action: Callable[[], object], repeats: int, before: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        start = now()
        action()
        times.append((now() - start) * 1000)
    return statistics.median(times)


def fit(view: QGraphicsView, rect) -> None:
    view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
    if isinstance(view, CanvasView):
        view._zoom_changed()


def forget_kept(view: CanvasView) -> None:
    """Drop the tie layer's kept drawings (canvas/parallel_lines.py), so the next frame is
    drawn, not laid: a benchmark repeating one zoom would otherwise find it kept."""
    kept = getattr(view.cluster_scene.tie_layer, "kept", None)
    if kept is not None:
        kept.clear()


def cold_repaint(view: CanvasView) -> None:
    """A repaint with the cached static layer dropped, as after a zoom step."""
    forget_kept(view)
    view.resetCachedContent()
    view.viewport().repaint()


def zoom_in(view: CanvasView, centre: QPointF) -> None:
    """From the fitted view, 1/20 of the area around `centre`."""
    fit(view, view.cluster_scene.diagram_rect())
    view.set_zoom(view.zoom_factor() * 20**0.5)
    view.centerOn(centre)


class PaintCounter(QObject):
    """Counts paint events, so a figure can never come from a repaint that painted nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def painted(widget, action: Callable[[], object]) -> Callable[[], None]:
    """`action`, checked to have painted `widget` at least once."""
    counter = PaintCounter()
    widget.installEventFilter(counter)

    def checked() -> None:
        before = counter.count
        action()
        if counter.count == before:
            raise RuntimeError("nothing was painted: the measurement would be meaningless")

    checked.counter = counter  # keeps the filter alive
    return checked


class Canvas:
    """A document, scene and shown view; `open` replaces them all (as opening a design does)."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.document: Document | None = None
        self.scene: ClusterScene | None = None
        self.view: CanvasView | None = None

    def open(self, project: Project) -> None:
        self.close()
        self.document = Document()
        self.document.project = project
        self.scene = ClusterScene(self.document)
        self.view = CanvasView(self.scene)
        self.view.resize(VIEW_W, VIEW_H)
        self.view.show()
        self.document.open_design(DESIGN_NAME)
        self.app.processEvents()  # the window is exposed and painted here
        self.view.viewport().repaint()

    def close(self) -> None:
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.scene.deleteLater()
            self.document.project = None
            self.document.deleteLater()
            self.view = self.scene = self.document = None
            QApplication.sendPostedEvents(None, 0)
            self.app.processEvents()
            gc.collect()


def _timed_moves(canvas: Canvas, positions: list[QPoint], what: str) -> list[float]:
    """Move the (pressed) mouse to each position in turn: the time of each move until its
    frame is painted, in ms. A move that paints nothing is refused."""
    vp = canvas.view.viewport()
    times = []
    counter = PaintCounter()
    vp.installEventFilter(counter)
    try:
        for pos in positions:
            before = counter.count
            t0 = now()
            QTest.mouseMove(vp, pos)
            canvas.app.processEvents()
            times.append((now() - t0) * 1000)
            if counter.count == before:
                raise RuntimeError(
                    f"a {what} step painted nothing: the measurement would be meaningless"
                )
    finally:
        vp.removeEventFilter(counter)
    return times


def measure_drag(canvas: Canvas, actor_id: str, repeats: int) -> float:
    """Real mouse events: press on the actor, then time each move step and its repaint."""
    view, scene = canvas.view, canvas.scene
    vp = view.viewport()
    x, y = scene.actor_pos(actor_id)
    start = view.mapFromScene(QPointF(x, y))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPointF(12, 0).toPoint())  # past the drag distance: the drag starts
    canvas.app.processEvents()
    positions = [
        start + QPointF(12 + (n % 10) * 3, (n % 7) * 2).toPoint()
        for n in range(max(repeats * 4, 20))
    ]
    times = _timed_moves(canvas, positions, "drag")
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, positions[-1])
    canvas.app.processEvents()
    canvas.document.undo_stack.undo()
    canvas.app.processEvents()
    return statistics.median(times)


def measure_pan(canvas: Canvas, repeats: int) -> float:
    """A pan with the middle button in small diagonal steps, as a hand moves (each step
    scrolls both ways: the view repaints an L along two edges): median time of a step
    from the mouse move until its frame is painted."""
    vp = canvas.view.viewport()
    start = QPoint(vp.width() // 2, vp.height() // 2)
    QTest.mousePress(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    canvas.app.processEvents()
    positions, pos = [], start
    for n in range(max(repeats * 4, 20)):
        sign = 1 if (n // 10) % 2 == 0 else -1  # back and forth: the view stays in the map
        pos = pos + QPoint(-6 * sign, 4 * sign)
        positions.append(pos)
    times = _timed_moves(canvas, positions, "pan")
    QTest.mouseRelease(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, pos)
    canvas.app.processEvents()
    return statistics.median(times)


WHEEL_STEPS = 10
WHEEL_NOTCH = 120  # one notch of a mouse wheel (angleDelta)


def wheel(view: CanvasView, notches: int) -> None:
    """One wheel event at the viewport's centre, as a mouse wheel sends it."""
    vp = view.viewport()
    local = QPointF(vp.width() / 2, vp.height() / 2)
    event = QWheelEvent(
        local,
        QPointF(vp.mapToGlobal(local.toPoint())),
        QPoint(0, 0),
        QPoint(0, notches * WHEEL_NOTCH),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, event)


def measure_wheel_zoom(
    canvas: Canvas, centre: QPointF, repeats: int
) -> tuple[float, float, float, float]:
    """Wheel zooms of WHEEL_STEPS notches, in from the fitted view and back out.

    Each step is timed from the wheel event until its frame is painted (the worst step of a
    zoom is its figure); then the sharp frame once the wheel stops: the view's `settle_zoom`
    (what its pause timer runs) and the repaint it asks for, drawn afresh (the zooms repeat
    two zoom levels, whose drawings the tie layer would find kept). Medians over the zooms:
    the worst step, the settle over both directions, the settle zoomed in, the settle back
    at the fitted view. A view without `settle_zoom` paints every step sharp: its settle
    figure is its last step's.
    """
    view, app = canvas.view, canvas.app
    vp = view.viewport()
    counter = PaintCounter()
    vp.installEventFilter(counter)
    worst, settles = [], []
    for n in range(2 * repeats):
        if n % 2 == 0:
            fit(view, view.cluster_scene.diagram_rect())
            view.centerOn(centre)
        settle = getattr(view, "settle_zoom", None)
        if settle is not None:
            settle()
        vp.repaint()
        app.processEvents()
        frames = []
        for _step in range(WHEEL_STEPS):
            before = counter.count
            t0 = now()
            wheel(view, 1 if n % 2 == 0 else -1)
            app.processEvents()
            frames.append((now() - t0) * 1000)
            if counter.count == before:
                raise RuntimeError("a zoom step painted nothing: the measurement is meaningless")
        worst.append(max(frames))
        if settle is None:
            settles.append(frames[-1])
            continue
        before = counter.count
        forget_kept(view)  # each repeat comes back to the same zoom: drawn, not laid
        t0 = now()
        settle()
        vp.repaint()
        settles.append((now() - t0) * 1000)
        if counter.count == before:
            raise RuntimeError("the settled frame painted nothing: the measurement is meaningless")
    vp.removeEventFilter(counter)
    return (
        statistics.median(worst),
        statistics.median(settles),
        statistics.median(settles[0::2]),
        statistics.median(settles[1::2]),
    )


def probe_gui(project_path: Path) -> dict[str, float]:
    """In a fresh process: the real main window opens the project and evaluates it.

    Reports the process's peak memory (what a planner's machine must hold with the design
    open and evaluated) and the longest the event loop was blocked while the evaluation ran
    in the background, from the gaps between ticks of a precise 1 ms timer.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="cluster-designer-bench-"))
    for kind in ("CONFIG", "DATA", "STATE"):
        os.environ[f"CLUSTER_DESIGNER_{kind}_DIR"] = str(home / kind.lower())
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from cluster_designer.gui.app import make_application, start_window

    # Started as the program starts its window (whatever it installs on the application,
    # such as event filters, is measured too).
    app = make_application()
    window = start_window(project_path)
    window.resize(VIEW_W, VIEW_H)
    app.processEvents()
    panel = window.evaluation_ui.panel
    waker = QTimer()  # wakes the waits below even if nothing else happens
    waker.start(5)

    def wait_for(done: Callable[[], bool]) -> None:
        # Each wait has its own limit: one evaluation of 50,000 actors takes 11 s of
        # processor time, Compare loads and evaluates the stored copy besides, and on a
        # machine shared with other work the probe's waits together took over the 120 s
        # that used to bound them all (its figures then came from unfinished work).
        deadline = QElapsedTimer()
        deadline.start()
        while not done() and deadline.elapsed() < WAIT_LIMIT_MS:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    wait_for(lambda: not panel.is_busy and panel.evaluation is not None)

    def settle() -> None:  # what the first result left to lay out and paint
        for _ in range(5):
            app.processEvents()

    settle()
    # An edit that changes the numbers (1% of the ties deleted), with its own repaint done;
    # then the evaluation it triggers, while a timer watches the event loop: sending the
    # design to the worker process, and showing and painting the new numbers.
    design = window.document.design
    window.document.push(
        RemoveItemsCommand(design, [], list(design.ties)[: max(1, len(design.ties) // 100)])
    )
    panel.timer.stop()
    settle()
    clock, gaps, last = QElapsedTimer(), [], [0]
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    # A precise 1 ms timer: a gap between ticks bounds the block to within 1 ms (a 10 ms
    # timer would report up to 10 ms of idle waiting as part of the stall).
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    ticker.start()
    before = panel.result
    clock.restart()  # the first gap includes what refresh() itself does on the GUI thread
    panel.refresh()
    wait_for(lambda: not panel.is_busy and panel.result is not before)
    settle_until = clock.elapsed() + 100  # and the new numbers laid out and painted
    wait_for(lambda: clock.elapsed() >= settle_until)
    ticker.stop()
    window.view.viewport().repaint()
    evaluated = panel.result is not before and panel.evaluation is not None
    evaluation_block = float(max(gaps, default=0))
    ticks = float(len(gaps))

    def longest_block(start: Callable[[], object], done: Callable[[], bool]) -> float:
        """The longest gap between ticks from `start` until `done` and 100 ms of settling."""
        settle()
        gaps.clear()
        ticker.start()
        clock.restart()
        last[0] = 0
        start()
        wait_for(done)
        until = clock.elapsed() + 100
        wait_for(lambda: clock.elapsed() >= until)
        ticker.stop()
        return float(max(gaps, default=0))

    # Autosave of the edited design: snapshot here, serialise and write on its thread.
    written: list[object] = []
    autosave_block = longest_block(
        lambda: written.append(
            window.recovery.write_later(
                str(project_path), window.document.design, window.ops.stored_name or ""
            )
        ),
        lambda: bool(written) and written[0].done(),
    )
    # Opening Compare Designs on the open design and the stored copy beside it: loading,
    # evaluating and comparing both run in the background while the dialog appears.
    dialogs = window.evaluation_ui.dialogs
    compare_block = longest_block(
        window.evaluation_ui.actions["design_compare"].trigger,
        lambda: bool(dialogs) and dialogs[-1].ready and dialogs[-1].comparison is not None,
    )
    compared = bool(dialogs) and dialogs[-1].comparison is not None
    for dialog in list(dialogs):
        dialog.close()
    panel.shutdown()
    return {
        "gui_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "gui_max_block_ms": evaluation_block,
        "gui_ticks": ticks,
        "gui_evaluated": float(evaluated),
        "gui_max_block_autosave_ms": autosave_block,
        "gui_max_block_compare_ms": compare_block,
        "gui_compared": float(compared),
    }


def run(n: int, repeats: int, probe: bool = True) -> dict[str, float | int | str]:
    app = QApplication.instance() or QApplication([])
    design = build_design(n)
    middle = design.actor(f"A{(n - n // 20) // 2}")
    centre = QPointF(middle.x, middle.y)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "scale.cluster", create=True)
        project.save_design(design)
        project.duplicate_design(DESIGN_NAME, f"{DESIGN_NAME} (scenario)")  # for Compare
        gui: dict[str, float] = {}
        if probe:
            child = subprocess.run(
                [sys.executable, __file__, "--probe", str(Path(tmp) / "scale.cluster")],
                capture_output=True,
                text=True,
                check=True,
            )
            gui = json.loads(child.stdout.strip().splitlines()[-1])
        del design
        gc.collect()
        canvas = Canvas(app)
        out: dict[str, float | int | str] = {"actors": n}
        out["open_ms"] = median_ms(lambda: canvas.open(project), repeats)
        view, scene, document = canvas.view, canvas.scene, canvas.document
        vp = view.viewport()
        fit(view, scene.diagram_rect())
        vp.repaint()
        out["repaint_out_ms"] = median_ms(painted(vp, vp.repaint), repeats)
        out["cold_repaint_out_ms"] = median_ms(painted(vp, lambda: cold_repaint(view)), repeats)
        zoom_in(view, centre)
        vp.repaint()
        out["repaint_in_ms"] = median_ms(painted(vp, vp.repaint), repeats)
        out["cold_repaint_in_ms"] = median_ms(painted(vp, lambda: cold_repaint(view)), repeats)
        (
            out["zoom_frame_ms"],
            out["zoom_settle_ms"],
            out["zoom_settle_in_ms"],
            out["zoom_settle_out_ms"],
        ) = measure_wheel_zoom(canvas, centre, repeats)
        zoom_in(view, centre)
        vp.repaint()
        out["drag_frame_ms"] = measure_drag(canvas, middle.id, repeats)
        out["pan_frame_ms"] = measure_pan(canvas, repeats)
        fit(view, scene.diagram_rect())
        app.processEvents()
        out["drag_frame_out_ms"] = measure_drag(canvas, middle.id, repeats)
        zoom_in(view, centre)
        app.processEvents()
        live = document.design
        step = [0.0]

        def move_and_save() -> None:
            step[0] = 5.0 if step[0] <= 0 else -5.0
            document.push(MoveActorsCommand(live, {middle.id: (middle.x + step[0], middle.y)}))
            project.save_design(live)

        out["save_move_ms"] = median_ms(move_and_save, repeats)
        rng = random.Random(3)
        moved = rng.sample(list(live.actors), min(1000, len(live.actors)))

        def push_layout() -> None:
            document.push(SetActorFieldsCommand(live, jitter(live, moved, rng, 30), "Layout"))
            app.processEvents()

        def undo_layout() -> None:
            document.undo_stack.undo()
            vp.repaint()

        out["undo_layout_ms"] = median_ms(painted(vp, undo_layout), repeats, before=push_layout)

        def push_layout_forgotten() -> None:  # the drawing from before the layout not kept
            push_layout()
            forget_kept(view)

        out["undo_layout_drawn_ms"] = median_ms(
            painted(vp, undo_layout), repeats, before=push_layout_forgotten
        )
        fit(view, scene.diagram_rect())
        vp.repaint()
        out["evaluate_ms"] = median_ms(lambda: evaluate(live), repeats)
        # The GUI process with the design open and evaluated (the target); this benchmark's
        # own process holds five opens, the generator and the naive scene besides.
        if gui:
            out["peak_rss_mb"] = gui["gui_peak_rss_mb"]
            out["max_gui_block_while_evaluating_ms"] = gui["gui_max_block_ms"]
            out["max_gui_block_opening_compare_ms"] = gui["gui_max_block_compare_ms"]
            out["max_gui_block_during_autosave_ms"] = gui["gui_max_block_autosave_ms"]
            if not (gui["gui_evaluated"] and gui["gui_compared"]):  # a wait ran out
                out["probe_incomplete"] = 1
        out["benchmark_process_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
        canvas.close()
        stored = project.load_design(DESIGN_NAME)
        naive = NaiveScene(stored)
        naive_view = QGraphicsView(naive.scene)
        naive_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        naive_view.resize(VIEW_W, VIEW_H)
        naive_view.show()
        app.processEvents()
        fit(naive_view, naive.scene.itemsBoundingRect())
        naive_view.viewport().repaint()
        naive_vp = naive_view.viewport()
        out["naive_repaint_out_ms"] = median_ms(painted(naive_vp, naive_vp.repaint), repeats)
        naive_view.close()
        project.close()
    out["naive_ratio_out"] = round(
        out["naive_repaint_out_ms"] / max(out["repaint_out_ms"], 1e-6), 1
    )
    for key, value in out.items():
        if key.endswith("_ms"):
            out[key] = round(value, 1)
    out["machine"] = (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()},"
        f" PySide6 {PySide6.__version__}, Qt platform {os.environ['QT_QPA_PLATFORM']}"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="wall-clock time (default) or the process's processor time (a busy machine)",
    )
    parser.add_argument(
        "--no-probe",
        action="store_true",
        help="skip the main-window process (memory and event-loop stalls)",
    )
    parser.add_argument(
        "--probe", type=Path, help=argparse.SUPPRESS
    )  # the child process of probe_gui
    args = parser.parse_args()
    if args.probe is not None:
        print(json.dumps(probe_gui(args.probe)))
        return
    global now
    now = CLOCKS[args.clock]
    result = run(args.actors, max(1, args.repeats), probe=not args.no_probe)
    result["clock"] = args.clock
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.actors} actors, {3 * args.actors} ties (medians)")
    for key, value in result.items():
        print(f"  {key:<22} {value}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
