"""Take the README's screenshots from the real application, on a copy of the bundled sample.

    uv run python docs/make_screenshots.py            # writes docs/images/*.png

Runs without a display (Qt's offscreen platform). The printed page needs `pdftoppm`
(Debian's poppler-utils); without it that one image is skipped with a note.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="cluster-designer-shots-"))
for _kind in ("CONFIG", "DATA", "STATE"):  # never touch the real settings of whoever runs this
    os.environ[f"CLUSTER_DESIGNER_{_kind}_DIR"] = str(_HOME / _kind.lower())

from PySide6.QtCore import QDeadlineTimer, QPointF, QThread  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cluster_designer.gui.app import make_application  # noqa: E402
from cluster_designer.gui.evaluation import CompareDialog  # noqa: E402
from cluster_designer.gui.main_window import MainWindow  # noqa: E402
from cluster_designer.gui.render import export_diagram  # noqa: E402
from cluster_designer.gui.welcome import WelcomeDialog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
TODAY = "Company town (2024)"
PLAN = "Knowledge cluster plan (2030)"


def settle(
    app: QApplication, done: Callable[[], bool] = lambda: True, seconds: float = 20.0
) -> None:
    """Let queued paints, layouts and the evaluation worker finish (a script, not a test)."""
    deadline = QDeadlineTimer(int(seconds * 1000))
    while not deadline.hasExpired():
        app.processEvents()
        if done():
            for _ in range(10):
                app.processEvents()
            return
        QThread.msleep(20)


def save(widget: QWidget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    project = _HOME / "Asakawa region.cluster"
    shutil.copyfile(ROOT / "resources" / "sample.cluster", project)
    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    window.open_project(str(project))
    panel = window.evaluation_ui.panel

    def evaluated() -> bool:
        return not panel.is_busy and panel.evaluation is not None

    window.ops.switch_design(PLAN)
    settle(app, evaluated)
    window.view.fit_to_view()
    settle(app)
    save(window, "main-window.png")

    # drawing: on today's map, an actor selected, its form on the right, the tie palette ready
    window.ops.switch_design(TODAY)
    settle(app, evaluated)
    design = window.document.design
    hub = max(
        design.actors.values(),
        key=lambda a: sum(1 for t in design.ties.values() if a.id in (t.source, t.target)),
    )
    window.scene.select_ids([hub.id])
    window.view.set_zoom(0.9)
    window.view.centerOn(QPointF(hub.x, hub.y))
    window.acts["tool_draw_tie"].trigger()
    settle(app)
    save(window, "drawing.png")
    window.acts["tool_select"].trigger()
    window.scene.select_ids([])
    window.ops.switch_design(PLAN)
    settle(app, evaluated)

    # evaluating: brokers highlighted, actors sized by betweenness, the charts beside; the
    # right-hand panels closed to give the map the room (as a planner would in a meeting)
    window.designs_dock.hide()
    window.properties_dock.hide()
    panel.brokers_check.setChecked(True)
    sizes = [panel.size_combo.itemText(i) for i in range(panel.size_combo.count())]
    broker_size = next(
        (
            i
            for i, text in enumerate(sizes)
            if "between" in text.lower() or "broker" in text.lower()
        ),
        0,
    )
    panel.size_combo.setCurrentIndex(broker_size)
    settle(app, evaluated)  # the docks give way first, then the map fills the room
    window.view.fit_to_view()
    settle(app)
    save(window, "evaluating.png")
    window.evaluation_ui.charts_dock.raise_()
    settle(app)
    save(window, "charts.png")
    window.evaluation_ui.evaluation_dock.raise_()
    panel.brokers_check.setChecked(False)
    panel.size_combo.setCurrentIndex(0)
    window.designs_dock.show()
    window.properties_dock.show()

    # comparing today's map with the plan
    dialog = CompareDialog(
        window.document.project, window.document.design, window, overlay=panel.overlay
    )
    dialog.resize(1100, 720)
    dialog.set_chosen([TODAY, PLAN], a=TODAY, b=PLAN)
    dialog.show()
    while not dialog.ready:  # loading, evaluating and comparing run in the background
        app.processEvents()
    settle(app)
    save(dialog, "comparing.png")
    dialog.close()

    # printing: the first page of the PDF the Print dialog and the command line produce
    pdf = _HOME / "plan.pdf"
    export_diagram(
        window.document.design, pdf, include_metrics=True, author="Regional planning office"
    )
    if shutil.which("pdftoppm"):
        for page in (1, 2):
            target = OUT / f"printed-page-{page}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "70",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(pdf),
                    str(target),
                ],
                check=True,
            )
            print(f"wrote {target.relative_to(ROOT)}.png")
    else:
        print("note: pdftoppm not found; printed-page images not made", file=sys.stderr)

    welcome = WelcomeDialog(window)
    welcome.show()
    settle(app)
    save(welcome, "welcome.png")
    welcome.close()

    window.evaluation_ui.panel.shutdown()
    window.hide()
    return 0


if __name__ == "__main__":
    sys.exit(main())
