"""What every command shares: usage errors, opening projects, choosing designs, output.

Storage (SQLAlchemy, Alembic) and analysis (networkx) take a second or more to import, so
they are loaded by the commands that use them: --help and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cluster_designer import i18n
from cluster_designer.i18n import _
from cluster_designer.i18n import display_width as display_width
from cluster_designer.model import ClusterError, Design

if TYPE_CHECKING:
    from cluster_designer.storage import Project

PROG = "cluster-designer"
LANG_OPTION = "--lang"


class UsageError(ClusterError):
    """The command line asks for something impossible; the message tells the user why."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped by the columns a terminal gives each character: Japanese
    help has no spaces to break at, and each of its characters is two columns wide."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return i18n.wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in i18n.wrap(text, width))


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors become one plain line instead of usage plus exit.

    Every parser, the main one and each command's, takes `--lang`; the language is chosen
    before any parser is built (see `language_in`), so `--help` is already in it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.add_argument(
            LANG_OPTION,
            choices=[language for language in i18n.LANGUAGES],
            metavar="ja|en",
            help=_("language of messages and reports (default: the system's language)"),
        )

    def parse_intermixed_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """argparse keeps the usage line for its messages by cutting len("usage: ") = 7
        characters off it, which eats the program's name once "usage: " is translated
        (使い方: is five): hand it the usage cut at the translated prefix instead."""
        if self.usage is not None:
            return super().parse_intermixed_args(args, namespace)
        self.usage = self.format_usage()[len(i18n._("usage: ")) :].rstrip("\n")
        try:
            return super().parse_intermixed_args(args, namespace)
        finally:
            self.usage = None

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        raise UsageError(f"{command}: {message}" if command else message)


def language_in(args: list[str]) -> str | None:
    """The value of `--lang` among the arguments (read before parsing), or None."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == LANG_OPTION and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(LANG_OPTION + "="):
            return arg.partition("=")[2]
    return None


def without_language(args: list[str]) -> list[str]:
    """The arguments with `--lang X` taken out (to decide whether the window is wanted)."""
    rest: list[str] = []
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == LANG_OPTION and index + 1 < len(args):
            skip = True
        elif not arg.startswith(LANG_OPTION + "="):
            rest.append(arg)
    return rest


def translate_argparse() -> None:
    """argparse words its own texts ("usage:", "options", its errors) through gettext's
    global domain, which follows only the environment; send them through our catalogue,
    which follows `--lang` too (the texts are listed in `argparse_texts`)."""
    setattr(argparse, "_", i18n._)  # noqa: B010 (a module global argparse looks up by name)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def load_storage() -> types.ModuleType:
    return importlib.import_module("cluster_designer.storage")


def load_analysis() -> types.ModuleType:
    return importlib.import_module("cluster_designer.analysis")


def shown_location(location: str) -> str:
    """A project as it may be printed: a URL's password masked."""
    return str(load_storage().mask_password(location))


@contextlib.contextmanager
def project_for_writing(location: str) -> Iterator[Project]:
    """Open a project, or make a missing file (published only if the command succeeds) or
    our tables in an empty database (never the database itself).

    A missing file is built under a temporary name and put in place at the end, so a failed
    command never leaves a half-made project and never removes one another program made.
    """
    storage = load_storage()
    if not storage.is_url(location) and not Path(location).exists():
        with storage.new_project_file(Path(location)) as created:
            yield created
        return
    project = storage.Project.open(location, create=True)
    try:
        yield project
    finally:
        project.close()


@contextlib.contextmanager
def existing_project(location: str) -> Iterator[Project]:
    """Open a project for reading; a missing file is a usage error, not a new project."""
    storage = load_storage()
    if storage.is_url(location):
        project = storage.Project.open(location)
    else:
        path = Path(location)
        if not path.exists():
            raise UsageError(_("{project}: no such project file").format(project=location))
        project = storage.Project.open(path)
    try:
        yield project
    finally:
        project.close()


def choose_design(project: Project, shown: str, name: str | None) -> Design:
    return project.load_design(choose_name(project, shown, name))


def choose_name(project: Project, shown: str, name: str | None) -> str:
    """The design the user means: `name`, or the only one in the project."""
    names: list[str] = list(project.design_names())
    if name is None:
        if len(names) == 1:
            return names[0]
        if not names:
            raise UsageError(_("{project} holds no designs").format(project=shown))
        raise UsageError(
            _("{project} holds {count} designs; choose one with --design: {names}").format(
                project=shown, count=len(names), names=", ".join(names)
            )
        )
    if name not in names:
        if names:
            message = _("{project} has no design named '{name}' (it holds: {names})")
        else:
            message = _("{project} has no design named '{name}' (it holds no designs)")
        raise UsageError(message.format(project=shown, name=name, names=", ".join(names)))
    return name


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def format_table(
    rows: list[list[str]], numeric: set[int] | frozenset[int] = frozenset()
) -> list[str]:
    """Align columns by display width; numeric columns to the right."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            cells.append(pad + cell if i in numeric else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return lines
