"""The concept figure as a file: SVG and PDF (vector) or PNG, one design or two side by side.

The figure is laid out at a fixed physical size (FIGURE_MM per design), so its texts are as
large as on the printed brief; a pair shares one scale. The bytes are made in memory and
replace the file in one step, so a failed export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from cluster_designer.analysis.concept import ConceptSummary
from cluster_designer.i18n import _
from cluster_designer.io.files import atomic_write_bytes

from .concept_figure import ConceptFigure, ConceptOptions, ConceptScale, paint_concepts
from .export import ExportError, buffer_bytes, memory_file

FIGURE_MM = (250.0, 165.0)  # one design; a pair is two of these side by side
GAP_MM = 8.0
MARGIN_MM = 6.0
VECTOR_DPI = 96  # SVG and PDF units: 1 px = 1/96 inch, fonts in points
CONCEPT_SUFFIXES = (".svg", ".pdf", ".png")


def concept_figures(
    summaries: Sequence[ConceptSummary],
    options: ConceptOptions,
    titles: Sequence[str] | None = None,
) -> list[ConceptFigure]:
    """One figure per design, all on one scale."""
    scale = ConceptScale.of(summaries, options)
    names = titles if titles is not None else [s.design for s in summaries]
    return [
        ConceptFigure(s, options, scale, title=t) for s, t in zip(summaries, names, strict=True)
    ]


def figure_size_mm(count: int) -> tuple[float, float]:
    w, h = FIGURE_MM
    return (w * count + GAP_MM * (count - 1) + 2 * MARGIN_MM, h + 2 * MARGIN_MM)


def export_concept(
    summaries: Sequence[ConceptSummary],
    path: str | Path,
    options: ConceptOptions | None = None,
    titles: Sequence[str] | None = None,
    dpi: int = 200,
) -> Path:
    """Write the concept figure of one design (or two, same scale) as .svg, .pdf or .png."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CONCEPT_SUFFIXES:
        raise ExportError(
            _("{name}: the concept figure is written as {formats}, not {suffix}").format(
                name=path.name,
                formats=", ".join(CONCEPT_SUFFIXES),
                suffix=suffix or _("no suffix"),
            )
        )
    if not path.parent.is_dir():
        raise ExportError(
            _("{path}: the folder {folder} does not exist").format(path=path, folder=path.parent)
        )
    figures = concept_figures(summaries, options or ConceptOptions(), titles)
    width_mm, height_mm = figure_size_mm(len(figures))
    if suffix == ".png":
        data = _png(figures, width_mm, height_mm, dpi)
    elif suffix == ".svg":
        data = _svg(figures, width_mm, height_mm, " / ".join(s.design for s in summaries))
    else:
        data = _pdf(figures, width_mm, height_mm, " / ".join(s.design for s in summaries))
    if not data:
        raise ExportError(_("{path}: the file could not be written").format(path=path))
    _replace(path, data)
    return path


def _paint(painter: QPainter, figures: list[ConceptFigure], mm: float, w: float, h: float) -> None:
    area = QRectF(
        MARGIN_MM * mm, MARGIN_MM * mm, (w - 2 * MARGIN_MM) * mm, (h - 2 * MARGIN_MM) * mm
    )
    paint_concepts(painter, area, mm, figures, side_by_side=True)


def _png(figures: list[ConceptFigure], w: float, h: float, dpi: int) -> bytes:
    mm = dpi / 25.4
    image = QImage(round(w * mm), round(h * mm), QImage.Format.Format_ARGB32_Premultiplied)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _paint(painter, figures, mm, w, h)
    finally:
        painter.end()
    buffer = memory_file()
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return buffer_bytes(buffer)


def _svg(figures: list[ConceptFigure], w: float, h: float, title: str) -> bytes:
    mm = VECTOR_DPI / 25.4
    buffer = memory_file()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(VECTOR_DPI)
    size = QSizeF(w * mm, h * mm).toSize()
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription(_("Cluster concept figure drawn by Cluster Designer"))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        _paint(painter, figures, mm, w, h)
    finally:
        painter.end()
    return buffer_bytes(buffer)


def _pdf(figures: list[ConceptFigure], w: float, h: float, title: str) -> bytes:
    buffer = memory_file()
    writer = QPdfWriter(buffer)
    writer.setResolution(VECTOR_DPI)
    writer.setCreator("Cluster Designer")
    writer.setTitle(title)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(
                QSizeF(w, h), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch
            ),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(_("the printer or file could not be opened for painting"))
    try:
        _paint(painter, figures, VECTOR_DPI / 25.4, w, h)
    finally:
        painter.end()
    del writer  # the document is complete once the writer is gone
    return buffer_bytes(buffer)


def _replace(path: Path, data: bytes) -> None:
    """Replace `path` in one step: a full disk keeps the old file and says so."""
    atomic_write_bytes(path, data)
