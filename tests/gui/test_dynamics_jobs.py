"""The analyses run off the window's thread: in a worker process for big designs (forced here
for small ones), in threads otherwise; only each kind's newest result comes out."""

from __future__ import annotations

from typing import Any

import pytest

from cluster_designer.analysis.brokerage import brokerage
from cluster_designer.analysis.dynamics_offload import Request
from cluster_designer.analysis.resilience import resilience
from cluster_designer.analysis.spread import spread
from cluster_designer.gui.dynamics.jobs import DynamicsRunner
from cluster_designer.model import make_tie
from tests.analysis.dynamics_designs import kite, random_design


@pytest.fixture(params=["process", "thread"])
def runner(request: pytest.FixtureRequest, qtbot: Any) -> Any:
    minimum = 0 if request.param == "process" else 10**9
    made = DynamicsRunner(process_min_actors=minimum)
    results: list[tuple[str, Any]] = []
    made.finished.connect(lambda kind, result: results.append((kind, result)))
    made.results = results
    yield made
    made.shutdown()


def wait(qtbot: Any, runner: Any, count: int) -> None:
    qtbot.waitUntil(lambda: len(runner.results) >= count and not runner.running, timeout=60_000)


def test_each_analysis_comes_back_as_computed_here(runner: Any, qtbot: Any) -> None:
    design = random_design(3, actors=40, ties=80)
    runner.request("roles", design, Request("roles", {"groups": "location"}), 1)
    runner.request("spread", design, Request("spread", {"threshold": 0.3}), 1)
    runner.request("resilience", design, Request("resilience", {"attack": "degree"}), 1)
    wait(qtbot, runner, 3)
    got = dict(runner.results)
    assert got["roles"] == brokerage(design, "location")
    assert got["spread"] == spread(design, threshold=0.3)
    assert got["resilience"] == resilience(design)


def test_the_process_keeps_the_design_until_it_changes(runner: Any, qtbot: Any) -> None:
    design = kite()
    runner.request("spread", design, Request("spread", {"seeds": ["K7"]}), "v1")
    wait(qtbot, runner, 1)
    runner.request("spread", design, Request("spread", {"seeds": ["K0", "K3"]}), "v1")
    wait(qtbot, runner, 2)
    assert runner.results[-1][1] == spread(design, ["K0", "K3"])
    changed = design.copy()
    changed.add_tie(make_tie(source="K8", target="K2", kind="collaboration"))
    runner.request("spread", changed, Request("spread", {"seeds": ["K7"]}), "v2")
    wait(qtbot, runner, 3)
    assert runner.results[-1][1] == spread(changed, ["K7"])


def test_only_the_newest_request_of_a_kind_is_answered(runner: Any, qtbot: Any) -> None:
    design = random_design(5, actors=60, ties=120)
    for threshold in (0.2, 0.3, 0.4, 0.5):
        runner.request("spread", design, Request("spread", {"threshold": threshold}), 1)
    runner.request("roles", design, Request("roles", {}), 1)
    qtbot.waitUntil(lambda: not runner.running, timeout=60_000)
    qtbot.wait(300)
    spreads = [r for kind, r in runner.results if kind == "spread"]
    assert [r.threshold for r in spreads] == [0.5]
    assert [kind for kind, _r in runner.results].count("roles") == 1


def test_a_cancelled_search_never_answers(runner: Any, qtbot: Any) -> None:
    design = random_design(8, actors=200, ties=500)
    progress: list[float] = []
    runner.progressed.connect(lambda _kind, fraction: progress.append(fraction))
    runner.request("suggest", design, Request("suggest", {"k": 20}), 1)
    qtbot.waitUntil(lambda: bool(progress), timeout=60_000)  # it is under way
    runner.cancel("suggest")
    assert not runner.busy("suggest")
    qtbot.wait(1500)
    assert [kind for kind, _r in runner.results] == []
    # and the worker is free for the next request
    runner.request("roles", design, Request("roles", {}), 1)
    wait(qtbot, runner, 1)


def test_threads_take_over_when_the_process_dies(qtbot: Any) -> None:
    runner = DynamicsRunner(process_min_actors=0)
    results: list[Any] = []
    runner.finished.connect(lambda _kind, result: results.append(result))
    try:
        design = kite()
        runner.request("roles", design, Request("roles", {}), 1)
        qtbot.waitUntil(lambda: bool(results), timeout=60_000)
        assert runner._process is not None
        runner._process.process.kill()
        qtbot.waitUntil(lambda: runner._process is None, timeout=10_000)
        runner.request("roles", design, Request("roles", {"groups": "location"}), 1)
        qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
        assert results[-1] == brokerage(design, "location")
    finally:
        runner.shutdown()
