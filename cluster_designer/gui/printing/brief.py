"""The meeting brief: a short handout for a council or a committee, on A4 or A3 paper.

Pages: a cover (design, region, date, author, note, the diagnosis in short, headline
figures, contents); the map drawn for paper with its legend and the key to numbered actors
(continued on pages of its own when long); the concept figure, beside the baseline's on one
scale when there is a baseline; the key figures with their change; the diagnosis; the
dynamics. Every page after the cover has a running head (design, what the page shows) and
a foot (date, page number). The text pages are QTextDocuments paginated for the page, so
nothing is ever cut off.

`BriefComposer(content, options)` paints on any paged device (QPdfWriter, QPrinter); it
reads only the content (`analysis.brief.BriefContent`), never the window, so a worker
thread can paint the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter, QPen, QTextDocument

from cluster_designer.analysis.brief import BriefContent
from cluster_designer.i18n import _
from cluster_designer.io.files import atomic_write_bytes

from ..canvas.legend import design_notes
from .brief_text import cover_html, figures_html, findings_html
from .concept_export import concept_figures
from .concept_figure import ConceptOptions, paint_concepts
from .export import ExportError
from .options import PageOptions
from .paper_map import KeyEntry, MapPlan, PaperMap, key_column_width, key_title, paint_key
from .sheet import (
    CAPTION,
    INK,
    RULE,
    SheetInfo,
    font_metrics,
    legend_size,
    paint_legend,
    print_font,
)

HEAD_MM = 9.0
FOOT_MM = 7.0
GAP_MM = 4.0
KEY_MIN_MM = 62.0  # the key to the map beside it needs at least this
TEXT_POINTS = 9.0
MIN_TEXT_SCALE = 0.875  # the cover may shrink this far to stay on one page (8 pt → 7 pt)
TEXT_WIDTH_MM = 235.0  # longer lines are hard to read
LARGE_PAPER_SCALE = 1.3
PDF_DPI = 300  # the map and the figure are vectors; 300 keeps placement fine


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """Paper, orientation, margins and the title texts (PageOptions), and the figure's options."""

    page: PageOptions = field(default_factory=PageOptions)
    concept: ConceptOptions = field(default_factory=ConceptOptions)

    def with_page(self, **changes: object) -> BriefOptions:
        return replace(self, page=self.page.with_changes(**changes))


@dataclass(slots=True)
class _MapLayout:
    plan: MapPlan
    key: QRectF | None  # where the key to the numbers goes on the map page; None: no numbers
    legend: QRectF


@dataclass(slots=True)
class _Page:
    kind: str  # cover, map, key, concept, text
    title: str
    index: int = 0  # page of a text document, or first key entry of a key page
    doc: QTextDocument | None = None


