"""Running the command line in-process and checking the promise of issue 23, point 9: exit
status 0 or 2, exactly one line on stderr with 2, never "unexpected" or a traceback, within
bounded time and memory."""

from __future__ import annotations

import contextlib
import io
import resource
import time
from pathlib import Path

from cluster_designer.cli import main

MAX_SECONDS = 20.0
"""CPU seconds per command on the small inputs of the suite (typically well under one).
CPU time, not the clock: the shared machine may give a test a tenth of a core."""
MAX_RSS_BYTES = 2 * 1024**3


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of one command, checked against the promise."""
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    seconds = time.process_time() - start
    text = err.getvalue()
    assert status in (0, 2), (argv, status, text)
    if status == 2:
        assert text.count("\n") == 1 and text.endswith("\n"), (argv, text)
        assert text.startswith("cluster-designer: error: "), (argv, text)
    assert "unexpected" not in text and "Traceback" not in text, (argv, text)
    assert seconds < MAX_SECONDS, (argv, seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert peak < MAX_RSS_BYTES, (argv, peak)
    return status, out.getvalue(), text


def import_then_export(source: list[str], folder: Path) -> int:
    """Import `source` (a file, or --actors/--ties) into a new project; when accepted, the
    design must export to every format, since NUL bytes and the like once went in and then
    broke the GraphML and XLSX writers. Returns the import's status."""
    project = folder / "p.cluster"
    status, _out, _err = run_cli(["import", str(project), "--design", "d", *source])
    if status != 0:
        assert not project.exists(), "a refused import left a project behind"
        return status
    for suffix in (".graphml", ".xlsx"):
        target = folder / f"out{suffix}"
        exported, _out, err = run_cli(["export", str(project), "--design", "d", str(target)])
        assert exported == 0, (suffix, err)
    listed, _out, err = run_cli(["designs", str(project)])
    assert listed == 0, err
    return status
