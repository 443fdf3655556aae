"""The concept figure on a printed page: the figure (or two, on one scale) above the title block."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPagedPaintDevice, QPainter

from cluster_designer.analysis.concept import ConceptSummary
from cluster_designer.i18n import _
from cluster_designer.model import Design

from .concept_export import concept_figures
from .concept_figure import ConceptOptions, paint_concepts
from .options import PageOptions
from .sheet import SheetInfo, paint_title_block, title_block_size

GAP_MM = 4.0


def paint_concept_sheet(
    painter: QPainter,
    rect: QRectF,
    mm: float,
    summaries: Sequence[ConceptSummary],
    concept: ConceptOptions,
    info: SheetInfo,
    page_text: str,
) -> None:
    """The figures filling `rect` above a title block at its bottom right."""
    tw, th = title_block_size(info, mm, rect.width())
    area = rect.adjusted(0, 0, 0, -(th + GAP_MM * mm))
    figures = concept_figures(summaries, concept)
    paint_concepts(painter, area, mm, figures)
    block = QRectF(rect.right() - tw, rect.bottom() - th, tw, th)
    paint_title_block(painter, block, info, page_text, mm)


def print_concept_page(
    device: QPagedPaintDevice,
    design: Design,
    summaries: Sequence[ConceptSummary],
    concept: ConceptOptions,
    options: PageOptions,
) -> None:
    """One page on a printer (or PDF writer) already set up with paper and margins."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_("the printer or file could not be opened for painting"))
    try:
        dpi = device.logicalDpiX()
        paint = device.pageLayout().paintRectPixels(dpi)
        rect = QRectF(0, 0, paint.width(), paint.height())
        info = SheetInfo.for_design(design, options.author, options.note)
        page_text = _("Page {number} of {count}").format(number=1, count=1)
        paint_concept_sheet(painter, rect, dpi / 25.4, summaries, concept, info, page_text)
    finally:
        painter.end()
