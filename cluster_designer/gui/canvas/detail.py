"""The level of detail applied to the actor items where they are seen, the rest on demand.

At rest the actor items are transparent: the scene's static layer draws shapes and labels
from the scene's own state (`detailed`, `labels_visible`, `labels_legible`), so an item's
visibility in Qt only decides whether Qt paints it while it is dragged (and what anyone
asking it hears). Switching every item and label one by one took most of the sharp frame
after a zoom across DETAIL_ZOOM: 20,000 calls at 10,000 actors, 100,000 at 50,000. Here
only the items on or near a view follow a change at once; the others follow when a view
scrolls or grows onto them, or when they start to move.

Two masks over the position table's rows say which items may be shown and which may be
hidden; both are conservative (a row not known is both), so the work is bounded by the
items that actually switched, and a wrong guess only costs a look at the item. A third says
which rows are known to have no item yet (registered to be made later): those are not
looked at at all, so opening 50,000 actors does not ask 50,000 times for an item that is
not there (0.05-0.1 s a pass).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import style

if TYPE_CHECKING:
    from .scene import ClusterScene

NEAR = 0.1  # a view's rectangle grown by this share of its size (and by a few actors)


class ItemDetail:
    """Which actor items Qt shows, brought up to the scene's level of detail lazily."""

    def __init__(self, scene: ClusterScene) -> None:
        self.scene = scene
        self._version = -1
        self._maybe_shown = np.zeros(0, dtype=bool)
        self._maybe_hidden = np.zeros(0, dtype=bool)
        self._unmade = np.zeros(
            0, dtype=bool
        )  # rows known to have no item (a row not known: False)
        self._clean = False  # no item anywhere lags the level of detail

    def _align(self) -> None:
        """Masks for the table's rows; rows renumbered or added since are not known."""
        table = self.scene.table
        n = len(table)
        if self._version != table.version or len(self._maybe_shown) > n:
            self._maybe_shown = np.ones(n, dtype=bool)
            self._maybe_hidden = np.ones(n, dtype=bool)
            self._unmade = np.zeros(n, dtype=bool)
            self._version = table.version
            self._clean = False
        elif len(self._maybe_shown) < n:
            unknown = np.ones(n - len(self._maybe_shown), dtype=bool)
            self._maybe_shown = np.concatenate([self._maybe_shown, unknown])
            self._maybe_hidden = np.concatenate([self._maybe_hidden, unknown])
            self._unmade = np.concatenate([self._unmade, ~unknown])
            self._clean = False

    def changed(self, labels: bool = False) -> None:
        """Shapes were switched on or off (or, with `labels`, the labels): the items in
        sight follow now."""
        self._align()
        if labels:
            self._maybe_shown[:] = True
            self._maybe_hidden[:] = True
        self._clean = False
        self.sync()

    def made(self, row: int) -> None:
        """The item of `row` was just made (lazy_items.py) with the scene's looks of now,
        which its row's masks may not say (they may have followed before it existed)."""
        self._align()
        if row < len(self._maybe_shown):
            self._maybe_shown[row] = self._maybe_hidden[row] = True
            self._unmade[row] = False
            self._clean = False

    def not_made(self, rows: slice | np.ndarray) -> None:
        """The actors of these table rows have no item: each is made later (`made` then)."""
        self._align()
        self._unmade[rows] = True

    def sync(self, rows: np.ndarray | None = None) -> None:
        """Bring the items of `rows` (table rows), or those on or near a view, up to date."""
        self._align()
        if self._clean:
            return
        scene = self.scene
        shown = scene.detailed
        labels = scene.labels_visible and scene.labels_legible
        stale = self._maybe_hidden if shown else self._maybe_shown
        if rows is None:
            near = self._near_views()
            wanted = np.flatnonzero(stale if near is None else stale & near)
        else:
            rows = np.asarray(rows, dtype=np.int64)
            wanted = rows[stale[rows]]
        items, ids, unmade = scene.items_by_id, scene.table.ids, self._unmade
        for row in wanted[~unmade[wanted]].tolist():
            item = items.made_item(ids[row])  # one made later takes the level of detail then
            if item is None:
                unmade[row] = True
                continue
            if item.isVisible() != shown:
                item.setVisible(shown)
            if shown and item.label.isVisible() != labels:
                item.label.setVisible(labels)
        if shown:
            self._maybe_hidden[wanted] = False
            self._maybe_shown[wanted] = True
        else:
            self._maybe_shown[wanted] = False
            self._maybe_hidden[wanted] = True
        self._clean = not stale.any()

    def _near_views(self) -> np.ndarray | None:
        """Rows of the actors on or near what a view shows (None: no view, every row)."""
        scene = self.scene
        views = scene.views()
        if not views:
            return None
        x, y = scene.table.xy[:, 0], scene.table.xy[:, 1]
        near = np.zeros(len(x), dtype=bool)
        for view in views:
            seen = view.mapToScene(view.viewport().rect()).boundingRect()
            pad = max(seen.width(), seen.height()) * NEAR + 4 * style.ACTOR_SIZE
            left, top = seen.left() - pad, seen.top() - pad
            right, bottom = seen.right() + pad, seen.bottom() + pad
            near |= (x >= left) & (x <= right) & (y >= top) & (y <= bottom)
        return near
