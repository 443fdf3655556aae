"""One writer for the canvas overlay, so the panel, the what-if and compare can share it.

The scene has a single overlay (`ClusterScene.set_overlay`). Each feature owns a named
layer; the union of the layers is what the canvas shows, so turning off "Highlight
brokers" does not wipe the what-if dimming.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QColor

from ..canvas.legend import LegendNote


class OverlayTarget(Protocol):
    def set_overlay(
        self,
        sizes: Mapping[str, float] | None = None,
        colors: Mapping[str, QColor] | None = None,
        highlight_actors: Iterable[str] = (),
        highlight_ties: Iterable[int] = (),
        dimmed_actors: Iterable[str] = (),
        dimmed_ties: Iterable[int] = (),
        notes: Iterable[LegendNote] = (),
    ) -> None: ...


@dataclass
class OverlayLayer:
    sizes: dict[str, float] = field(default_factory=dict)
    colors: dict[str, QColor] = field(default_factory=dict)
    highlight_actors: set[str] = field(default_factory=set)
    highlight_ties: set[int] = field(default_factory=set)
    dimmed_actors: set[str] = field(default_factory=set)
    dimmed_ties: set[int] = field(default_factory=set)
    notes: list[LegendNote] = field(default_factory=list)  # what the legend says about it

    def is_empty(self) -> bool:
        return not any(
            (
                self.sizes,
                self.colors,
                self.highlight_actors,
                self.highlight_ties,
                self.dimmed_actors,
                self.dimmed_ties,
            )
        )


class CanvasOverlay:
    """Named layers merged into the scene's overlay. Later layers win for sizes and colours."""

    ORDER = ("metrics", "whatif", "compare")

    def __init__(self, scene: OverlayTarget | None) -> None:
        self.scene = scene
        self.layers: dict[str, OverlayLayer] = {}

    def set_layer(self, name: str, layer: OverlayLayer | None) -> None:
        if layer is None or layer.is_empty():
            if self.layers.pop(name, None) is None:
                return
        else:
            self.layers[name] = layer
        self.apply()

    def layer(self, name: str) -> OverlayLayer | None:
        return self.layers.get(name)

    def merged(self) -> OverlayLayer:
        out = OverlayLayer()
        names = sorted(
            self.layers, key=lambda n: self.ORDER.index(n) if n in self.ORDER else len(self.ORDER)
        )
        for name in names:
            layer = self.layers[name]
            if layer.sizes:
                out.sizes = dict(layer.sizes)
            out.colors.update(layer.colors)
            out.highlight_actors |= layer.highlight_actors
            out.highlight_ties |= layer.highlight_ties
            out.dimmed_actors |= layer.dimmed_actors
            out.dimmed_ties |= layer.dimmed_ties
            out.notes += [n for n in layer.notes if n not in out.notes]
        return out

    def apply(self) -> None:
        if self.scene is None:
            return
        m = self.merged()
        self.scene.set_overlay(
            sizes=m.sizes,
            colors=m.colors,
            highlight_actors=m.highlight_actors,
            highlight_ties=m.highlight_ties,
            dimmed_actors=m.dimmed_actors,
            dimmed_ties=m.dimmed_ties,
            notes=m.notes,
        )
