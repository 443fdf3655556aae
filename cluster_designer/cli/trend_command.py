"""`cluster-designer trend PROJECT [--json]`: the metrics of the designs that have a year."""

from __future__ import annotations

import argparse

from cluster_designer.i18n import _

from .common import existing_project, load_analysis, print_json, shown_location
from .registry import Command, Commands


def _trend_parser(commands: Commands) -> argparse.ArgumentParser:
    trend = commands.add_parser(
        "trend",
        help=_("the metrics of the designs that have a year, oldest first"),
        description=_(
            "The project's timeline: every design that has a year, oldest first (the same "
            "year by name), with its metrics. Without --json a table of the key metrics."
        ),
    )
    trend.add_argument("project", metavar="PROJECT")
    trend.add_argument("--json", action="store_true", help=_("print JSON"))
    return trend


def _trend(args: argparse.Namespace) -> int:
    analysis = load_analysis()
    trend = analysis.trend
    with existing_project(args.project) as project:
        dated = trend.timeline_order(
            (info.name, info.year, None) for info in project.design_infos()
        )
        designs = [(name, year, project.load_design(name)) for name, year, _none in dated]
    points = [trend.trend_point(name, year, analysis.evaluate(d)) for name, year, d in designs]
    if args.json:
        print_json(trend.trend_dict(points))
    elif not points:
        print(
            _(
                "{project} has no design with a year yet: give a design the year it depicts "
                "with import --year YEAR, in the window (the Year of its properties) or in its "
                "JSON file (design.year), and designs with a year form the timeline."
            ).format(project=shown_location(args.project))
        )
    else:
        print(trend.format_trend(points), end="")
    return 0


COMMANDS = (Command("trend", _trend_parser, _trend),)
