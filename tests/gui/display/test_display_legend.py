"""The legend on a real X server in a 1280-pixel window with both docks open: the whole box
inside the map view (more rows rather than cut off at the left), drawn as a fresh canvas
draws it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget

from cluster_designer.gui.canvas.legend import ROWS, legend_layout, legend_size
from tests.gui.display.test_display_edits import action, open_design_row


def test_the_legend_fits_a_narrow_map_view(shown: Any, qtbot: Any) -> None:
    open_design_row(shown, 1)  # the plan: groups, moved-in actors and spin-offs
    qtbot.waitUntil(lambda: len(shown.document.design.ties) > 200, timeout=5000)
    action(shown, "view_origins").setChecked(True)
    for name in ("properties_dock", "evaluation_dock"):
        dock = shown.findChild(QDockWidget, name)
        dock.show()
    shown.resize(1280, 800)
    view = shown.view
    qtbot.waitUntil(lambda: shown.width() == 1280 and view.viewport().width() < 1000)
    notes = shown.scene.legend_entries()
    assert {"group", "spin_off"} <= {n.kind for n in notes}
    viewport = view.viewport().rect()
    legend = view.legend_rect()
    if legend_size(notes)[0] > viewport.width():  # the strip would not fit: more rows
        assert legend_layout(notes, viewport.width()).rows > ROWS
    assert legend.left() >= 0 and legend.right() <= viewport.width()
    shown.screen_check.check("in a 1280-pixel window with both docks")
    screen = shown.screen_check.on_screen()
    for x in (int(legend.left()) + 3, int(legend.right()) - 3):  # the box's pale fill, both ends
        for y in range(int(legend.top()) + 6, int(legend.bottom()) - 6):
            colour = QColor(screen.pixel(x, y))
            assert min(colour.red(), colour.green(), colour.blue()) >= 220, (x, y)
