"""Dock panels around the canvas."""

from .designs import DesignRow, DesignsPanel
from .properties import PropertiesPanel

__all__ = ["DesignRow", "DesignsPanel", "PropertiesPanel"]
