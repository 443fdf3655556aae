"""The Evaluation panel: same numbers as `evaluate --json`, live updates, stale results, what-if."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView

from cluster_designer.analysis import diagnose, evaluate
from cluster_designer.gui.canvas import CanvasView, ClusterScene
from cluster_designer.gui.commands import AddItemsCommand, RemoveItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.gui.evaluation import EvaluationPanel
from cluster_designer.gui.evaluation.charts import ChartsPanel
from cluster_designer.gui.evaluation.formatting import ALL_METRICS, format_value
from cluster_designer.io import read_json
from cluster_designer.model import Design, make_actor, make_tie

SAMPLES = sorted((Path(__file__).parents[2] / "resources" / "sample").glob("*.json"))


def flat(node: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def open_panel(qtbot: Any, design: Design, **kwargs: Any) -> tuple[Document, EvaluationPanel]:
    doc = Document()
    doc.set_design(design)
    panel = EvaluationPanel(doc, **kwargs)
    qtbot.addWidget(panel)
    return doc, panel


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_panel_shows_the_numbers_of_evaluate_json(qtbot: Any, path: Path) -> None:
    design = read_json(path)
    _, panel = open_panel(qtbot, design)
    expected = flat(evaluate(design).to_dict())
    for key in ALL_METRICS:
        assert panel.metrics.value_text(key) == format_value(key, expected[key]), key
    # Spot checks independent of the shared formatter.
    assert panel.metrics.value_text("density.overall") == f"{expected['density.overall']:.3f}"
    assert panel.metrics.value_text("actors.total") == str(expected["actors.total"])
    share = expected["components.largest_share"]
    assert panel.metrics.value_text("components.largest_share") == f"{share * 100:.0f}\u00a0%"
    assert f"<b>{diagnose(evaluate(design)).pattern.title}</b>" in panel.diagnosis_label.text()
    for broker in evaluate(design).brokers:
        if broker.betweenness > 0:
            assert broker.name in panel.brokers_label.text()


def small_design() -> Design:
    d = Design("Small", region="浜松")
    d.add_actors(
        [
            make_actor(id="U1", name="静岡大学", sector="university"),
            make_actor(id="C1", name="Hamana Motors", sector="company"),
            make_actor(id="C2", name="Enshu Parts", sector="company"),
            make_actor(id="S1", name="浜松市", sector="support"),
            make_actor(id="D1", name="Tokyo Fund", sector="support", location="domestic"),
        ]
    )
    d.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration"),
            make_tie(source="C1", target="C2", kind="collaboration"),
            make_tie(source="D1", target="C1", kind="funding", weight=5),
        ]
    )
    return d


def test_an_edit_updates_the_panel_after_a_short_pause(qtbot: Any) -> None:
    doc, panel = open_panel(qtbot, small_design(), debounce_ms=30)
    assert panel.metrics.value_text("ties.total") == "3"
    doc.push(
        AddItemsCommand(doc.design, [], [make_tie(source="S1", target="U1", kind="information")])
    )
    assert panel.metrics.value_text("ties.total") == "3"  # debounced, not recomputed per keystroke
    with qtbot.waitSignal(panel.updated, timeout=3000):
        pass
    assert panel.metrics.value_text("ties.total") == "4"
    assert panel.metrics.value_text("components.isolates") == "0"


def test_a_result_for_an_older_design_never_overwrites_a_newer_one(qtbot: Any) -> None:
    doc, panel = open_panel(qtbot, small_design())
    runner = panel.runner
    job1 = runner.prepare(doc.design)
    doc.design.add_actors([make_actor(id="C3", name="New firm", sector="company")])
    job2 = runner.prepare(doc.design)
    assert runner.deliver(job2.compute()) is True
    assert runner.deliver(job1.compute()) is False
    assert panel.metrics.value_text("actors.total") == "6"
    assert panel.metrics.value_text("components.isolates") == "2"


def test_big_designs_are_evaluated_in_the_background_with_a_busy_indicator(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from cluster_designer.gui.evaluation import worker

    # A run that lasts until the test has seen the indicator (in the thread pool, which is
    # also what runs when no worker process can start).
    release = threading.Event()
    compute = worker.EvaluationJob.compute

    def held(job: Any, cancelled: Any = None) -> Any:
        if threading.current_thread() is not threading.main_thread():
            release.wait(30)
        return compute(job, cancelled)

    monkeypatch.setattr(worker, "process_pool", lambda: None)
    monkeypatch.setattr(worker.EvaluationJob, "compute", held)
    design = read_json(SAMPLES[0])
    doc, panel = open_panel(qtbot, Design("Empty"), background_min_actors=10, busy_delay_ms=0)
    panel.show()
    with qtbot.waitSignal(panel.updated, timeout=60000):
        doc.set_design(design)
        assert panel.is_busy
        qtbot.waitUntil(panel.busy_bar.isVisible)
        release.set()
    assert not panel.busy_bar.isVisible()
    assert panel.metrics.value_text("actors.total") == str(len(design))


def test_the_busy_indicator_waits_until_the_design_is_packed_for_the_process(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Showing it lays the whole panel out again; while a thread packs a big design, each of
    the window's calls into Python waits for the lock (a 75 ms stall at 50,000 actors)."""
    import threading

    from cluster_designer.gui.evaluation import worker

    packed = threading.Event()
    pack = worker.pack_snapshot

    def held(snapshot: Any) -> Any:
        packed.wait(30)
        return pack(snapshot)

    monkeypatch.setattr(worker, "pack_snapshot", held)
    design = read_json(SAMPLES[0])
    doc, panel = open_panel(qtbot, Design("Empty"), busy_delay_ms=0)
    panel.runner.process_min_actors = 1
    panel.show()
    try:
        with qtbot.waitSignal(panel.updated, timeout=120_000):
            doc.set_design(design)
            qtbot.waitUntil(lambda: panel.runner.packing)
            for _ in range(20):
                qtbot.wait(5)
                assert not panel.busy_bar.isVisible()
            packed.set()
            qtbot.waitUntil(lambda: not panel.runner.packing, timeout=60_000)
        assert panel.metrics.value_text("actors.total") == str(len(design))
    finally:
        packed.set()
        worker.stop_process_pool()


