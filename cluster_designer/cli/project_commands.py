"""Commands on whole project files: `recover` (what can be read from a damaged file)."""

from __future__ import annotations

import argparse

from cluster_designer.i18n import _, ngettext, pgettext

from .common import format_table, load_storage, print_json
from .registry import Command, Commands


def _recover_parser(commands: Commands) -> argparse.ArgumentParser:
    recover = commands.add_parser(
        "recover",
        help=_("copy what can still be read from a damaged project into a new one"),
        description=_(
            "Read every design, actor and tie that can still be read from the damaged "
            "project DAMAGED and store them in the new project file NEW. DAMAGED is never "
            "changed; rows that cannot be read are left out and counted."
        ),
    )
    recover.add_argument("damaged", metavar="DAMAGED")
    recover.add_argument("out", metavar="NEW")
    recover.add_argument(
        "--json", action="store_true", help=pgettext("recover option", "print JSON")
    )
    return recover


def _recover(args: argparse.Namespace) -> int:
    report = load_storage().salvage(args.damaged, args.out)
    if args.json:
        print_json(report.to_dict())
        return 0
    count = len(report.designs)
    print(
        ngettext(
            "Recovered {count} design from {damaged} into {out}",
            "Recovered {count} designs from {damaged} into {out}",
            count,
        ).format(count=count, damaged=args.damaged, out=args.out)
    )
    if report.designs:
        table = [
            [
                pgettext("recover table", "design"),
                pgettext("recover table", "actors"),
                pgettext("recover table", "ties"),
                pgettext("recover table", "actors lost"),
                pgettext("recover table", "ties lost"),
            ]
        ]
        for design in report.designs:
            table.append(
                [
                    design.name,
                    str(design.actors),
                    str(design.ties),
                    str(design.lost_actors),
                    str(design.lost_ties),
                ]
            )
        print("\n".join(format_table(table, numeric={1, 2, 3, 4})))
    if all(d.complete for d in report.designs) and report.unreadable_rows == 0:
        print(_("Everything that was stored could be read."))
    else:
        print(
            _(
                "Some of it could not be read: check the recovered designs before you "
                "delete {damaged}."
            ).format(damaged=args.damaged)
        )
    return 0


COMMANDS = (Command("recover", _recover_parser, _recover),)
