"""A word-wrapped QLabel that remembers its measured sizes.

Qt measures a wrapped label by laying its text out again on every question (height for a
width, size hint, minimum size), and a layout asks each label several times whenever
anything in the panel changes; for rich text that is a whole QTextDocument layout each
time. The evaluation panel holds some 80 such labels, and relaying them took ~25 ms of the
window's time after every evaluation at 1,000 actors. The answers depend only on the text,
the width asked for, and the font, style and margins (which clear the memory when they
change), so they are kept until then.

Qt's size hints of a word-wrapped label lay the text out at three more widths (about 80
characters, one line, one word per line). A layout ignores a hint's width when the label's
horizontal size policy is `Ignored` (it then takes the width it is given, and its height from
`heightForWidth`), so such a label answers its hints at the width it has: a new text is laid
out only at the widths it may be shown at (a third of a new diagnosis' cost at 10,000 actors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

CACHE_LIMIT = 64  # answers kept per label (a few widths per text while a dock is resized)
_Answer = TypeVar("_Answer", int, QSize)


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._sizes: dict[tuple[str, str, int], int | QSize] = {}

    def _remember(self, kind: str, width: int, compute: Callable[[], _Answer]) -> _Answer:
        key = (kind, self.text(), width)
        found = self._sizes.get(key)
        if found is None:
            if len(self._sizes) >= CACHE_LIMIT:
                self._sizes.clear()
            found = self._sizes[key] = compute()
        return cast(_Answer, found)

    def heightForWidth(self, width: int) -> int:
        return self._remember("h", width, lambda: super(WrappedLabel, self).heightForWidth(width))

    def take_any_width(self) -> None:
        """Let layouts give this label any width, however long its words (the hints' widths
        are then ignored, and answered cheaply: see above)."""
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _fits_any_width(self) -> bool:
        return self.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored

    def sizeHint(self) -> QSize:
        if self._fits_any_width():
            return QSize(self.width(), self.heightForWidth(self.width()))
        return QSize(self._remember("s", 0, super().sizeHint))

    def minimumSizeHint(self) -> QSize:
        if self._fits_any_width():
            margins = self.contentsMargins()
            line = self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
            return QSize(0, min(line, self.heightForWidth(self.width())))
        return QSize(self._remember("m", 0, super().minimumSizeHint))

    def setContentsMargins(self, *margins: Any) -> None:
        self._sizes.clear()
        super().setContentsMargins(*margins)

    def setIndent(self, indent: int) -> None:
        self._sizes.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._sizes.clear()
        super().setMargin(margin)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._sizes.clear()
        super().setTextFormat(fmt)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LayoutDirectionChange,
        ):
            self._sizes.clear()
        super().changeEvent(event)
