"""The evaluation overlay on the actors: sizes by a metric, replaced fills, highlight, dimming.

Kept apart from the scene's editing state: it belongs to one design and touches only the
items whose look it changes (and their radius in the position table, for hit tests and ties).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QColor

from .. import style
from .geometry import PositionTable
from .lazy_items import LazyItems


class ActorEmphasis:
    """What `ClusterScene.set_overlay` asked for, and which items currently show it."""

    def __init__(self) -> None:
        self.sizes: dict[str, float] = {}
        self.colors: dict[str, QColor] = {}
        self.highlight: set[str] = set()
        self.dimmed: set[str] = set()
        self._top = 0.0  # the largest of `sizes`
        self._shown: set[str] = set()  # items given an overlay look by the last `apply`

    def set(
        self,
        sizes: Mapping[str, float] | None,
        colors: Mapping[str, QColor] | None,
        highlight: Iterable[str],
        dimmed: Iterable[str],
    ) -> None:
        self.sizes, self.colors = dict(sizes or {}), dict(colors or {})
        self._top = max(self.sizes.values(), default=0.0)
        self.highlight, self.dimmed = set(highlight), set(dimmed)

    def clear(self) -> None:
        """A new design: nothing is emphasised and no item carries an overlay look."""
        self.set(None, None, (), ())
        self._shown = set()

    def look_of(self, actor_id: str) -> tuple[float, QColor | None, bool, bool]:
        """The actor's size, fill, highlight and dimming under the overlay (also for an item
        made after `apply`, see lazy_items.py)."""
        value = self.sizes.get(actor_id)
        size = style.ACTOR_SIZE
        if value is not None:
            top = self._top
            if top > 0:
                size = style.ACTOR_SIZE * (0.6 + 1.4 * max(0.0, value) / top)
        return size, self.colors.get(actor_id), actor_id in self.highlight, actor_id in self.dimmed

    def apply(self, items: LazyItems, table: PositionTable) -> None:
        """`sizes` are scaled so the largest gets twice the normal size and zero 0.6×.

        Items not made yet take their look when they are made; their radius in the table
        (hit tests, ties, points) changes now."""
        now = set(self.sizes) | set(self.colors) | self.highlight | self.dimmed
        touched, self._shown = self._shown | now, now
        rows = table.rows
        for actor_id in touched:  # items outside the overlay keep their default look
            row = rows.get(actor_id)
            if row is None:
                continue
            size, fill, highlighted, dimmed = self.look_of(actor_id)
            table.radius[row] = size / 2
            item = items.made_item(actor_id)
            if item is None:
                continue
            item.set_size(size)
            item.fill_override = fill
            item.highlighted = highlighted
            item.dimmed = dimmed
            item.refresh()
