"""The scene's actor items, made when first needed so a big design opens at once.

Building a QGraphicsItem per actor costs about 50 µs of Python and Qt work: five seconds
for 50,000 actors, and none of them is drawn at the fitted (zoomed-out) view of a big
design, where the tie layer draws actors as points from the position table. So opening
registers the actors here; an item is made the moment anything asks for it (painting,
search, selection, a drag, tests), and the rest are made in small pieces while the event
loop has nothing else to do, each piece taking a few milliseconds at most, and none while a
person is turning the wheel, dragging or typing (a gesture's frames come first).

The scene keeps every look (selection, overlay, level of detail, labels, origins) in its
own state and gives a new item that state, so an item made late looks as one made at once.
Loops that change every item's look go over `made()` only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QMouseEvent

from .actor_item import ActorItem

PIECE_SECONDS = 0.004  # the longest a piece of background building keeps the event loop
HOLD_SECONDS = 0.25  # no background building until input has rested this long
_INPUT = frozenset(
    {
        QEvent.Type.Wheel,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
    }
)


class _InputWatch(QObject):
    """Notes when the application last had a gesture's input (installed only while items are
    waiting to be made)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.quiet_from = 0.0  # time.monotonic() from which background work may run

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT or (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and event.buttons() != Qt.MouseButton.NoButton
        ):
            self.quiet_from = time.monotonic() + HOLD_SECONDS
        return False


class LazyItems(Mapping[str, ActorItem]):
    """Actor id → item, in the design's order; reading an id makes its item if needed."""

    def __init__(
        self,
        owner: QObject,
        make: Callable[[str], ActorItem],
        label_rect: Callable[[str, bool], QRectF],
        finished: Callable[[], None] = lambda: None,
    ) -> None:
        """`finished` is called each time the background work is all done (the scene's
        document then freezes the long-lived items out of later collections)."""
        self._slots: dict[str, ActorItem | None] = {}  # None: not made yet
        self._waiting: list[str] = []  # ids to make in the background, last first
        self._chores: list[Callable[[], bool]] = []  # other background work (add_chore)
        self._make = make
        self._label_rect = label_rect
        self._finished = finished
        self._timer = QTimer(owner)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._make_piece)
        self._input = _InputWatch(owner)
        self._watching = False

    # --- Mapping -------------------------------------------------------------------------
    def __getitem__(self, actor_id: str) -> ActorItem:
        item = self._slots[actor_id]
        if item is None:
            item = self._make(actor_id)
            self._slots[actor_id] = item
        return item

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._slots

    def __iter__(self) -> Iterator[str]:
        return iter(self._slots)

    def __len__(self) -> int:
        return len(self._slots)

    # --- what the scene uses -------------------------------------------------------------
    def made(self) -> list[ActorItem]:
        """The items made so far (to change a look that new items take from the scene)."""
        return [item for item in self._slots.values() if item is not None]

    def made_item(self, actor_id: str | None) -> ActorItem | None:
        """The item if it exists, without making it."""
        return self._slots.get(actor_id) if actor_id is not None else None

    @property
    def waiting(self) -> int:
        """How many items are still to be made."""
        return sum(1 for item in self._slots.values() if item is None)

    def add(self, actor_id: str, item: ActorItem) -> None:
        self._slots[actor_id] = item

    def add_later(self, actor_ids: list[str]) -> bool:
        """Register actors whose items are made on first use or in the background; whether
        all of them were new here (so none has an item)."""
        slots = self._slots
        new = not any(map(slots.__contains__, actor_ids))
        if new:
            slots.update(dict.fromkeys(actor_ids))
        else:
            for actor_id in actor_ids:
                slots.setdefault(actor_id, None)
        self._waiting.extend(reversed(actor_ids))
        self._timer.start(0)
        self._watch(True)
        return new

    def add_chore(self, chore: Callable[[], bool]) -> None:
        """Other work for the same background pieces, done before the items: each call of
        `chore` does a little (well under PIECE_SECONDS) and says whether all is done."""
        self._chores.append(chore)
        self._timer.start(0)
        self._watch(True)

    def hold(self) -> None:
        """No background building for HOLD_SECONDS (as after a gesture's input)."""
        self._input.quiet_from = time.monotonic() + HOLD_SECONDS

    def _watch(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if on != self._watching and app is not None:
            if on:
                app.installEventFilter(self._input)
            else:
                app.removeEventFilter(self._input)
            self._watching = on

    def discard(self, actor_id: str) -> ActorItem | None:
        """Forget the actor; its item if one was made (for the scene to remove)."""
        return self._slots.pop(actor_id, None)

    def rename(self, old: str, new: str) -> ActorItem | None:
        """The actor's id changed (it moves to the end, as a dict's key would)."""
        item = self._slots.pop(old)
        self._slots[new] = item
        if item is None:
            self._waiting.append(new)
        return item

    def clear(self) -> list[ActorItem]:
        """Forget everything; the items that were made (for the scene to remove)."""
        made = self.made()
        self._slots.clear()
        self._waiting.clear()
        self._chores.clear()
        self._timer.stop()
        self._watch(False)
        return made

    def label_rect(self, actor_id: str, long: bool = False) -> QRectF:
        """The actor's label box around its centre, without making its item."""
        item = self._slots[actor_id]
        if item is None:
            return self._label_rect(actor_id, long)
        return item.label.rect(long)

    def make_all(self) -> None:
        """Make every item now (what a whole-design operation may need)."""
        for actor_id, item in self._slots.items():
            if item is None:
                self._slots[actor_id] = self._make(actor_id)
        self._waiting.clear()
        if not self._chores:
            self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        self._watch(False)
        self._finished()

    def _make_piece(self) -> None:
        rest = self._input.quiet_from - time.monotonic()
        if rest > 0:  # a gesture is going on: come back when it has rested
            self._timer.start(int(rest * 1000) + 1)
            return
        end = time.perf_counter() + PIECE_SECONDS
        chores = self._chores
        while chores:
            if chores[0]():
                chores.pop(0)
            elif time.perf_counter() >= end:
                self._timer.start(0)
                return
        waiting, slots = self._waiting, self._slots
        while waiting:
            actor_id = waiting.pop()
            if actor_id in slots and slots[actor_id] is None:
                slots[actor_id] = self._make(actor_id)
                if time.perf_counter() >= end:
                    break
        if waiting or chores:
            self._timer.start(0)
        else:
            self._finish()
