"""Groups (consortia, joint research projects, councils) in the window: panel, dialog, wiring."""

from .dialog import GroupDialog
from .install import GroupsUi, install_groups
from .panel import GroupsPanel

__all__ = ["GroupDialog", "GroupsPanel", "GroupsUi", "install_groups"]
