"""Where bundled files live: in a checkout, an installed wheel or a PyInstaller bundle.

One helper so no module guesses paths on its own: a checkout keeps `resources/` next to the
package, a PyInstaller bundle unpacks it under `sys._MEIPASS`.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from cluster_designer.model import Sector

from .style import SECTOR_STYLES, shape_path


def resource_dirs() -> list[Path]:
    """Candidate `resources` folders, most specific first."""
    dirs: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "resources")
    package_root = Path(__file__).resolve().parent.parent  # cluster_designer/
    dirs.append(package_root / "resources")
    dirs.append(package_root.parent / "resources")  # the repository checkout
    return dirs


def resource_path(*parts: str) -> Path | None:
    """The first existing bundled file with this relative path, or None."""
    for base in resource_dirs():
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    return None


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The application icon from the bundle (every PNG size there is), else drawn in code."""
    icon = QIcon()
    folder = resource_path("icons")
    if folder is not None:
        for png in sorted(folder.glob("cluster-designer-*.png")):
            icon.addFile(str(png))
        if icon.isNull():
            svg = folder / "cluster-designer.svg"
            if svg.exists():
                icon = QIcon(str(svg))
    return icon if not icon.isNull() else _drawn_app_icon()


def _drawn_app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 64
        centres = {
            Sector.UNIVERSITY: QPointF(20 * s, 20 * s),
            Sector.COMPANY: QPointF(44 * s, 24 * s),
            Sector.SUPPORT: QPointF(30 * s, 46 * s),
        }
        p.setPen(QPen(QColor("#4D4D4D"), max(1.0, 3 * s)))
        pts = list(centres.values())
        for i, a in enumerate(pts):
            for b in pts[i + 1 :]:
                p.drawLine(a, b)
        for sector, c in centres.items():
            style = SECTOR_STYLES[sector]
            r = 11 * s
            p.setPen(QPen(style.outline, max(1.0, 2 * s)))
            p.setBrush(style.fill)
            p.drawPath(shape_path(style.shape, QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)))
        p.end()
        icon.addPixmap(pix)
    return icon
