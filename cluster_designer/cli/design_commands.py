"""The design commands: import, designs, evaluate, compare, export, copy."""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

from cluster_designer.i18n import _, format_datetime, ngettext
from cluster_designer.io import (
    FORMATS,
    SectorUnknownError,
    file_format,
    read_csv_pair,
    read_design_file,
    write_csv_pair,
    write_design_file,
)
from cluster_designer.io.choices import ImportReport
from cluster_designer.model import Design, ValidationError, local_time
from cluster_designer.model.entities import parse_year

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
from .import_options import add_import_choices, any_choice, choices_from, report_lines
from .registry import Command, Commands

if TYPE_CHECKING:
    from cluster_designer.storage import Project

DIAGRAM_SUFFIXES = (".pdf", ".svg", ".png")
CONCEPT_SUFFIXES = (".svg", ".pdf", ".png")


def _import_parser(commands: Commands) -> argparse.ArgumentParser:
    imp = commands.add_parser(
        "import",
        help=_("add a design to a project from a CSV pair or a single file"),
        description=_(
            "Add a design to PROJECT (created if missing) from --actors/--ties CSV files or "
            "from one FILE: {formats}. Nothing is written if any row is invalid."
        ).format(formats=_format_list()),
    )
    imp.add_argument("project", metavar="PROJECT")
    imp.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help=_("a design file: {suffixes}").format(suffixes=", ".join(FORMATS)),
    )
    imp.add_argument("--design", metavar="NAME", help=_("name of the new design"))
    imp.add_argument("--actors", metavar="A.csv")
    imp.add_argument("--ties", metavar="T.csv")
    imp.add_argument(
        "--groups", metavar="G.csv", help=_("with --actors and --ties: the groups file")
    )
    imp.add_argument("--region", metavar="TEXT", help=_("the region's name"))
    imp.add_argument("--year", metavar="YEAR", help=_("the year the design is for (1800–2200)"))
    imp.add_argument("--replace", action="store_true", help=_("replace a design of the same name"))
    add_import_choices(imp)
    return imp


def _format_list() -> str:
    """`.json Cluster Designer JSON; .graphml GraphML (yEd, …); …` from the format table."""
    return "; ".join(f"{suffix} {_(f.label)}" for suffix, f in FORMATS.items())


def _designs_parser(commands: Commands) -> argparse.ArgumentParser:
    designs = commands.add_parser("designs", help=_("list the designs of a project"))
    designs.add_argument("project", metavar="PROJECT")
    designs.add_argument("--json", action="store_true", help=_("print JSON"))
    return designs


def _evaluate_parser(commands: Commands) -> argparse.ArgumentParser:
    evaluate = commands.add_parser(
        "evaluate", help=_("evaluate a design: density, inflows, brokers and a diagnosis")
    )
    evaluate.add_argument("project", metavar="PROJECT")
    evaluate.add_argument("--design", metavar="NAME")
    evaluate.add_argument("--json", action="store_true", help=_("print JSON"))
    return evaluate


def _compare_parser(commands: Commands) -> argparse.ArgumentParser:
    compare = commands.add_parser("compare", help=_("compare two designs of a project"))
    compare.add_argument("project", metavar="PROJECT")
    compare.add_argument("name_a", metavar="NAME_A")
    compare.add_argument("name_b", metavar="NAME_B")
    compare.add_argument("--json", action="store_true", help=_("print JSON"))
    return compare


def _export_parser(commands: Commands) -> argparse.ArgumentParser:
    export = commands.add_parser(
        "export",
        help=_("write a design to a CSV pair or a single file"),
        description=_(
            "Write a design to --actors/--ties CSV files, or to OUT by its extension: a design "
            "file ({formats}) or the diagram ({diagrams})."
        ).format(formats=_format_list(), diagrams=" ".join(DIAGRAM_SUFFIXES)),
    )
    export.add_argument("project", metavar="PROJECT")
    export.add_argument(
        "out",
        metavar="OUT",
        nargs="?",
        help=_("the file to write: {suffixes}").format(
            suffixes=", ".join([*FORMATS, *DIAGRAM_SUFFIXES])
        ),
    )
    export.add_argument("--design", metavar="NAME")
    export.add_argument("--actors", metavar="A.csv")
    export.add_argument("--ties", metavar="T.csv")
    export.add_argument(
        "--groups", metavar="G.csv", help=_("with --actors and --ties: write the groups here")
    )
    _add_concept_arguments(export)
    return export


