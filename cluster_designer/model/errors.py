"""Errors the core raises for bad input; their text is shown to users as it is."""

from __future__ import annotations


class ClusterError(Exception):
    """Base of every error whose message is meant for the user (CLI exit 2, GUI message box)."""


class ValidationError(ClusterError, ValueError):
    """A field value that the data model does not allow."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