def test_background_result_for_a_replaced_design_is_dropped(qtbot: Any) -> None:
    big = read_json(SAMPLES[0])
    doc, panel = open_panel(qtbot, small_design(), background_min_actors=10)
    runner = panel.runner
    stale = runner.prepare(big)
    doc.set_design(small_design())  # small: evaluated at once, newer generation
    assert runner.deliver(stale.compute()) is False
    assert panel.metrics.value_text("actors.total") == "5"


def test_undefined_metrics_show_a_dash_and_why(qtbot: Any) -> None:
    d = small_design()
    d.remove_actors(["U1"])
    _, panel = open_panel(qtbot, d)
    assert panel.metrics.value_text("density.sector_blocks.company-university") == "—"
    assert "No universities in the region" in panel.metrics.note_text(
        "density.sector_blocks.company-university"
    )
    assert panel.metrics.value_text("density.sector_blocks.company-company") == "1.000"


@pytest.fixture
def canvas_panel(qtbot: Any) -> tuple[Document, ClusterScene, CanvasView, EvaluationPanel]:
    doc = Document()
    doc.set_design(small_design())
    scene = ClusterScene(doc)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    panel = EvaluationPanel(doc, scene, view)
    qtbot.addWidget(panel)
    return doc, scene, view, panel


def test_overlay_controls_change_the_canvas(canvas_panel: Any) -> None:
    doc, scene, _view, panel = canvas_panel
    item = scene.items_by_id
    normal = item["U1"].radius
    panel.size_combo.setCurrentIndex(panel.size_combo.findData("degree"))
    assert item["C1"].radius > normal > item["S1"].radius  # hub larger, isolate smaller
    panel.brokers_check.setChecked(True)
    assert item["C1"].highlighted and not item["U1"].highlighted
    panel.isolates_check.setChecked(True)
    assert item["S1"].highlighted
    panel.brokers_check.setChecked(False)
    assert not item["C1"].highlighted and item["S1"].highlighted
    panel.inflows_check.setChecked(True)
    funding = next(u for u, t in doc.design.ties.items() if t.kind.value == "funding")
    assert panel.overlay.merged().highlight_ties == {funding}


