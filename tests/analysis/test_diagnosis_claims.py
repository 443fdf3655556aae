"""Every sentence of the diagnosis agrees with the figures: checked on hundreds of random designs.

Each finding carries the figures its words state and the relations they assert (`claims`).
Here every figure is recomputed independently with networkx from the design itself, every
claim is checked against that value, every stated count or share must appear in the text,
and the verdicts that matter most (split, connected, open) are checked against their rules
as docs/evaluation.md states them.
"""

from __future__ import annotations

import random
import re

import networkx as nx
import pytest

from cluster_designer.analysis import DEFAULT_THRESHOLDS, diagnose, evaluate
from cluster_designer.analysis.claims import dec, pct
from cluster_designer.model import Actor, Design, Group, Origin, make_actor, make_group, make_tie
from tests.analysis.test_brokerage import independent_counts
from tests.analysis.test_resilience import independent_degree_attack
from tests.analysis.test_spread import independent_spread

SECTORS = ("university", "company", "company", "support")
LOCATIONS = ("region",) * 6 + ("domestic", "overseas")
KINDS = ("collaboration", "information", "funding", "human_resources", "technology_transfer")
DESIGNS = 400
T = DEFAULT_THRESHOLDS


def random_design(seed: int) -> Design:
    """Small to middling designs of every shape: empty, sparse, split, dense, hub-like."""
    rng = random.Random(seed)
    n = rng.choice((0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40))
    actors = [
        make_actor(
            id=f"A{i}",
            name=f"Actor {i}",
            sector=rng.choice(SECTORS),
            location=rng.choice(LOCATIONS),
        )
        for i in range(n)
    ]
    style = rng.random()
    ties = []
    keys: set[tuple[str, str, str]] = set()
    target = 0 if n < 2 else rng.randint(0, int(n * rng.choice((0.5, 1, 1.5, 3))))
    hub = 0
    for _ in range(target * 3):
        if len(ties) >= target:
            break
        if style < 0.25:  # hub-and-spoke-like
            i, j = hub, rng.randrange(n)
        else:
            i, j = rng.randrange(n), rng.randrange(n)
        if i == j:
            continue
        kind = rng.choice(KINDS)
        tie = make_tie(source=f"A{i}", target=f"A{j}", kind=kind, weight=rng.choice((1, 2, 5)))
        if tie.key in keys:
            continue
        keys.add(tie.key)
        ties.append(tie)
    design = Design(f"random {seed}")
    actors, groups = with_origins_and_groups(seed, actors)
    design.load(actors, ties, groups)
    return design


ORIGINS = ("local", "spin_off", "domestic", "overseas", None)
MOSTLY_UNRECORDED = (*ORIGINS, None, None, None, None, None, None)


def with_origins_and_groups(seed: int, actors: list[Actor]) -> tuple[list[Actor], list[Group]]:
    """Origins (on some designs none, on some all), spin-off parents and 0–4 groups, from a
    random source of their own so the graphs stay those of the seeds before origins existed."""
    rng = random.Random(f"origins {seed}")
    style = rng.random()
    placed = []
    for actor in actors:
        origin = None
        if actor.location.value == "region" and style > 0.3:
            # grown from within only (recorded, or with gaps), most origins not recorded,
            # every origin with gaps, every origin recorded
            choices = (
                ORIGINS[:2]
                if style < 0.4
                else (*ORIGINS[:2], None)
                if style < 0.5
                else MOSTLY_UNRECORDED
                if style < 0.6
                else ORIGINS
                if style < 0.8
                else ORIGINS[:4]
            )
            origin = rng.choice(choices)
        parent = ""
        if origin == "spin_off" and rng.random() < 0.7:
            parent = rng.choice([a.id for a in actors if a.id != actor.id] or [""])
        placed.append(
            actor.with_changes(origin=None if origin is None else Origin(origin), parent=parent)
        )
    groups = []
    if len(actors) >= 2 and rng.random() < 0.6:
        for g in range(rng.randint(1, 4)):
            size = rng.randint(2, min(6, len(actors)))
            members = tuple(a.id for a in rng.sample(actors, size))
            groups.append(make_group(id=f"G{g}", name=f"Group {g}", members=members))
    return placed, groups


