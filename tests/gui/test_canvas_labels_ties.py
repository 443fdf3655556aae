"""Which labels a crowded canvas shows depends on how many partners each actor has, so
adding or removing ties (without touching any actor) must replan them: the canvas then
labels the same actors as a fresh drawing of the same design."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cluster_designer.gui.canvas import ClusterScene
from cluster_designer.gui.commands import AddItemsCommand
from cluster_designer.gui.document import Document
from cluster_designer.model import make_tie
from cluster_designer.storage import Project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.cluster"
ZOOM = 0.25  # the sample's company town fitted in a window: many labels crowd out others


def fresh_labels(document: Document) -> set[str]:
    twin = Document()
    design = document.design
    assert design is not None
    twin.set_design(design.copy(design.name))
    return set(ClusterScene(twin).shown_labels(ZOOM))


def test_adding_and_undoing_ties_relabels_as_a_fresh_drawing(qtbot: Any) -> None:
    with Project.open(SAMPLE) as project:
        design = project.load_design("Company town (2024)")
    document = Document()
    document.set_design(design)
    scene = ClusterScene(document)
    before = set(scene.shown_labels(ZOOM))
    # ties that give little-connected actors more partners than their labelled neighbours
    ties = [
        make_tie(source=s, target=t, kind="collaboration")
        for s, t in (("C21", "U03"), ("C21", "S04"), ("C10", "U03"))
    ]
    document.push(AddItemsCommand(design, [], ties, text="Add 3 ties"))
    assert set(scene.shown_labels(ZOOM)) == fresh_labels(document)
    document.undo_stack.undo()
    assert set(scene.shown_labels(ZOOM)) == fresh_labels(document) == before