def _copy_parser(commands: Commands) -> argparse.ArgumentParser:
    copy = commands.add_parser(
        "copy",
        help=_("copy a design between projects (a .cluster file or a database URL)"),
        description=_(
            "Copy a design from SOURCE to DEST, keeping ids, fields and positions. "
            "Each is a .cluster file or a URL such as postgresql+psycopg://user@host/db; "
            "DEST is created if it is a missing file or an empty database."
        ),
    )
    copy.add_argument("source", metavar="SOURCE")
    copy.add_argument("dest", metavar="DEST")
    copy.add_argument("--design", metavar="NAME", help=_("the design to copy"))
    copy.add_argument("--as", dest="new_name", metavar="NEW_NAME", help=_("its name in DEST"))
    copy.add_argument(
        "--replace", action="store_true", help=_("replace a design of the same name in DEST")
    )
    return copy


def _import(args: argparse.Namespace) -> int:
    report = ImportReport()
    design = _read_import(args, report)
    shown = shown_location(args.project)
    with project_for_writing(args.project) as project:
        replaced = _store(project, design, shown, replace=args.replace)
    if replaced:
        message = _("Replaced design '{name}' in {project}: {actors} actors, {ties} ties")
    else:
        message = _("Imported design '{name}' in {project}: {actors} actors, {ties} ties")
    print(
        message.format(
            name=design.name, project=shown, actors=len(design.actors), ties=len(design.ties)
        )
    )
    if design.groups:
        count = len(design.groups)
        print(ngettext("{count} group", "{count} groups", count).format(count=count))
    for line in report_lines(report):
        print(line)
    return 0


def _read_import(args: argparse.Namespace, report: ImportReport) -> Design:
    """Read and fully validate the input before anything is created or written."""
    csv_given = args.actors is not None or args.ties is not None
    if args.file is not None and csv_given:
        raise UsageError(_("import: give either FILE or --actors and --ties, not both"))
    if args.file is not None and args.groups is not None:
        raise UsageError(
            _("import: --groups goes with --actors and --ties; a single file holds its groups")
        )
    year = _year(args.year)
    choices = choices_from(args)
    if args.file is None:
        if args.actors is None or args.ties is None:
            raise UsageError(_("import: give a design FILE, or both --actors and --ties"))
        if args.design is None:
            raise UsageError(_("import: --design NAME is required with --actors and --ties"))
        design = read_csv_pair(
            args.actors,
            args.ties,
            args.design,
            region=args.region or "",
            choices=choices,
            report=report,
            groups_path=args.groups,
        )
        if year is not None:
            design.set_meta(year=year)
        return design
    kind = file_format(args.file)
    if not kind.takes_choices and any_choice(args):
        raise UsageError(
            _(
                "import: {file} is a {label} file, which says everything itself; the options "
                "for files from other programs do not apply to it"
            ).format(file=Path(args.file).name, label=_(kind.label))
        )
    options = {"choices": choices, "report": report} if kind.takes_choices else {}
    try:
        design = read_design_file(args.file, args.design, **options)
    except SectorUnknownError as unknown:
        raise UsageError(
            _(
                "{message}; or give them one with --sector SECTOR, or read it from an "
                "attribute with --sector-from ATTRIBUTE"
            ).format(message=unknown)
        ) from None
    if args.region is not None:
        design.set_meta(region=args.region)
    if year is not None:
        design.set_meta(year=year)
    return design


def _year(text: str | None) -> int | None:
    """`--year`: a year between 1800 and 2200, said as the option's problem."""
    if text is None:
        return None
    try:
        return parse_year("year", text)
    except ValidationError as error:
        raise UsageError(
            _("import: --year {value}: {message}").format(value=text, message=error.message)
        ) from None


