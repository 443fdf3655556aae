"""What the user chose for a printout: paper, margins, title-block texts, extras, poster tiling.

Plain data so the same options drive print, preview and PDF export, and tests can build them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize

from cluster_designer.i18n import _
from cluster_designer.model import ClusterError

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "Letter": QPageSize.PageSizeId.Letter,
}
MAX_POSTER_SIDE = 8


class PrintOptionsError(ClusterError):
    """An option a user (or the command line) gave that cannot be printed."""


@dataclass(frozen=True, slots=True)
class PageOptions:
    """Everything the page composer needs besides the design itself."""

    page_size: str = "A4"
    landscape: bool = True
    margin_mm: float = 12.0
    author: str = ""
    note: str = ""
    include_metrics: bool = False
    include_dynamics: bool = False  # on the metrics page: roles, chain reaction, resilience
    poster_columns: int = 1
    poster_rows: int = 1
    overlap_mm: float = 10.0

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            sizes = ", ".join(PAGE_SIZES)
            raise PrintOptionsError(
                _("page size {size} is not one of {sizes}").format(
                    size=repr(self.page_size), sizes=sizes
                )
            )
        if not 3.0 <= self.margin_mm <= 40.0:
            raise PrintOptionsError(
                _("margin {margin} mm must be between 3 and 40 mm").format(
                    margin=f"{self.margin_mm:g}"
                )
            )
        for text, value in (
            (_("poster columns {value} must be between 1 and {limit}"), self.poster_columns),
            (_("poster rows {value} must be between 1 and {limit}"), self.poster_rows),
        ):
            if not 1 <= value <= MAX_POSTER_SIDE:
                raise PrintOptionsError(text.format(value=value, limit=MAX_POSTER_SIDE))
        if not 0.0 <= self.overlap_mm <= 30.0:
            raise PrintOptionsError(
                _("poster overlap {overlap} mm must be between 0 and 30 mm").format(
                    overlap=f"{self.overlap_mm:g}"
                )
            )

    @property
    def is_poster(self) -> bool:
        return self.poster_columns * self.poster_rows > 1

    def with_changes(self, **changes: object) -> PageOptions:
        return replace(self, **changes)  # type: ignore[arg-type]

    def page_layout(self) -> QPageLayout:
        """The paper, orientation and margins as Qt wants them for a printer or PDF writer."""
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        m = self.margin_mm
        return QPageLayout(
            QPageSize(PAGE_SIZES[self.page_size]),
            orientation,
            QMarginsF(m, m, m, m),
            QPageLayout.Unit.Millimeter,
        )

    def adopt_layout(self, layout: QPageLayout) -> PageOptions:
        """The options with paper and orientation as the user set them in Qt's own dialogs."""
        size_id = layout.pageSize().id()
        name = next((n for n, i in PAGE_SIZES.items() if i == size_id), self.page_size)
        landscape = layout.orientation() == QPageLayout.Orientation.Landscape
        return self.with_changes(page_size=name, landscape=landscape)
