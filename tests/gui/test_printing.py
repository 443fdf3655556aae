"""Printing as a user meets it: the options, the pages a printer gets, and the File menu entries."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QMenu

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.canvas.legend import feature_notes
from cluster_designer.gui.document import Document
from cluster_designer.gui.printing import (
    PageComposer,
    PageOptions,
    PngOptions,
    PngOptionsDialog,
    PrintOptionsDialog,
    PrintOptionsError,
    SheetInfo,
    install_printing,
    make_printer,
    sheet,
)
from cluster_designer.gui.printing import controller as printing_controller
from cluster_designer.model import Origin, make_group
from tests.gui.test_render import A4_LANDSCAPE, pdf_pages
from tests.gui.window_fixtures import Answers, sample_design


@pytest.fixture
def scene(qtbot: Any) -> ClusterScene:
    document = Document()
    document.set_design(sample_design("浜松の今"))
    return ClusterScene(document)


def pdf_printer(options: PageOptions, path: Path) -> QPrinter:
    printer = make_printer(options, "test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_bad_options_are_refused_with_a_clear_message() -> None:
    with pytest.raises(PrintOptionsError, match="page size 'B5' is not one of A4, A3, Letter"):
        PageOptions(page_size="B5")
    with pytest.raises(PrintOptionsError, match="poster columns 0"):
        PageOptions(poster_columns=0)
    with pytest.raises(PrintOptionsError, match="margin 1 mm"):
        PageOptions(margin_mm=1)


def test_page_layout_carries_paper_orientation_and_margins() -> None:
    layout = PageOptions(page_size="A3", landscape=False, margin_mm=15).page_layout()
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    size = layout.fullRect(QPageLayout.Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (297, 420)
    assert round(layout.margins(QPageLayout.Unit.Millimeter).left()) == 15


def test_printer_receives_diagram_and_metrics_pages(scene: ClusterScene, tmp_path: Path) -> None:
    plain = PageOptions()
    info = SheetInfo.for_design(scene.design, "企画課", "")
    assert PageComposer(scene, plain, info).paint(pdf_printer(plain, tmp_path / "a.pdf")) == 1
    assert pdf_pages(tmp_path / "a.pdf") == [A4_LANDSCAPE]
    extra = plain.with_changes(include_metrics=True, page_size="Letter", landscape=False)
    printer = pdf_printer(extra, tmp_path / "b.pdf")
    composer = PageComposer(scene, extra, info)
    assert composer.page_count(printer) == 2
    assert composer.paint(printer) == 2
    assert pdf_pages(tmp_path / "b.pdf") == [(612, 792)] * 2


def test_poster_prints_one_page_per_tile(scene: ClusterScene, tmp_path: Path) -> None:
    options = PageOptions(poster_columns=2, poster_rows=3, overlap_mm=12)
    printer = pdf_printer(options, tmp_path / "poster.pdf")
    assert PageComposer(scene, options, SheetInfo.for_design(scene.design)).paint(printer) == 6
    assert pdf_pages(tmp_path / "poster.pdf") == [A4_LANDSCAPE] * 6


def test_page_shows_the_diagram_not_the_selection_or_grid(scene: ClusterScene) -> None:
    """A page painted with a selection and the grid on equals one painted without them."""
    composer = PageComposer(scene, PageOptions(), SheetInfo("Same", date="2030-01-01"))

    def page() -> QImage:
        image = QImage(1123, 794, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        composer.paint_sheet(
            painter, QRectF(0, 0, image.width(), image.height()), 96 / 25.4, "Page 1 of 1"
        )
        painter.end()
        return image

    clean = page()
    scene.select_ids(["U1", "C1"])
    scene.set_grid_visible(True)
    assert page() == clean
    assert scene.selected_actor_ids() == ["U1", "C1"]  # the canvas keeps its selection
    scene.design.update_actor("U1", name="静岡大学 浜松キャンパス")
    assert page() != clean  # and the page does follow the design


def test_options_dialog_gives_back_what_the_user_set(qtbot: Any) -> None:
    dialog = PrintOptionsDialog(PageOptions())
    qtbot.addWidget(dialog)
    dialog.page_size.setCurrentText("A3")
    dialog.orientation.setCurrentIndex(1)
    dialog.author.setText("浜松市 企画課")
    dialog.metrics.setChecked(True)
    dialog.poster.setChecked(True)
    dialog.columns.setValue(3)
    dialog.rows.setValue(2)
    chosen = dialog.options()
    assert (chosen.page_size, chosen.landscape, chosen.author) == ("A3", False, "浜松市 企画課")
    assert chosen.include_metrics and (chosen.poster_columns, chosen.poster_rows) == (3, 2)
    dialog.poster.setChecked(False)
    assert not dialog.options().is_poster


def test_png_dialog_switches_between_dpi_and_width(qtbot: Any) -> None:
    dialog = PngOptionsDialog(PngOptions(dpi=200))
    qtbot.addWidget(dialog)
    assert dialog.options() == PngOptions(dpi=200, width_px=None)
    assert not dialog.width_px.isEnabled()
    dialog.by_width.setChecked(True)
    dialog.width_px.setValue(2400)
    dialog.transparent.setChecked(True)
    assert dialog.options() == PngOptions(dpi=200, width_px=2400, transparent=True)
    assert dialog.width_px.isEnabled() and not dialog.dpi.isEnabled()


# --- in the main window --------------------------------------------------------------------
def file_menu_names(window: Any) -> list[str]:
    menu = window.findChild(QMenu, "menu_file")
    return [
        a.menu().objectName() if a.menu() else a.objectName()
        for a in menu.actions()
        if not a.isSeparator()
    ]


def test_file_menu_gets_print_and_export_entries_once(window: Any) -> None:
    install_printing(window)
    install_printing(window)
    names = file_menu_names(window)
    for name in ("file_page_setup", "file_print_preview", "file_print", "menu_export_diagram"):
        assert names.count(name) == 1
    assert names.index("menu_export_diagram") < names.index("file_quit")
    print_action = window.findChild(QAction, "file_print")
    assert QKeySequence("Ctrl+P") in print_action.shortcuts()
    export_menu = window.findChild(QMenu, "menu_export_diagram")
    assert [a.objectName() for a in export_menu.actions()] == [
        "file_export_pdf",
        "file_export_svg",
        "file_export_png",
    ]


def test_actions_follow_whether_a_design_is_open(window: Any) -> None:
    controller = install_printing(window)
    window.document.set_design(None)
    assert not controller.actions["file_print"].isEnabled()
    window.document.set_design(sample_design("Plan"))
    assert all(a.isEnabled() for a in controller.actions.values())


def test_export_actions_write_the_files_the_user_named(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = install_printing(window)
    window.document.set_design(sample_design("Plan 2030"))
    paths = iter([tmp_path / "plan", tmp_path / "plan.svg", tmp_path / "plan.png"])
    monkeypatch.setattr(printing_controller, "ask_save_path", lambda *a: str(next(paths)))
    monkeypatch.setattr(
        printing_controller,
        "ask_print_options",
        lambda _w, options, *_a: options.with_changes(include_metrics=True, author="山田"),
    )
    monkeypatch.setattr(
        printing_controller, "ask_png_options", lambda *_a: PngOptions(width_px=640)
    )
    window.findChild(QAction, "file_export_pdf").trigger()
    assert (
        pdf_pages(tmp_path / "plan.pdf") == [A4_LANDSCAPE] * 2
    )  # ".pdf" added; metrics page as chosen
    window.findChild(QAction, "file_export_svg").trigger()
    assert "Hamana Motors" in (tmp_path / "plan.svg").read_text(encoding="utf-8")
    window.findChild(QAction, "file_export_png").trigger()
    assert QImage(str(tmp_path / "plan.png")).width() == 640
    assert "plan.png" in window.statusBar().currentMessage()
    assert controller.options.author == "山田"  # remembered for the next print


def test_failed_export_is_reported_in_one_message(
    window: Any,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install_printing(window)
    window.document.set_design(sample_design("Plan"))
    monkeypatch.setattr(
        printing_controller, "ask_save_path", lambda *a: str(tmp_path / "nowhere" / "x.svg")
    )
    window.findChild(QAction, "file_export_svg").trigger()
    assert len(answers.warnings) == 1 and re.search(
        r"Export failed: .*x\.svg.*does not exist", answers.warnings[0]
    )


def test_preview_shows_every_page(window: Any, qtbot: Any) -> None:
    controller = install_printing(window)
    window.document.set_design(sample_design("Plan"))
    controller.options = PageOptions(poster_columns=2, poster_rows=2)
    dialog = controller.preview_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 4)
    dialog.close()


def test_metrics_page_never_evaluates_on_the_windows_thread(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    """The printed metrics page takes the Evaluation panel's numbers when they are up to
    date, and otherwise has the design evaluated off the window's thread first."""
    from cluster_designer.gui.printing import metrics_page

    controller = install_printing(window)
    panel = window.evaluation_ui.panel
    window.document.set_design(sample_design("Plan 2030"))
    qtbot.waitUntil(lambda: panel.result is not None and not panel.timer.isActive())

    def no_evaluation(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("evaluated on the window's thread")

    monkeypatch.setattr(metrics_page, "evaluate", no_evaluation)
    monkeypatch.setattr(printing_controller, "ask_save_path", lambda *a: str(tmp_path / "m.pdf"))
    monkeypatch.setattr(
        printing_controller,
        "ask_print_options",
        lambda _w, options, *_a: options.with_changes(include_metrics=True),
    )
    window.findChild(QAction, "file_export_pdf").trigger()
    assert len(pdf_pages(tmp_path / "m.pdf")) == 2
    # An edit the panel has not evaluated yet: the controller's own background run is used.
    design = window.document.design
    design.update_actor(next(iter(design.actors)), name="Renamed for print")
    assert panel.timer.isActive()
    controller.runner.background_min_actors = 0  # even this small design goes to a worker
    controller.runner.process_min_actors = 10**9
    monkeypatch.setattr(printing_controller, "ask_save_path", lambda *a: str(tmp_path / "n.pdf"))
    window.findChild(QAction, "file_export_pdf").trigger()
    qtbot.waitUntil((tmp_path / "n.pdf").exists, timeout=10_000)


def _page_text(scene: ClusterScene, path: Path) -> str:
    options = PageOptions()
    PageComposer(scene, options, SheetInfo.for_design(scene.design)).paint(
        pdf_printer(options, path)
    )
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", done.stdout).split())  # ﬀ ligatures


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is not installed")
def test_printed_legend_lists_groups_and_origins_the_page_shows(qtbot: Any, tmp_path: Path) -> None:
    document = Document()
    document.set_design(sample_design())
    scene = ClusterScene(document)
    plain = _page_text(scene, tmp_path / "plain.pdf")
    assert "LEGEND" in plain and "Group (outline)" not in plain and "Spin-off" not in plain
    design = document.design
    design.add_group(make_group(id="G1", name="Consortium", members=("U1", "C1")))
    design.update_actor("C1", origin=Origin.OVERSEAS)
    design.update_actor("S1", origin=Origin.SPIN_OFF, parent="U1")
    scene.set_groups_visible(True)
    scene.set_origins_visible(True)
    shown = _page_text(scene, tmp_path / "shown.pdf")
    for label in ("Group (outline)", "Moved in from abroad", "Spin-off – parent"):
        assert label in shown
    assert "Moved in from the country" not in shown  # no actor came from elsewhere in Japan
    assert sheet.legend_entries(feature_notes(scene))[-3:] == [
        "Group (outline)",
        "Moved in from abroad",
        "Spin-off – parent",
    ]
    scene.set_groups_visible(False)
    scene.set_origins_visible(False)
    assert "Group (outline)" not in _page_text(scene, tmp_path / "hidden.pdf")
