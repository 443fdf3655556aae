"""Whole-suite setup: Qt without a display, no test touching the real settings folders, and
an honest account of anything that did not run.

On a developer's machine a test may skip when something outside Python is missing (a
PostgreSQL server, poppler, a desktop-file validator); the run ends with one line per reason
saying how many tests skipped and why. Under CI (the environment variable CI set to true,
as `.ci/run` does) nothing may skip: a skip is reported as a failure, so CI passing means
every test ran.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections import Counter
from collections.abc import Generator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# lxml is a test-only dependency (schema validation); openpyxl would switch to it when it is
# installed, so workbooks are written as the shipped program writes them (without lxml).
os.environ["OPENPYXL_LXML"] = "False"
# Tests read English texts unless they ask for another language themselves.
os.environ["CLUSTER_DESIGNER_LANG"] = "en"
_HOME = tempfile.mkdtemp(prefix="cluster-designer-tests-")
os.environ.setdefault("CLUSTER_DESIGNER_CONFIG_DIR", os.path.join(_HOME, "config"))
os.environ.setdefault("CLUSTER_DESIGNER_DATA_DIR", os.path.join(_HOME, "data"))
os.environ.setdefault("CLUSTER_DESIGNER_STATE_DIR", os.path.join(_HOME, "state"))

_SKIPPED: Counter[str] = Counter()


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        reason = str(longrepr[2])
    else:
        reason = str(longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not report.skipped or hasattr(report, "wasxfail"):
        return report
    reason = _skip_reason(report)
    if under_ci():
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"
    else:
        _SKIPPED[reason] += 1
    return report


def pytest_configure(config: pytest.Config) -> None:
    # A run ended with SIGTERM (a `timeout`, a CI runner giving up) ends like Ctrl+C: the
    # session finishes, so the throwaway PostgreSQL server below is stopped, not left behind.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests.storage.pg_databases import stop_throwaway_server

    stop_throwaway_server()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _SKIPPED:
        return
    total = sum(_SKIPPED.values())
    reasons = "; ".join(f"{count} × {reason}" for reason, count in _SKIPPED.most_common())
    terminalreporter.write_line(
        f"SKIPPED {total} test{'s' if total != 1 else ''} (CI=true runs them all): {reasons}",
        yellow=True,
        bold=True,
    )
