"""Ties drawn on both cores (canvas/parallel_lines.py) give the very pixels of one drawing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from cluster_designer.gui.canvas import parallel_lines

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "scale.py"


def _build_design(n: int):
    spec = importlib.util.spec_from_file_location("scale_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_design(n)


def _frame(view) -> bytes:
    """The viewport drawn with its cached static layer dropped, as after a zoom."""
    view.resetCachedContent()
    image = view.viewport().grab().toImage()
    return bytes(np.frombuffer(image.constBits(), dtype=np.uint8))


@pytest.mark.skipif(parallel_lines.native_draw_lines() is None, reason="no native drawLines here")
def test_second_thread_draws_the_same_pixels(qtbot, canvas, monkeypatch) -> None:
    scene, view = canvas
    design = _build_design(4000)
    scene.document.set_design(design)
    # a selection: its ties get a halo drawn before them, in the same order
    scene.select_ids([f"A{i}" for i in range(0, 4000, 37)], list(design.ties)[:3000:11])
    submitted = []
    real_worker = parallel_lines._worker()

    class Counting:
        def submit(self, job):
            submitted.append(job)
            return real_worker.submit(job)

    monkeypatch.setattr(parallel_lines, "_worker", Counting)
    middle = design.actor("A1900")
    for zoom, threaded in ((0.12, True), (0.35, True), (0.6, True), (1.2, False)):
        view.set_zoom(zoom)
        view.centerOn(QPointF(middle.x, middle.y))
        qtbot.wait(1)
        before = len(submitted)
        both = _frame(view)
        assert (len(submitted) > before) == threaded, f"zoom {zoom}: thread {threaded} expected"
        monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_LINES", 10**9)
        one = _frame(view)
        monkeypatch.setattr(parallel_lines, "PARALLEL_MIN_LINES", 6000)
        assert both == one, f"pixels differ at zoom {zoom}"


def test_without_the_native_call_everything_is_drawn_directly(qtbot, canvas, monkeypatch) -> None:
    scene, view = canvas
    design = _build_design(3000)
    scene.document.set_design(design)
    view.set_zoom(0.2)
    reference = _frame(view)
    monkeypatch.setattr(parallel_lines, "native_draw_lines", lambda: None)
    monkeypatch.setattr(
        parallel_lines, "_worker", lambda: pytest.fail("no thread without the native call")
    )
    assert _frame(view) == reference
