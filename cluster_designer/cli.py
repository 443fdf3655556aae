"""The `cluster-designer` command of SPEC.md section 3: a thin layer over io, storage, analysis.

Without a sub-command it opens the GUI. Sub-commands never need a display and never import
Qt (except `export` to .pdf/.svg/.png, which needs the renderer). Exit status: 0 success,
2 bad input or usage (one plain line on stderr), 1 anything else. Set
CLUSTER_DESIGNER_DEBUG=1 to see the traceback of an unexpected error.

Every PROJECT (and the SOURCE and DEST of `copy`) is a `.cluster` file path or a database URL
such as `postgresql+psycopg://user@host/db`; a URL's password is never printed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import types
import unicodedata
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cluster_designer.io import read_csv_pair, read_design_file, write_csv_pair, write_design_file
from cluster_designer.model import ClusterError, Design

if TYPE_CHECKING:
    from cluster_designer.storage import Project

PROG = "cluster-designer"
COMMANDS = ("import", "designs", "evaluate", "compare", "export", "copy")
DIAGRAM_SUFFIXES = (".pdf", ".svg", ".png")
DEBUG_VARIABLE = "CLUSTER_DESIGNER_DEBUG"
_USAGE_OS_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


class UsageError(ClusterError):
    """The command line asks for something impossible; the message tells the user why."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors become one plain line instead of usage plus exit."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        raise UsageError(f"{command}: {message}" if command else message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also `python -m cluster_designer`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _make_streams_safe()
    try:
        if _wants_gui(args):
            return _open_gui(args[0] if args else None)
        return _run(_parse(args))
    except SystemExit as exit_request:  # --help and --version
        code = exit_request.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except ClusterError as error:
        return _fail(str(error), 2)
    except BrokenPipeError:
        return 1
    except _USAGE_OS_ERRORS as error:
        return _fail(_describe_os_error(error), 2)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE) == "1":
            raise
        if isinstance(error, OSError):
            return _fail(_describe_os_error(error), 1)
        return _fail(
            f"unexpected {type(error).__name__}: {error} (set {DEBUG_VARIABLE}=1 for details)", 1
        )


def _fail(message: str, status: int) -> int:
    one_line = " ".join(message.split())
    print(f"{PROG}: error: {one_line}", file=sys.stderr)
    return status


def _describe_os_error(error: OSError) -> str:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError):
        reason = "no such file or directory"
    return f"{error.filename}: {reason}" if error.filename else reason


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
    return len(args) == 1 and args[0] not in COMMANDS and not args[0].startswith("-")


def _open_gui(path: str | None) -> int:
    from cluster_designer.gui.app import run_gui  # Qt is imported only when a window is wanted

    if path is None:
        return int(run_gui(None) or 0)
    return int(run_gui(path if _storage().is_url(path) else Path(path)) or 0)


