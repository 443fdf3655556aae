"""The Compare view: the same differences as `compare --json`, verdicts, CSV, canvas marks."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cluster_designer.analysis import compare
from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.document import Document
from cluster_designer.gui.evaluation import CanvasOverlay, CompareDialog
from cluster_designer.gui.evaluation.compare_data import ADDED_COLOR, CHANGED_COLOR
from cluster_designer.io import read_json
from cluster_designer.model import Design, make_actor
from cluster_designer.storage import Project

SAMPLE = Path(__file__).parents[2] / "resources" / "sample"


@pytest.fixture
def samples() -> tuple[Design, Design]:
    return read_json(SAMPLE / "company_town.json"), read_json(SAMPLE / "knowledge_cluster.json")


@pytest.fixture
def project(tmp_path: Path, samples: tuple[Design, Design]) -> Iterator[Project]:
    with Project.open(tmp_path / "p.cluster", create=True) as p:
        for d in samples:
            p.import_design(d)
        yield p


def make_dialog(
    qtbot: Any, project: Project, current: Design | None, **kwargs: Any
) -> CompareDialog:
    dialog = CompareDialog(project, current, **kwargs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    return dialog


def test_lists_exactly_the_differences_compare_lists(
    qtbot: Any, project: Project, samples: Any
) -> None:
    a, b = samples
    dialog = make_dialog(qtbot, project, None)
    dialog.set_chosen([a.name, b.name], a=a.name, b=b.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    expected = compare(a, b).to_dict()
    for item, group in (("actor", "actors"), ("tie", "ties")):
        for change in ("added", "removed", "changed"):
            ids = [r.id for r in dialog.rows if r.item == item and r.change == change]
            want = (
                expected[group][change]
                if item == "actor"
                else ["|".join(k) for k in expected[group][change]]
            )
            assert ids == want, (item, change)
    listed = dialog.differences.structural_texts()
    assert len(listed["Actors added"]) == len(expected["actors"]["added"])
    assert "ミライ農研" in listed["Actors added"]
    assert len(listed["Ties removed"]) == len(expected["ties"]["removed"])
    assert dialog.table.value_text("actors.total", 1) == str(len(a))
    assert dialog.table.value_text("actors.total", 2) == str(len(b))


def test_verdicts_follow_the_better_direction(qtbot: Any, project: Project, samples: Any) -> None:
    a, b = samples
    dialog = make_dialog(qtbot, project, None)
    dialog.set_chosen([a.name, b.name], a=a.name, b=b.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    # Centralization falls from company town to cluster: lower is better.
    assert dialog.table.value_text("centralization.degree", 3).startswith("-")
    assert dialog.table.value_text("centralization.degree", 4) == "▲ better"
    assert dialog.table.value_text("density.region", 4) == "▲ better"
    dialog.set_chosen([a.name, b.name], a=b.name, b=a.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.table.value_text("density.region", 4) == "▼ worse"
    assert dialog.table.value_text("actors.total", 4) == ""  # no better direction: no verdict


def test_csv_export_holds_metrics_then_structure(
    qtbot: Any, project: Project, samples: Any, tmp_path: Path
) -> None:
    a, b = samples
    dialog = make_dialog(qtbot, project, None)
    dialog.set_chosen([a.name, b.name], a=a.name, b=b.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    out = tmp_path / "cmp.csv"
    dialog.export_csv(str(out))
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[0] == ["metric", "label", "A", "B", "delta", "better/worse"]
    assert rows[1][2:4] == [a.name, b.name]
    cmp = compare(a, b)
    by_key = {r[0]: r for r in rows[2:] if r and r[0] in cmp.metrics}
    assert set(by_key) == set(cmp.metrics)
    dens = by_key["density.region"]
    assert float(dens[2]) == cmp.metrics["density.region"].a
    assert float(dens[4]) == pytest.approx(cmp.metrics["density.region"].delta)
    assert dens[5] == "better"
    start = rows.index(["item", "change", "id", "name", "kind", "details", "matched by", "id in A"])
    structure = rows[start + 1 :]
    d = cmp.to_dict()
    assert len(structure) == sum(
        len(d[g][c]) for g in ("actors", "ties") for c in ("added", "removed", "changed")
    )
    assert ["actor", "added", "C34", "ミライ農研", "Company", "In the region", "", ""] in structure


def test_open_design_counts_with_its_unsaved_edits_and_marks_the_canvas(
    qtbot: Any, project: Project, samples: Any
) -> None:
    a, b = samples
    doc = Document()
    doc.set_design(project.load_design(b.name))
    doc.design.add_actors([make_actor(id="X1", name="新しい会社", sector="company")])
    scene = ClusterScene(doc)
    overlay = CanvasOverlay(scene)
    dialog = make_dialog(qtbot, project, doc.design, overlay=overlay)
    dialog.show()
    dialog.set_chosen([a.name, b.name], a=a.name, b=b.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert "X1" in dialog.comparison.actors_added
    assert dialog.show_button.isEnabled()
    dialog.show_on_canvas()
    items = scene.items_by_id
    assert items["X1"].fill_override == ADDED_COLOR and items["X1"].highlighted
    changed = dialog.comparison.actors_changed[0]
    assert items[changed].fill_override == CHANGED_COLOR
    untouched = next(
        i
        for i in items
        if i not in dialog.comparison.actors_added and i not in dialog.comparison.actors_changed
    )
    assert items[untouched].fill_override is None and not items[untouched].highlighted
    dialog.close()
    assert items["X1"].fill_override is None  # closing the view removes its marks
    assert doc.undo_stack.count() == 0


def test_needs_two_different_designs(qtbot: Any, project: Project, samples: Any) -> None:
    a, _b = samples
    dialog = make_dialog(qtbot, project, None)
    dialog.set_chosen([a.name])
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.comparison is None
    assert not dialog.export_button.isEnabled()
    assert "at least two" in dialog.status.text()


def test_ticking_a_third_design_and_picking_it_at_once(
    qtbot: Any, project: Project, samples: Any
) -> None:
    """It raised KeyError (seen only in the log); now the table follows, A and B named."""
    from PySide6.QtCore import Qt

    a, b = samples
    project.duplicate_design(b.name, "Plan B")
    dialog = make_dialog(qtbot, project, None)
    dialog.resize(900, 600)
    dialog.show()
    dialog.set_chosen([a.name, b.name], a=a.name, b=b.name)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    errors: list[BaseException] = []
    import sys

    hook, sys.excepthook = sys.excepthook, lambda *exc: errors.append(exc[1])
    try:
        item = next(
            dialog.list.item(i)
            for i in range(dialog.list.count())
            if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == "Plan B"
        )
        item.setCheckState(Qt.CheckState.Checked)
        dialog.b_combo.setCurrentIndex(dialog.b_combo.findData("Plan B"))
        qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    finally:
        sys.excepthook = hook
    assert errors == []
    assert dialog.comparison is not None and dialog.comparison.b == "Plan B"
    headers = [dialog.table.heading(c) for c in range(dialog.table.columnCount())]
    assert headers[1] == f"A\n{a.name}" and "B\nPlan B" in headers
    assert headers[-2] == "Change\nB − A"
    # The metric column keeps its names readable with three designs.
    metric = dialog.table.item(2, 0).text()
    width = dialog.table.fontMetrics().horizontalAdvance(metric)
    assert dialog.table.columnWidth(0) >= width


def test_ticking_a_design_never_waits_for_its_evaluation(
    qtbot: Any, project: Project, samples: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading and evaluating run off the window's thread: a slow one leaves it responsive."""
    import time

    from PySide6.QtCore import Qt

    from cluster_designer.gui.evaluation import compare_work

    _a, b = samples
    project.duplicate_design(b.name, "Plan C")
    dialog = make_dialog(qtbot, project, None)
    slow = compare_work.evaluate_anywhere

    def slower(design: Any) -> Any:
        time.sleep(1.0)
        return slow(design)

    monkeypatch.setattr(compare_work, "evaluate_anywhere", slower)
    item = next(
        dialog.list.item(i)
        for i in range(dialog.list.count())
        if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == "Plan C"
    )
    started = time.perf_counter()
    item.setCheckState(Qt.CheckState.Checked)
    assert time.perf_counter() - started < 0.5
    assert not dialog.ready and "Evaluating 1 design" in dialog.status.text()
    assert dialog.table.value_text("actors.total", 3) == "…"
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.table.value_text("actors.total", 3) == "55"


