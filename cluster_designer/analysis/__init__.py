"""Evaluation of designs (docs/reference/metrics.md), comparison, diagnosis, reports and layouts.

Qt-free: design → simple graph → typed results. networkx is the reference engine; igraph
does the costly algorithms on big designs (see docs/evaluation.md).
"""

from . import trend
from .compare import Comparison, MetricChange, compare, compare_evaluated
from .diagnosis import DEFAULT_THRESHOLDS, PATTERNS, Diagnosis, Finding, Thresholds, diagnose
from .evaluate import evaluate
from .metric_info import METRIC_INFO, metric_label
from .report import format_comparison, format_report
from .results import (
    AnalysisError,
    Broker,
    DominantActor,
    Evaluation,
    EvaluationCancelled,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "METRIC_INFO",
    "PATTERNS",
    "AnalysisError",
    "Broker",
    "Comparison",
    "Diagnosis",
    "DominantActor",
    "Evaluation",
    "EvaluationCancelled",
    "Finding",
    "MetricChange",
    "Thresholds",
    "compare",
    "compare_evaluated",
    "diagnose",
    "evaluate",
    "format_comparison",
    "format_report",
    "metric_label",
    "trend",
]
