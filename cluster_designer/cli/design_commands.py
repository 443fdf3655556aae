"""The design commands: import, designs, evaluate, compare, export, copy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cluster_designer.io import read_csv_pair, read_design_file, write_csv_pair, write_design_file
from cluster_designer.model import Design

from .common import (
    UsageError,
    choose_design,
    choose_name,
    existing_project,
    format_table,
    load_analysis,
    load_storage,
    print_json,
    project_for_writing,
    shown_location,
)
from .registry import Command, Commands

if TYPE_CHECKING:
    from cluster_designer.storage import Project

DIAGRAM_SUFFIXES = (".pdf", ".svg", ".png")


def _import_parser(commands: Commands) -> argparse.ArgumentParser:
    imp = commands.add_parser(
        "import",
        help="add a design to a project from a CSV pair or a single file",
        description="Add a design to PROJECT (created if missing) from --actors/--ties CSV "
        "files or from one FILE (.json). Nothing is written if any row is invalid.",
    )
    imp.add_argument("project", metavar="PROJECT")
    imp.add_argument("file", metavar="FILE", nargs="?", help="a .json design file")
    imp.add_argument("--design", metavar="NAME", help="name of the new design")
    imp.add_argument("--actors", metavar="A.csv")
    imp.add_argument("--ties", metavar="T.csv")
    imp.add_argument("--region", metavar="TEXT", help="the region's name")
    imp.add_argument("--replace", action="store_true", help="replace a design of the same name")
    return imp


def _designs_parser(commands: Commands) -> argparse.ArgumentParser:
    designs = commands.add_parser("designs", help="list the designs of a project")
    designs.add_argument("project", metavar="PROJECT")
    designs.add_argument("--json", action="store_true", help="print JSON")
    return designs


def _evaluate_parser(commands: Commands) -> argparse.ArgumentParser:
    evaluate = commands.add_parser("evaluate", help="evaluate a design")
    evaluate.add_argument("project", metavar="PROJECT")
    evaluate.add_argument("--design", metavar="NAME")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    return evaluate


def _compare_parser(commands: Commands) -> argparse.ArgumentParser:
    compare = commands.add_parser("compare", help="compare two designs of a project")
    compare.add_argument("project", metavar="PROJECT")
    compare.add_argument("name_a", metavar="NAME_A")
    compare.add_argument("name_b", metavar="NAME_B")
    compare.add_argument("--json", action="store_true", help="print JSON")
    return compare


def _export_parser(commands: Commands) -> argparse.ArgumentParser:
    export = commands.add_parser(
        "export",
        help="write a design to a CSV pair or a single file",
        description="Write a design to --actors/--ties CSV files, or to OUT by its extension "
        "(.json, or .pdf .svg .png for the diagram).",
    )
    export.add_argument("project", metavar="PROJECT")
    export.add_argument("out", metavar="OUT", nargs="?")
    export.add_argument("--design", metavar="NAME")
    export.add_argument("--actors", metavar="A.csv")
    export.add_argument("--ties", metavar="T.csv")
    return export


def _copy_parser(commands: Commands) -> argparse.ArgumentParser:
    copy = commands.add_parser(
        "copy",
        help="copy a design between projects (a .cluster file or a database URL)",
        description="Copy a design from SOURCE to DEST, keeping ids, fields and positions. "
        "Each is a .cluster file or a URL such as postgresql+psycopg://user@host/db; "
        "DEST is created if it is a missing file or an empty database.",
    )
    copy.add_argument("source", metavar="SOURCE")
    copy.add_argument("dest", metavar="DEST")
    copy.add_argument("--design", metavar="NAME", help="the design to copy")
    copy.add_argument("--as", dest="new_name", metavar="NEW_NAME", help="its name in DEST")
    copy.add_argument(
        "--replace", action="store_true", help="replace a design of the same name in DEST"
    )
    return copy


def _import(args: argparse.Namespace) -> int:
    design = _read_import(args)
    shown = shown_location(args.project)
    with project_for_writing(args.project) as project:
        replaced = _store(project, design, shown, replace=args.replace)
    verb = "Replaced" if replaced else "Imported"
    print(
        f"{verb} design '{design.name}' in {shown}: "
        f"{len(design.actors)} actors, {len(design.ties)} ties"
    )
    return 0


def _read_import(args: argparse.Namespace) -> Design:
    """Read and fully validate the input before anything is created or written."""
    csv_given = args.actors is not None or args.ties is not None
    if args.file is not None and csv_given:
        raise UsageError("import: give either FILE or --actors and --ties, not both")
    if args.file is None:
        if args.actors is None or args.ties is None:
            raise UsageError("import: give a design FILE, or both --actors and --ties")
        if args.design is None:
            raise UsageError("import: --design NAME is required with --actors and --ties")
        return read_csv_pair(args.actors, args.ties, args.design, region=args.region or "")
    design = read_design_file(args.file, args.design)
    if args.region is not None:
        design.set_meta(region=args.region)
    return design


def _store(project: Project, design: Design, shown: str, *, replace: bool) -> bool:
    """Store the design under its name; returns True when it replaced an existing one."""
    exists = project.has_design(design.name)
    if exists and not replace:
        raise UsageError(
            f"{shown} already holds a design named '{design.name}'; add --replace to replace it"
        )
    project.import_design(design, replace=replace)  # one transaction: never neither design
    return exists


def _designs(args: argparse.Namespace) -> int:
    with existing_project(args.project) as project:
        infos = list(project.design_infos())
    if args.json:
        rows = [
            {
                "name": info.name,
                "region": info.region,
                "description": info.description,
                "actors": info.actor_count,
                "ties": info.tie_count,
                "created": info.created.isoformat(),
                "updated": info.updated.isoformat(),
            }
            for info in infos
        ]
        print_json(rows)
        return 0
    if not infos:
        print(f"{shown_location(args.project)} holds no designs")
        return 0
    table = [["name", "region", "actors", "ties", "updated"]]
    for info in infos:
        updated = info.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        table.append([info.name, info.region, str(info.actor_count), str(info.tie_count), updated])
    print("\n".join(format_table(table, numeric={2, 3})))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    analysis = load_analysis()
    with existing_project(args.project) as project:
        design = choose_design(project, shown_location(args.project), args.design)
    result = analysis.evaluate(design)
    if args.json:
        print_json(result.to_dict())
    else:
        print(analysis.format_report(result))
    return 0


def _compare(args: argparse.Namespace) -> int:
    analysis = load_analysis()
    with existing_project(args.project) as project:
        design_a = choose_design(project, shown_location(args.project), args.name_a)
        design_b = choose_design(project, shown_location(args.project), args.name_b)
    result = analysis.compare(design_a, design_b)
    if args.json:
        print_json(result.to_dict())
    else:
        print(analysis.format_comparison(result))
    return 0


def _export(args: argparse.Namespace) -> int:
    csv_given = args.actors is not None or args.ties is not None
    if args.out is not None and csv_given:
        raise UsageError("export: give either OUT or --actors and --ties, not both")
    if args.out is None and (args.actors is None or args.ties is None):
        raise UsageError("export: give an OUT file, or both --actors and --ties")
    with existing_project(args.project) as project:
        design = choose_design(project, shown_location(args.project), args.design)
    if args.out is None:
        write_csv_pair(design, args.actors, args.ties)
        print(f"Wrote design '{design.name}' to {args.actors} and {args.ties}")
        return 0
    out = Path(args.out)
    if out.suffix.lower() in DIAGRAM_SUFFIXES:
        _export_diagram(design, out)
    else:
        write_design_file(design, out)
    print(f"Wrote design '{design.name}' to {args.out}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    storage = load_storage()
    source_shown, dest_shown = shown_location(args.source), shown_location(args.dest)
    with existing_project(args.source) as source:
        name = choose_name(source, source_shown, args.design)
        with project_for_writing(args.dest) as dest:
            target = name if args.new_name is None else args.new_name
            if not args.replace and dest.has_design(target) and not source.same_store(dest):
                raise UsageError(
                    f"{dest_shown} already holds a design named '{target}'; "
                    "add --replace to replace it"
                )
            copied = storage.copy_design(source, dest, name, args.new_name, replace=args.replace)
    renamed = f" as '{copied.name}'" if copied.name != name else ""
    print(
        f"Copied design '{name}' from {source_shown} to {dest_shown}{renamed}: "
        f"{len(copied.actors)} actors, {len(copied.ties)} ties"
    )
    return 0


def _export_diagram(design: Design, out: Path) -> None:
    try:
        from cluster_designer.gui.render import export_diagram
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing.startswith(("cluster_designer.gui", "PySide6")):
            raise UsageError(
                f"export to {out.suffix.lower()} is not available in this build"
            ) from None
        raise
    export_diagram(design, out)


COMMANDS = (
    Command("import", _import_parser, _import),
    Command("designs", _designs_parser, _designs),
    Command("evaluate", _evaluate_parser, _evaluate),
    Command("compare", _compare_parser, _compare),
    Command("export", _export_parser, _export),
    Command("copy", _copy_parser, _copy),
)
