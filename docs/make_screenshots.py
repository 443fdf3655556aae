"""Take the README's screenshots from the real application, on a copy of the bundled sample.

    uv run python docs/make_screenshots.py            # both languages
    uv run python docs/make_screenshots.py --lang en  # docs/images/*.png (README.md)
    uv run python docs/make_screenshots.py --lang ja  # docs/images/ja/*.png (docs/ja/README.md)

The Japanese pictures show the window in Japanese on the Japanese sample project.

Runs without a display (Qt's offscreen platform). The printed page needs `pdftoppm`
(Debian's poppler-utils); without it that one image is skipped with a note.
"""

from __future__ import annotations

import argparse
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
from cluster_designer.gui.language import apply_language  # noqa: E402
from cluster_designer.gui.main_window import MainWindow  # noqa: E402
from cluster_designer.gui.render import export_brief, export_diagram  # noqa: E402
from cluster_designer.gui.welcome import WelcomeDialog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# language → (folder of its pictures, its sample project, author on the printed page)
LANGUAGES = {
    "en": (ROOT / "docs" / "images", "sample.cluster", "Regional planning office"),
    "ja": (ROOT / "docs" / "images" / "ja", "sample-ja.cluster", "南東海県 産業政策課"),
}


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


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Take the README's screenshots.")
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all")
    args = parser.parse_args(argv)
    app = make_application()
    for language in LANGUAGES if args.lang == "all" else (args.lang,):
        shoot(app, language)
    return 0


def shoot(app: QApplication, language: str) -> None:
    out, sample, author = LANGUAGES[language]
    out.mkdir(parents=True, exist_ok=True)
    apply_language(language)
    project = _HOME / f"region-{language}.cluster"
    shutil.copyfile(ROOT / "resources" / sample, project)
    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    window.open_project(str(project))
    panel = window.evaluation_ui.panel
    assert window.document.project is not None
    today, plan = window.document.project.design_names()[:2]  # the sample's two designs
    load = window.document.project.load_design

    def evaluated() -> bool:
        return not panel.is_busy and panel.evaluation is not None

    window.ops.switch_design(plan)
    settle(app, evaluated)
    window.view.fit_to_view()
    settle(app)
    save(window, out / "main-window.png")

    # drawing: on today's map, an actor selected, its form on the right, the tie palette ready
    window.ops.switch_design(today)
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
    save(window, out / "drawing.png")
    window.acts["tool_select"].trigger()
    window.scene.select_ids([])
    window.ops.switch_design(plan)
    settle(app, evaluated)

    # evaluating: brokers highlighted, actors sized by betweenness, the charts beside; the
    # right-hand panels closed to give the map the room (as a planner would in a meeting)
    window.designs_dock.hide()
    window.properties_dock.hide()
    panel.brokers_check.setChecked(True)
    panel.size_combo.setCurrentIndex(max(0, panel.size_combo.findData("betweenness")))
    settle(app, evaluated)  # the docks give way first, then the map fills the room
    window.view.fit_to_view()
    settle(app)
    save(window, out / "evaluating.png")
    window.evaluation_ui.charts_dock.raise_()
    settle(app)
    save(window, out / "charts.png")
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
    dialog.set_chosen([today, plan], a=today, b=plan)
    dialog.show()
    while not dialog.ready:  # loading, evaluating and comparing run in the background
        app.processEvents()
    settle(app)
    save(dialog, out / "comparing.png")
    dialog.close()

    _dynamics(app, window, out, today, plan)

    # the concept figure: the plan beside today's map, on one scale (the right-hand panels
    # closed, as for a meeting)
    window.ops.switch_design(plan)
    settle(app, evaluated)
    window.designs_dock.hide()
    window.properties_dock.hide()
    concept = window.concept_view
    window.canvas_tabs.setCurrentWidget(concept)
    concept.beside.showPopup()
    concept.beside.hidePopup()
    concept.beside.setCurrentIndex(max(0, concept.beside.findData(today)))
    concept.beside.activated.emit(concept.beside.currentIndex())
    settle(app, lambda: len(concept.shown_summaries()) == 2)
    save(window, out / "concept.png")
    concept.beside.setCurrentIndex(0)
    concept.beside.activated.emit(0)
    window.canvas_tabs.setCurrentIndex(0)
    window.designs_dock.show()
    window.properties_dock.show()
    settle(app)

    # the meeting brief: the map drawn for paper and the key figures, as the PDF has them
    brief = _HOME / "brief.pdf"
    export_brief(window.document.design, brief, baseline=load(today), author=author)
    for page, name in ((2, "brief-map"), (4, "brief-figures")):
        if shutil.which("pdftoppm"):
            target = out / name
            pages = ["-f", str(page), "-l", str(page)]
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", "-singlefile", *pages, str(brief), str(target)],
                check=True,
            )
            print(f"wrote {target.relative_to(ROOT)}.png")

    # printing: the first page of the PDF the Print dialog and the command line produce
    pdf = _HOME / "plan.pdf"
    export_diagram(window.document.design, pdf, include_metrics=True, author=author)
    if shutil.which("pdftoppm"):
        for page in (1, 2):
            target = out / f"printed-page-{page}"
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
    save(welcome, out / "welcome.png")
    welcome.close()

    window.evaluation_ui.panel.shutdown()
    window.hide()


def _dynamics(app: QApplication, window: MainWindow, out: Path, today: str, plan: str) -> None:
    """The Dynamics dock: roles on the plan, its chain reaction at a 25 % threshold stopped
    at round 2, and suggestions for today's map drawn on it as dashed proposals."""
    ui = window.dynamics_ui
    panel = ui.panel

    def ready(view: object) -> Callable[[], bool]:
        return lambda: (
            getattr(view, "result", None) is not None
            and not getattr(view, "stale", True)
            and not panel.runner.running
        )

    window.ops.switch_design(plan)
    window.designs_dock.hide()
    window.properties_dock.hide()
    ui.dock.raise_()
    roles = panel.roles
    roles.groups_combo.setCurrentIndex(roles.groups_combo.findData("location"))
    settle(app, ready(roles))
    window.view.fit_to_view()
    settle(app)
    save(window, out / "dynamics-roles.png")
    chain = panel.spread
    panel.show_view(chain)
    chain.threshold_slider.setValue(25)
    settle(app, lambda: ready(chain)() and chain.result.threshold == 0.25)
    chain.round_slider.setValue(2)
    settle(app)
    save(window, out / "dynamics-chain.png")
    window.ops.switch_design(today)
    suggest = panel.suggest
    panel.show_view(suggest)
    suggest.run_button.click()
    settle(app, ready(suggest), seconds=60)
    window.view.fit_to_view()
    settle(app)
    save(window, out / "dynamics-suggest.png")
    panel.show_view(roles)
    window.evaluation_ui.evaluation_dock.raise_()
    window.designs_dock.show()
    window.properties_dock.show()


if __name__ == "__main__":
    sys.exit(main())