def independent_origin_figures(design: Design) -> dict[str, object]:
    """`arrivals.*` and `groups.*` straight from the words of docs/reference/metrics.md."""
    region = [a for a in design.actors.values() if a.location.value == "region"]
    origin = [a.origin.value if a.origin else "unknown" for a in region]
    moved = sum(1 for o in origin if o in ("domestic", "overseas"))
    figures: dict[str, object] = {
        f"arrivals.by_origin.{key}": origin.count(key)
        for key in ("local", "spin_off", "domestic", "overseas", "unknown")
    }
    figures["arrivals.count"] = moved
    figures["arrivals.share"] = moved / len(region) if region else None
    figures["arrivals.recorded"] = len(region) - origin.count("unknown")
    figures["arrivals.companies"] = sum(
        1
        for a in region
        if a.sector.value == "company" and a.origin and a.origin.value in ("domestic", "overseas")
    )
    figures["arrivals.companies_unknown"] = sum(
        1 for a in region if a.sector.value == "company" and a.origin is None
    )
    figures["arrivals.university_spin_offs"] = sum(
        1
        for a in region
        if a.origin
        and a.origin.value == "spin_off"
        and a.parent
        and design.actors[a.parent].sector.value == "university"
    )
    groups = list(design.groups.values())
    sectors = [{design.actors[m].sector.value for m in g.members} for g in groups]
    outside = [any(design.actors[m].location.value != "region" for m in g.members) for g in groups]
    figures["groups.count"] = len(groups)
    helix = sum(1 for s in sectors if len(s) == 3)
    figures["groups.triple_helix"] = helix
    figures["groups.triple_helix_share"] = helix / len(groups) if groups else None
    figures["groups.with_outside"] = sum(outside)
    figures["groups.with_outside_share"] = sum(outside) / len(groups) if groups else None
    for sector in ("university", "company", "support"):
        figures[f"groups.with_{sector}"] = sum(1 for s in sectors if sector in s)
    return figures


