"""The Trend tab as a planner meets it: the designs with a year charted oldest first, the
metrics chosen, kept up to date when a year changes or designs come and go, PNG/SVG/print."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLineEdit, QWidget

from cluster_designer.analysis import evaluate
from cluster_designer.gui.commands import AddItemsCommand
from cluster_designer.model import make_actor
from cluster_designer.storage import Project
from tests.gui.window_fixtures import sample_design

SHOTS = os.environ.get("TREND_SHOTS")  # a folder: write screenshots there to look at them


def dated_project(path: Path) -> Path:
    """Today 2024, two plans for 2030 (stored out of order), a sketch without a year."""
    with Project.open(path, create=True) as project:
        for name, year, moved in (
            ("Plan B", 2030, 2),
            ("Today", 2024, 0),
            ("Plan A", 2030, 1),
            ("Sketch", None, 0),
        ):
            design = sample_design(name)
            design.set_meta(year=year)
            for actor_id in ("C1", "S1")[:moved]:
                design.update_actor(actor_id, origin="domestic")
            project.import_design(design)
    return path


@pytest.fixture
def dated_window(make_window: Any, tmp_path: Path) -> Any:
    window = make_window()
    assert window.open_project(str(dated_project(tmp_path / "timeline.cluster")))
    window.resize(1280, 860)
    window.show()
    return window


def show_trend(window: Any, qtbot: Any, count: int | None = None) -> Any:
    view = window.trend_view
    window.canvas_tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: not view.busy, timeout=20000)
    if count is not None:
        qtbot.waitUntil(lambda: len(view.points) == count, timeout=20000)
    return view


def shot(widget: Any, name: str) -> None:
    if SHOTS:
        widget.window().grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_tab_sits_beside_map_and_concept(window: Any) -> None:
    tabs = window.canvas_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Map", "Concept", "Trend"]


def test_designs_with_a_year_are_charted_oldest_first(dated_window: Any, qtbot: Any) -> None:
    view = show_trend(dated_window, qtbot, 3)
    # the open design is the first stored one; its year counts as it is now
    assert [(p.name, p.year) for p in view.points] == [
        ("Today", 2024),
        ("Plan A", 2030),
        ("Plan B", 2030),
    ]
    assert [p.metrics["arrivals.count"] for p in view.points] == [0, 1, 2]
    with Project.open(dated_window.document.project_path) as project:
        plan_b = project.load_design("Plan B")
    assert view.points[2].metrics == evaluate(plan_b).metrics()
    assert view.chosen == [
        "density.region",
        "inflows.count",
        "arrivals.count",
        "groups.triple_helix_share",
        "resilience.robustness",
    ]
    assert not view.note.isVisible() and view.scroll_area.isVisible()
    assert view.export_button.isEnabled() and view.print_button.isEnabled()
    shot(view, "trend-en")


def test_choosing_metrics(dated_window: Any, qtbot: Any) -> None:
    view = show_trend(dated_window, qtbot, 3)
    view.metric_actions["inflows.count"].setChecked(False)
    view.metric_actions["arrivals.share"].setChecked(True)
    assert "inflows.count" not in view.chosen and "arrivals.share" in view.chosen
    assert view.canvas.figure.metrics == tuple(view.chosen)
    for key in list(view.chosen):
        view.metric_actions[key].setChecked(False)
    assert view.note.isVisible() and "Metrics" in view.note.text()
    assert not view.export_button.isEnabled()


def test_a_new_year_and_a_new_design_refresh_the_chart(dated_window: Any, qtbot: Any) -> None:
    view = show_trend(dated_window, qtbot, 3)
    design = dated_window.document.design
    design.set_meta(year=2031)  # as the properties' Year does, through the model
    qtbot.waitUntil(lambda: view.points[-1].year == 2031, timeout=20000)
    assert view.points[-1].name == design.name
    assert [p.year for p in view.points] == [2024, 2030, 2031]
    # an edit of the open design reaches the chart too
    before = view.points[-1].metrics["actors.total"]
    dated_window.document.push(
        AddItemsCommand(design, [make_actor(id="C9", name="New firm", sector="company")])
    )
    qtbot.waitUntil(lambda: view.points[-1].metrics["actors.total"] == before + 1, timeout=20000)
    # a design added to the project (the Designs list is rebuilt) appears in its place
    with Project.open(dated_window.document.project_path) as project:
        extra = sample_design("Midway")
        extra.set_meta(year=2027)
        project.import_design(extra)
    dated_window.ops.refresh_designs()
    qtbot.waitUntil(lambda: "Midway" in [p.name for p in view.points], timeout=20000)
    assert [p.year for p in view.points] == sorted(p.year for p in view.points)


def test_a_project_without_years_says_how_to_give_one(window: Any, qtbot: Any) -> None:
    view = show_trend(window, qtbot)
    assert view.points == []
    assert view.note.isVisible() and not view.scroll_area.isVisible()
    text = view.note.text()
    assert "No design of this project has a year yet" in text and "design.year" in text
    if window.findChild(QWidget, "design_year") is not None:  # the properties' Year field
        assert "properties (Year)" in text
    assert not view.export_button.isEnabled() and not view.print_button.isEnabled()
    shot(view, "trend-no-years")


def test_export_png_and_svg(dated_window: Any, qtbot: Any, tmp_path: Path) -> None:
    view = show_trend(dated_window, qtbot, 3)
    png = view.export_to(tmp_path / "trend.png")
    svg = view.export_to(tmp_path / "trend.svg")
    assert png is not None and svg is not None
    image = QImage(str(png))
    assert image.width() >= 2000 and image.height() > 600
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    for words in ("Today", "Plan A", "Plan B", "Moved in from outside"):
        assert words in text, words
    assert "Sketch" not in text


def test_printing_draws_one_page(dated_window: Any, qtbot: Any, tmp_path: Path) -> None:
    view = show_trend(dated_window, qtbot, 3)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "trend.pdf"))
    view.print_to(printer)
    assert (tmp_path / "trend.pdf").stat().st_size > 1000


def test_the_trend_in_japanese(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    from cluster_designer import i18n

    i18n.set_language("ja")
    try:
        window = make_window()
        assert window.open_project(str(dated_project(tmp_path / "推移.cluster")))
        window.resize(1280, 860)
        window.show()
        view = show_trend(window, qtbot, 3)
        tabs = window.canvas_tabs
        assert tabs.tabText(tabs.indexOf(view)) == "推移"
        shot(view, "trend-ja")
    finally:
        i18n.set_language("en")


def test_a_year_typed_in_the_properties_puts_the_design_on_the_timeline(
    window: Any, qtbot: Any
) -> None:
    """The sample project has no years; typing one into the design's Year (one undoable
    edit) charts the open design, and undo takes it off again."""
    from tests.gui.test_properties_panel import retype

    view = show_trend(window, qtbot)
    assert view.points == []
    window.properties_panel.set_selection([])
    edit = window.findChild(QLineEdit, "design_year")
    assert edit is not None
    assert "properties (Year)" in view.note.text()
    retype(qtbot, edit, "2024")
    qtbot.waitUntil(lambda: [p.year for p in view.points] == [2024], timeout=20000)
    assert view.points[0].name == window.document.design.name
    assert "Only one design has a year" in view.note.text()
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: view.points == [], timeout=20000)
