"""The concept figure shows the evaluation's numbers, never below 7 pt, and its tie kinds stay
apart in grey (distinct dash patterns); `export --concept` writes it as SVG, PDF and PNG."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from cluster_designer.analysis.concept import concept_summary
from cluster_designer.cli import main
from cluster_designer.gui import style
from cluster_designer.gui.printing.concept_figure import ConceptFigure, ConceptOptions, ConceptScale
from cluster_designer.gui.printing.concept_sides import paint_arrow
from cluster_designer.io import read_json
from cluster_designer.model import TieKind

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.cluster"
PLAN = "Knowledge cluster plan (2030)"
TODAY = "Company town (2024)"
SVG = "{http://www.w3.org/2000/svg}"
PX_PER_POINT = 96 / 72


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "sample.cluster"
    shutil.copyfile(SAMPLE, path)
    return path


def svg_texts(path: Path) -> list[tuple[str, float]]:
    """(text, font size in px) of every text element."""
    tree = ElementTree.parse(path)
    return [
        ("".join(e.itertext()).strip(), float(e.get("font-size", "0")))
        for e in tree.iter(f"{SVG}text")
    ]


def evaluation_json(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["evaluate", str(project), "--design", name, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_svg_shows_the_evaluations_numbers(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "concept.svg"
    assert main(["export", str(project), "--design", PLAN, "--concept", str(out)]) == 0
    texts = [t for t, _size in svg_texts(out)]
    ev = evaluation_json(project, PLAN, capsys)
    for sector, n in ev["actors"]["region_by_sector"].items():
        assert f"{n} in the region" in texts, sector
    assert f"{ev['actors']['by_location']['domestic']} actors" in texts
    assert f"{ev['actors']['by_location']['overseas']} actors" in texts
    # inflows by kind: the two sides' arrows (the kind, then its count) add up
    labels = {kind.label for kind in TieKind}
    shown: dict[str, int] = {}
    for label, detail in itertools.pairwise(texts):
        match = re.match(r"(\d+) ties?\b", detail)
        if label in labels and match:
            shown[label] = shown.get(label, 0) + int(match.group(1))
    summary = concept_summary(read_json(ROOT / "resources" / "sample" / "knowledge_cluster.json"))
    for kind in TieKind:
        inflow = ev["inflows"]["by_kind"][kind.value]
        outflow = summary.outflow_count(kind.value)
        assert shown.get(kind.label, 0) == inflow + outflow, kind
    # the bands: the ties between sectors, and their density agrees with the evaluation
    for band in summary.bands:
        assert f"{band.ties} ties" in texts or f"{band.ties} tie" in texts
        expected = ev["density"]["sector_blocks"][band.key]
        assert band.density == pytest.approx(expected) if expected is not None else True


def test_no_text_below_seven_points(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "pair.svg"
    args = ["export", str(project), "--design", PLAN, "--beside", TODAY, "--concept", str(out)]
    assert main([*args, "--subtypes", "--width-by", "density"]) == 0
    sizes = [size for _t, size in svg_texts(out)]
    assert sizes
    assert min(sizes) >= 7 * PX_PER_POINT - 0.01
    texts = [t for t, _size in svg_texts(out)]
    assert PLAN in texts and TODAY in texts
    assert any(t.startswith("density ") for t in texts)
    assert "SME 28" in texts  # the subtype split


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_pdf_and_png(project: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"concept{suffix}"
    assert main(["export", str(project), "--design", PLAN, "--concept", str(out)]) == 0
    head = out.read_bytes()[:8]
    assert head.startswith(b"%PDF" if suffix == ".pdf" else b"\x89PNG")


def test_bad_concept_requests_are_usage_errors(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["export", str(project), "--design", PLAN]
    assert main([*base, "--concept", str(tmp_path / "c.txt")]) == 2
    assert "concept figure" in capsys.readouterr().err
    assert main([*base, "--concept", str(tmp_path / "c.svg"), str(tmp_path / "x.json")]) == 2
    assert main([*base, "--concept", str(tmp_path / "c.svg"), "--beside", "nope"]) == 2
    assert not (tmp_path / "c.svg").exists()


def test_one_scale_for_two_designs() -> None:
    sample = ROOT / "resources" / "sample"
    today = concept_summary(read_json(sample / "company_town.json"))
    plan = concept_summary(read_json(sample / "knowledge_cluster.json"))
    options = ConceptOptions()
    scale = ConceptScale.of([today, plan], options)
    assert scale.actors == max(s.actors for c in (today, plan) for s in c.sectors)
    assert scale.band == max(b.ties for c in (today, plan) for b in c.bands)
    figures = [ConceptFigure(s, options, scale) for s in (today, plan)]
    image = QImage(1600, 900, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    mm = 1600 / 400
    # the same number of actors gets the same shape size in both figures
    halves = [f._half_size("company", 20 * mm) for f in figures]
    figures[0].paint(painter, QRectF(0, 0, 800, 900), mm)
    figures[1].paint(painter, QRectF(800, 0, 800, 900), mm)
    painter.end()
    ratio = halves[1] / halves[0]
    assert ratio == pytest.approx(
        (plan.sector("company").actors / today.sector("company").actors) ** 0.5
    )


def grey_runs(kind: TieKind) -> tuple[int, ...]:
    """Lengths of the inked and blank stretches along a long arrow's shaft, printed in grey."""
    image = QImage(1200, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    paint_arrow(painter, QPointF(10, 30), QPointF(1190, 30), kind, width=4.0, mm=4.0)
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    inked = [grey.pixelColor(x, 30).value() < 200 for x in range(10, 1100)]
    runs, count = [], 1
    for before, now in itertools.pairwise(inked):
        if now == before:
            count += 1
        else:
            runs.append(count)
            count = 1
    runs.append(count)
    return tuple(runs[1:7]) if len(runs) > 2 else (len(inked),)


def test_grey_scale_keeps_tie_kinds_apart() -> None:
    patterns = {kind: grey_runs(kind) for kind in TieKind}
    assert len(set(patterns.values())) == len(TieKind), patterns
    # and the style itself: one dash pattern per kind (None is the solid line)
    dashes = [style.TIE_STYLES[k].dash_pattern for k in TieKind]
    assert len(set(dashes)) == len(dashes)