def independent_figures(design: Design) -> dict[str, object]:
    """Every figure the diagnosis may use, computed with networkx straight from the design."""
    g = nx.Graph()
    g.add_nodes_from(design.actors)
    g.add_edges_from((t.source, t.target) for t in design.ties.values())
    n = g.number_of_nodes()
    region = [a for a in design.actors.values() if a.location.value == "region"]
    region_ids = {a.id for a in region}
    sector = {a.id: a.sector.value for a in design.actors.values()}
    comps = sorted(nx.connected_components(g), key=len, reverse=True)
    figures: dict[str, object] = {
        "actors.total": n,
        "ties.total": len(design.ties),
        "actors.by_location.region": len(region),
        "components.count": len(comps),
        "components.largest_share": len(comps[0]) / n if n else 0.0,
        "components.isolates": sum(1 for v in g if g.degree(v) == 0),
        "components.cut_off": n - len(comps[0]) if n else 0,
        "isolate_share": (sum(1 for v in g if g.degree(v) == 0) / n) if n else 0.0,
        "degree.max": max((d for _, d in g.degree()), default=0),
        "degree.mean": (2 * g.number_of_edges() / n) if n else 0.0,
        "clustering.average": nx.average_clustering(g) if n else 0.0,
    }
    degrees = [d for _, d in g.degree()]
    top = max(degrees, default=0)
    figures["centralization.degree"] = (
        sum(top - d for d in degrees) / ((n - 1) * (n - 2)) if n >= 3 else 0.0
    )
    for s in ("university", "company", "support"):
        figures[f"actors.region_by_sector.{s}"] = sum(1 for a in region if a.sector.value == s)
    r = g.subgraph(region_ids)
    figures["density.region"] = nx.density(r) if len(region_ids) >= 2 else 0.0
    for a in ("company", "support", "university"):
        for b in ("company", "support", "university"):
            if a > b:
                continue
            na = sum(1 for v in region_ids if sector[v] == a)
            nb = sum(1 for v in region_ids if sector[v] == b)
            pairs = na * (na - 1) / 2 if a == b else na * nb
            edges = sum(1 for u, v in r.edges() if {sector[u], sector[v]} == {a, b})
            if a == b:
                edges = sum(1 for u, v in r.edges() if sector[u] == sector[v] == a)
            figures[f"density.sector_blocks.{a}-{b}"] = edges / pairs if pairs else None
    inflows = []
    for t in design.ties.values():
        s_in, t_in = t.source in region_ids, t.target in region_ids
        if s_in == t_in or (t.kind.directed and s_in):
            continue
        inflows.append((t.target, t.source) if t_in else (t.source, t.target))
    reached = {inside for inside, _ in inflows}
    sources = {outside for _, outside in inflows}
    figures["inflows.count"] = len(inflows)
    figures["inflows.reached"] = len(reached)
    figures["inflows.sources"] = len(sources)
    figures["inflows.reached_share"] = len(reached) / len(region) if region else None
    overseas = sum(1 for _, o in inflows if design.actors[o].location.value == "overseas")
    figures["inflows.overseas_share"] = overseas / len(inflows) if inflows else None
    figures["openness.open"] = int(
        len(inflows) >= T.open_min_inflows
        and len(sources) >= T.open_min_sources
        and len(reached) >= T.open_min_reached
        and bool(region)
        and len(reached) / len(region) >= T.open_reached_share
    )
    figures.update(independent_dynamics(design))
    figures.update(independent_origin_figures(design))
    figures["_graph"] = g
    figures["_comps"] = comps
    return figures


def independent_dynamics(design: Design) -> dict[str, object]:
    """The dynamics figures, from the definitions as the analyses' own tests state them."""
    roles = independent_counts(design, "location")
    region = [a.id for a in design.actors.values() if a.location.value == "region"]
    keepers = sorted(
        (roles[a]["gatekeeper"] for a in region if roles[a]["gatekeeper"] > 0), reverse=True
    )
    seeds = sorted(
        a.id
        for a in design.actors.values()
        if a.location.value == "region" and a.sector.value == "university"
    )
    rounds = independent_spread(design, seeds, 0.5)
    reached = set(seeds).union(*rounds)
    _removed, shares = independent_degree_attack(design) if region else ([], [])
    return {
        "brokerage.region_gatekeepers": len(keepers),
        "brokerage.top_gatekeeper_share": keepers[0] / sum(keepers) if keepers else None,
        "spread.seeds": len(seeds),
        "spread.rounds": len(rounds),
        "spread.region_reached_share": (
            sum(1 for a in region if a in reached) / len(region) if region else None
        ),
        "resilience.robustness": sum(shares[1:]) / len(region) if region else None,
        "resilience.removals_to_half": (
            next(q for q, s in enumerate(shares) if s <= 0.5) if region else None
        ),
    }


def resolve(name: str, figures: dict[str, object], design: Design) -> object:
    g: nx.Graph = figures["_graph"]
    if name.startswith("degree:"):
        return g.degree(name.split(":", 1)[1])
    if name.startswith("largest_share_without:"):
        actor = name.split(":", 1)[1]
        rest = g.subgraph(v for v in g if v != actor)
        size = max((len(c) for c in nx.connected_components(rest)), default=0)
        return size / (g.number_of_nodes() - 1)
    if name in ("dominant.peer_density", "dominant.peers"):
        top = max(d for _, d in g.degree())
        hub = min(
            (v for v in g if g.degree(v) == top),
            key=lambda v: (design.actors[v].name, v),
        )
        own = design.actors[hub].sector
        peers = [
            a.id
            for a in design.actors.values()
            if a.id != hub and a.location.value == "region" and a.sector is own
        ]
        if name == "dominant.peers":
            return len(peers)
        return nx.density(g.subgraph(peers)) if len(peers) >= 2 else None
    assert name in figures, f"no independent value for figure {name!r}"
    return figures[name]


