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
`heightForWidth`), so such a label answers its hints at the width a layout last asked about:
a new text is laid out only at the widths it may be shown at (a third of a new diagnosis'
cost at 10,000 actors).
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
        self._any_width = False  # take_any_width
        self._width = -1  # the width last asked about
        self._line = 0  # one line's height with the margins, 0: to be measured

    def _forget(self) -> None:
        self._sizes.clear()
        self._line = 0

    def _remember(self, kind: str, width: int, compute: Callable[[], _Answer]) -> _Answer:
        key = (kind, self.text(), width)
        found = self._sizes.get(key)
        if found is None:
            if len(self._sizes) >= CACHE_LIMIT:
                self._sizes.clear()
            found = self._sizes[key] = compute()
        return cast(_Answer, found)

    def heightForWidth(self, width: int) -> int:
        self._width = width
        return self._remember("h", width, lambda: super(WrappedLabel, self).heightForWidth(width))

    def take_any_width(self) -> None:
        """Let layouts give this label any width, however long its words (the hints' widths
        are then ignored, and answered cheaply: see above)."""
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._any_width = True

    # With any width the hints are answered from what this object holds, asking Qt as little
    # as possible: while a worker thread runs Python, each call into Qt may wait its turn
    # for Python's lock, and a panel's layout asks every label.
    def sizeHint(self) -> QSize:
        if self._any_width:
            width = self._width if self._width >= 0 else self.width()
            return QSize(width, self.heightForWidth(width))
        return QSize(self._remember("s", 0, super().sizeHint))

    def minimumSizeHint(self) -> QSize:
        if self._any_width:
            if not self._line:
                margins = self.contentsMargins()
                self._line = self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
            width = self._width if self._width >= 0 else self.width()
            return QSize(0, min(self._line, self.heightForWidth(width)))
        return QSize(self._remember("m", 0, super().minimumSizeHint))

    def setContentsMargins(self, *margins: Any) -> None:
        self._forget()
        super().setContentsMargins(*margins)

    def setIndent(self, indent: int) -> None:
        self._forget()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._forget()
        super().setMargin(margin)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._forget()
        super().setTextFormat(fmt)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LayoutDirectionChange,
        ):
            self._forget()
        super().changeEvent(event)
