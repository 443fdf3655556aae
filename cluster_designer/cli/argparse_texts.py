"""argparse's own texts (usage, section titles, its error messages), for our catalogue.

argparse words them through gettext's global domain; `common.translate_argparse` sends
them through ours instead, and the marks below put them into the catalogue so that the
translation test asks for their Japanese too. The list follows argparse of Python 3.11
to 3.13; a text of a newer Python that is not here is shown in English.
"""

from __future__ import annotations

from cluster_designer.i18n import N_, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def plural_texts(count: int) -> tuple[str, ...]:
    """argparse's texts that depend on a count (named here so the extractor sees them)."""
    return (ngettext("expected %s argument", "expected %s arguments", count),)