def close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= 1e-9


def shown(value: object, text: str) -> bool:
    """The figure appears in the text as the diagnosis writes numbers."""
    if isinstance(value, int):
        return re.search(rf"(?<![\d.]){value}(?![\d])", text) is not None
    v = float(value)
    return any(form in text for form in (pct(v), f"{v * 100:.1f}%", dec(v), f"{v:.2f}"))


@pytest.mark.parametrize("chunk", range(8))
def test_every_claim_holds_on_random_designs(chunk: int) -> None:
    per_chunk = DESIGNS // 8
    for seed in range(chunk * per_chunk, (chunk + 1) * per_chunk):
        design = random_design(seed)
        ev = evaluate(design)
        diagnosis = diagnose(ev)
        figures = independent_figures(design)
        for finding in diagnosis.findings:
            where = f"seed {seed}, {finding.code}: {finding.text}"
            for name, value in finding.figures:
                assert close(value, resolve(name, figures, design)), f"{name} in {where}"
            for claim in finding.claims:
                actual = resolve(claim.figure, figures, design)
                assert claim.holds(actual), f"{claim} (actual {actual}) in {where}"
            for name in finding.shown:
                actual = resolve(name, figures, design)
                if actual is not None:
                    assert shown(actual, finding.title + " " + finding.text), (
                        f"{name}={actual} not shown: {where}"
                    )
        check_verdicts(seed, design, diagnosis, figures)
        check_arrival_words(seed, diagnosis, figures)


def check_verdicts(seed: int, design: Design, diagnosis, figures: dict[str, object]) -> None:
    texts = " ".join(f.title + " " + f.text for f in diagnosis.findings)
    count = figures["components.count"]
    # A split network is a finding of its own that names every cut-off actor.
    split = diagnosis.split
    if count > 1 and design.ties:
        assert split is not None, seed
        comps = figures["_comps"]
        assert len(design.actors) - len(split.actor_ids) == len(comps[0]), seed
        kept = set(design.actors) - set(split.actor_ids)
        assert any(kept == set(c) for c in comps if len(c) == len(comps[0])), seed
        for actor_id in split.actor_ids[:8]:
            assert design.actors[actor_id].name in split.text, seed
    else:
        assert split is None, seed
    if count != 1:
        assert "is connected" not in texts, (seed, texts)
    # Open only by the documented rule.
    is_open = diagnosis.openness.code == "openness:open"
    assert is_open == bool(figures["openness.open"]), (seed, diagnosis.openness.text)
    if figures["inflows.count"] == 0:
        assert diagnosis.openness.code in ("openness:closed", "openness:none"), seed
    # The pattern follows its rules.
    code = diagnosis.pattern.code
    if code == "fragmented":
        assert (
            figures["components.largest_share"] < T.fragmented_largest_share
            or figures["isolate_share"] >= T.fragmented_isolate_share
        ), seed
    if code == "knowledge_cluster":
        assert figures["openness.open"] == 1, seed
        if figures["arrivals.recorded"]:
            assert figures["arrivals.count"], seed  # accumulates from outside
        assert figures["components.largest_share"] >= T.cluster_largest_share, seed
    if code in ("company_town", "hub_and_spoke"):
        assert figures["centralization.degree"] >= T.hub_centralization, seed