def test_clicking_a_broker_selects_and_centres_it(canvas_panel: Any, qtbot: Any) -> None:
    _doc, scene, view, panel = canvas_panel
    with qtbot.waitSignal(panel.actorActivated) as signal:
        panel.brokers_label.linkActivated.emit("actor:0")  # the first link is the top broker
    assert signal.args == ["C1"]
    assert scene.selected_actor_ids() == ["C1"]
    assert isinstance(view, QGraphicsView)


def test_what_if_hides_on_a_copy_and_leaves_the_design_alone(canvas_panel: Any, qtbot: Any) -> None:
    doc, scene, _view, panel = canvas_panel
    before = doc.design.copy()
    assert not panel.hide_button.isEnabled()  # nothing selected: nothing to hide
    scene.select_ids(["C1"])
    assert panel.hide_button.isEnabled()
    with qtbot.waitSignal(panel.whatifUpdated):
        qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert doc.design.same_content(before)
    assert doc.undo_stack.count() == 0
    assert panel.metrics.value_text("actors.total") == "5"
    assert panel.metrics.whatif_text("actors.total") == "4"
    assert panel.metrics.delta_text("actors.total") == "-1"
    assert panel.metrics.whatif_text("ties.total") == "0"
    assert panel.metrics.delta_text("ties.total").startswith("-3 ▼")  # fewer ties: worse
    assert scene.items_by_id["C1"].dimmed and not scene.items_by_id["U1"].dimmed
    assert panel.metrics.rows["actors.total"].whatif.isVisibleTo(panel)
    with qtbot.waitSignal(panel.whatifUpdated) as signal:
        panel.reset_whatif()
    assert signal.args == [None]
    assert not scene.items_by_id["C1"].dimmed
    assert not panel.metrics.rows["actors.total"].whatif.isVisibleTo(panel)


def test_what_if_follows_edits_of_the_real_design(canvas_panel: Any, qtbot: Any) -> None:
    doc, _scene, _view, panel = canvas_panel
    panel.timer.setInterval(10)
    with qtbot.waitSignal(panel.whatifUpdated):
        panel.hide_temporarily(["S1"])
    doc.push(RemoveItemsCommand(doc.design, ["C2"]))
    with qtbot.waitSignal(panel.whatifUpdated, timeout=3000):
        pass
    assert panel.metrics.value_text("actors.total") == "4"
    assert panel.metrics.whatif_text("actors.total") == "3"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_charts_show_the_evaluation(qtbot: Any, path: Path) -> None:
    ev = evaluate(read_json(path))
    charts = ChartsPanel()
    qtbot.addWidget(charts)
    charts.show_evaluation(ev)
    assert charts.blocks is None  # not on screen: built and drawn when it comes to the front
    charts.show()
    qtbot.waitUntil(lambda: charts.blocks is not None and charts.blocks.cell_texts != [])
    blocks = ev.density.sector_blocks
    texts = charts.blocks.cell_texts
    assert texts[1][0] == format_value("x", blocks["company-university"])
    assert texts[0][1] == texts[1][0]  # symmetric matrix
    assert texts[2][2] == (
        "—" if blocks["support-support"] is None else f"{blocks['support-support']:.3f}"
    )
    assert charts.inflows.value_texts["count"] == [
        f"{ev.inflows.by_kind[k]:,}" for k in ev.inflows.by_kind
    ]
    assert charts.degrees.bars == dict(ev.degree_distribution)


