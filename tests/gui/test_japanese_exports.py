"""Printed pages and exported figures in Japanese: the legend and the title block read in
Japanese, the PDF carries its Japanese fonts, and the SVG names fonts every system has."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster_designer import i18n
from cluster_designer.cli import main
from cluster_designer.io import read_json
from cluster_designer.storage import Project

SAMPLE = Path(__file__).parents[2] / "resources" / "sample" / "company_town.json"
LEGEND = (
    "凡例",
    "大学",
    "企業",
    "支援機関",
    "共同研究・連携",
    "情報交流",
    "資金提供",
    "人材",
    "技術移転",
)
TITLE_BLOCK = ("マップ", "地域", "日付", "ページ", "作成ツール", "国内", "海外")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "地域.cluster"
    with Project.open(path, create=True) as p:
        p.import_design(read_json(SAMPLE))
    return path


def pdf_text(path: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Qt's PDF text map names some kanji by their radical code points (⽤ for 用) and the
    # katakana middle dot by U+2027; a reader's search normalises both, and so does this.
    return unicodedata.normalize("NFKC", raw).replace("\u2027", "・")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_exported_pdf_holds_the_japanese_legend_and_title_block(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "地図.pdf"
    design = read_json(SAMPLE).name
    assert main(["export", str(project), "--design", design, str(out), "--lang", "ja"]) == 0
    assert "書き出しました" in capsys.readouterr().out
    text = pdf_text(out)
    for word in (*LEGEND, *TITLE_BLOCK):
        assert word in text, word
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text), "the date as Japanese writes it"
    assert "1 / 1 ページ" in text
    assert "LEGEND" not in text and "DESIGN" not in text


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (poppler-utils) missing")
def test_exported_pdf_embeds_its_japanese_font(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    design = read_json(SAMPLE).name
    assert main(["export", str(project), "--design", design, str(out), "--lang", "ja"]) == 0
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "the PDF uses fonts"
    for line in listing:
        name, embedded = line.split()[0], line.split()[-5]
        assert embedded == "yes", f"{name} is not embedded: the page would need it installed"


def test_exported_svg_names_japanese_fonts_for_every_text(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    design = read_json(SAMPLE).name
    assert main(["export", str(project), "--design", design, str(out), "--lang", "ja"]) == 0
    svg = out.read_text(encoding="utf-8")
    families = re.findall(r'font-family="([^"]*)"', svg)
    assert families
    for family in families:
        for name in ("Yu Gothic", "Meiryo", "Hiragino Sans", "Noto Sans CJK JP", "sans-serif"):
            assert name in family, (name, family)
    for word in ("大学", "企業", "支援機関", "共同研究・連携"):
        assert word in svg
