"""A first look at a file from another program, for the window's import dialog.

The file is read once with stand-ins for everything it may leave open (one sector, merged
repeats), which tells what the dialog needs: how many actors the file gives no sector or
location for, whether it has edges without a kind or repeated ties, and the values of every
attribute, so the user can say what each value means.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cluster_designer.model import Design, Sector, TieKind

from .choices import FieldChoice, ImportChoices, ImportReport
from .dispatch import read_design_file


@dataclass(slots=True)
class FileOverview:
    actors: int
    edges: int
    """Edges as the file has them (before opposite or repeated ones become one tie)."""
    without_sector: int
    """Actors whose sector neither a `sector` attribute nor a known word tells."""
    kinds_missing: int
    merged: int
    """Ties that repeat another one (refused unless merged)."""
    attributes: dict[str, Counter[str]] = field(default_factory=dict)
    """Extra attributes of the actors → how many actors have each value (empty ones left out)."""

    @property
    def needs_choices(self) -> bool:
        """Whether the file leaves anything for the user to decide or to be told about."""
        return bool(self.without_sector or self.kinds_missing or self.merged)


Reader = Callable[[ImportChoices, ImportReport], Design]
"""Reads the file(s) with the given choices, filling the report (a single file, a CSV pair)."""


def file_reader(path: str | os.PathLike[str]) -> Reader:
    """The reader of one design file, chosen by its extension."""

    def read(choices: ImportChoices, report: ImportReport) -> Design:
        return read_design_file(path, choices=choices, report=report)

    return read


def overview(path: str | os.PathLike[str]) -> FileOverview:
    """Read one file once with stand-ins; raises FormatError for a file nothing can fix."""
    return overview_of(file_reader(path))


def overview_of(read: Reader) -> FileOverview:
    """What `read` gives with stand-ins for everything a file may leave open."""
    report = ImportReport()
    stand_ins = ImportChoices(
        sector=FieldChoice(fixed=Sector.COMPANY.value),
        kind=TieKind.COLLABORATION,
        merge_duplicates=True,
    )
    design = read(stand_ins, report)
    return FileOverview(
        actors=len(design.actors),
        edges=len(design.ties)
        + len(report.reciprocal_pairs)
        + sum(len(m.places) - 1 for m in report.merged),
        without_sector=report.sectors_fixed,
        kinds_missing=report.kind_assumed,
        merged=sum(len(m.places) - 1 for m in report.merged),
        attributes=_attribute_values(design),
    )


def _attribute_values(design: Design) -> dict[str, Counter[str]]:
    values: dict[str, Counter[str]] = {}
    for actor in design.actors.values():
        for name, value in actor.extra.items():
            counts = values.setdefault(name, Counter())
            if value.strip():
                counts[value.strip()] += 1
    return {name: counts for name, counts in values.items() if counts}
