"""Writing the diagram to files: PDF (the print layout, vector), SVG (vector) and PNG (raster).

The GUI passes the window's own scene, so a file shows what the canvas shows; the command
line goes through `cluster_designer.gui.render.export_diagram`, which builds a scene first.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from cluster_designer.analysis import Diagnosis, Evaluation
from cluster_designer.i18n import _
from cluster_designer.io.files import atomic_write_bytes
from cluster_designer.model import ClusterError

from ..canvas import ClusterScene
from ..canvas.legend import feature_notes
from .composer import PageComposer
from .options import PageOptions
from .sheet import (
    CAPTION,
    INK,
    SheetInfo,
    fit_rect,
    font_metrics,
    legend_size,
    paint_legend,
    print_font,
)

SCREEN_DPI = 96.0  # one scene unit is one pixel at this resolution
PDF_DPI = 96  # the canvas draws ties with cosmetic pens and fonts in points: keep screen units
MAX_PNG_SIDE = 20_000


class ExportError(ClusterError):
    """A diagram that could not be written; the message names the file."""


def export_pdf(
    scene: ClusterScene,
    path: str | Path,
    options: PageOptions,
    info: SheetInfo,
    evaluation: tuple[Evaluation, Diagnosis] | None = None,
) -> int:
    """The print layout as a vector PDF; returns the number of pages."""
    path = Path(path)
    _check_folder(path)
    buffer = memory_file()
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Cluster Designer")
    writer.setTitle(info.design_name)
    writer.setPageLayout(options.page_layout())
    try:
        pages = PageComposer(scene, options, info, evaluation).paint(writer)
    except OSError as error:
        raise ExportError(
            _("{path}: cannot write the PDF ({reason})").format(path=path, reason=error)
        ) from None
    del writer  # the document is complete once the writer is gone
    _write(path, buffer)
    return pages


def export_svg(scene: ClusterScene, path: str | Path, info: SheetInfo) -> QSize:
    """A vector figure: title, diagram and legend; every actor name is a text element."""
    path = Path(path)
    _check_folder(path)
    figure = FigureLayout(scene, info)
    size = figure.pixel_size(1.0)
    buffer = memory_file()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(int(SCREEN_DPI))
    generator.setTitle(info.design_name)
    names = [a.name for a in scene.design.actors.values()] if scene.design is not None else []
    # labels on the map are shortened like on screen;
    # the description keeps every full name searchable
    generator.setDescription(
        _("Cluster Designer diagram of {design}. Actors: {names}").format(
            design=info.design_name, names="; ".join(names)
        )
    )
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(_("{path}: cannot write the SVG file").format(path=path))
    try:
        figure.paint(painter, transparent=False)
    finally:
        painter.end()
    buffer.close()
    svg = bytes(buffer.data().data()).decode("utf-8")
    buffer.setData(QByteArray(name_japanese_fonts(svg).encode("utf-8")))
    _write(path, buffer)
    return size


# Fonts a viewer of the SVG may have for Japanese text, after the one the figure was drawn
# with: Windows, macOS, Linux (Noto CJK), then the generic family. An SVG does not carry
# its fonts; naming these lets PowerPoint, Illustrator or a browser find one on any system.
SVG_JAPANESE_FONTS = (
    "'Yu Gothic'",
    "Meiryo",
    "'Hiragino Sans'",
    "'Hiragino Kaku Gothic ProN'",
    "'Noto Sans CJK JP'",
    "'Noto Sans JP'",
    "sans-serif",
)
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')


def name_japanese_fonts(svg: str) -> str:
    """Every font-family of an SVG written by Qt, with the Japanese fallback fonts appended."""

    def with_fallbacks(match: re.Match[str]) -> str:
        named = [f.strip() for f in match.group(1).split(",") if f.strip()]
        known = {f.strip("'\"").casefold() for f in named}
        extra = [f for f in SVG_JAPANESE_FONTS if f.strip("'").casefold() not in known]
        return 'font-family="' + ", ".join([*named, *extra]) + '"'

    return _FONT_FAMILY.sub(with_fallbacks, svg)


def export_png(
    scene: ClusterScene,
    path: str | Path,
    info: SheetInfo,
    *,
    dpi: int = 150,
    width_px: int | None = None,
    transparent: bool = False,
) -> QSize:
    """A raster figure at `dpi` (scene pixels × dpi/96) or exactly `width_px` wide."""
    path = Path(path)
    _check_folder(path)
    if width_px is None and not 24 <= dpi <= 1200:
        raise ExportError(
            _("{file}: resolution {dpi} dpi must be between 24 and 1200").format(
                file=path.name, dpi=dpi
            )
        )
    figure = FigureLayout(scene, info)
    natural = figure.natural_size()
    scale = width_px / natural.width() if width_px else dpi / SCREEN_DPI
    size = figure.pixel_size(scale)
    if min(size.width(), size.height()) < 16 or max(size.width(), size.height()) > MAX_PNG_SIDE:
        raise ExportError(
            _("{file}: {width} × {height} pixels is too small or too large").format(
                file=path.name, width=size.width(), height=size.height()
            )
        )
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    _set_dpi(image, SCREEN_DPI)  # lay out fonts at screen resolution, then scale as a whole
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    try:
        figure.paint(painter, transparent=transparent)
    finally:
        painter.end()
    _set_dpi(image, SCREEN_DPI * scale)
    buffer = memory_file()
    # PySide6's stubs ask for bytes here, but at run time only a str format is accepted.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise ExportError(_("{path}: cannot write the PNG file").format(path=path))
    _write(path, buffer)
    return size


class FigureLayout:
    """A page-less figure for slides and reports: title line, diagram at scene scale, legend."""

    PAD_MM = 5.0
    GAP_MM = 3.0

    def __init__(self, scene: ClusterScene, info: SheetInfo) -> None:
        self.scene = scene
        self.info = info
        self._probe = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        _set_dpi(self._probe, SCREEN_DPI)
        self.mm = SCREEN_DPI / 25.4
        self.source = scene.diagram_rect()
        title_h = font_metrics(print_font(14.0, True), self._probe).height()
        sub_h = font_metrics(print_font(8.5), self._probe).height()
        self.title_h = title_h + sub_h
        pad, gap = self.PAD_MM * self.mm, self.GAP_MM * self.mm
        width = max(self.source.width(), 100 * self.mm)
        self.notes = feature_notes(scene)
        legend = legend_size(self._probe, self.mm, width, self.notes)
        if legend is None:
            legend = legend_size(self._probe, self.mm, 200 * self.mm, self.notes)
            legend = legend or (width, 30 * self.mm)
            width = max(width, legend[0])
        self.legend = legend
        self.diagram = QRectF(pad, pad + self.title_h + gap, width, self.source.height())
        self.width = width + 2 * pad
        self.height = self.diagram.bottom() + gap + legend[1] + pad

    def natural_size(self) -> QSize:
        return QSize(round(self.width), round(self.height))

    def pixel_size(self, scale: float) -> QSize:
        return QSize(max(1, round(self.width * scale)), max(1, round(self.height * scale)))

    def paint(self, painter: QPainter, transparent: bool) -> None:
        pad = self.PAD_MM * self.mm
        title_font, sub_font = print_font(14.0, True), print_font(8.5)
        painter.setFont(title_font)
        painter.setPen(INK)
        title_h = font_metrics(title_font, self._probe).height()
        painter.drawText(
            QRectF(pad, pad, self.width - 2 * pad, title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.info.design_name,
        )
        subtitle = " · ".join(
            t for t in (self.info.region, self.info.date, self.info.author, self.info.note) if t
        )
        painter.setFont(sub_font)
        painter.setPen(CAPTION)
        painter.drawText(
            QRectF(pad, pad + title_h, self.width - 2 * pad, self.title_h - title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            subtitle,
        )
        self.scene.render_diagram(
            painter,
            fit_rect(self.source, self.diagram),
            self.source,
            include_legend=False,
            background=QColor(0, 0, 0, 0) if transparent else QColor("white"),
        )
        top = self.diagram.bottom() + self.GAP_MM * self.mm
        paint_legend(
            painter,
            QRectF(QPointF(pad, top), QPointF(pad + self.legend[0], top + self.legend[1])),
            self.mm,
            self.notes,
        )


def _set_dpi(image: QImage, dpi: float) -> None:
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportError(
            _("{path}: the folder {parent} does not exist").format(path=path, parent=path.parent)
        )


def memory_file() -> QBuffer:
    """Qt writes a figure here; only complete bytes ever go to the disk (see `_write`)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def buffer_bytes(buffer: QBuffer) -> bytes:
    """What Qt wrote into a `memory_file`, once it is finished."""
    buffer.close()
    return bytes(buffer.data().data())


def _write(path: Path, buffer: QBuffer) -> None:
    """Replace `path` in one step; a full disk keeps the old file and says so (Qt's own
    file writers report nothing, and left truncated files behind)."""
    data = buffer_bytes(buffer)
    if not data:
        raise ExportError(_("{path}: the file could not be written").format(path=path))
    atomic_write_bytes(path, data)
