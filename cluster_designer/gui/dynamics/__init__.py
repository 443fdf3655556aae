"""The dynamics of the region in the window: roles, the chain reaction, resilience, suggestions."""

from .install import DynamicsUi, install_dynamics
from .panel import DynamicsPanel

__all__ = ["DynamicsPanel", "DynamicsUi", "install_dynamics"]