def test_compare_evaluates_big_designs_in_the_process_with_the_same_numbers(
    qtbot: Any, samples: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big designs go to the evaluation process as packed rows and come back in pieces (no
    single pickling call holds Python's lock against the window): the numbers are those of
    evaluating here."""
    from cluster_designer.analysis import evaluate
    from cluster_designer.gui.evaluation import compare_work, worker

    design, _b = samples
    monkeypatch.setattr(compare_work, "PROCESS_MIN_ACTORS", 1)
    try:
        assert compare_work.evaluate_anywhere(design) == evaluate(design)
        assert worker._pool is not None  # it went to the process
    finally:
        worker.stop_process_pool()


def test_a_long_design_name_is_elided_in_its_column_heading_and_whole_in_its_tooltip(
    qtbot: Any, samples: Any
) -> None:
    from cluster_designer.analysis import evaluate
    from cluster_designer.gui.evaluation.compare_table import MetricsTable

    table = MetricsTable()
    qtbot.addWidget(table)
    table.resize(1100, 600)
    table.show()
    long_a, long_b = (
        "知的クラスター計画（2030年）浜松・磐田地域 第二次",
        "Company town of 2024, as surveyed",
    )
    evaluations = {long_a: evaluate(samples[0]), long_b: evaluate(samples[1])}
    table.fill([long_a, long_b], evaluations, long_a, long_b)
    metrics = table.horizontalHeader().fontMetrics()
    for column, name in ((1, long_a), (2, long_b)):
        item = table.horizontalHeaderItem(column)
        assert name in item.toolTip()
        lines = item.text().split("\n")
        assert lines[1] != name and lines[1].endswith("…")  # 120 px hold neither name
        assert all(metrics.horizontalAdvance(line) < table.columnWidth(column) for line in lines)
    table.setColumnWidth(1, 600)  # the planner widens the column: the whole name shows
    assert table.horizontalHeaderItem(1).text().split("\n")[1] == long_a
