"""The `cluster-designer` command (docs/reference/command-line.md), a thin layer over the core.

Without a sub-command it opens the GUI. Sub-commands never need a display and never import
Qt (except `export` to .pdf/.svg/.png, which needs the renderer). Exit status: 0 success,
2 bad input or usage (one plain line on stderr), 1 anything else. Set
CLUSTER_DESIGNER_DEBUG=1 to see the traceback of an unexpected error.

Every PROJECT (and the SOURCE and DEST of `copy`) is a `.cluster` file path or a database URL
such as `postgresql+psycopg://user@host/db`; a URL's password is never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from cluster_designer import i18n
from cluster_designer.i18n import _
from cluster_designer.model import ClusterError

from . import (
    brief_command,
    design_commands,
    dynamics_commands,
    list_commands,
    project_commands,
    trend_command,
)
from .common import (
    PROG,
    Parser,
    UsageError,
    display_width,
    format_table,
    language_in,
    load_storage,
    translate_argparse,
    without_language,
)
from .registry import Command

# Every module that contributes commands; each lists them in its COMMANDS tuple.
COMMAND_MODULES = (
    design_commands,
    list_commands,
    dynamics_commands,
    trend_command,
    project_commands,
    brief_command,
)
DEBUG_VARIABLE = "CLUSTER_DESIGNER_DEBUG"
_USAGE_OS_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also `python -m cluster_designer`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _make_streams_safe()
    language = language_in(args)
    i18n.set_language(language if language in i18n.LANGUAGES else None)
    translate_argparse()
    try:
        rest = without_language(args)
        if _wants_gui(rest):
            return _open_gui(rest[0] if rest else None, language)
        with warnings.catch_warnings():
            # Libraries' warnings (openpyxl's about workbook features, say) would add lines
            # of their own to the one line an error gets; set the debug variable to see them.
            if os.environ.get(DEBUG_VARIABLE) != "1":
                warnings.simplefilter("ignore")
            return _run(_parse(args))
    except SystemExit as exit_request:  # --help and --version
        code = exit_request.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except ClusterError as error:
        return _fail(str(error), 2, args)
    except BrokenPipeError:
        return 1
    except _USAGE_OS_ERRORS as error:
        return _fail(_describe_os_error(error), 2, args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE) == "1":
            raise
        if isinstance(error, OSError):
            return _fail(_describe_os_error(error), 1, args)
        return _fail(
            _("unexpected {error_type}: {error} (set {variable}=1 for details)").format(
                error_type=type(error).__name__, error=error, variable=DEBUG_VARIABLE
            ),
            1,
            args,
        )


def _fail(message: str, status: int, args: Sequence[str] = ()) -> int:
    addresses = [a for a in args if "://" in a]
    if addresses:  # no password given on the command line is ever printed back
        message = load_storage().redact(message, *addresses)
    one_line = " ".join(message.split())
    print(_("{program}: error: {message}").format(program=PROG, message=one_line), file=sys.stderr)
    return status


def _describe_os_error(error: OSError) -> str:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError):
        reason = _("no such file or directory")
    elif isinstance(error, PermissionError):
        reason = _("permission denied")
    elif isinstance(error, IsADirectoryError):
        reason = _("is a folder")
    elif isinstance(error, NotADirectoryError):
        reason = _("a part of the path is not a folder")
    if not error.filename:
        return reason
    return _("{file}: {reason}").format(file=error.filename, reason=reason)


def _make_streams_safe() -> None:
    """Never crash on printing a Japanese name, whatever the console or pipe encoding is."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "静岡大学".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8", errors="replace")
            continue
        if getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")


# --- the GUI ----------------------------------------------------------------------------


def _wants_gui(args: list[str]) -> bool:
    """No arguments, or a single path that is neither a sub-command nor an option."""
    if not args:
        return True
    return len(args) == 1 and args[0] not in all_commands() and not args[0].startswith("-")


def _open_gui(path: str | None, language: str | None) -> int:
    from cluster_designer.gui.app import run_gui  # Qt is imported only when a window is wanted

    if path is None:
        return int(run_gui(None, language=language) or 0)
    project = path if load_storage().is_url(path) else Path(path)
    return int(run_gui(project, language=language) or 0)


# --- parsing ----------------------------------------------------------------------------


def all_commands() -> dict[str, Command]:
    return {command.name: command for module in COMMAND_MODULES for command in module.COMMANDS}


def _parse(args: list[str]) -> argparse.Namespace:
    """Options and positionals may be mixed (`export P --design D OUT`), which argparse
    allows only per sub-command parser, so the sub-command's own parser reads the rest."""
    parser, commands = _build_parsers()
    if args and args[0] in commands:
        namespace = commands[args[0]].parse_intermixed_args(args[1:])
        namespace.command = args[0]
        return namespace
    return parser.parse_args(args)


def _build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = Parser(
        prog=PROG,
        description=_(
            "Draw, evaluate and compare regional knowledge-cluster maps. "
            "Without a command, opens the window (on PROJECT.cluster if given)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {_version()}",
        help=_("show the program's version and exit"),
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser, title=_("commands")
    )
    parsers = {name: command.add_parser(commands) for name, command in all_commands().items()}
    return parser, parsers


def _version() -> str:
    try:
        return metadata.version("cluster-designer")
    except metadata.PackageNotFoundError:
        return _("(development)")


def _run(args: argparse.Namespace) -> int:
    commands = all_commands()
    command = commands.get(getattr(args, "command", None) or "")
    if command is None:
        raise UsageError(_("choose a command: {commands}").format(commands=", ".join(commands)))
    return command.run(args)


__all__ = ["PROG", "UsageError", "display_width", "format_table", "main"]
