"""Diagram export for the command line: `export_diagram(design, path)` needs no window.

It starts an offscreen Qt application itself when there is no display, builds a document and
a scene for the design, and writes .pdf (the print layout), .svg or .png by the file's suffix.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from cluster_designer.analysis.brief import brief_content
from cluster_designer.analysis.concept import concept_summary
from cluster_designer.i18n import _
from cluster_designer.model import Design

from .canvas import ClusterScene
from .document import Document
from .printing.brief import BriefOptions, export_brief_pdf
from .printing.concept_export import export_concept
from .printing.concept_figure import ConceptOptions
from .printing.export import ExportError, export_pdf, export_png, export_svg
from .printing.options import PageOptions
from .printing.sheet import SheetInfo

FORMATS = (".pdf", ".svg", ".png")


def ensure_application() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display to use)."""
    app = QApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([sys.argv[0] if sys.argv else "cluster-designer"])


def export_diagram(
    design: Design,
    out_path: str | Path,
    *,
    page_size: str = "A4",
    landscape: bool = True,
    include_metrics: bool = False,
    author: str = "",
    note: str = "",
    dpi: int = 150,
    width_px: int | None = None,
    transparent: bool = False,
) -> Path:
    """Write the design's diagram as .pdf, .svg or .png (by suffix) without any window."""
    path = Path(out_path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        if suffix:
            message = _("{file}: a diagram is written as {formats}, not {suffix}")
        else:
            message = _("{file}: a diagram is written as {formats}; the name has no extension")
        raise ExportError(message.format(file=path.name, formats=", ".join(FORMATS), suffix=suffix))
    ensure_application()
    options = PageOptions(
        page_size=page_size,
        landscape=landscape,
        include_metrics=include_metrics,
        author=author,
        note=note,
    )
    document = Document()
    scene = ClusterScene(document)
    try:
        document.set_design(design)
        info = SheetInfo.for_design(design, author, note)
        if suffix == ".pdf":
            export_pdf(scene, path, options, info)
        elif suffix == ".svg":
            export_svg(scene, path, info)
        else:
            export_png(scene, path, info, dpi=dpi, width_px=width_px, transparent=transparent)
    finally:
        document.set_design(None)
        scene.deleteLater()
        document.deleteLater()
    return path


def export_concept_figure(
    designs: Sequence[Design],
    out_path: str | Path,
    *,
    width_by: str = "ties",
    subtypes: bool = False,
) -> Path:
    """The concept figure of one design, or of two side by side on one scale, as a file."""
    ensure_application()
    options = ConceptOptions(width_by=width_by, subtypes=subtypes)
    return export_concept([concept_summary(d) for d in designs], out_path, options)


def export_brief(
    design: Design,
    out_path: str | Path,
    *,
    baseline: Design | None = None,
    page_size: str = "A4",
    landscape: bool = True,
    author: str = "",
    note: str = "",
    width_by: str = "ties",
    subtypes: bool = False,
) -> int:
    """The meeting brief of `design` (compared with `baseline`) as a PDF; the page count."""
    ensure_application()
    options = BriefOptions(
        page=PageOptions(page_size=page_size, landscape=landscape, author=author, note=note),
        concept=ConceptOptions(width_by=width_by, subtypes=subtypes),
    )
    content = brief_content(design, baseline)
    info = SheetInfo.for_design(design, author, note)
    return export_brief_pdf(content, out_path, options, info)


__all__ = [
    "FORMATS",
    "ExportError",
    "ensure_application",
    "export_brief",
    "export_concept_figure",
    "export_diagram",
    "export_pdf",
    "export_png",
    "export_svg",
]
