"""The Concept tab beside the map, as a user meets it: the open design's numbers, kept up to
date while drawing, another design beside it on one scale, export and print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from cluster_designer.analysis.concept import concept_summary
from cluster_designer.gui.commands import AddItemsCommand
from cluster_designer.gui.printing.concept_figure import ConceptOptions
from cluster_designer.gui.printing.concept_page import print_concept_page
from cluster_designer.gui.printing.options import PageOptions
from cluster_designer.model import make_actor
from tests.gui.test_render import pdf_pages


def show_concept(window: Any, qtbot: Any) -> Any:
    view = window.concept_view
    window.canvas_tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: bool(view.shown_summaries()))
    return view


def test_the_tab_sits_beside_the_map(window: Any) -> None:
    tabs = window.canvas_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][:2] == ["Map", "Concept"]
    assert tabs.widget(0) is window.view
    assert window.centre.currentWidget() is tabs


def test_the_figure_follows_the_design(window: Any, qtbot: Any) -> None:
    view = show_concept(window, qtbot)
    design = window.document.design
    assert view.shown_summaries() == [concept_summary(design)]
    before = view.shown_summaries()[0].sector("company").actors
    window.document.push(
        AddItemsCommand(
            design, [make_actor(id="C9", name="New firm", sector="company", x=10, y=10)]
        )
    )
    qtbot.waitUntil(lambda: view.shown_summaries()[0].sector("company").actors == before + 1)
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: view.shown_summaries()[0].sector("company").actors == before)


def test_another_design_beside_it(window: Any, qtbot: Any) -> None:
    view = show_concept(window, qtbot)
    view.beside.showPopup()
    view.beside.hidePopup()
    other = [view.beside.itemData(i) for i in range(view.beside.count())]
    current = window.document.design.name
    assert current not in other and len(other) == 2  # "(no other design)" and the other one
    view.beside.setCurrentIndex(1)
    view.beside.activated.emit(1)
    qtbot.waitUntil(lambda: len(view.shown_summaries()) == 2)
    assert [s.design for s in view.shown_summaries()] == [other[1], current]
    view.beside.setCurrentIndex(0)
    view.beside.activated.emit(0)
    assert len(view.shown_summaries()) == 1


def test_export_and_print(window: Any, qtbot: Any, tmp_path: Path) -> None:
    view = show_concept(window, qtbot)
    view.subtypes.setChecked(True)
    assert view.options().subtypes
    for suffix in (".svg", ".pdf", ".png"):
        path = view.export_to(tmp_path / f"concept{suffix}")
        assert path is not None and path.stat().st_size > 0
    assert "national university 1" in (tmp_path / "concept.svg").read_text(encoding="utf-8")
    assert QImage(str(tmp_path / "concept.png")).width() > 1000
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    options = PageOptions(page_size="A3", landscape=True, author="山田")
    printer.setPageLayout(options.page_layout())
    print_concept_page(
        printer, window.document.design, view.shown_summaries(), ConceptOptions(), options
    )
    assert pdf_pages(tmp_path / "printed.pdf") == [(1191, 842)]  # A3 landscape, in points
