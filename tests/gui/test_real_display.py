"""Runs the real-display tests (tests/gui/display) in their own process on Xvfb.

Qt chooses its platform once per process and this suite runs on the offscreen one, so each
real-display module runs in a child pytest on the xcb platform, on an X server (Xvfb) that
this module starts for them on a free display number. Without Xvfb the tests are skipped,
except in CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MODULES = sorted((Path(__file__).parent / "display").glob("test_*.py"))
XCB_MISSING = 'Could not load the Qt platform plugin "xcb"'
SCREEN = "1600x1000x24"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _cannot_run(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason}: the real-display tests must run in CI (.ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private Xvfb for this module's runs: it picks a free display and tells us which."""
    if shutil.which("Xvfb") is None:
        _cannot_run("Xvfb is not installed (Debian: apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        if not number.isdigit():
            pytest.fail(f"Xvfb did not start (exit status {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.stem)
def test_on_a_real_display(module: Path, tmp_path: Path, x_display: str) -> None:
    env = dict(
        os.environ,
        DISPLAY=x_display,
        QT_QPA_PLATFORM="xcb",
        CLUSTER_DESIGNER_REAL_DISPLAY="1",
        CLUSTER_DESIGNER_DISPLAY_ARTIFACTS=str(tmp_path / "screens"),
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(module.relative_to(ROOT)),
            "-q",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "run"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0 and XCB_MISSING in output:
        _cannot_run(
            "Qt's xcb platform cannot load (Debian: apt-get install libxcb-cursor0 "
            "libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 …)"
        )
    assert result.returncode == 0, output[-12_000:]
    assert re.search(r"\d+ passed", output) and " skipped" not in output, output[-4000:]