def _store(project: Project, design: Design, shown: str, *, replace: bool) -> bool:
    """Store the design under its name; returns True when it replaced an existing one."""
    exists = project.has_design(design.name)
    if exists and not replace:
        raise UsageError(
            _(
                "{project} already holds a design named '{name}'; add --replace to replace it"
            ).format(project=shown, name=design.name)
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
                "year": info.year,
                "created": info.created.isoformat(),
                "updated": info.updated.isoformat(),
            }
            for info in infos
        ]
        print_json(rows)
        return 0
    if not infos:
        print(_("{project} holds no designs").format(project=shown_location(args.project)))
        return 0
    # The year column only when a design has one (a timeline), so a plain list stays short.
    dated = any(info.year is not None for info in infos)
    header = [_("name"), _("region"), *([_("year")] if dated else []), _("actors"), _("ties")]
    table = [[*header, _("updated")]]
    for info in infos:
        updated = format_datetime(local_time(info.updated))
        year = ["" if info.year is None else str(info.year)] if dated else []
        counts = [str(info.actor_count), str(info.tie_count)]
        table.append([info.name, info.region, *year, *counts, updated])
    first = 3 if dated else 2
    print("\n".join(format_table(table, numeric={first, first + 1})))
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
    if args.concept is not None:
        return _export_concept(args, csv_given)
    if args.out is not None and csv_given:
        raise UsageError(_("export: give either OUT or --actors and --ties, not both"))
    if args.out is None and (args.actors is None or args.ties is None):
        raise UsageError(_("export: give an OUT file, or both --actors and --ties"))
    if args.out is not None and args.groups is not None:
        raise UsageError(
            _("export: --groups goes with --actors and --ties; a single file holds the groups")
        )
    with existing_project(args.project) as project:
        design = choose_design(project, shown_location(args.project), args.design)
    if args.out is None:
        write_csv_pair(design, args.actors, args.ties, args.groups)
        if args.groups is not None:
            print(
                _("Wrote design '{name}' to {actors}, {ties} and {groups}").format(
                    name=design.name, actors=args.actors, ties=args.ties, groups=args.groups
                )
            )
        else:
            print(
                _("Wrote design '{name}' to {actors} and {ties}").format(
                    name=design.name, actors=args.actors, ties=args.ties
                )
            )
        if design.groups and args.groups is None:
            count = len(design.groups)
            print(
                ngettext(
                    "The design's {count} group was not written; add --groups G.csv to write it",
                    "The design's {count} groups were not written; add --groups G.csv to write "
                    "them",
                    count,
                ).format(count=count)
            )
        return 0
    out = Path(args.out)
    if out.suffix.lower() in DIAGRAM_SUFFIXES:
        _export_diagram(design, out)
    else:
        write_design_file(design, out)
    print(_("Wrote design '{name}' to {file}").format(name=design.name, file=args.out))
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
                    _(
                        "{project} already holds a design named '{name}'; "
                        "add --replace to replace it"
                    ).format(project=dest_shown, name=target)
                )
            copied = storage.copy_design(source, dest, name, args.new_name, replace=args.replace)
    if copied.name != name:
        message = _(
            "Copied design '{name}' from {source} to {dest} as '{new_name}': "
            "{actors} actors, {ties} ties"
        )
    else:
        message = _("Copied design '{name}' from {source} to {dest}: {actors} actors, {ties} ties")
    print(
        message.format(
            name=name,
            new_name=copied.name,
            source=source_shown,
            dest=dest_shown,
            actors=len(copied.actors),
            ties=len(copied.ties),
        )
    )
    return 0


def load_renderer(unavailable: str) -> types.ModuleType:
    """The window's renderer (Qt), loaded only when a figure is written; in a build without
    the window, a usage error with the text `unavailable`."""
    try:
        # Imported for its entry in sys.modules: the module as registered now (a test may
        # stand in for it). `import … as` would look it up as a package attribute instead.
        import cluster_designer.gui.render  # noqa: F401
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing.startswith(("cluster_designer.gui", "PySide6")):
            raise UsageError(unavailable) from None
        raise
    return sys.modules["cluster_designer.gui.render"]


def _export_diagram(design: Design, out: Path) -> None:
    unavailable = _("export to {suffix} is not available in this build").format(
        suffix=out.suffix.lower()
    )
    load_renderer(unavailable).export_diagram(design, out)


def _add_concept_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--concept",
        metavar="OUT",
        help=_("write the cluster concept figure to OUT (.svg, .pdf or .png) instead"),
    )
    parser.add_argument(
        "--beside",
        metavar="NAME",
        help=_("with --concept: draw this design first, beside the other, on the same scale"),
    )
    parser.add_argument(
        "--width-by",
        choices=("ties", "density"),
        default="ties",
        help=_("with --concept: bands show the number of ties (default) or their density"),
    )
    parser.add_argument(
        "--subtypes", action="store_true", help=_("with --concept: split each sector by subtype")
    )


def _export_concept(args: argparse.Namespace, csv_given: bool) -> int:
    if args.out is not None or csv_given:
        raise UsageError(_("export: give --concept OUT alone, without OUT, --actors or --ties"))
    out = Path(args.concept)
    if out.suffix.lower() not in CONCEPT_SUFFIXES:
        raise UsageError(
            _("export: the concept figure is written as {formats}, not {suffix}").format(
                formats=", ".join(CONCEPT_SUFFIXES), suffix=out.suffix.lower() or _("no suffix")
            )
        )
    shown = shown_location(args.project)
    with existing_project(args.project) as project:
        designs = [choose_design(project, shown, args.design)]
        if args.beside is not None:
            designs.insert(0, choose_design(project, shown, args.beside))
    renderer = load_renderer(_("drawing figures is not available in this build"))
    renderer.export_concept_figure(designs, out, width_by=args.width_by, subtypes=args.subtypes)
    names = " / ".join(d.name for d in designs)
    print(_("Wrote the concept figure of '{name}' to {file}").format(name=names, file=out))
    return 0


COMMANDS = (
    Command("import", _import_parser, _import),
    Command("designs", _designs_parser, _designs),
    Command("evaluate", _evaluate_parser, _evaluate),
    Command("compare", _compare_parser, _compare),
    Command("export", _export_parser, _export),
    Command("copy", _copy_parser, _copy),
)
