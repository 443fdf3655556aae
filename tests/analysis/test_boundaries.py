"""The analysis package is core: it must import and run without Qt, and fast on big designs."""

from __future__ import annotations

import subprocess
import sys

import tests.analysis.analysis_designs as designs


def test_analysis_imports_without_qt() -> None:
    code = (
        "import sys\n"
        "for name in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'sqlalchemy'):\n"
        "    sys.modules[name] = None\n"
        "import cluster_designer.analysis, cluster_designer.analysis.layout\n"
        "bad = [m for m, mod in sys.modules.items() if mod is not None and m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_large_designs_take_the_fast_sampled_path_and_say_so() -> None:
    """Speed is measured by benchmarks/evaluation.py; here: the 10k report uses igraph and
    tells the planner that betweenness is an estimate."""
    from cluster_designer.analysis import diagnose, evaluate, format_report

    design = designs.large(10_000, 30_000)
    ev = evaluate(design)
    diagnose(ev)
    text = format_report(ev)
    assert ev.engine == "igraph" and not ev.betweenness_exact
    assert "estimated from a sample" in text
