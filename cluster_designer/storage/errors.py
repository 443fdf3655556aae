"""Errors of the project store; their text names the file and is shown to users as it is."""

from __future__ import annotations

from ..model import ClusterError


class ProjectError(ClusterError):
    """A project file that cannot be opened or written, or a design operation it refuses."""


class ConflictError(ProjectError):
    """Someone else saved (or removed) the design after it was loaded here."""
