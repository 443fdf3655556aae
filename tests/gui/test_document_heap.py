"""Opening a big design exempts its objects from Python's full collections (no random 140 ms pauses)."""

from __future__ import annotations

import gc
from typing import Any

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
