"""The meeting brief as a committee member gets it: both designs named, the same figures as
`evaluate --json`, every actor on the map identifiable, page numbers, fonts embedded, the
language of the window; and the command line's and the window's ways of making it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QAction, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgGenerator

from cluster_designer import i18n
from cluster_designer.analysis.brief import KEY_FIGURES
from cluster_designer.cli import main
from cluster_designer.gui.printing import paper_map
from cluster_designer.gui.printing.brief_text import value_text
from cluster_designer.gui.printing.paper_map import PaperMap, paint_key
from cluster_designer.gui.printing.sheet import paint_legend
from cluster_designer.io import read_json
from tests.gui.test_render import pdf_pages

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.cluster"
PLAN = "Knowledge cluster plan (2030)"
TODAY = "Company town (2024)"
SVG = "{http://www.w3.org/2000/svg}"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler (pdftotext, pdffonts) is not installed",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "sample.cluster"
    shutil.copyfile(SAMPLE, path)
    return path


def pdf_text(path: Path) -> list[str]:
    """The text of every page (pdftotext splits pages with a form feed)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # NFKC: Qt maps some ideographs of CJK fonts back to their radical code points (⽇ for 日)
    pages = out.split("\f")[:-1]
    return [squeeze(page) for page in pages]


def squeeze(text: str) -> str:
    """One space between words; none before '%' (pdftotext keeps a narrow space or not)."""
    return re.sub(r" %", "%", " ".join(unicodedata.normalize("NFKC", text).split()))


