"""One page layout for print, print preview and PDF export: `PageComposer` paints every page.

A sheet is the diagram in a thin frame above a band holding the legend (left) and the title
block (right). A poster paints one large virtual sheet and cuts it into overlapping tiles; an
optional metrics page follows the diagram pages with the same title block.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPainterPath, QPen, QTextDocument

from cluster_designer.analysis import Diagnosis, Evaluation
from cluster_designer.analysis.suggest import Suggestions
from cluster_designer.i18n import _

from ..canvas import ClusterScene
from ..canvas.legend import feature_notes
from .metrics_page import metrics_html
from .options import PageOptions
from .sheet import (
    CAPTION,
    RULE,
    SheetInfo,
    fit_rect,
    font_metrics,
    legend_size,
    paint_frame,
    paint_legend,
    paint_title_block,
    print_font,
    title_block_size,
)

GAP_MM = 4.0
DIAGRAM_INSET_MM = 1.5
TILE_LABEL_MM = 7.0
MARK_MM = 4.0
MIN_METRICS_SCALE = 0.8
OUTSIDE_PX = 100_000.0
WIDE_MM = 200.0  # metrics tables go in three columns on paper at least this wide


@dataclass(frozen=True, slots=True)
class _Page:
    kind: str  # "diagram", "tile" or "metrics"
    index: int = 0  # tile number or metrics page number


class PageComposer:
    """Paints the design's pages on any paged device (QPrinter, QPdfWriter) with the options."""

    def __init__(
        self,
        scene: ClusterScene,
        options: PageOptions,
        info: SheetInfo,
        evaluation: tuple[Evaluation, Diagnosis] | None = None,
        suggestions: Suggestions | None = None,
    ) -> None:
        self.scene = scene
        self.options = options
        self.info = info
        self.evaluation = evaluation  # for the metrics page; None: evaluated when painted
        self.suggestions = suggestions  # for its dynamics part, when the window has them

    # --- page plan -----------------------------------------------------------------------
    def page_count(self, device: QPagedPaintDevice) -> int:
        return len(self._plan(device, self._metrics_document(device)))

    def _plan(self, device: QPagedPaintDevice, doc: QTextDocument | None) -> list[_Page]:
        o = self.options
        pages = (
            [_Page("tile", i) for i in range(o.poster_columns * o.poster_rows)]
            if o.is_poster
            else [_Page("diagram")]
        )
        if doc is not None:
            pages += [_Page("metrics", i) for i in range(doc.pageCount())]
        return pages

    def _metrics_document(self, device: QPagedPaintDevice) -> QTextDocument | None:
        """The metrics HTML paginated for the page; shrunk (down to MIN_METRICS_SCALE) to
        avoid a last page holding a few stray rows."""
        if not self.options.include_metrics or self.scene.design is None:
            return None
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        doc.setDefaultFont(print_font(8.5))
        doc.setDocumentMargin(0)
        area = self._metrics_area(device)
        columns = 3 if area.width() > WIDE_MM * self._mm(device) else 2
        doc.setHtml(
            metrics_html(
                self.scene.design,
                columns,
                self.evaluation,
                dynamics=self.options.include_dynamics,
                suggestions=self.suggestions,
            )
        )
        doc.setTextWidth(area.width())
        height = doc.size().height()
        scale = max(MIN_METRICS_SCALE, area.height() / height) if height > area.height() else 1.0
        doc.setPageSize(QSizeF(area.width() / scale, area.height() / scale))
        doc.setProperty("print_scale", scale)
        return doc

    # --- geometry ------------------------------------------------------------------------
    @staticmethod
    def _mm(device: QPagedPaintDevice) -> float:
        return device.logicalDpiX() / 25.4

    @staticmethod
    def _content(device: QPagedPaintDevice) -> QRectF:
        paint = device.pageLayout().paintRectPixels(device.logicalDpiX())
        return QRectF(0, 0, paint.width(), paint.height())

    def _metrics_area(self, device: QPagedPaintDevice) -> QRectF:
        mm = self._mm(device)
        content = self._content(device)
        _tw, th = title_block_size(self.info, mm, content.width())
        return content.adjusted(0, 0, 0, -(th + GAP_MM * mm))

    # --- painting ------------------------------------------------------------------------
    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint every page; returns the number of pages."""
        doc = self._metrics_document(device)
        pages = self._plan(device, doc)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(_("the printer or file could not be opened for painting"))
        try:
            for number, page in enumerate(pages, 1):
                if number > 1:
                    device.newPage()
                text = _("Page {number} of {count}").format(number=number, count=len(pages))
                if page.kind == "diagram":
                    self.paint_sheet(painter, self._content(device), self._mm(device), text)
                elif page.kind == "tile":
                    self._paint_tile(painter, device, page.index, text)
                else:
                    assert doc is not None
                    self._paint_metrics(painter, device, doc, page.index, text)
        finally:
            painter.end()
        return len(pages)

    def paint_sheet(self, painter: QPainter, rect: QRectF, mm: float, page_text: str) -> None:
        """The diagram in its frame above the legend and the title block, filling `rect`."""
        tw, th = title_block_size(self.info, mm, rect.width())
        gap = GAP_MM * mm
        notes = feature_notes(self.scene)
        beside = legend_size(painter.device(), mm, rect.width() - tw - gap, notes)
        if beside is not None:
            band_h = max(th, beside[1])
            legend = QRectF(rect.left(), rect.bottom() - band_h, beside[0], band_h)
            title = QRectF(rect.right() - tw, rect.bottom() - band_h, tw, band_h)
        else:
            size = legend_size(painter.device(), mm, rect.width(), notes)
            size = size or (rect.width(), 30 * mm)
            band_h = th + gap + size[1]
            legend = QRectF(rect.left(), rect.bottom() - band_h, rect.width(), size[1])
            title = QRectF(rect.right() - tw, rect.bottom() - th, tw, th)
        area = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - band_h - gap)
        paint_frame(painter, area, mm)
        inner = area.adjusted(*(DIAGRAM_INSET_MM * mm * f for f in (1, 1, -1, -1)))
        source = self.scene.diagram_rect()
        painter.save()
        painter.setClipRect(area, Qt.ClipOperation.IntersectClip)
        self.scene.render_diagram(
            painter,
            fit_rect(source, inner),
            source,
            include_legend=False,
            background=QColor("white"),
        )
        painter.restore()
        paint_legend(painter, legend, mm, notes)
        paint_title_block(painter, title, self.info, page_text, mm)

    def _paint_tile(
        self, painter: QPainter, device: QPagedPaintDevice, index: int, page_text: str
    ) -> None:
        o = self.options
        mm = self._mm(device)
        content = self._content(device)
        row, column = divmod(index, o.poster_columns)
        tile = content.adjusted(0, TILE_LABEL_MM * mm, 0, 0)
        overlap = o.overlap_mm * mm
        step_x, step_y = tile.width() - overlap, tile.height() - overlap
        poster = QRectF(0, 0, step_x * o.poster_columns + overlap, step_y * o.poster_rows + overlap)
        painter.save()
        painter.setClipRect(tile)
        painter.translate(tile.left() - column * step_x, tile.top() - row * step_y)
        poster_text = _("Poster of {columns} × {rows} pages").format(
            columns=o.poster_columns, rows=o.poster_rows
        )
        self.paint_sheet(painter, poster, mm, poster_text)
        painter.restore()
        self._mask_outside(painter, tile)
        self._paint_tile_label(painter, content, mm, row, column, page_text)
        self._paint_overlap_marks(painter, tile, mm, overlap, row, column)

    @staticmethod
    def _mask_outside(painter: QPainter, tile: QRectF) -> None:
        """Blank the paper around the tile: the tie layer sets its own clip, so ties reach out."""
        outside = QPainterPath()
        outside.addRect(tile.adjusted(-OUTSIDE_PX, -OUTSIDE_PX, OUTSIDE_PX, OUTSIDE_PX))
        inside = QPainterPath()
        inside.addRect(tile)
        painter.fillPath(outside.subtracted(inside), QColor("white"))

    def _paint_tile_label(
        self, painter: QPainter, content: QRectF, mm: float, row: int, column: int, page_text: str
    ) -> None:
        o = self.options
        strip = QRectF(
            content.left(), content.top(), content.width(), TILE_LABEL_MM * mm - 1.5 * mm
        )
        cell = 2.2 * mm
        painter.save()
        painter.setPen(QPen(RULE, 0.2 * mm))
        for r in range(o.poster_rows):
            for c in range(o.poster_columns):
                painter.setBrush(QColor(RULE) if (r, c) == (row, column) else QColor("white"))
                painter.drawRect(
                    QRectF(strip.left() + c * cell, strip.top() + r * cell, cell, cell)
                )
        font = print_font(8.0, True)
        painter.setFont(font)
        painter.setPen(CAPTION)
        text = _(
            "{design} — poster tile row {row}, column {column} (of {rows} × {columns})"
        ).format(
            design=self.info.design_name,
            row=row + 1,
            column=column + 1,
            rows=o.poster_rows,
            columns=o.poster_columns,
        )
        left = strip.left() + o.poster_columns * cell + 2 * mm
        text_rect = QRectF(left, strip.top(), strip.width() - (left - strip.left()), strip.height())
        metrics = font_metrics(font, painter.device())
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width() * 0.7)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.setFont(print_font(8.0))
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page_text
        )
        painter.restore()

    def _paint_overlap_marks(
        self, painter: QPainter, tile: QRectF, mm: float, overlap: float, row: int, column: int
    ) -> None:
        """Dashed lines where the neighbouring tile's paper ends, and crop ticks at the edges."""
        o = self.options
        painter.save()
        dashed = QPen(QColor(90, 90, 90), 0.2 * mm, Qt.PenStyle.DashLine)
        solid = QPen(QColor(40, 40, 40), 0.25 * mm)
        xs = [tile.left() + overlap] if column > 0 else []
        xs += [tile.right() - overlap] if column < o.poster_columns - 1 else []
        ys = [tile.top() + overlap] if row > 0 else []
        ys += [tile.bottom() - overlap] if row < o.poster_rows - 1 else []
        inner_edges = [(QPointF(x, tile.top()), QPointF(x, tile.bottom())) for x in xs]
        inner_edges += [(QPointF(tile.left(), y), QPointF(tile.right(), y)) for y in ys]
        if overlap > 0:
            painter.setPen(dashed)
            for a, b in inner_edges:
                painter.drawLine(a, b)
        painter.setPen(solid)
        m = MARK_MM * mm
        for corner in (tile.topLeft(), tile.topRight(), tile.bottomLeft(), tile.bottomRight()):
            sx = 1 if corner.x() == tile.left() else -1
            sy = 1 if corner.y() == tile.top() else -1
            painter.drawLine(corner, corner + QPointF(sx * m, 0))
            painter.drawLine(corner, corner + QPointF(0, sy * m))
        painter.restore()

    def _paint_metrics(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        doc: QTextDocument,
        index: int,
        page_text: str,
    ) -> None:
        mm = self._mm(device)
        content = self._content(device)
        area = self._metrics_area(device)
        scale = float(doc.property("print_scale"))
        page = doc.pageSize()
        painter.save()
        painter.translate(area.topLeft())
        painter.scale(scale, scale)
        painter.translate(0, -index * page.height())
        doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
        painter.restore()
        tw, th = title_block_size(self.info, mm, content.width())
        block = QRectF(content.right() - tw, content.bottom() - th, tw, th)
        paint_title_block(painter, block, self.info, page_text, mm)