def test_very_big_designs_go_to_a_worker_process_and_only_the_newest_result_arrives(
    qtbot: Any,
) -> None:
    from cluster_designer.gui.evaluation import worker

    older, newer = read_json(SAMPLES[0]), read_json(SAMPLES[1])
    runner = worker.EvaluationRunner(background_min_actors=1, process_min_actors=1)
    results: list[Any] = []
    runner.finished.connect(results.append)
    try:
        with qtbot.waitSignal(runner.finished, timeout=120_000):
            runner.request(older)
            assert worker._pool is not None and runner.busy  # in the process, not on this thread
            latest = runner.request(newer)  # waits for the process; the older result is stale
        qtbot.waitUntil(lambda: runner._running is None, timeout=120_000)
        assert [r.generation for r in results] == [latest]
        assert results[0].evaluation == evaluate(newer) and not runner.busy
    finally:
        worker.stop_process_pool()


def test_without_a_worker_process_the_thread_pool_evaluates(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cluster_designer.gui.evaluation import worker

    class Refusing:
        def submit(self, *_args: Any) -> None:
            raise RuntimeError("cannot start new processes")

    monkeypatch.setattr(worker, "process_pool", Refusing)
    monkeypatch.setattr(worker, "stop_process_pool", lambda broken=False: None)
    design = read_json(SAMPLES[0])
    runner = worker.EvaluationRunner(background_min_actors=1, process_min_actors=1)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as got:
        runner.request(design)
    assert got.args[0].evaluation == evaluate(design)
    runner.shutdown()


def test_the_cut_off_actors_of_a_split_network_are_links_to_the_map(qtbot: Any) -> None:
    design = Design("Split")
    design.add_actors(
        [
            make_actor(id="U1", name="Aoba University", sector="university", x=0, y=0),
            make_actor(id="C1", name="Aoba Motors", sector="company", x=100, y=0),
            make_actor(id="C2", name="Aoba Rubber", sector="company", x=50, y=90),
            make_actor(id="C3", name="Far <Firm> & Co", sector="company", x=900, y=600),
            make_actor(id="S1", name="Far Office", sector="support", x=1000, y=650),
        ]
    )
    design.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration"),
            make_tie(source="C1", target="C2", kind="collaboration"),
            make_tie(source="U1", target="C2", kind="collaboration"),
            make_tie(source="C3", target="S1", kind="collaboration"),
        ]
    )
    doc = Document()
    doc.set_design(design)
    scene = ClusterScene(doc)
    view = CanvasView(scene)
    view.resize(500, 400)
    qtbot.addWidget(view)
    view.show()
    panel = EvaluationPanel(doc, scene, view)
    qtbot.addWidget(panel)
    html = panel.diagnosis_label.text()
    links = {
        escape_free(name): href for href, name in re.findall(r"<a href='([^']+)'>(.*?)</a>", html)
    }
    assert set(links) >= {"Far <Firm> & Co", "Far Office"}, html
    assert "Aoba Motors" not in links  # only the cut-off actors
    for actor_id, name in (("S1", "Far Office"), ("C3", "Far <Firm> & Co")):
        with qtbot.waitSignal(panel.actorActivated) as signal:
            panel.diagnosis_label.linkActivated.emit(links[name])
        assert signal.args == [actor_id]
        assert scene.selected_actor_ids() == [actor_id]
        centre = view.mapToScene(view.viewport().rect().center())
        x, y = scene.actor_pos(actor_id)
        assert abs(centre.x() - x) < 5 and abs(centre.y() - y) < 5
    # the brokers' links still lead to their actors too
    broker = re.search(r"<a href='([^']+)'>Aoba", panel.brokers_label.text())
    if broker is not None:
        with qtbot.waitSignal(panel.actorActivated) as signal:
            panel.brokers_label.linkActivated.emit(broker.group(1))
        assert signal.args[0] in {"U1", "C1", "C2"}


def escape_free(text: str) -> str:
    return html_lib.unescape(text)
