"""`brief`: the meeting handout as a PDF (cover, map, concept figure, key figures with their
change from a baseline, diagnosis, dynamics), drawn by the window's renderer like `export`
to .pdf; everything before the drawing (options, the designs) is checked without Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from cluster_designer.i18n import _, ngettext

from .common import UsageError, choose_design, existing_project, shown_location
from .design_commands import load_renderer
from .registry import Command, Commands

PAPERS = ("A4", "A3")


def _brief_parser(commands: Commands) -> argparse.ArgumentParser:
    brief = commands.add_parser(
        "brief",
        help=_("write the meeting brief of a design as a PDF"),
        description=_(
            "Write a short handout for a meeting to OUT.pdf: a cover, the map, the cluster "
            "concept figure, the key figures (with the change from --baseline), the diagnosis "
            "and the region's dynamics."
        ),
    )
    brief.add_argument("project", metavar="PROJECT")
    brief.add_argument("out", metavar="OUT.pdf")
    brief.add_argument("--design", metavar="NAME")
    brief.add_argument(
        "--baseline", metavar="NAME", help=_("a design to compare with (today's map)")
    )
    brief.add_argument(
        "--paper", choices=PAPERS, default="A4", type=str.upper, help=_("paper size (default A4)")
    )
    orientation = brief.add_mutually_exclusive_group()
    orientation.add_argument(
        "--portrait", action="store_true", help=_("upright pages (default: landscape)")
    )
    orientation.add_argument("--landscape", action="store_true", help=_("wide pages (default)"))
    brief.add_argument("--author", metavar="TEXT", default="", help=_("who prepared it"))
    brief.add_argument("--note", metavar="TEXT", default="", help=_("a note for the cover"))
    brief.add_argument(
        "--width-by",
        choices=("ties", "density"),
        default="ties",
        help=_("the concept figure's bands show the number of ties (default) or their density"),
    )
    brief.add_argument(
        "--subtypes", action="store_true", help=_("split the concept figure's sectors by subtype")
    )
    return brief


def _brief(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UsageError(
            _("brief: the brief is written as a .pdf file, not {suffix}").format(
                suffix=out.suffix or _("no suffix")
            )
        )
    shown = shown_location(args.project)
    with existing_project(args.project) as project:
        design = choose_design(project, shown, args.design)
        baseline = None
        if args.baseline is not None:
            if args.baseline == design.name:
                raise UsageError(_("brief: the baseline must be another design"))
            baseline = choose_design(project, shown, args.baseline)
    renderer = load_renderer(_("drawing figures is not available in this build"))
    pages = renderer.export_brief(
        design,
        out,
        baseline=baseline,
        page_size=args.paper,
        landscape=not args.portrait,
        author=args.author,
        note=args.note,
        width_by=args.width_by,
        subtypes=args.subtypes,
    )
    print(
        ngettext(
            "Wrote the brief of '{name}' to {file} ({pages} page)",
            "Wrote the brief of '{name}' to {file} ({pages} pages)",
            pages,
        ).format(name=design.name, file=out, pages=pages)
    )
    return 0


COMMANDS = (Command("brief", _brief_parser, _brief),)
