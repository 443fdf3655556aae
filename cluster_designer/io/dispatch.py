"""Reading and writing a single design file, chosen by its extension.

Each format is one entry in `FORMATS`, naming the module and functions that implement it;
the module is imported only when a file of that type is used, so starting the command
line does not pay for openpyxl or XML parsers. A new format is one more entry here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from cluster_designer.model import Design

from ..i18n import N_, _
from .errors import FormatError


@dataclass(frozen=True, slots=True)
class FileFormat:
    """A single-file design format: `reader(path, design_name)` and `writer(design, path)`."""

    suffix: str
    label: str  # marked with N_(): translate where shown
    module: str
    reader: str
    writer: str
    takes_choices: bool = True
    """Whether the reader takes `choices` and `report` (files from other programs); our own
    JSON says everything itself."""

    def read(self, path: Path, design_name: str | None, **options: Any) -> Design:
        function = cast(Callable[..., Design], self._function(self.reader))
        return function(path, design_name, **options)

    def write(self, design: Design, path: Path) -> None:
        function = cast(Callable[[Design, Path], None], self._function(self.writer))
        function(design, path)

    def _function(self, name: str) -> object:
        module = importlib.import_module(f"{__package__}.{self.module}")
        return getattr(module, name)


FORMATS: dict[str, FileFormat] = {
    f.suffix: f
    for f in (
        FileFormat(
            ".json",
            N_("Cluster Designer JSON"),
            "json_format",
            "read_json",
            "write_json",
            takes_choices=False,
        ),
        FileFormat(
            ".graphml",
            N_("GraphML (yEd, Cytoscape, Gephi)"),
            "graphml_format",
            "read_graphml",
            "write_graphml",
        ),
        FileFormat(".gexf", N_("GEXF (Gephi)"), "gexf_format", "read_gexf", "write_gexf"),
        FileFormat(".xlsx", N_("Excel workbook"), "xlsx_format", "read_xlsx", "write_xlsx"),
    )
}
"""Single-file formats by lower-case suffix. GraphML, GEXF and XLSX are added here."""


def file_format(path: str | os.PathLike[str]) -> FileFormat:
    """The format for a file name, or a FormatError saying which types are supported."""
    path = Path(path)
    suffix = path.suffix.lower()
    found = FORMATS.get(suffix)
    if found is not None:
        return found
    supported = ", ".join(FORMATS)
    if suffix == ".csv":
        raise FormatError.at(
            path.name,
            _(
                "a CSV design is two files, actors and ties; import them as a pair (single files: "
                "{supported})"
            ).format(supported=supported),
        )
    shown = f"'{suffix}'" if suffix else "(no extension)"
    raise FormatError.at(
        path.name,
        _("unsupported file type {shown} (use {supported})").format(
            shown=shown, supported=supported
        ),
    )


def read_design_file(
    path: str | os.PathLike[str], design_name: str | None = None, **options: Any
) -> Design:
    """Read one design from a single file; `design_name` replaces the name the file holds.

    Formats without a design name of their own use the file's stem when none is given.
    `options` go to the format's reader (e.g. `sector_for` for GraphML and GEXF).
    """
    return file_format(path).read(Path(path), design_name, **options)


def write_design_file(design: Design, path: str | os.PathLike[str]) -> None:
    """Write one design to a single file whose type follows from its extension."""
    file_format(path).write(design, Path(path))
