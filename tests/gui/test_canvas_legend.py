"""The canvas legend fits the map view: a narrow view (a 1280-pixel window with both docks
open) gets more rows, never a legend cut off at the view's left edge."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDockWidget

from cluster_designer.gui.canvas.legend import (
    FEATURE_TEXTS,
    ROWS,
    LegendNote,
    legend_layout,
    legend_size,
)
from cluster_designer.gui.language import apply_language
from cluster_designer.i18n import _

SAMPLE = Path(__file__).parents[2] / "resources" / "sample.cluster"


def every_note() -> list[LegendNote]:
    """What the View menu and an evaluation overlay can add at once."""
    return [
        *(LegendNote(kind, _(text)) for kind, text in FEATURE_TEXTS.items()),
        LegendNote("size", _("Size: partners")),
        LegendNote("ring", _("Ring: a broker of the region")),
        LegendNote("tie", _("Thick tie: an inflow")),
        LegendNote("dim", _("Pale: not reached")),
        LegendNote("fill", _("Added in B"), "#2e7d32"),
    ]


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    apply_language(request.param)
    yield request.param
    apply_language("en")


def test_a_wide_view_keeps_the_three_row_strip(language: str) -> None:
    notes = every_note()
    assert legend_layout(notes).rows == ROWS
    assert legend_layout(notes, legend_size(notes)[0]).rows == ROWS


@pytest.mark.parametrize("width", [260, 340, 420, 520, 640, 760, 900])
def test_the_legend_is_never_wider_than_the_view(language: str, width: int) -> None:
    notes = every_note()
    layout = legend_layout(notes, width)
    assert layout.size[0] <= width
    shown = [entry for column in layout.columns for entry in column]
    assert len(shown) == 3 + 5 + len(notes)  # every entry still there, in more rows
    if width >= 520:  # room enough that no label has to be shortened
        widest = legend_layout(notes)
        assert max(layout.text_widths) == max(widest.text_widths)


@pytest.fixture
def sample_window(make_window: Any, tmp_path: Path) -> Any:
    path = tmp_path / "sample.cluster"
    shutil.copyfile(SAMPLE, path)
    window = make_window()
    assert window.open_project(str(path))
    window.resize(1280, 800)
    window.show()
    return window


def test_at_1280_pixels_with_both_docks_the_legend_is_inside_the_map_view(
    qtbot: Any, sample_window: Any
) -> None:
    window = sample_window
    window.acts["view_origins"].setChecked(True)
    for name in ("properties_dock", "evaluation_dock"):
        dock = window.findChild(QDockWidget, name)
        dock.show()
        assert dock.isVisible() and not dock.isFloating()
    qtbot.waitUntil(lambda: window.width() == 1280)
    view = window.view
    qtbot.waitUntil(lambda: view.viewport().width() < 1000)
    notes = window.scene.legend_entries()
    assert "group" in {n.kind for n in notes}
    viewport = view.viewport().rect()
    assert legend_size(notes)[0] > viewport.width(), "the case this test is about"
    legend = view.legend_rect()
    assert legend.left() >= 0 and legend.right() <= viewport.width()
    assert legend.top() >= 0


def test_the_kept_legend_follows_a_change_of_language(qtbot: Any, sample_window: Any) -> None:
    """The map's legend is drawn once and kept; switching the language redraws it (same as
    a view opened in that language), and switching back gives the first picture again."""
    view = sample_window.view

    def legend_pixels() -> bytes:
        view.viewport().repaint()
        image = view.grab(view.legend_rect().toAlignedRect()).toImage()
        return bytes(image.constBits())  # (the image held while its bits are copied)

    english = legend_pixels()
    apply_language("ja")
    try:
        japanese = legend_pixels()
        assert japanese != english
        assert view.legend_rect().width() == pytest.approx(
            legend_size(sample_window.scene.legend_entries(), view.viewport().width() - 16)[0]
        )
    finally:
        apply_language("en")
    assert legend_pixels() == english
