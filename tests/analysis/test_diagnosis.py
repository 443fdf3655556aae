"""The diagnosis recognises the patterns a planner draws and points at what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tests.analysis.analysis_designs as designs
from cluster_designer.analysis import METRIC_INFO, PATTERNS, Thresholds, diagnose, evaluate
from cluster_designer.i18n import set_language
from cluster_designer.model import Design, Origin, make_actor, make_group, make_tie

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "sample"


def pattern(design: Design) -> str:
    return diagnose(evaluate(design)).pattern.code


def test_company_town() -> None:
    diagnosis = diagnose(evaluate(designs.company_town()))
    assert diagnosis.pattern.code == "company_town"
    assert diagnosis.pattern.actor_ids == ("BIG",)
    assert "BIG" in diagnosis.pattern.text
    # losing the big firm leaves nobody connected
    assert [f.actor_ids for f in diagnosis.single_points] == [("BIG",)]
    assert "100%" in diagnosis.single_points[0].text


def test_knowledge_cluster() -> None:
    diagnosis = diagnose(evaluate(designs.knowledge_cluster()))
    assert diagnosis.pattern.code == "knowledge_cluster"
    assert diagnosis.pattern.severity == "good"
    assert diagnosis.single_points == ()
    assert diagnosis.openness.code == "openness:open"


def test_knowledge_cluster_needs_inflows() -> None:
    design = designs.knowledge_cluster()
    design.remove_actors(["O1", "D1", "D2"])
    diagnosis = diagnose(evaluate(design))
    assert diagnosis.pattern.code == "developing"
    assert diagnosis.openness.code == "openness:closed"


def test_fragmented() -> None:
    diagnosis = diagnose(evaluate(designs.fragmented()))
    assert diagnosis.pattern.code == "fragmented"
    assert set(diagnosis.pattern.actor_ids) == {"A6", "A7", "A8", "A9"}


def test_hub_and_spoke_around_a_university() -> None:
    actors = [("U", "university")] + [(f"C{i}", "company") for i in range(6)]
    design = designs.build("hub", actors, [("U", f"C{i}") for i in range(6)])
    assert pattern(design) == "hub_and_spoke"


def test_tiny_design_is_developing() -> None:
    assert pattern(designs.empty()) == "developing"
    assert pattern(designs.one_actor()) == "developing"


def test_missing_and_weak_sector_pairs() -> None:
    diagnosis = diagnose(evaluate(designs.star()))
    codes = [f.code for f in diagnosis.missing_ties]
    # no region company besides the hub: company-company is undefined, not "missing"
    assert "missing:support-university" in codes
    assert "missing:company-company" not in codes
    assert "missing:company-university" not in codes
    finding = next(f for f in diagnosis.missing_ties if f.code == "missing:support-university")
    assert finding.title == "No ties between support organizations and universities"
    assert finding.sectors == ("support", "university")


def test_absent_sector_is_reported() -> None:
    diagnosis = diagnose(evaluate(designs.company_town()))
    assert "no_support" in [f.code for f in diagnosis.missing_ties]


def test_thresholds_change_the_verdict() -> None:
    ev = evaluate(designs.knowledge_cluster())
    strict = Thresholds(cluster_min_clustering=0.9)
    assert diagnose(ev, strict).pattern.code == "developing"
    assert diagnose(ev).thresholds == Thresholds()


def test_every_finding_is_short_plain_text() -> None:
    for factory in designs.ALL_SMALL:
        diagnosis = diagnose(evaluate(factory()))
        assert diagnosis.pattern.code in PATTERNS
        for f in diagnosis.findings:
            assert f.title and len(f.title) <= 80
            assert f.text.count(". ") <= 2, f.text
            assert "None" not in f.text and "nan" not in f.text
        json.dumps(diagnosis.to_dict())


def test_every_metric_has_plain_language_info() -> None:
    metrics = evaluate(designs.flows()).metrics()
    assert set(metrics) == set(METRIC_INFO)
    for label, meaning, better in METRIC_INFO.values():
        assert label and meaning
        assert better in ("higher", "lower", None)
    assert METRIC_INFO["centralization.degree"][2] == "lower"


def _sample(word: str) -> Design | None:
    for path in sorted(SAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data.get("design", {})
        if word in f"{path.stem} {meta.get('name', '')}".lower().replace("_", " ").replace(
            "-", " "
        ):
            design = Design(meta["name"], region=meta.get("region", ""))
            design.load(
                [
                    make_actor(**{k: v for k, v in a.items() if v is not None})
                    for a in data["actors"]
                ],
                [make_tie(**t) for t in data["ties"]],
            )
            return design
    return None


@pytest.mark.parametrize(
    ("word", "expected"),
    [("company town", "company_town"), ("knowledge cluster", "knowledge_cluster")],
)
def test_bundled_samples_get_their_diagnosis(word: str, expected: str) -> None:
    design = _sample(word)
    assert design is not None, f"no '{word}' sample in resources/sample"
    assert pattern(design) == expected


def _forty_companies() -> Design:
    """The issue's case: 3 of 40 region companies moved in; 4 groups, no support member."""
    actors = [make_actor(id="U", name="University", sector="university", origin="local")]
    actors += [
        make_actor(
            id=f"C{i}",
            name=f"Firm {i}",
            sector="company",
            origin="domestic" if i < 3 else "local",
        )
        for i in range(40)
    ]
    groups = [
        make_group(id=f"G{g}", name=f"Consortium {g}", members=("U", f"C{g}", f"C{g + 10}"))
        for g in range(4)
    ]
    design = Design("forty")
    design.load(actors, [make_tie(source="U", target="C0", kind="collaboration")], groups)
    return design


