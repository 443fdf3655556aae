"""Opening a big design exempts its objects from Python's full collections (no random 140 ms pauses)."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

from cluster_designer.gui import document as document_module
from cluster_designer.gui.document import SETTLE_HEAP_MIN_ACTORS, Document
from cluster_designer.model import Design, make_actor


def test_a_big_design_is_frozen_after_opening_and_released_when_replaced(qtbot: Any) -> None:
    big = Design("Big")
    big.load(
        [
            make_actor(id=f"A{i}", name=f"Actor {i}", sector="company")
            for i in range(SETTLE_HEAP_MIN_ACTORS)
        ],
        [],
    )
    doc = Document()
    gc.unfreeze()  # whatever an earlier test froze
    try:
        doc.set_design(Design("Small"))
        assert gc.get_freeze_count() == 0  # small designs pay no collection at open
        doc.set_design(big)
        assert gc.get_freeze_count() > 0
        doc.set_design(Design("Small"))
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_opening_a_design_leaves_nothing_to_collect_before_freezing(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`open_design` freezes the new design's heap without collecting first (it collects
    before loading, when the previous design is still frozen): that is only right while the
    design it replaces is freed by reference counting the moment the window lets it go (a
    cycle through it would be frozen with the new design) and loading makes no cyclic
    garbage. Here the freeze is preceded by a collection that must find nothing."""
    found: list[int] = []

    def settle_heap(collect: bool = True) -> None:
        assert not collect
        found.append(gc.collect())
        gc.freeze()

    monkeypatch.setattr(document_module, "SETTLE_HEAP_MIN_ACTORS", 1)
    monkeypatch.setattr(document_module, "settle_heap", settle_heap)
    qtbot.wait(50)  # the first design's background pieces and evaluation start
    old = weakref.ref(window.document.design)
    try:
        assert window.ops.switch_design("Plan 2030")
        assert window.document.design.name == "Plan 2030"
        assert old() is None  # freed as it was let go, before any collection
        assert found == [0]
    finally:
        gc.unfreeze()


def test_the_items_a_big_canvas_makes_after_opening_are_frozen_once_all_are_made(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big design's actor items are made after its first frame (lazy_items.py), so the
    freeze at opening cannot hold them. At 50,000 actors they were 260,000 objects left to
    every full collection: 80 ms on the window's thread whenever one came due (measured while
    an evaluation ran). Once the last one is made, they are frozen too."""
    from cluster_designer.gui.canvas import ClusterScene
    from cluster_designer.gui.canvas import scene as scene_module
    from cluster_designer.gui.canvas.actor_item import ActorItem

    monkeypatch.setattr(document_module, "SETTLE_HEAP_MIN_ACTORS", 1)
    monkeypatch.setattr(scene_module, "LAZY_ITEMS", 1)
    design = Design("Big")
    design.load(
        [make_actor(id=f"A{i}", name=f"Actor {i}", sector="company") for i in range(60)], []
    )
    gc.unfreeze()
    doc = Document()
    try:
        doc.set_design(design)
        scene = ClusterScene(doc)
        items = scene.items_by_id
        qtbot.waitUntil(lambda: items.waiting == 0 and not items._timer.isActive(), timeout=5000)
        assert len(list(items.made())) == 60
        assert not [o for o in gc.get_objects() if isinstance(o, ActorItem)]
        doc.set_design(Design("Small"))  # released with the design
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
