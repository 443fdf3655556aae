"""A new project file that appears complete or not at all, even with other programs racing.

The project is built and filled under a temporary name in the same folder, then linked into
place only if nothing is there yet. A program that fails removes only its own temporary
file: a project another program created meanwhile is never touched, let alone deleted. If
another program created the same file first, the designs written here are copied into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..i18n import _
from . import sqlite_file
from .copying import copy_design
from .errors import ProjectError
from .project import Project


@contextmanager
def new_project_file(path: str | Path, *, replace: bool = False) -> Iterator[Project]:
    """A project to fill; published at `path` when the block ends without an error.

    With `replace`, an existing file at `path` is replaced in one step (the user chose to
    overwrite it); without, a file created at `path` meanwhile receives the designs instead.
    """
    path = Path(path).expanduser()
    temp = Project._build_file(path)
    try:
        with Project._on_new_file(temp, path) as project:
            yield project
        try:
            published = sqlite_file.publish(temp, path, replace=replace)
        except OSError as exc:
            raise ProjectError(
                _("{path} cannot be created: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from None
        if not published:
            _copy_into_existing(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _copy_into_existing(temp: Path, path: Path) -> None:
    """Another program created `path` first: store what was written here into its project."""
    with Project.open(temp) as built, Project.open(path) as existing:
        names = built.design_names()
        for name in names:
            if existing.has_design(name):
                raise ProjectError(
                    _(
                        "{path} was created by another program at the same moment, and it "
                        "already has a design named '{name}'; nothing was written"
                    ).format(path=path, name=name)
                )
        for name in names:
            copy_design(built, existing, name)