def test_moved_in_companies_and_groups_in_words() -> None:
    findings = {f.code: f for f in diagnose(evaluate(_forty_companies())).findings}
    arrivals, groups = findings["arrivals"], findings["groups"]
    assert arrivals.title == "3 actors moved in from outside"
    assert arrivals.text == (
        "3 of the region's 40 companies moved in from outside. "
        "Of all 41 region actors, 3 moved in from outside (7%)."
    )
    assert groups.title == "Groups of industry, academia and government: 0 of 4"
    assert groups.text == (
        "None of the 4 groups brings together a university, a company and a support "
        "organization. None of them includes a support organization. "
        "None of them has a member outside the region."
    )
    assert groups.severity == "warning"


def test_nothing_said_about_origins_or_groups_a_design_does_not_record() -> None:
    codes = {f.code for f in diagnose(evaluate(designs.knowledge_cluster())).findings}
    assert "arrivals" not in codes and "groups" not in codes


def test_a_region_that_draws_nothing_in_is_not_yet_a_knowledge_cluster() -> None:
    """The seed's test: a cluster accumulates from outside. With every origin recorded as
    local, the knowledge-cluster sample reads as developing, and says why."""
    design = designs.knowledge_cluster()
    before = diagnose(evaluate(design)).pattern
    assert before.code == "knowledge_cluster"
    for actor in list(design.actors.values()):
        if actor.location.value == "region":
            design.update_actor(actor.id, origin=Origin.LOCAL)
    after = diagnose(evaluate(design)).pattern
    assert after.code == "developing"
    assert "no actor has moved into the region from outside" in after.text
    region = [a.id for a in design.actors.values() if a.location.value == "region"]
    design.update_actor(region[-1], origin=Origin.OVERSEAS)
    again = diagnose(evaluate(design)).pattern
    assert again.code == "knowledge_cluster"
    assert "1 of its actors moved in from outside" in again.text


def _mostly_unrecorded() -> Design:
    """The reported case: 12 region companies, the origin of only 3 recorded (all local)."""
    actors = [make_actor(id="U", name="University", sector="university")]
    actors += [
        make_actor(id=f"C{i}", name=f"Firm {i}", sector="company", origin="local" if i < 3 else "")
        for i in range(12)
    ]
    design = Design("mostly unrecorded")
    design.load(actors, [make_tie(source="U", target="C0", kind="collaboration")])
    return design


def test_arrivals_say_what_is_recorded_when_most_origins_are_not() -> None:
    arrivals = {f.code: f for f in diagnose(evaluate(_mostly_unrecorded())).findings}["arrivals"]
    assert arrivals.title == "Nothing is recorded as moved in from outside"
    assert arrivals.text == (
        "None of the region's 12 companies is recorded as moved in from outside; the origins "
        "of 9 companies are not recorded. None of the region's 13 actors is recorded as moved "
        "in from outside; the origins of 10 actors are not recorded. A knowledge cluster "
        "draws companies and people in from outside the region."
    )
    assert "moved in from outside." not in arrivals.text


def test_arrivals_in_japanese_say_what_is_recorded() -> None:
    set_language("ja")
    try:
        arrivals = {f.code: f for f in diagnose(evaluate(_mostly_unrecorded())).findings}
        text = arrivals["arrivals"].text
    finally:
        set_language("en")
    assert "地域内の企業12社のうち、地域外から進出したと記入されている企業はありません。" in text
    assert "9社は出自が記入されていません。" in text