# Every sentence about arrivals, as the diagnosis writes it in English, with the figures it
# states (named groups) and what it asserts without a number (`fixed`; ">0": some). A
# sentence that says "moved in" or talks of origins must be one of these, so "none moved in"
# can only be said when every origin of the group spoken of is recorded, and "recorded as"
# always comes with how many are not recorded.
ARRIVAL_FIGURES = {
    "C": "actors.region_by_sector.company",
    "M": "arrivals.companies",
    "UC": "arrivals.companies_unknown",
    "R": "actors.by_location.region",
    "A": "arrivals.count",
    "U": "arrivals.by_origin.unknown",
}
UNRECORDED_COMPANIES = r"the origins? of (?P<UC>\d+) compan(?:y|ies) (?:is|are) not recorded"
UNRECORDED_ACTORS = r"the origins? of (?P<U>\d+) actors? (?:is|are) not recorded"
ARRIVAL_WORDS: tuple[tuple[str, dict[str, int | str]], ...] = (
    (r"The region's only company did not move in from outside\.", {"C": 1, "M": 0, "UC": 0}),
    (r"None of the region's (?P<C>\d+) companies moved in from outside\.", {"M": 0, "UC": 0}),
    (r"The region's only company moved in from outside\.", {"C": 1, "M": 1}),
    (r"(?P<M>\d+) of the region's (?P<C>\d+) compan(?:y|ies) moved in from outside\.", {"UC": 0}),
    (r"The origin of the region's only company is not recorded\.", {"C": 1, "UC": 1, "M": 0}),
    (r"None of the region's (?P<C>\d+) companies has its origin recorded\.", {"M": 0, "UC": "C"}),
    (
        r"None of the region's (?P<C>\d+) companies is recorded as moved in from outside; "
        + UNRECORDED_COMPANIES
        + r"\.",
        {"M": 0, "UC": ">0"},
    ),
    (
        r"(?P<M>\d+) of the region's (?P<C>\d+) companies (?:is|are) recorded as moved in from "
        r"outside; " + UNRECORDED_COMPANIES + r"\.",
        {"UC": ">0"},
    ),
    (r"The region's only actor did not move in from outside\.", {"R": 1, "A": 0, "U": 0}),
    (r"None of the region's (?P<R>\d+) actors moved in from outside\.", {"A": 0, "U": 0}),
    (r"The region's only actor moved in from outside\.", {"R": 1, "A": 1, "U": 0}),
    (
        r"Of all (?P<R>\d+) region actors?, (?P<A>\d+) moved in from outside \((?P<P>[\d.]+%)\)\.",
        {"U": 0},
    ),
    (
        r"None of the region's (?P<R>\d+) actors is recorded as moved in from outside; "
        + UNRECORDED_ACTORS
        + r"\.",
        {"A": 0, "U": ">0"},
    ),
    (
        r"Of all (?P<R>\d+) region actors, (?P<A>\d+) (?:is|are) recorded as moved in from outside "
        r"\((?P<P>[\d.]+%)\); " + UNRECORDED_ACTORS + r"\.",
        {"U": ">0"},
    ),
    (r"No organization has moved into the region from outside\.", {"A": 0, "U": 0}),
    (
        r"No organization is recorded as moved into the region from outside; "
        + UNRECORDED_ACTORS
        + r"\.",
        {"A": 0, "U": ">0"},
    ),
    (r"no actor has moved into the region from outside", {"A": 0, "U": 0}),
    (
        r"no actor is recorded as moved into the region from outside \("
        + UNRECORDED_ACTORS
        + r"\)",
        {"A": 0, "U": ">0"},
    ),
    (
        r"It draws organizations in as well: (?P<A>\d+) of its actors moved in from outside\.",
        {"U": 0},
    ),
    (
        r"It draws organizations in as well: (?P<A>\d+) of its actors (?:is|are) recorded as moved "
        r"in from outside; " + UNRECORDED_ACTORS + r"\.",
        {"U": ">0"},
    ),
    (r"^Nothing has moved in from outside$", {"A": 0, "U": 0}),
    (r"^Nothing is recorded as moved in from outside$", {"A": 0, "U": ">0"}),
    (r"^(?P<A>\d+) actors? moved in from outside$", {}),
)
ABOUT_ARRIVALS = re.compile(r"moved? in|moved into|origin")


