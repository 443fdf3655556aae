"""The diagram editor: a scene that follows the document, a view, and the tool set."""

from .scene import ClusterScene
from .tools import Tool
from .view import CanvasView

__all__ = ["CanvasView", "ClusterScene", "Tool"]
