"""Diagram export as a user gets it: PDF pages and paper, SVG text, PNG size and background."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.document import Document
from cluster_designer.gui.printing import PageOptions, SheetInfo
from cluster_designer.gui.render import ExportError, export_diagram, export_pdf
from cluster_designer.io import read_json
from cluster_designer.model import Design
from tests.gui.window_fixtures import make_project, sample_design

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "knowledge_cluster.json"
A4_LANDSCAPE = (842, 595)
SVG = "{http://www.w3.org/2000/svg}"


def pdf_pages(path: Path) -> list[tuple[int, int]]:
    """(width, height) in points of every page: pdfinfo when installed, else the raw objects."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    if shutil.which("pdfinfo"):
        out = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "999", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
        return [(round(float(w)), round(float(h))) for w, h in sizes]
    boxes = re.findall(rb"/Type\s*/Page(?!s).*?/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data, re.S)
    return [(round(float(w)), round(float(h))) for w, h in boxes]


@pytest.fixture
def design(qtbot) -> Design:
    return sample_design("今日の地図")


def test_pdf_is_one_page_on_the_chosen_paper(design: Design, tmp_path: Path) -> None:
    out = export_diagram(design, tmp_path / "map.pdf")
    assert pdf_pages(out) == [A4_LANDSCAPE]
    out = export_diagram(design, tmp_path / "letter.pdf", page_size="Letter", landscape=False)
    assert pdf_pages(out) == [(612, 792)]


def test_metrics_page_follows_the_diagram(design: Design, tmp_path: Path) -> None:
    plain = export_diagram(design, tmp_path / "plain.pdf", page_size="A3")
    out = export_diagram(
        design, tmp_path / "map.pdf", page_size="A3", include_metrics=True, author="企画課"
    )
    assert pdf_pages(plain) == [(1191, 842)]
    assert pdf_pages(out) == [(1191, 842)] * 2


@pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed"
)
def test_pdf_text_holds_japanese_names_title_block_and_page_numbers(
    design: Design, tmp_path: Path
) -> None:
    out = export_diagram(
        design, tmp_path / "map.pdf", include_metrics=True, author="山田 太郎", note="Draft"
    )
    raw = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = unicodedata.normalize("NFKC", raw)  # CJK fonts map some kanji to radical code points
    for expected in (
        "静岡大学",
        "浜松市",
        "今日の地図",
        "山田 太郎",
        "DESIGN",
        "SHEET",
        "LEGEND",
        "Key metrics and diagnosis",
        "Collaboration",
        "Support organization",
    ):
        assert expected in text


def test_poster_tiles_columns_times_rows_pages(qtbot, tmp_path: Path) -> None:
    document = Document()
    scene = ClusterScene(document)
    design = read_json(SAMPLE)
    document.set_design(design)
    options = PageOptions(poster_columns=3, poster_rows=2, overlap_mm=10)
    assert export_pdf(scene, tmp_path / "poster.pdf", options, SheetInfo.for_design(design)) == 6
    assert pdf_pages(tmp_path / "poster.pdf") == [A4_LANDSCAPE] * 6
    with_metrics = options.with_changes(include_metrics=True, landscape=False)
    pages = export_pdf(scene, tmp_path / "poster2.pdf", with_metrics, SheetInfo.for_design(design))
    assert pages >= 7
    assert pdf_pages(tmp_path / "poster2.pdf") == [(595, 842)] * pages


def test_svg_parses_and_holds_title_legend_and_every_actor_name(tmp_path: Path, qtbot) -> None:
    design = read_json(SAMPLE)
    out = export_diagram(design, tmp_path / "map.svg")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    runs = [el.text for el in root.iter() if el.text and el.tag in (f"{SVG}text", f"{SVG}tspan")]
    texts = (
        " ".join(runs) + " " + "".join(runs)
    )  # a label mixing scripts is split into runs per font
    assert design.name in texts
    assert "Technology transfer" in texts
    description = root.find(f"{SVG}desc")
    assert description is not None and description.text is not None
    for actor in design.actors.values():
        assert actor.name in description.text
    shown = [a.name for a in design.actors.values() if len(a.name) <= 18]
    assert shown and all(name in texts for name in shown)


def test_png_size_follows_dpi_or_width(design: Design, tmp_path: Path) -> None:
    small = QImage(str(export_diagram(design, tmp_path / "a.png", dpi=96)))
    large = QImage(str(export_diagram(design, tmp_path / "b.png", dpi=192)))
    assert abs(large.width() - 2 * small.width()) <= 2
    assert abs(large.height() - 2 * small.height()) <= 2
    assert round(large.dotsPerMeterX() * 0.0254) == 192
    exact = QImage(str(export_diagram(design, tmp_path / "c.png", width_px=1234)))
    assert exact.width() == 1234
    assert exact.height() == pytest.approx(1234 * small.height() / small.width(), abs=3)


def test_png_background_is_white_or_transparent(design: Design, tmp_path: Path) -> None:
    white = QImage(str(export_diagram(design, tmp_path / "w.png")))
    clear = QImage(str(export_diagram(design, tmp_path / "t.png", transparent=True)))
    assert white.pixelColor(1, 1).alpha() == 255 and white.pixelColor(1, 1).lightness() == 255
    assert clear.pixelColor(1, 1).alpha() == 0
    centre = clear.pixelColor(clear.width() // 2, clear.height() // 2)
    assert centre.alpha() == 255  # the region and the actors stay opaque


def test_bad_output_gives_a_message_naming_the_file(design: Design, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"map\.bmp"):
        export_diagram(design, tmp_path / "map.bmp")
    with pytest.raises(ExportError, match="does not exist"):
        export_diagram(design, tmp_path / "missing" / "map.pdf")
    with pytest.raises(ExportError, match="between 24 and 1200"):
        export_diagram(design, tmp_path / "map.png", dpi=5)


@pytest.mark.parametrize("suffix", [".pdf", ".svg", ".png"])
def test_cli_exports_without_a_display(tmp_path: Path, suffix: str) -> None:
    project = make_project(tmp_path / "region.cluster")
    out = tmp_path / f"today{suffix}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cluster_designer",
            "export",
            str(project),
            "--design",
            "Today",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    if suffix == ".pdf":
        assert pdf_pages(out) == [A4_LANDSCAPE]
    elif suffix == ".svg":
        assert "静岡大学" in ET.tostring(ET.fromstring(data), encoding="unicode")
    else:
        assert data.startswith(b"\x89PNG") and not QImage(str(out)).isNull()
