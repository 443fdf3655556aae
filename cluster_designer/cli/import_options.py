"""The options of `import` for files that do not say everything in our words.

`--sector`, `--sector-from ATTRIBUTE --sector-map "word=sector,…"`, the same three for
locations, `--kind` for edges without a kind and `--merge-duplicates`; they become one
`ImportChoices` for the readers (docs/reference/command-line.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from cluster_designer.i18n import _
from cluster_designer.io.choices import (
    FieldChoice,
    ImportChoices,
    ImportReport,
    parse_kind_choice,
    parse_value_map,
)
from cluster_designer.model import ValidationError
from cluster_designer.model.entities import parse_location, parse_sector

from .common import UsageError


def add_import_choices(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        _("files from other programs"),
        _(
            "For GraphML, GEXF, XLSX and CSV files that do not give sectors, locations or tie "
            "kinds in Cluster Designer's words (English or Japanese: university, 大学, …)."
        ),
    )
    group.add_argument(
        "--sector",
        metavar=_("SECTOR"),
        help=_("the sector of every actor whose sector the file does not tell"),
    )
    group.add_argument(
        "--sector-from",
        metavar=_("ATTRIBUTE"),
        help=_("read each actor's sector from this attribute or column"),
    )
    group.add_argument(
        "--sector-map",
        metavar=_("VALUE=SECTOR,…"),
        help=_('what the values of --sector-from mean, e.g. "Lab=university,Firm=company"'),
    )
    group.add_argument(
        "--location",
        metavar=_("LOCATION"),
        help=_("the location of every actor whose location the file does not tell"),
    )
    group.add_argument(
        "--location-from",
        metavar=_("ATTRIBUTE"),
        help=_("read each actor's location from this attribute or column"),
    )
    group.add_argument(
        "--location-map",
        metavar=_("VALUE=LOCATION,…"),
        help=_('what the values of --location-from mean, e.g. "JP=domestic,US=overseas"'),
    )
    group.add_argument(
        "--kind",
        metavar=_("KIND"),
        help=_("the kind of every tie whose kind the file does not give (default collaboration)"),
    )
    group.add_argument(
        "--merge-duplicates",
        action="store_true",
        help=_(
            "merge ties repeated with the same ends and kind into one (weights added, notes "
            "kept) instead of refusing the file; the merged ties are listed"
        ),
    )


def choices_from(args: argparse.Namespace) -> ImportChoices:
    """The options as one ImportChoices; a bad value is a usage error naming the option."""
    return ImportChoices(
        sector=_field_choice(args, "sector", parse_sector),
        location=_field_choice(args, "location", parse_location),
        kind=_option(args.kind, "--kind", parse_kind_choice),
        merge_duplicates=bool(args.merge_duplicates),
    )


def any_choice(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name) not in (None, False)
        for name in (
            "sector",
            "sector_from",
            "sector_map",
            "location",
            "location_from",
            "location_map",
            "kind",
            "merge_duplicates",
        )
    )


def _field_choice(args: argparse.Namespace, name: str, parse: Callable[[str], Any]) -> FieldChoice:
    fixed = getattr(args, name)
    attribute = getattr(args, f"{name}_from")
    mapping_text = getattr(args, f"{name}_map")
    if mapping_text is not None and attribute is None:
        raise UsageError(
            _("import: --{field}-map needs --{field}-from ATTRIBUTE").format(field=name)
        )
    if attribute is not None and not attribute.strip():
        raise UsageError(_("import: --{field}-from needs an attribute name").format(field=name))
    mapping = _option(mapping_text, f"--{name}-map", lambda t: parse_value_map(t, name)) or {}
    value = _option(fixed, f"--{name}", parse)
    return FieldChoice(
        fixed=None if value is None else str(value),
        attribute=None if attribute is None else attribute.strip(),
        mapping=mapping,
    )


def _option(text: str | None, option: str, parse: Callable[[str], Any]) -> Any:
    if text is None:
        return None
    try:
        return parse(text)
    except (ValueError, ValidationError) as error:
        message = error.message if isinstance(error, ValidationError) else str(error)
        raise UsageError(
            _("import: {option}: {message}").format(option=option, message=message)
        ) from None


def report_lines(report: ImportReport) -> list[str]:
    """What the import assumed or changed, one indented line each (printed after the summary)."""
    return [f"  - {line}" for line in report.lines()]
