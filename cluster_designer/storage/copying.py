"""Copying a design between two projects (a `.cluster` file and a team repository, either way).

The copy keeps actor ids, every field, positions, order, tie identities and the created and
updated times; only the destination's bookkeeping (row id, version) is new.
"""

from __future__ import annotations

from ..i18n import _
from ..model import Design
from .errors import ProjectError
from .project import Project, clean_design_name


def copy_design(
    source: Project, dest: Project, name: str, new_name: str | None = None, replace: bool = False
) -> Design:
    """Copy design `name` of `source` into `dest` (as `new_name`); returns the stored copy.

    Refuses an existing name in `dest` unless `replace`; the replacement is one transaction,
    so `dest` never ends up with neither design.
    """
    target = name if new_name is None else clean_design_name(new_name)
    if source.same_store(dest) and target == name:
        raise ProjectError(
            _("{label}: copying '{name}' into the same project needs a new name").format(
                label=dest.label, name=name
            )
        )
    return store_copy(source.load_design(name), dest, target, replace=replace)


def store_copy(design: Design, dest: Project, name: str, *, replace: bool = False) -> Design:
    """Store a copy of `design` as it is in memory (unsaved edits included) in `dest` as
    `name`; returns the stored copy. Refuses an existing name unless `replace`."""
    copy = design.copy(name)
    copy.created, copy.updated = design.created, design.updated
    if not replace and dest.has_design(name):
        raise ProjectError(
            _("{label} already has a design named '{target}'").format(label=dest.label, target=name)
        )
    dest.import_design(copy, replace=replace)
    return copy