def arrival_sentences(diagnosis) -> list[str]:
    """Titles and sentences of every finding that speak of arrivals or origins."""
    found = []
    for finding in diagnosis.findings:
        for piece in [finding.title, *re.split(r"(?<=\.)\s+", finding.text)]:
            if ABOUT_ARRIVALS.search(piece):
                found.append(piece)
    return found


def arrival_forms(sentence: str, figures: dict[str, object]) -> list[int]:
    """The forms of ARRIVAL_WORDS the sentence has; asserts each agrees with the figures."""
    forms = []
    for index, (pattern, fixed) in enumerate(ARRIVAL_WORDS):
        match = re.search(pattern, sentence)
        if match is None:
            continue
        forms.append(index)
        for key, text in match.groupdict().items():
            if key == "P":
                assert text == pct(figures["arrivals.share"]), (key, sentence)
            else:
                assert int(text) == figures[ARRIVAL_FIGURES[key]], (key, sentence)
        for key, value in fixed.items():
            actual = figures[ARRIVAL_FIGURES[key]]
            if value == ">0":
                assert actual > 0, (key, sentence)
            elif isinstance(value, str):
                assert actual == figures[ARRIVAL_FIGURES[value]], (key, sentence)
            else:
                assert actual == value, (key, actual, sentence)
    return forms


def check_arrival_words(seed: int, diagnosis, figures: dict[str, object]) -> set[int]:
    """Every sentence about arrivals is a known form and agrees with the recorded and the
    unrecorded origins; returns the forms seen."""
    seen: set[int] = set()
    for sentence in arrival_sentences(diagnosis):
        forms = arrival_forms(sentence, figures)
        assert forms, f"seed {seed}: not a known sentence about arrivals: {sentence!r}"
        seen.update(forms)
    return seen


def test_sentences_about_arrivals_reach_every_form() -> None:
    """The random designs say every form of ARRIVAL_WORDS, the "recorded as" ones included."""
    seen: set[int] = set()
    for seed in range(DESIGNS):
        design = random_design(seed)
        seen |= check_arrival_words(seed, diagnose(evaluate(design)), independent_figures(design))
    missing = [ARRIVAL_WORDS[i][0] for i in range(len(ARRIVAL_WORDS)) if i not in seen]
    assert missing == []


def test_the_generator_covers_every_verdict() -> None:
    """The random designs reach every pattern, the split finding and every openness verdict."""
    seen: set[str] = set()
    for seed in range(DESIGNS):
        diagnosis = diagnose(evaluate(random_design(seed)))
        if any(c.figure == "arrivals.count" for c in diagnosis.pattern.claims):
            seen.add(f"{diagnosis.pattern.code} by arrivals")
        seen |= {
            f.code.split(":")[0] if f.code.startswith("single") else f.code
            for f in diagnosis.findings
        }
    for code in (
        "developing",
        "fragmented",
        "hub_and_spoke",
        "company_town",
        "split",
        "single_point",
        "openness:closed",
        "openness:narrow",
        "openness:open",
        "openness:none",
        "arrivals",
        "groups",
        "developing by arrivals",
        "knowledge_cluster by arrivals",
        "company_town by arrivals",
    ):
        assert code in seen, code


def _region_design(region: int, inflows: list[tuple[str, str]], extra: int = 0) -> Design:
    """`region` region companies R0…, outside partners D0…, inflow ties (outside → inside)."""
    actors = [make_actor(id=f"R{i}", name=f"R{i}", sector="company") for i in range(region)]
    outside = sorted({o for o, _ in inflows})
    actors += [make_actor(id=o, name=o, sector="support", location="domestic") for o in outside]
    ties = [
        make_tie(source=f"R{i}", target=f"R{i + 1}", kind="collaboration")
        for i in range(region - 1)
    ]
    ties += [make_tie(source=o, target=r, kind="funding") for o, r in inflows]
    design = Design("open?")
    design.load(actors, ties)
    return design