class BriefComposer:
    def __init__(self, content: BriefContent, options: BriefOptions, info: SheetInfo) -> None:
        self.content = content
        self.options = options
        self.info = info
        self.map = PaperMap(content.main.design)
        # the map draws the design's groups and origins: the legend says what they mean
        self.notes = design_notes(content.main.design)

    # --- geometry ----------------------------------------------------------------------
    @staticmethod
    def _mm(device: QPagedPaintDevice) -> float:
        return device.logicalDpiX() / 25.4

    @staticmethod
    def _content_rect(device: QPagedPaintDevice) -> QRectF:
        paint = device.pageLayout().paintRectPixels(device.logicalDpiX())
        return QRectF(0, 0, paint.width(), paint.height())

    def _body(self, device: QPagedPaintDevice) -> QRectF:
        mm = self._mm(device)
        return self._content_rect(device).adjusted(0, HEAD_MM * mm, 0, -FOOT_MM * mm)

    def _landscape(self, device: QPagedPaintDevice) -> bool:
        rect = self._content_rect(device)
        return rect.width() >= rect.height()

    # --- the plan ----------------------------------------------------------------------
    def _text_document(self, device: QPagedPaintDevice, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        doc.setDefaultFont(print_font(TEXT_POINTS))
        doc.setDocumentMargin(0)
        body = self._body(device)
        scale = self._text_scale()
        width = min(body.width() / scale, TEXT_WIDTH_MM * self._mm(device))
        doc.setHtml(html)
        doc.setPageSize(QSizeF(width, body.height() / scale))
        return doc

    def _text_scale(self) -> float:
        """Text grows with the paper: an A3 handout is read from further away."""
        return LARGE_PAPER_SCALE if self.options.page.page_size == "A3" else 1.0

    def _map_layout(self, painter: QPainter, device: QPagedPaintDevice) -> _MapLayout:
        """The map, its legend right under it, and the key to the numbers beside the map (on
        wide paper) or under the legend, whichever leaves the map larger."""
        mm = self._mm(device)
        body = self._body(device)
        gap = GAP_MM * mm
        legend = legend_size(
            device, mm, body.width() * (0.62 if self._landscape(device) else 1.0), self.notes
        )
        legend_w, legend_h = legend if legend is not None else (body.width(), 30 * mm)
        area = body.adjusted(0, 0, 0, -(legend_h + gap))
        plan = self.map.plan(painter, area, mm)
        layouts = [_MapLayout(plan, None, QRectF())]
        if plan.numbers:
            layouts = []
            if self._landscape(device):
                key_w = max(KEY_MIN_MM * mm, body.width() * 0.24)
                beside = area.adjusted(0, 0, -(key_w + gap), 0)
                key = QRectF(beside.right() + gap, body.top(), key_w, body.height())
                layouts.append(_MapLayout(self.map.plan(painter, beside, mm), key, QRectF()))
            key_h = min(area.height() * 0.3, 70 * mm)
            above = area.adjusted(0, 0, 0, -(key_h + gap))
            layouts.append(_MapLayout(self.map.plan(painter, above, mm), QRectF(), QRectF()))
        chosen = max(layouts, key=lambda layout: layout.plan.scale)
        drawn = chosen.plan.page_rect(self.map.source)
        legend_top = min(drawn.bottom() + gap, body.bottom() - legend_h)
        chosen.legend = QRectF(body.left(), legend_top, legend_w, legend_h)
        if chosen.key is not None and chosen.key.isNull():  # the key under the legend
            top = chosen.legend.bottom() + gap
            chosen.key = QRectF(body.left(), top, body.width(), body.bottom() - top)
        return chosen

    def _plan(self, painter: QPainter, device: QPagedPaintDevice) -> tuple[list[_Page], _MapLayout]:
        mm = self._mm(device)
        layout = self._map_layout(painter, device)
        plan, key_rect = layout.plan, layout.key
        pages = [_Page("cover", _("Cover")), _Page("map", _("The map"))]
        entries = plan.key
        shown = 0
        if key_rect is not None:
            shown = self._key_capacity(painter, key_rect, mm, entries)
        rest = entries[shown:]
        first = shown
        body = self._body(device)
        while rest:
            per_page = self._key_capacity(painter, body, mm, entries)
            pages.append(_Page("key", _("Key to the map (continued)"), index=first))
            first += per_page
            rest = rest[per_page:]
        pages.append(_Page("concept", _("The cluster concept")))
        for title, html in (
            (_("Key figures"), figures_html(self.content, device.logicalDpiX())),
            (_("Diagnosis and dynamics"), findings_html(self.content, device.logicalDpiX())),
        ):
            doc = self._text_document(device, html)
            pages += [_Page("text", title, i, doc) for i in range(doc.pageCount())]
        return pages, layout

    @staticmethod
    def _key_capacity(painter: QPainter, rect: QRectF, mm: float, entries: list[KeyEntry]) -> int:
        """How many key entries `paint_key` fits in `rect` (measured, not painted)."""
        font = print_font(7.0)
        metrics = font_metrics(font, painter.device())
        line = metrics.height() + 0.3 * mm
        head = font_metrics(print_font(7.5, True), painter.device()).height() + 1 * mm
        rows = max(1, int((rect.height() - head) // line))
        col_w = key_column_width(painter, entries, mm, rect.width())
        columns = max(1, int((rect.width() + 3 * mm) // (col_w + 3 * mm)))
        return rows * columns

    # --- painting ----------------------------------------------------------------------
    def paint(self, device: QPagedPaintDevice, cancelled: Callable[[], bool] | None = None) -> int:
        """Paint every page; returns the number of pages."""
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(_("the printer or file could not be opened for painting"))
        try:
            pages, layout = self._plan(painter, device)
            contents = self._contents(pages)
            for number, page in enumerate(pages, 1):
                if cancelled is not None and cancelled():
                    break
                if number > 1:
                    device.newPage()
                self._paint_page(painter, device, page, layout, contents)
                if page.kind != "cover":
                    self._paint_head_and_foot(painter, device, page, number, len(pages))
        finally:
            painter.end()
        return len(pages)

    def page_count(self, device: QPagedPaintDevice) -> int:
        painter = QPainter()
        painter.begin(device)
        try:
            return len(self._plan(painter, device)[0])
        finally:
            painter.end()

    @staticmethod
    def _contents(pages: list[_Page]) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        for number, page in enumerate(pages, 1):
            if page.kind in ("cover", "key"):
                continue
            seen.setdefault(page.title, number)
        return list(seen.items())

    def _paint_page(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        page: _Page,
        layout: _MapLayout,
        contents: list[tuple[str, int]],
    ) -> None:
        mm = self._mm(device)
        plan = layout.plan
        if page.kind == "cover":
            self._paint_cover(painter, device, contents)
        elif page.kind == "map":
            self.map.paint(painter, plan, mm)
            paint_legend(painter, layout.legend, mm, self.notes)
            if layout.key is not None:
                paint_key(painter, layout.key, plan.key, mm, key_title(plan))
        elif page.kind == "key":
            paint_key(painter, self._body(device), plan.key[page.index :], mm, key_title(plan))
        elif page.kind == "concept":
            self._paint_concept(painter, device)
        else:
            assert page.doc is not None
            self._paint_text(painter, device, page.doc, page.index)

    def _paint_cover(
        self, painter: QPainter, device: QPagedPaintDevice, contents: list[tuple[str, int]]
    ) -> None:
        mm = self._mm(device)
        rect = self._content_rect(device)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        doc.setDefaultFont(print_font(10.0))
        doc.setDocumentMargin(0)
        scale = self._text_scale()
        width = min(rect.width(), 190 * mm * scale)
        doc.setTextWidth(width / scale)
        doc.setHtml(cover_html(self.content, self.info, contents, device.logicalDpiX()))
        height = doc.size().height() * scale
        if height > rect.height() - 12 * mm:
            scale = max(MIN_TEXT_SCALE, scale * (rect.height() - 12 * mm) / height)
            doc.setTextWidth(width / scale)
        painter.save()
        painter.translate(rect.left(), rect.top() + 10 * mm)
        painter.scale(scale, scale)
        doc.drawContents(painter, QRectF(0, 0, width / scale, rect.height() / scale))
        painter.restore()
        painter.save()
        painter.setPen(QPen(RULE, 0.5 * mm))
        painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
        painter.setFont(print_font(7.5))
        painter.setPen(CAPTION)
        painter.drawText(
            QRectF(rect.left(), rect.bottom() - 5 * mm, rect.width(), 5 * mm),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _("Drawn with Cluster Designer"),
        )
        painter.restore()

    def _paint_concept(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        mm = self._mm(device)
        body = self._body(device)
        summaries = [self.content.main.concept]
        if self.content.baseline is not None:
            summaries.insert(0, self.content.baseline.concept)
        figures = concept_figures(summaries, self.options.concept)
        paint_concepts(painter, body, mm, figures, self._text_scale())

    def _paint_text(
        self, painter: QPainter, device: QPagedPaintDevice, doc: QTextDocument, index: int
    ) -> None:
        body = self._body(device)
        page = doc.pageSize()
        scale = self._text_scale()
        painter.save()
        painter.translate(body.left(), body.top())
        painter.scale(scale, scale)
        painter.translate(0, -index * page.height())
        doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
        painter.restore()

    def _paint_head_and_foot(
        self, painter: QPainter, device: QPagedPaintDevice, page: _Page, number: int, count: int
    ) -> None:
        mm = self._mm(device)
        rect = self._content_rect(device)
        painter.save()
        head_font, small = print_font(8.0, True), print_font(7.5)
        head_h = font_metrics(head_font, painter.device()).height()
        painter.setFont(head_font)
        painter.setPen(INK)
        left = _("{design} — {page}").format(design=self.info.design_name, page=page.title)
        region_w = rect.width() * 0.35
        metrics = font_metrics(head_font, painter.device())
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width() - region_w, head_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(left, Qt.TextElideMode.ElideRight, rect.width() - region_w - 2 * mm),
        )
        painter.setFont(small)
        painter.setPen(CAPTION)
        small_metrics = font_metrics(small, painter.device())
        painter.drawText(
            QRectF(rect.right() - region_w, rect.top(), region_w, head_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(self.info.region, Qt.TextElideMode.ElideLeft, region_w),
        )
        rule_y = rect.top() + head_h + 1.2 * mm
        painter.setPen(QPen(RULE, 0.3 * mm))
        painter.drawLine(QPointF(rect.left(), rule_y), QPointF(rect.right(), rule_y))
        foot_top = rect.bottom() - small_metrics.height()
        painter.setPen(QPen(RULE, 0.2 * mm))
        painter.drawLine(
            QPointF(rect.left(), foot_top - 1.2 * mm), QPointF(rect.right(), foot_top - 1.2 * mm)
        )
        painter.setPen(CAPTION)
        painter.setFont(small)
        left_text = " · ".join(t for t in (self.info.date, self.info.author, self.info.note) if t)
        painter.drawText(
            QRectF(rect.left(), foot_top, rect.width() * 0.7, small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(left_text, Qt.TextElideMode.ElideRight, rect.width() * 0.68),
        )
        painter.drawText(
            QRectF(rect.left(), foot_top, rect.width(), small_metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _("Page {number} of {count}").format(number=number, count=count),
        )
        painter.restore()


def export_brief_pdf(
    content: BriefContent,
    path: str | Path,
    options: BriefOptions,
    info: SheetInfo,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """The brief as a PDF file (made in memory, then put in place in one step); the pages."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(
            _("{path}: the folder {folder} does not exist").format(path=path, folder=path.parent)
        )
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Cluster Designer")
    writer.setTitle(_("Meeting brief: {design}").format(design=info.design_name))
    writer.setPageLayout(options.page.page_layout())
    pages = BriefComposer(content, options, info).paint(writer, cancelled)
    del writer  # the document is complete once the writer is gone
    buffer.close()
    data = bytes(buffer.data().data())
    if cancelled is not None and cancelled():
        return 0
    if not data:
        raise ExportError(_("{path}: the file could not be written").format(path=path))
    atomic_write_bytes(path, data)
    return pages
