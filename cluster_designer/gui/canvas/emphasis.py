"""The evaluation overlay on the actors: sizes by a metric, replaced fills, highlight, dimming.

Kept apart from the scene's editing state: it belongs to one design and touches only the
items whose look it changes (and their radius in the position table, for hit tests and ties).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QColor

from .. import style
from .actor_item import ActorItem
from .geometry import PositionTable


class ActorEmphasis:
    """What `ClusterScene.set_overlay` asked for, and which items currently show it."""

    def __init__(self) -> None:
        self.sizes: dict[str, float] = {}
        self.colors: dict[str, QColor] = {}
        self.highlight: set[str] = set()
        self.dimmed: set[str] = set()
        self._shown: set[str] = set()  # items given an overlay look by the last `apply`

    def set(
        self,
        sizes: Mapping[str, float] | None,
        colors: Mapping[str, QColor] | None,
        highlight: Iterable[str],
        dimmed: Iterable[str],
    ) -> None:
        self.sizes, self.colors = dict(sizes or {}), dict(colors or {})
        self.highlight, self.dimmed = set(highlight), set(dimmed)

    def clear(self) -> None:
        """A new design: nothing is emphasised and no item carries an overlay look."""
        self.set(None, None, (), ())
        self._shown = set()

    def apply(self, items: Mapping[str, ActorItem], table: PositionTable) -> None:
        """`sizes` are scaled so the largest gets twice the normal size and zero 0.6×."""
        top = max(self.sizes.values(), default=0.0)
        now = set(self.sizes) | set(self.colors) | self.highlight | self.dimmed
        touched, self._shown = self._shown | now, now
        for actor_id in touched:  # items outside the overlay keep their default look
            item = items.get(actor_id)
            if item is None:
                continue
            value = self.sizes.get(actor_id)
            size = style.ACTOR_SIZE
            if value is not None and top > 0:
                size = style.ACTOR_SIZE * (0.6 + 1.4 * max(0.0, value) / top)
            item.set_size(size)
            table.radius[table.rows[actor_id]] = size / 2
            item.fill_override = self.colors.get(actor_id)
            item.highlighted = actor_id in self.highlight
            item.dimmed = actor_id in self.dimmed
            item.refresh()
