"""The dynamics commands: brokerage, spread, resilience and suggest.

Each prints a readable table, or with --json the object of docs/reference/analyses.md.
Bad input (an unknown actor id, a threshold outside (0, 1], a number of ties outside 1–20,
a design without region actors where the analysis needs them) is a usage error: exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cluster_designer.i18n import _, ngettext, pgettext

from .common import (
    UsageError,
    choose_design,
    existing_project,
    format_table,
    print_json,
    shown_location,
)
from .registry import Command, Commands

if TYPE_CHECKING:
    from cluster_designer.analysis.brokerage import Brokerage
    from cluster_designer.analysis.resilience import Resilience
    from cluster_designer.analysis.spread import Spread
    from cluster_designer.analysis.suggest import Suggestions
    from cluster_designer.model import Design

ROLE_ROWS_LIMIT = 40  # actors listed in the brokerage table (the JSON has all)
ROUND_NAMES_LIMIT = 8  # names listed per round of the chain reaction
RESILIENCE_ROWS_LIMIT = 10  # removals listed after the largest group has halved


def _design_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT")
    parser.add_argument(
        "--design",
        metavar="NAME",
        help=pgettext("analyses option", "the design (if the project holds several)"),
    )
    parser.add_argument(
        "--json", action="store_true", help=pgettext("analyses option", "print JSON")
    )


def _id_list(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError(_("give one or more actor ids separated by commas"))
    return ids


def _threshold(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a number between 0 and 1").format(value=text)
        ) from None


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number").format(value=text)
        ) from None


def _spread_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        metavar="ID,ID…",
        type=_id_list,
        help=_("actor ids the chain reaction starts from (default: the region's universities)"),
    )
    parser.add_argument(
        "--threshold",
        metavar="T",
        type=_threshold,
        default=0.5,
        help=_("share of its partners an actor needs reached, above 0 up to 1 (default 0.5)"),
    )


def _brokerage_parser(commands: Commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "brokerage",
        help=_("who passes flows on between groups (Gould–Fernandez brokerage roles)"),
        description=_(
            "Count every actor's brokerage roles: coordinator, itinerant, representative, "
            "gatekeeper and liaison, between the sectors or between the region and the outside."
        ),
    )
    _design_options(parser)
    parser.add_argument(
        "--groups",
        choices=("sector", "location"),
        default="sector",
        help=_("the groups: the three sectors, or region and outside (default sector)"),
    )
    return parser


def _spread_parser(commands: Commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "spread",
        help=_("how far a chain reaction from the seeds travels (linear threshold)"),
        description=_(
            "Play the chain reaction round by round: an actor is reached when the reached "
            "share of its partners is at least the threshold."
        ),
    )
    _design_options(parser)
    _spread_options(parser)
    return parser


def _resilience_parser(commands: Commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "resilience",
        help=_("how the region holds together as actors are removed (robustness)"),
        description=_(
            "Remove region actors one at a time, the best-connected first (degree) or at "
            "random, and report the largest connected share after each removal."
        ),
    )
    _design_options(parser)
    parser.add_argument(
        "--attack",
        choices=("degree", "random"),
        default="degree",
        help=_("which actors go first (default degree)"),
    )
    parser.add_argument(
        "--runs",
        metavar="N",
        type=_whole,
        default=100,
        help=_("random orders to average (random attack, default 100)"),
    )
    parser.add_argument(
        "--seed",
        metavar="S",
        type=_whole,
        default=1,
        help=_("random seed (random attack, default 1)"),
    )
    return parser


def _suggest_parser(commands: Commands) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "suggest",
        help=_("new ties between region actors that would help the region most"),
        description=_(
            "Pick, one at a time, the new tie between region actors of different sectors "
            "that raises the goal most."
        ),
    )
    _design_options(parser)
    parser.add_argument(
        "--goal",
        choices=("robustness", "spread"),
        default="robustness",
        help=_("what the ties should raise (default robustness)"),
    )
    parser.add_argument(
        "--ties",
        metavar="K",
        type=_whole,
        default=5,
        help=_("how many ties, 1 to 20 (default 5)"),
    )
    parser.add_argument(
        "--touching",
        metavar="ID,ID…",
        type=_id_list,
        help=_("only ties with at least one end among these actors"),
    )
    parser.add_argument(
        "--exclude",
        metavar="ID,ID…",
        type=_id_list,
        help=_("no ties to these actors"),
    )
    parser.add_argument(
        "--kind",
        default="collaboration",
        help=_("the kind of the new ties (default collaboration)"),
    )
    _spread_options(parser)
    return parser


# --- running --------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> Design:
    with existing_project(args.project) as project:
        return choose_design(project, shown_location(args.project), args.design)


def _brokerage(args: argparse.Namespace) -> int:
    from cluster_designer.analysis.brokerage import brokerage

    result = brokerage(_load(args), args.groups)
    if args.json:
        print_json(result.to_dict())
    else:
        print("\n".join(brokerage_lines(result)))
    return 0


def _spread(args: argparse.Namespace) -> int:
    from cluster_designer.analysis.spread import spread

    design = _load(args)
    result = spread(design, args.seeds, args.threshold)
    if not result.seeds:
        raise UsageError(
            _(
                "design '{design}' has no university in the region to start from; "
                "name the seeds with --seeds"
            ).format(design=design.name)
        )
    if args.json:
        print_json(result.to_dict())
    else:
        names = {a.id: a.name for a in design.actors.values()}
        print("\n".join(spread_lines(result, names)))
    return 0


def _resilience(args: argparse.Namespace) -> int:
    from cluster_designer.analysis.resilience import resilience

    result = resilience(_load(args), args.attack, runs=args.runs, seed=args.seed)
    if args.json:
        print_json(result.to_dict())
    else:
        print("\n".join(resilience_lines(result)))
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from cluster_designer.analysis.suggest import suggest

    result = suggest(
        _load(args),
        args.goal,
        args.ties,
        kind=args.kind,
        touching=args.touching,
        exclude=args.exclude,
        seeds=args.seeds,
        threshold=args.threshold,
    )
    if args.json:
        print_json(result.to_dict())
    else:
        print("\n".join(suggestion_lines(result)))
    return 0


# --- readable output ------------------------------------------------------------------


def brokerage_lines(result: Brokerage) -> list[str]:
    from cluster_designer.analysis.brokerage import ROLES
    from cluster_designer.analysis.dynamics_words import (
        gatekeeper_sentence,
        group_label,
        grouping_label,
        role_label,
    )

    lines = [
        _("Brokerage roles in '{design}', {grouping}").format(
            design=result.design, grouping=grouping_label(result.groups)
        ),
        "",
    ]
    ranked = result.ranked()
    header = [
        pgettext("analyses table", "Actor"),
        pgettext("analyses table", "Id"),
        pgettext("analyses table", "Group"),
        *(role_label(r) for r in ROLES),
        role_label("total"),
    ]
    rows = [header]
    for aid in ranked[:ROLE_ROWS_LIMIT]:
        counts = result.actors[aid]
        rows.append(
            [
                result.names[aid],
                aid,
                group_label(result.group_of[aid]),
                *(str(counts.count(r)) for r in ROLES),
                str(counts.total),
            ]
        )
    rows.append(
        [
            pgettext("analyses table", "All actors"),
            "",
            "",
            *(str(result.totals.count(r)) for r in ROLES),
            str(result.totals.total),
        ]
    )
    numeric = set(range(3, 3 + len(ROLES) + 1))
    lines.extend(format_table(rows, numeric))
    more = len(ranked) - ROLE_ROWS_LIMIT
    if more > 0:
        lines.append(
            ngettext(
                "… and {count} more actor (--json lists every actor)",
                "… and {count} more actors (--json lists every actor)",
                more,
            ).format(count=more)
        )
    idle = len(result.actors) - len(ranked)
    if idle:
        lines.append(
            ngettext(
                "{count} actor brokers nothing.", "{count} actors broker nothing.", idle
            ).format(count=idle)
        )
    if result.groups == "location":
        lines += ["", gatekeeper_sentence(result)]
    return lines


def _names(ids: Sequence[str], names: dict[str, str]) -> str:
    shown = pgettext("list separator", "; ").join(names.get(a, a) for a in ids[:ROUND_NAMES_LIMIT])
    more = len(ids) - ROUND_NAMES_LIMIT
    if more > 0:
        shown += " " + ngettext(
            "… {count} more in this round", "… {count} more in this round", more
        ).format(count=more)
    return shown


def spread_lines(result: Spread, names: dict[str, str]) -> list[str]:
    from cluster_designer.analysis.dynamics_words import percent, spread_sentence

    lines = [
        _("Chain reaction in '{design}' at threshold {threshold}").format(
            design=result.design, threshold=f"{result.threshold:g}"
        ),
        "",
    ]
    rows = [
        [
            pgettext("analyses table", "Round"),
            pgettext("analyses table", "New"),
            pgettext("analyses table", "Reached"),
            pgettext("analyses table", "Actors"),
        ]
    ]
    totals = result.reach_per_round
    rows.append(["0", str(len(result.seeds)), str(totals[0]), _names(result.seeds, names)])
    for number, ids in enumerate(result.rounds, start=1):
        rows.append([str(number), str(len(ids)), str(totals[number]), _names(ids, names)])
    lines.extend(format_table(rows, {0, 1, 2}))
    lines.append("")
    lines.append(
        _("Reached {reached} of {total} actors ({share}).").format(
            reached=result.reached,
            total=result.actors,
            share=percent(result.reached_share),
        )
    )
    lines.append(spread_sentence(result))
    return lines


def resilience_lines(result: Resilience) -> list[str]:
    from cluster_designer.analysis.dynamics_words import percent, resilience_sentence

    if result.attack == "degree":
        title = _("Resilience of '{design}' when the best-connected actors go first")
    else:
        title = _("Resilience of '{design}' when actors go at random ({runs} orders, seed {seed})")
    lines = [title.format(design=result.design, runs=result.runs, seed=result.seed), ""]
    n = result.region_actors
    if n == 0:
        lines.append(resilience_sentence(result))
        return lines
    rows = [
        [
            pgettext("analyses table", "Removed"),
            pgettext("analyses table", "Largest group"),
            pgettext("analyses table", "Actor removed"),
        ]
    ]
    if result.attack == "degree":
        halve = result.removals_to_halve() or n
        shown = list(range(min(n, halve + RESILIENCE_ROWS_LIMIT) + 1))
    else:
        shown = sorted({round(n * step / 10) for step in range(11)})
    for q in shown:
        removed = result.names[q - 1] if result.attack == "degree" and q > 0 else ""
        rows.append([str(q), percent(result.largest_share[q]), removed])
    lines.extend(format_table(rows, {0, 1}))
    if result.attack == "degree" and shown[-1] < n:
        lines.append(
            ngettext(
                "… and {count} more removal (--json lists them all)",
                "… and {count} more removals (--json lists them all)",
                n - shown[-1],
            ).format(count=n - shown[-1])
        )
    lines += ["", resilience_sentence(result)]
    return lines


def suggestion_lines(result: Suggestions) -> list[str]:
    from cluster_designer.analysis.dynamics_words import gain_sentence, goal_label

    lines = [
        _("New ties for '{design}' toward {goal}").format(
            design=result.design, goal=goal_label(result.goal)
        ),
        "",
    ]
    if not result.ties:
        lines.append(_("No new tie between region actors of different sectors raises it."))
        return lines
    rows = [
        [
            "#",
            pgettext("analyses table", "From"),
            pgettext("analyses table", "To"),
            pgettext("analyses table", "Gain"),
            pgettext("analyses table", "After"),
        ]
    ]
    for number, tie in enumerate(result.ties, start=1):
        rows.append(
            [
                str(number),
                f"{tie.source_name} ({tie.source})",
                f"{tie.target_name} ({tie.target})",
                f"+{tie.gain:.4f}",
                f"{tie.value:.4f}",
            ]
        )
    lines.extend(format_table(rows, {0, 3, 4}))
    lines.append("")
    lines.extend(gain_sentence(result, tie) for tie in result.ties)
    lines.append("")
    lines.append(
        _("Before: {before}; with all {count} ties: {after}.").format(
            before=f"{result.before or 0.0:.4f}",
            after=f"{result.after or 0.0:.4f}",
            count=len(result.ties),
        )
    )
    if result.method == "heuristic":
        lines.append(
            _(
                "The design is large, so only the most promising of its {count} possible "
                "ties were tried; every gain shown is exact."
            ).format(count=result.candidates)
        )
    if len(result.ties) < result.k:
        lines.append(_("No further tie raises the goal."))
    return lines


COMMANDS = (
    Command("brokerage", _brokerage_parser, _brokerage),
    Command("spread", _spread_parser, _spread),
    Command("resilience", _resilience_parser, _resilience),
    Command("suggest", _suggest_parser, _suggest),
)