# --- parsing ----------------------------------------------------------------------------


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
    parser = _Parser(
        prog=PROG,
        description="Draw, evaluate and compare regional knowledge-cluster maps. "
        "Without a command, opens the window (on PROJECT.cluster if given).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

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

    designs = commands.add_parser("designs", help="list the designs of a project")
    designs.add_argument("project", metavar="PROJECT")
    designs.add_argument("--json", action="store_true", help="print JSON")

    evaluate = commands.add_parser("evaluate", help="evaluate a design (SPEC section 4)")
    evaluate.add_argument("project", metavar="PROJECT")
    evaluate.add_argument("--design", metavar="NAME")
    evaluate.add_argument("--json", action="store_true", help="print JSON")

    compare = commands.add_parser("compare", help="compare two designs of a project")
    compare.add_argument("project", metavar="PROJECT")
    compare.add_argument("name_a", metavar="NAME_A")
    compare.add_argument("name_b", metavar="NAME_B")
    compare.add_argument("--json", action="store_true", help="print JSON")

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
    return parser, {
        "import": imp,
        "designs": designs,
        "evaluate": evaluate,
        "compare": compare,
        "export": export,
        "copy": copy,
    }


def _version() -> str:
    try:
        return metadata.version("cluster-designer")
    except metadata.PackageNotFoundError:
        return "(development)"


def _run(args: argparse.Namespace) -> int:
    match args.command:
        case "import":
            return _import(args)
        case "designs":
            return _designs(args)
        case "evaluate":
            return _evaluate(args)
        case "compare":
            return _compare(args)
        case "export":
            return _export(args)
        case "copy":
            return _copy(args)
    raise UsageError(f"choose a command: {', '.join(COMMANDS)}")


# --- commands ---------------------------------------------------------------------------
# Storage (SQLAlchemy, Alembic) and analysis (networkx) take a second or more to import, so
# they are loaded by the commands that use them: --help and usage errors answer at once.


def _storage() -> types.ModuleType:
    return importlib.import_module("cluster_designer.storage")


def _analysis() -> types.ModuleType:
    return importlib.import_module("cluster_designer.analysis")


def _shown(location: str) -> str:
    """A project as it may be printed: a URL's password masked."""
    return str(_storage().mask_password(location))


def _import(args: argparse.Namespace) -> int:
    design = _read_import(args)
    shown = _shown(args.project)
    with _project_for_writing(args.project) as project:
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


@contextlib.contextmanager
def _project_for_writing(location: str) -> Iterator[Project]:
    """Open a project, creating a missing file (removed again if the command fails) or our
    tables in an empty database (never the database itself)."""
    storage = _storage()
    path = None if storage.is_url(location) else Path(location)
    existed = path is None or path.exists()
    try:
        project = storage.Project.open(location if path is None else path, create=True)
        try:
            yield project
        finally:
            project.close()
    except BaseException:
        if path is not None and not existed:
            _remove_project_files(path)
        raise


def _remove_project_files(path: Path) -> None:
    """Undo the creation of a project file after a failed import (SQLite side files too)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


@contextlib.contextmanager
def _existing_project(location: str) -> Iterator[Project]:
    """Open a project for reading; a missing file is a usage error, not a new project."""
    storage = _storage()
    if storage.is_url(location):
        project = storage.Project.open(location)
    else:
        path = Path(location)
        if not path.exists():
            raise UsageError(f"{location}: no such project file")
        project = storage.Project.open(path)
    try:
        yield project
    finally:
        project.close()


def _choose_design(project: Project, shown: str, name: str | None) -> Design:
    return project.load_design(_choose_name(project, shown, name))


def _choose_name(project: Project, shown: str, name: str | None) -> str:
    """The design the user means: `name`, or the only one in the project."""
    names: list[str] = list(project.design_names())
    if name is None:
        if len(names) == 1:
            return names[0]
        if not names:
            raise UsageError(f"{shown} holds no designs")
        raise UsageError(
            f"{shown} holds {len(names)} designs; choose one with --design: {', '.join(names)}"
        )
    if name not in names:
        held = f" (it holds: {', '.join(names)})" if names else " (it holds no designs)"
        raise UsageError(f"{shown} has no design named '{name}'{held}")
    return name


def _designs(args: argparse.Namespace) -> int:
    with _existing_project(args.project) as project:
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
        _print_json(rows)
        return 0
    if not infos:
        print(f"{_shown(args.project)} holds no designs")
        return 0
    table = [["name", "region", "actors", "ties", "updated"]]
    for info in infos:
        updated = info.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        table.append([info.name, info.region, str(info.actor_count), str(info.tie_count), updated])
    print("\n".join(format_table(table, numeric={2, 3})))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    analysis = _analysis()
    with _existing_project(args.project) as project:
        design = _choose_design(project, _shown(args.project), args.design)
    result = analysis.evaluate(design)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(analysis.format_report(result))
    return 0


def _compare(args: argparse.Namespace) -> int:
    analysis = _analysis()
    with _existing_project(args.project) as project:
        design_a = _choose_design(project, _shown(args.project), args.name_a)
        design_b = _choose_design(project, _shown(args.project), args.name_b)
    result = analysis.compare(design_a, design_b)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(analysis.format_comparison(result))
    return 0


def _export(args: argparse.Namespace) -> int:
    csv_given = args.actors is not None or args.ties is not None
    if args.out is not None and csv_given:
        raise UsageError("export: give either OUT or --actors and --ties, not both")
    if args.out is None and (args.actors is None or args.ties is None):
        raise UsageError("export: give an OUT file, or both --actors and --ties")
    with _existing_project(args.project) as project:
        design = _choose_design(project, _shown(args.project), args.design)
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
    storage = _storage()
    source_shown, dest_shown = _shown(args.source), _shown(args.dest)
    with _existing_project(args.source) as source:
        name = _choose_name(source, source_shown, args.design)
        with _project_for_writing(args.dest) as dest:
            target = name if args.new_name is None else args.new_name
            if not args.replace and dest.has_design(target) and not source.same_store(dest):
                raise UsageError(
                    f"{dest_shown} already holds a design named '{target}'; add --replace to replace it"
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


# --- output -----------------------------------------------------------------------------


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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
