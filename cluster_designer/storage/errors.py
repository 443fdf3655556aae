"""Errors of the project store; their text names the project and is shown to users as it is.

`conflict_choice` words the question a window asks after a `ConflictError` ("reload, or save
as a new design"), so the GUI only has to show it and the words stay testable without Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..model import ClusterError
from ..model.entities import NAME_MAX


class ProjectError(ClusterError):
    """A project that cannot be opened or written, or a design operation it refuses."""


class StoppedError(ProjectError):
    """The work was stopped before anything was written: by `Project.cancel()` (the window's
    Stop button), or because a repository did not answer in time (`timed_out`)."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


class DamagedProjectError(ProjectError):
    """A project file SQLite finds damaged; it was not changed. `path` can be salvaged
    (`storage.salvage`, the command line's `recover`) into a new project."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            _(
                "{path} is a damaged Cluster Designer project ({reason}); nothing was changed. "
                "'cluster-designer recover {path} NEW.cluster' copies what can still be read "
                "into a new project"
            ).format(path=path, reason=reason)
        )
        self.path = path
        self.reason = reason


class ConflictError(ProjectError):
    """Someone else saved (or removed) the design after it was loaded here; nothing was written.

    `their_version` is the version now stored, or None when the design was deleted elsewhere.
    """

    def __init__(
        self, message: str, *, design_name: str, their_version: int | None, location: str
    ) -> None:
        super().__init__(message)
        self.design_name = design_name
        self.their_version = their_version
        self.location = location

    @property
    def deleted(self) -> bool:
        return self.their_version is None


@dataclass(frozen=True, slots=True)
class ConflictChoice:
    """The words of the "someone else saved this design" question.

    `reload_label` is None when there is nothing to reload (the design was deleted).
    """

    title: str
    question: str
    reload_label: str | None
    save_as_label: str
    suggested_name: str


def free_design_name(base: str, taken: Iterable[str]) -> str:
    """`base (2)`, `base (3)`, … : the first name not in `taken`, never longer than allowed."""
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = base[: NAME_MAX - len(suffix)].rstrip() + suffix
        if candidate not in used:
            return candidate
        n += 1


def conflict_choice(error: ConflictError, taken_names: Iterable[str]) -> ConflictChoice:
    """What to ask the user after `error`; `taken_names` are the designs now in the project."""
    name = error.design_name
    suggested = free_design_name(name, [*taken_names, name])
    if error.deleted:
        return ConflictChoice(
            title=_("Design deleted by someone else"),
            question=_(
                "'{name}' was deleted from {location} by someone else after you opened it. "
                "Your changes are still here: save them as a new design?"
            ).format(name=name, location=error.location),
            reload_label=None,
            save_as_label=_("Save mine as a new design"),
            suggested_name=suggested,
        )
    return ConflictChoice(
        title=_("Design changed by someone else"),
        question=_(
            "'{name}' in {location} was saved by someone else (version {version}) after you "
            "opened it. Reload their version and discard your changes here, or keep your "
            "changes by saving them as a new design?"
        ).format(name=name, location=error.location, version=error.their_version),
        reload_label=_("Reload their version"),
        save_as_label=_("Save mine as a new design"),
        suggested_name=suggested,
    )
