"""A seeded storm of mixed edits on a real X server: after every one, the map is the design.

Each step is something a person does with the mouse, the keys or a panel: add, delete, draw
and delete ties, drag, nudge, undo, redo, rename, change the region, paste, lay out, switch
designs, show overlays, what-if, zoom and scroll. After every step the canvas on screen is
compared with a fresh drawing of the design. A failure names the seed and the last steps.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton

from cluster_designer.gui.commands import SetDesignMetaCommand, UpdateActorCommand
from tests.gui.display.display_check import CanvasMouse
from tests.gui.display.test_display_edits import (
    CTRL,
    SHIFT,
    action,
    child,
    open_design_row,
    redo,
    undo,
    wait_layout,
)

SEED = int(os.environ.get("CLUSTER_DESIGNER_STORM_SEED", "20261127"))
STEPS = int(os.environ.get("CLUSTER_DESIGNER_STORM_STEPS", "300"))


class Storm:
    """Picks and performs one random edit at a time; `history` says what was done."""

    def __init__(self, window: Any, qtbot: Any, rng: random.Random) -> None:
        self.window = window
        self.qtbot = qtbot
        self.rng = rng
        self.mouse = CanvasMouse(window)
        self.history: list[str] = []
        self.edits: list[tuple[int, Callable[[], str]]] = [
            (8, self.add_actor),
            (6, self.delete_actors),
            (10, self.draw_tie),
            (4, self.delete_tie),
            (10, self.drag),
            (4, self.nudge),
            (9, self.undo),
            (6, self.redo),
            (5, self.rename),
            (2, self.change_region),
            (4, self.copy_paste),
            (1, self.layout),
            (1, self.switch_design),
            (4, self.overlay),
            (3, self.what_if),
            (6, self.select),
            (4, self.zoom),
            (3, self.scroll),
            (1, self.toggle_labels),
            (1, self.pin),
        ]

    @property
    def design(self) -> Any:
        return self.window.document.design

    def step(self) -> str:
        weights = [w for w, _ in self.edits]
        edit = self.rng.choices([e for _, e in self.edits], weights)[0]
        done = edit()
        self.mouse.away()
        self.history.append(done)
        return done

    # --- helpers -----------------------------------------------------------------------
    def visible_actors(self) -> list[str]:
        view = self.window.view
        area = view.mapToScene(view.viewport().rect().adjusted(20, 20, -20, -20)).boundingRect()
        scene = self.window.scene
        return [
            i
            for i in self.design.actors
            if area.contains(QPointF(*scene.actor_pos(i)))
            and scene.actor_at(QPointF(*scene.actor_pos(i)), view.zoom_factor()) == i
        ]

    def some_actor(self) -> str | None:
        actors = self.visible_actors()
        if not actors:
            action(self.window, "view_fit").trigger()
            actors = self.visible_actors()
        return self.rng.choice(actors) if actors else None

    def empty_spot(self) -> tuple[float, float]:
        view = self.window.view
        area = view.mapToScene(view.viewport().rect().adjusted(40, 40, -40, -160)).boundingRect()
        for _ in range(20):
            x = self.rng.uniform(area.left(), area.right())
            y = self.rng.uniform(area.top(), area.bottom())
            point = QPointF(x, y)
            zoom = view.zoom_factor()
            scene = self.window.scene
            if scene.actor_at(point, zoom) is None and scene.tie_at(point, zoom) is None:
                return x, y
        return area.center().x(), area.center().y()

    # --- edits -------------------------------------------------------------------------
    def add_actor(self) -> str:
        tool = self.rng.choice(["tool_add_university", "tool_add_company", "tool_add_support"])
        action(self.window, tool).trigger()
        spot = self.empty_spot()
        self.mouse.click(spot)
        editor = self.window.findChild(QLineEdit, "actorNameEditor")
        if editor is not None:
            if self.rng.random() < 0.5:
                editor.selectAll()
                QTest.keyClicks(editor, self.rng.choice(["Aoba", "Kita Lab", "Minato Works Ltd"]))
                QTest.keyClick(editor, Qt.Key.Key_Return)
            else:
                QTest.keyClick(editor, Qt.Key.Key_Escape)
        return f"add actor at {spot[0]:.0f},{spot[1]:.0f}"

    def delete_actors(self) -> str:
        actor = self.some_actor()
        if actor is None:
            return "delete: nothing to delete"
        self.mouse.click(actor)
        self.mouse.key(Qt.Key.Key_Delete)
        return f"delete {actor}"

    def draw_tie(self) -> str:
        actors = self.visible_actors()
        if len(actors) < 2:
            return "draw tie: too few actors"
        source, target = self.rng.sample(actors, 2)
        action(self.window, "tool_draw_tie").trigger()
        self.mouse.drag(source, target, steps=4)
        self.mouse.key(Qt.Key.Key_Escape)
        return f"draw tie {source}–{target}"

    def delete_tie(self) -> str:
        if not self.design.ties:
            return "delete tie: none"
        uid = self.rng.choice(list(self.design.ties))
        self.window.scene.select_ids([], [uid])
        self.mouse.key(Qt.Key.Key_Delete)
        return f"delete tie {uid}"

    def drag(self) -> str:
        actor = self.some_actor()
        if actor is None:
            return "drag: nothing"
        x, y = self.window.scene.actor_pos(actor)
        zoom = self.window.view.zoom_factor()
        dx, dy = (self.rng.uniform(-120, 120) / zoom for _ in range(2))
        self.mouse.drag(actor, (x + dx, y + dy), steps=self.rng.randint(2, 8))
        return f"drag {actor} by {dx:.0f},{dy:.0f}"

    def nudge(self) -> str:
        key = self.rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down])
        mods = SHIFT if self.rng.random() < 0.5 else Qt.KeyboardModifier.NoModifier
        self.mouse.key(key, mods)
        return f"nudge {key.name}"

    def undo(self) -> str:
        undo(self.window)
        return "undo"

    def redo(self) -> str:
        redo(self.window)
        return "redo"

    def rename(self) -> str:
        actor = self.some_actor()
        if actor is None:
            return "rename: nothing"
        name = self.rng.choice(["A", "Hamana University", "浜松ホトニクス研究所", "New company"])
        self.window.document.push(UpdateActorCommand(self.design, actor, "name", name))
        return f"rename {actor} to {name}"

    def change_region(self) -> str:
        region = self.rng.choice(["", "Hamamatsu", "Asakawa region, Minami-Tōkai Prefecture"])
        self.window.document.push(SetDesignMetaCommand(self.design, "region", region))
        return f"region {region!r}"

    def copy_paste(self) -> str:
        actor = self.some_actor()
        if actor is None:
            return "paste: nothing"
        self.mouse.click(actor)
        action(self.window, "edit_copy").trigger()
        action(self.window, self.rng.choice(["edit_paste", "edit_duplicate"])).trigger()
        return f"paste a copy of {actor}"

    def layout(self) -> str:
        name = self.rng.choice(["layout_force", "layout_sector_location"])
        action(self.window, name).trigger()
        wait_layout(self.window, self.qtbot)
        return name

    def switch_design(self) -> str:
        name = self.design.name
        open_design_row(self.window, self.rng.randint(0, 1))
        QTest.qWait(50)
        return f"switch from {name} to {self.design.name}"

    def overlay(self) -> str:
        if self.rng.random() < 0.4:
            combo = child(self.window, QComboBox, "overlay_size")
            combo.setCurrentIndex(self.rng.randrange(combo.count()))
            return f"size actors by {combo.currentText()}"
        name = self.rng.choice(["overlay_brokers", "overlay_isolates", "overlay_inflows"])
        child(self.window, QCheckBox, name).click()
        return f"toggle {name}"

    def what_if(self) -> str:
        reset = child(self.window, QPushButton, "whatif_reset")
        if reset.isEnabled() and self.rng.random() < 0.5:
            reset.click()
            return "reset what-if"
        actor = self.some_actor()
        if actor is not None:
            self.mouse.click(actor)
        hide = child(self.window, QPushButton, "whatif_hide")
        if hide.isEnabled():
            hide.click()
            return f"what-if without {actor}"
        return "what-if: not available"

    def select(self) -> str:
        actor = self.some_actor()
        if actor is None:
            self.mouse.click(self.empty_spot())
            return "click on empty canvas"
        mods = CTRL if self.rng.random() < 0.3 else Qt.KeyboardModifier.NoModifier
        self.mouse.click(actor, mods)
        return f"select {actor}"

    def zoom(self) -> str:
        name = self.rng.choice(["view_zoom_in", "view_zoom_out", "view_fit", "view_zoom_reset"])
        action(self.window, name).trigger()
        return name

    def scroll(self) -> str:
        if not self.design.actors:
            return "scroll: nothing"
        actor = self.rng.choice(list(self.design.actors))
        self.window.view.centerOn(QPointF(*self.window.scene.actor_pos(actor)))
        return f"scroll to {actor}"

    def toggle_labels(self) -> str:
        action(self.window, "view_labels").trigger()
        return "toggle labels"

    def pin(self) -> str:
        actor = self.some_actor()
        if actor is None:
            return "pin: nothing"
        self.mouse.click(actor)
        action(self.window, "edit_toggle_pin").trigger()
        return f"toggle pin of {actor}"


def test_a_seeded_storm_of_edits_never_leaves_a_stale_map(shown: Any, qtbot: Any) -> None:
    storm = Storm(shown, qtbot, random.Random(SEED))
    for n in range(STEPS):
        done = storm.step()
        shown.screen_check.check(
            f"after step {n} of the storm with seed {SEED} ({done}); "
            f"the steps before: {storm.history[-8:-1]}"
        )
