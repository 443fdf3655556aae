"""How long the concept figure and the meeting brief take on big designs.

    uv run python benchmarks/brief.py                 # 1,000 and 5,000 actors
    uv run python benchmarks/brief.py --actors 10000

Uses the scale benchmark's generated design (N actors, 3N ties). Prints, in seconds: the
concept summary (it runs while the Concept tab is shown, a moment after each edit), the
brief's analyses (evaluation, diagnosis, dynamics, suggestions: on a worker thread in the
window), and painting the PDF (A4 landscape, also on a worker thread). One run each: these
are seconds, not milliseconds, and the machine's load is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import build_design

from cluster_designer.analysis.brief import brief_content
from cluster_designer.analysis.concept import concept_summary
from cluster_designer.gui.printing.brief import BriefOptions, export_brief_pdf
from cluster_designer.gui.printing.sheet import SheetInfo


def seconds(run: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="*", default=[1000, 5000])
    args = parser.parse_args()
    QApplication([])
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'actors':>7} {'ties':>7} {'concept':>8} {'analyses':>9} {'pdf':>7} {'pages':>6}")
    for n in args.actors:
        design = build_design(n)
        concept, _summary = seconds(lambda d=design: concept_summary(d))
        analyses, content = seconds(lambda d=design: brief_content(d))
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "brief.pdf"
            info = SheetInfo.for_design(design)
            pdf, pages = seconds(
                lambda c=content, o=out, i=info: export_brief_pdf(c, o, BriefOptions(), i)
            )
        print(
            f"{n:>7,} {len(design.ties):>7,} {concept:>8.3f} {analyses:>9.2f} {pdf:>7.2f} "
            f"{pages:>6}"
        )


if __name__ == "__main__":
    main()