def evaluation(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["evaluate", str(project), "--design", name, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def dotted(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return KeyError
        data = data[part]
    return data


@needs_poppler
def test_the_brief_holds_both_designs_and_the_evaluations_figures(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.pdf"
    args = ["brief", str(project), "--design", PLAN, "--baseline", TODAY, str(out)]
    assert main([*args, "--author", "Regional Planning Office", "--note", "Draft"]) == 0
    pages = pdf_text(out)
    text = " ".join(pages)
    assert PLAN in text and TODAY in text
    assert "Regional Planning Office" in text and "Draft" in text
    figures = pages[[i for i, p in enumerate(pages) if "Key figures" in p][-1]]
    checked = 0
    both = [evaluation(project, PLAN, capsys), evaluation(project, TODAY, capsys)]
    origins = any(
        d["arrivals"]["by_origin"]["unknown"] < d["actors"]["by_location"]["region"] for d in both
    )
    groups = any(d["groups"]["count"] for d in both)
    for name, data in ((PLAN, both[0]), (TODAY, both[1])):
        for _heading, keys in KEY_FIGURES:
            for key in keys:
                value = dotted(data, key)
                if value is KeyError:
                    continue  # a figure this version does not evaluate is not in the brief
                if (key.startswith("arrivals.") and not origins) or (
                    key.startswith("groups.") and not groups
                ):
                    continue  # neither design records origins or groups: left out
                shown = squeeze(value_text(key, value))
                assert shown in figures, (name, key, shown)
                checked += 1
    assert checked >= 30
    # page numbers on every page but the cover, and the legend on the map page
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} of {len(pages)}" in page
    assert "LEGEND" in pages[1] and "Collaboration" in pages[1]


@needs_poppler
def test_every_actor_on_the_map_is_named_or_numbered_in_the_key(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    assert (
        main(["brief", str(project), "--design", PLAN, "--paper", "A4", "--portrait", str(out)])
        == 0
    )
    pages = pdf_text(out)
    map_pages = " ".join(p for p in pages if "The map" in p or "Key to the map" in p)
    design = read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json")
    for actor in design.actors.values():
        assert " ".join(actor.name.split()) in map_pages, actor.name
    assert pdf_pages(out)[0] == (595, 842)  # A4 portrait


@needs_poppler
def test_fonts_are_embedded_and_japanese_reads_japanese(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "資料.pdf"
    args = ["brief", str(project), "--lang", "ja", "--design", PLAN, "--baseline", TODAY]
    try:
        assert main([*args, "--paper", "A3", str(out)]) == 0
    finally:
        i18n.set_language("en")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
    assert any("CJK" in row[0] for row in rows)
    text = " ".join(pdf_text(out))
    assert "会議資料" in text and "主要な指標" in text and "診断" in text
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)  # the date as Japanese writes it
    assert pdf_pages(out)[0] == (1191, 842)  # A3 landscape


def test_bad_requests_write_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["brief", str(project), "--design", PLAN]
    assert main([*base, str(tmp_path / "brief.txt")]) == 2
    assert "pdf" in capsys.readouterr().err
    assert main([*base, "--baseline", PLAN, str(tmp_path / "b.pdf")]) == 2
    assert main([*base, "--baseline", "nope", str(tmp_path / "b.pdf")]) == 2
    assert main([*base, "--paper", "B5", str(tmp_path / "b.pdf")]) == 2
    assert not list(tmp_path.glob("b*.pdf"))


def test_paper_map_text_is_never_below_seven_points(tmp_path: Path) -> None:
    """The map, its legend and its key drawn small (A5-sized) still set no text under 7 pt."""
    design = read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json")
    path = tmp_path / "map.svg"
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setResolution(96)
    mm = 96 / 25.4
    generator.setSize(QSize(round(190 * mm), round(130 * mm)))
    painter = QPainter(generator)
    paper = PaperMap(design)
    plan = paper.plan(painter, QRectF(0, 0, 140 * mm, 95 * mm), mm)
    paper.paint(painter, plan, mm)
    paint_legend(painter, QRectF(0, 97 * mm, 140 * mm, 30 * mm), mm)
    paint_key(painter, QRectF(142 * mm, 0, 48 * mm, 130 * mm), plan.key, mm, "KEY")
    painter.end()
    sizes = [float(e.get("font-size", "0")) for e in ElementTree.parse(path).iter(f"{SVG}text")]
    labels = [e for e in ElementTree.parse(path).iter(f"{SVG}text")]
    assert len(labels) > len(design.actors)
    assert min(sizes) >= 7 * 96 / 72 - 0.01
    assert plan.numbers  # small paper: some names gave way to numbers, none shrank
    assert set(plan.labels) == set(design.actors)


def test_print_brief_from_the_window(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [a.objectName() for a in window.menu_file.actions()]
    assert names.index("file_print_brief") == names.index("file_print") + 1
    controller = window.brief
    assert window.findChild(QAction, "file_print_brief").isEnabled()
    controller.baseline = "Today"
    path = tmp_path / "brief.pdf"
    with qtbot.waitSignal(controller.finished, timeout=60_000) as saved:
        controller.save_pdf(path)
    assert saved.args == [path]
    assert len(pdf_pages(path)) >= 5
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(controller.options.page.page_layout())
    with qtbot.waitSignal(controller.finished, timeout=60_000) as printed:
        controller.print_brief(printer)
    assert printed.args[0] == len(pdf_pages(tmp_path / "printed.pdf"))


def test_a_huge_map_numbers_at_most_a_readable_key(tmp_path: Path) -> None:
    """Thousands of actors on A4: the best connected keep names or numbers, the key stays
    within MAX_NUMBERED and says how many less connected actors are left unnamed."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale import build_design

    design = build_design(1500)
    image = QSvgGenerator()
    image.setFileName(str(tmp_path / "m.svg"))
    image.setResolution(96)
    painter = QPainter(image)
    mm = 96 / 25.4
    paper = PaperMap(design)
    plan = paper.plan(painter, QRectF(0, 0, 270 * mm, 150 * mm), mm)
    painter.end()
    assert len(plan.numbers) == paper_map.MAX_NUMBERED
    assert plan.unnamed == len(design.actors) - len(plan.labels)
    assert "less connected actors are not named" in paper_map.key_title(plan)
    named = set(plan.labels)
    hubs = paper.ranked[:50]
    assert all(hub in named for hub in hubs)  # the best connected are never left out


def test_suggestions_on_a_design_too_large_say_where_to_run_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cluster_designer.analysis import brief
    from cluster_designer.gui.printing.brief_text import dynamics_html

    monkeypatch.setattr(brief, "SUGGEST_MAX_ACTORS", 10)
    design = read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json")
    content = brief.brief_content(design)
    assert content.main.suggestions is None and content.main.suggestions_skipped
    assert "takes minutes" in dynamics_html(content)


@needs_poppler
def test_the_brief_map_shows_groups_and_origins_with_their_legend(
    project: Path, tmp_path: Path
) -> None:
    """As the canvas and the printed diagram do: the plan's groups by name on their
    outlines, and legend lines for outlines, moved-in badges and spin-off lines; the company
    town has a group but no actor that moved in, so its legend has no badge line."""
    out = tmp_path / "brief.pdf"
    assert main(["brief", str(project), "--design", PLAN, str(out)]) == 0
    map_page = next(p for p in pdf_text(out) if "The map" in p and "LEGEND" in p)
    design = read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json")
    assert design.groups
    for group in design.groups.values():
        assert group.name in map_page
    assert "Group (outline)" in map_page and "Spin-off – parent" in map_page
    assert "Moved in from the country" in map_page
    today = tmp_path / "today.pdf"
    assert main(["brief", str(project), "--design", TODAY, str(today)]) == 0
    today_map = next(p for p in pdf_text(today) if "The map" in p and "LEGEND" in p)
    assert "Group (outline)" in today_map
    assert "Moved in from" not in today_map and "Spin-off" not in today_map


@pytest.mark.parametrize("size", [(270, 150), (180, 120)])  # A4 landscape; a small map
def test_paper_map_outlines_groups_and_marks_origins_clear_of_names(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    design = read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json")
    generator = QSvgGenerator()
    generator.setFileName(str(tmp_path / "map.svg"))
    generator.setResolution(96)
    mm = 96 / 25.4
    painter = QPainter(generator)
    paper = PaperMap(design)
    plan = paper.plan(painter, QRectF(0, 0, size[0] * mm, size[1] * mm), mm)
    painter.end()
    half = paper_map.SYMBOL_MM * mm / 2
    shapes = [plan.to_page(x, y) for x, y in paper.positions.values()]
    shapes = [QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half) for p in shapes]
    assert [h.name for h in plan.hulls] == [g.name for g in design.groups.values()]
    moved = {a.id for a in design if a.origin is not None and a.origin.moved_in}
    assert moved and len(plan.badges) == len(moved)
    assert len(plan.spin_offs) == sum(1 for a in design if a.parent in design.actors)
    for hull, group in zip(plan.hulls, design.groups.values(), strict=True):
        assert plan.target.contains(hull.label), hull.name
        for member in group.members:  # the outline goes round every member's shape
            x, y = paper.positions[member]
            assert hull.path.contains(plan.to_page(x, y)), (hull.name, member)
        for other in plan.hulls:
            assert other is hull or not other.label.intersects(hull.label)
        for box, text in plan.labels.values():  # no actor's name under a group's name
            assert not box.intersects(hull.label), (hull.name, text)
        assert not any(shape.intersects(hull.label) for shape in shapes), hull.name
