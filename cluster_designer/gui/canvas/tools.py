"""The canvas tools the toolbar switches between."""

from __future__ import annotations

from enum import Enum


class Tool(Enum):
    SELECT = "select"
    ADD_ACTOR = "add_actor"
    DRAW_TIE = "draw_tie"
