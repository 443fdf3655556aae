"""`import-list`: a design from a list planners already have (contracts, awards, rolls).

The list and the mapping are read and checked completely before the project is opened, so
bad input changes nothing. Ids are made unique in the whole project.
"""

from __future__ import annotations

import argparse
from typing import Any

from cluster_designer.i18n import N_, _, ngettext, pgettext
from cluster_designer.io.lists import (
    ENCODING_LABELS,
    ListResult,
    NamePair,
    build_list,
    list_candidates,
    make_design,
    read_list_table,
    read_mapping,
)

from .common import UsageError, print_json, project_for_writing, shown_location
from .registry import Command, Commands

# How each reason for a probable duplicate is shown in the report.
REASONS = {
    "similar": N_("spelled almost the same"),
    "contains": N_("one name contains the other"),
    "abbreviation": N_("looks like an abbreviation"),
    "initials": N_("initials"),
    "romanized": N_("the same name in Latin letters"),
}
SHOWN_CANDIDATES = 20


def _import_list_parser(commands: Commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "import-list",
        help=_("make a design from a list (contracts, awards, member rolls) with a mapping file"),
        description=_(
            "Add a design to PROJECT (created if missing) from LIST, a CSV file or an Excel "
            "workbook with one row per contract, award or membership. MAP.toml says which "
            "columns name the organizations, their sectors and addresses, the tie kind, weight "
            "and notes, and the region's places. Nothing is written if any row is invalid."
        ),
    )
    parser.add_argument("project", metavar="PROJECT")
    parser.add_argument("list_file", metavar="LIST", help=_("a .csv, .xlsx or .xlsm file"))
    parser.add_argument(
        "--design",
        metavar="NAME",
        required=True,
        help=pgettext("list import", "the new design's name"),
    )
    parser.add_argument(
        "--mapping",
        metavar="MAP.toml",
        required=True,
        help=pgettext("list import", "the mapping file"),
    )
    parser.add_argument(
        "--region", metavar="TEXT", help=pgettext("list import", "the region's name")
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=pgettext("list import", "replace a design of the same name"),
    )
    parser.add_argument(
        "--json", action="store_true", help=pgettext("list import", "print the report as JSON")
    )
    return parser


def _import_list(args: argparse.Namespace) -> int:
    mapping = read_mapping(args.mapping)
    table = read_list_table(
        args.list_file,
        sheet=mapping.sheet,
        header_row=mapping.header_row,
        encoding=mapping.encoding,
    )
    result = build_list(table, mapping)
    candidates = list_candidates(result)
    shown = shown_location(args.project)
    with project_for_writing(args.project) as project:
        exists = project.has_design(args.design)
        if exists and not args.replace:
            raise UsageError(
                pgettext(
                    "list import",
                    "{project} already holds a design named '{name}'; add --replace to replace it",
                ).format(project=shown, name=args.design)
            )
        taken = project.actor_ids(except_design=args.design if exists else None)
        design = make_design(result, args.design, args.region or "", taken)
        project.import_design(design, replace=args.replace)
    if args.json:
        print_json(report_dict(result, candidates, design.name))
    else:
        print(format_list_report(result, candidates, design.name, shown, replaced=exists))
    return 0


def report_dict(result: ListResult, candidates: list[NamePair], design: str) -> dict[str, Any]:
    """The `--json` report: counts, merged spellings, skipped rows, probable duplicates."""
    return {
        "design": design,
        "file": result.table.file,
        "sheet": result.table.sheet,
        "encoding": result.table.encoding,
        "rows": result.rows,
        "actors": len(result.actors),
        "ties": len(result.ties),
        "merged": result.merged,
        "skipped": [{"row": s.row, "reason": s.text(translate=False)} for s in result.skipped],
        "candidates": [
            {"names": [c.a_name, c.b_name], "reason": c.reason, "score": round(c.score, 1)}
            for c in candidates
        ],
    }


def format_list_report(
    result: ListResult,
    candidates: list[NamePair],
    design: str,
    project: str,
    *,
    replaced: bool = False,
) -> str:
    table = result.table
    source = table.file if table.sheet is None else f"{table.file} ({table.sheet})"
    if table.encoding is not None:
        source = pgettext("list import", "{file}, read as {encoding}").format(
            file=source, encoding=ENCODING_LABELS.get(table.encoding, table.encoding)
        )
    headline = (
        _("Replaced design '{name}' in {project} from {source}")
        if replaced
        else _("Imported design '{name}' into {project} from {source}")
    )
    lines = [headline.format(name=design, project=project, source=source)]
    counts = [
        ngettext("{n} row read", "{n} rows read", result.rows).format(n=result.rows),
        ngettext("{n} actor made", "{n} actors made", len(result.actors)).format(
            n=len(result.actors)
        ),
        ngettext("{n} tie made", "{n} ties made", len(result.ties)).format(n=len(result.ties)),
    ]
    lines.append("  " + pgettext("list import", ", ").join(counts))
    merged = result.merged
    if merged:
        lines.append(
            ngettext(
                "{n} organization was written in several ways (merged):",
                "{n} organizations were written in several ways (merged):",
                len(merged),
            ).format(n=len(merged))
        )
        for group in merged:
            lines.append(
                "  "
                + pgettext("list import", "{name} ← {others}").format(
                    name=group[0], others=" / ".join(group[1:])
                )
            )
    if result.skipped:
        lines.append(
            ngettext("{n} row was skipped:", "{n} rows were skipped:", len(result.skipped)).format(
                n=len(result.skipped)
            )
        )
        for skipped in result.skipped:
            lines.append(
                "  "
                + pgettext("list import", "row {row}: {reason}").format(
                    row=skipped.row, reason=skipped.text()
                )
            )
    if candidates:
        lines.append(
            ngettext(
                "{n} pair is probably the same organization (not merged; to merge, add it to "
                "[names] same in the mapping):",
                "{n} pairs are probably the same organization (not merged; to merge, add them "
                "to [names] same in the mapping):",
                len(candidates),
            ).format(n=len(candidates))
        )
        for pair in candidates[:SHOWN_CANDIDATES]:
            lines.append(
                "  "
                + pgettext("list import", "{a} ~ {b} ({reason})").format(
                    a=pair.a_name, b=pair.b_name, reason=_(REASONS.get(pair.reason, pair.reason))
                )
            )
        if len(candidates) > SHOWN_CANDIDATES:
            more = len(candidates) - SHOWN_CANDIDATES
            lines.append("  " + _("… and {n} more (see --json)").format(n=more))
    return "\n".join(lines)


COMMANDS = (Command("import-list", _import_list_parser, _import_list),)