def test_four_actors_with_one_inflow_are_not_open() -> None:
    design = _region_design(3, [("D0", "R0")])
    finding = diagnose(evaluate(design)).openness
    assert finding.code == "openness:narrow"
    assert "only 1 inflow" in finding.text


def test_moving_a_local_firm_abroad_without_new_inflows_does_not_open_the_region() -> None:
    """The reported case: 1 inflow reaching 1 of 5 region actors (20 %); dragging an untied
    local firm to Overseas makes it 1 of 4 (25 %) — still one inflow, still not open."""
    design = _region_design(5, [("D0", "R0")])
    design.remove_ties([t.uid for t in design.ties.values() if "R4" in (t.source, t.target)])
    before = diagnose(evaluate(design)).openness
    design.update_actor("R4", location="overseas")
    after = diagnose(evaluate(design)).openness
    assert evaluate(design).inflows.count == 1
    assert before.code == after.code == "openness:narrow"


def test_moving_actors_out_never_changes_the_counts_the_verdict_needs() -> None:
    """Moving a region actor abroad without changing the inflows keeps every count of the
    openness rule; a design that lacked a count stays not open."""
    for seed in range(200):
        design = random_design(seed)
        ev = evaluate(design)
        candidates = [
            a.id
            for a in design.actors.values()
            if a.location.value == "region" and not design.ties_of(a.id)
        ]
        if not candidates:
            continue
        design.update_actor(candidates[0], location="overseas")
        after = evaluate(design)
        assert (after.inflows.count, after.inflows.sources, after.inflows.reached) == (
            ev.inflows.count,
            ev.inflows.sources,
            ev.inflows.reached,
        )
        lacking = (
            ev.inflows.count < T.open_min_inflows
            or ev.inflows.sources < T.open_min_sources
            or ev.inflows.reached < T.open_min_reached
        )
        if lacking:
            assert diagnose(after).openness.code != "openness:open", seed


def test_a_split_network_is_never_called_connected() -> None:
    """The reported case: two components, the largest 71 % — a finding names the cut-off."""
    actors = [make_actor(id=f"C{i}", name=f"Firm {i}", sector="company") for i in range(7)]
    ties = [
        make_tie(source=f"C{i}", target=f"C{(i + 1) % 5}", kind="collaboration") for i in range(5)
    ]
    ties.append(make_tie(source="C5", target="C6", kind="collaboration"))
    design = Design("split")
    design.load(actors, ties)
    diagnosis = diagnose(evaluate(design))
    assert diagnosis.split is not None
    assert diagnosis.split.actor_ids == ("C5", "C6")
    assert "Firm 5" in diagnosis.split.text and "Firm 6" in diagnosis.split.text
    assert "71%" in diagnosis.split.text
    assert all("is connected" not in f.text for f in diagnosis.findings)


def test_origin_and_group_findings_say_at_most_three_sentences() -> None:
    for seed in range(DESIGNS):
        for finding in diagnose(evaluate(random_design(seed))).origins:
            assert finding.text.count(". ") <= 2, (seed, finding.text)


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.0, "0%"), (1.0, "100%"), (0.9978, "99.8%"), (0.0004, "0.04%"), (2e-05, "0.002%")],
)
def test_a_part_never_reads_as_none_or_all(share: float, text: str) -> None:
    """110 of 50,000 actors cut off: the largest group holds 99.8 %, not "100 %" beside a
    finding that names the cut-off ones; the top of 7,753 gatekeepers handles 0.04 %, not 0."""
    assert pct(share) == text
