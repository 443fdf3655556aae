"""Evaluation in the GUI: the live panel, charts, the compare view and the what-if."""

from .charts import ChartsPanel
from .compare import CompareDialog
from .install import EvaluationUi, install_evaluation
from .overlay import CanvasOverlay, OverlayLayer
from .panel import EvaluationPanel
from .worker import EvaluationResult, EvaluationRunner

__all__ = [
    "CanvasOverlay",
    "ChartsPanel",
    "CompareDialog",
    "EvaluationPanel",
    "EvaluationResult",
    "EvaluationRunner",
    "EvaluationUi",
    "OverlayLayer",
    "install_evaluation",
]
