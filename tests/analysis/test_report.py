"""The text reports read as plain language with aligned numbers."""

from __future__ import annotations

import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import compare, engines, evaluate, format_comparison, format_report
from cluster_designer.analysis.report import display_width
from cluster_designer.model import make_tie


def test_report_names_the_pattern_and_explains() -> None:
    text = format_report(evaluate(designs.company_town()))
    assert "resembles a company town" in text
    assert "Single point of failure: BIG" in text
    for heading in (
        "Findings",
        "Who is on the map",
        "What flows in from outside",
        "Brokers (actors that link others)",
    ):
        assert f"\n{heading}\n" in text
    assert "Dependence on one actor" in text
    assert "None" not in text and "nan" not in text


def test_numbers_are_aligned() -> None:
    text = format_report(evaluate(designs.knowledge_cluster()))
    rows = [
        line for line in text.splitlines() if line.startswith("  ") and line.rstrip()[-1:].isdigit()
    ]
    assert len(rows) > 20
    ends = {display_width(line.rstrip()) for line in rows if "%" not in line}
    assert len(ends) == 1


def test_japanese_names_align() -> None:
    design = designs.build(
        "静岡",
        [("静岡大学", "university"), ("スズキ", "company"), ("浜松市", "support")],
        [("静岡大学", "スズキ"), ("スズキ", "浜松市")],
    )
    text = format_report(evaluate(design))
    broker = next(line for line in text.splitlines() if "1. スズキ" in line)
    actors = next(line for line in text.splitlines() if line.strip().startswith("Actors "))
    assert display_width(broker) == display_width(actors)


def test_sampled_betweenness_is_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "EXACT_BETWEENNESS_MAX", 10)
    monkeypatch.setattr(engines, "BETWEENNESS_SAMPLE", 8)
    text = format_report(evaluate(designs.knowledge_cluster()))
    assert "estimated from a sample of 8 actors" in text
    monkeypatch.undo()
    assert "sample" not in format_report(evaluate(designs.knowledge_cluster()))


def test_comparison_says_better_or_worse_and_lists_edits() -> None:
    a = designs.company_town()
    b = a.copy("target")
    b.add_ties([make_tie(source="S1", target="S2", kind="collaboration")])
    b.remove_actors(["S14"])
    text = format_comparison(compare(a, b))
    assert "Comparing “company town” (A) with “target” (B)" in text
    density = next(line for line in text.splitlines() if "Density inside the region" in line)
    assert density.endswith("better")
    assert "S1 – S2 (collaboration)" in text
    removed = text.split("Actors removed")[1].splitlines()[1].strip()
    assert removed == "S14"
    assert "Both designs resemble a company town." in text
