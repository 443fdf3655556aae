"""What a finding of the diagnosis says, the figures it states and the claims it makes.

A finding's words are backed by named figures (`figures`, unrounded) and by the relations the
words assert about them (`claims`); `shown` lists the figures the text states as numbers. The
names are the dotted metric names of `Evaluation.metrics()` plus the derived ones of
`FIGURE_NAMES`, and `figure_value(ev, name)` reads any of them, so a test — or a sceptical
reader — can check every sentence against the numbers.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..i18n import ngettext, pgettext
from ..model import Sector
from .results import Evaluation, Number

Severity = Literal["good", "info", "warning"]
Relation = Literal["==", "<", "<=", ">", ">="]


NAMES_SHOWN = 8  # a finding names at most this many actors, then "and N more"

# Figures a finding may rely on besides the metrics of `Evaluation.metrics()`:
FIGURE_NAMES = {
    "components.cut_off": "actors outside the largest connected group",
    "isolate_share": "actors without any tie / all actors",
    "inflows.reached": "distinct region actors at the region end of an inflow",
    "inflows.sources": "distinct outside actors at the outside end of an inflow",
    "openness.open": "1 when every rule of 'open to the outside' holds, else 0",
    "degree:<id>": "partners of that actor in G",
    "dominant.peer_density": "density among the other region actors of the top actor's sector",
    "dominant.peers": "other region actors of the best-connected actor's sector",
    "largest_share_without:<id>": "largest connected group without that actor / the other actors",
    "arrivals.recorded": "region actors whose origin is recorded",
    "arrivals.companies": "region companies that moved in from outside (domestic or overseas)",
    "arrivals.companies_unknown": "region companies whose origin is not recorded",
    "groups.triple_helix": "groups with a university, a company and a support organization",
    "groups.with_outside": "groups with at least one member outside the region",
    "groups.with_<sector>": "groups with at least one member of that sector",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers the diagnosis compares against — the only place they are set."""

    min_actors: int = 3  # below this there is too little to judge
    fragmented_largest_share: float = 0.6  # largest connected group under this share …
    fragmented_isolate_share: float = 0.25  # … or at least this share of actors without ties
    hub_centralization: float = 0.4  # degree centralization from which one actor dominates
    company_town_peer_density: float = 0.1  # at most this among the other region companies
    cluster_largest_share: float = 0.8  # knowledge cluster: almost everyone connected
    cluster_max_centralization: float = 0.4  # … no single dominant actor
    cluster_min_clustering: float = 0.2  # … partners of an actor also work together
    cluster_min_mean_degree: float = 2.5  # … each actor has several partners
    weak_block_ratio: float = 0.5  # a sector pair under half the region's density is weak
    failure_drop: float = 0.2  # losing a broker shrinks the largest group by this share
    # Open to the outside: all four at once.
    open_min_inflows: int = 5  # inflows in all
    open_min_sources: int = 2  # … from at least this many different outside actors
    open_min_reached: int = 3  # … reaching at least this many different region actors
    open_reached_share: float = 0.25  # … who are at least this share of the region's actors


DEFAULT_THRESHOLDS = Thresholds()

_RELATIONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True, slots=True)
class Claim:
    """One relation the words of a finding assert: `figure relation value`."""

    figure: str
    relation: Relation
    value: Number

    def holds(self, actual: Number | None) -> bool:
        if actual is None:
            return False
        if self.relation == "==" and isinstance(actual, float):
            return math.isclose(actual, self.value, rel_tol=1e-9, abs_tol=1e-12)
        return _RELATIONS[self.relation](actual, self.value)

    def to_list(self) -> list[Any]:
        return [self.figure, self.relation, self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    title: str
    text: str
    severity: Severity = "info"
    actor_ids: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    figures: tuple[tuple[str, Number | None], ...] = ()  # the numbers the text states
    claims: tuple[Claim, ...] = ()  # what the text asserts about them
    shown: tuple[str, ...] = ()  # figures the text states as numbers (the rest: in words)
    # actors the text names in a list (`name_list`), as (id, name) in the list's order:
    # the window makes those names links to the actors on the map
    named: tuple[tuple[str, str], ...] = ()

    def figure(self, name: str) -> Number | None:
        return dict(self.figures)[name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "text": self.text,
            "severity": self.severity,
            "actor_ids": list(self.actor_ids),
            "sectors": list(self.sectors),
            "figures": dict(self.figures),
            "claims": [c.to_list() for c in self.claims],
            "shown": list(self.shown),
        }


# --- figures -----------------------------------------------------------------------------


def figure_value(ev: Evaluation, name: str) -> Number | None:
    """The value of a figure a finding may rely on (see FIGURE_NAMES), computed from `ev`."""
    if name.startswith("degree:"):
        return ev.degree[name.split(":", 1)[1]]
    if name.startswith("largest_share_without:"):
        actor_id = name.split(":", 1)[1]
        return next(b.largest_share_without for b in ev.brokers if b.id == actor_id)
    n = ev.actors.total
    match name:
        case "components.cut_off":
            return len(ev.cut_off_ids)
        case "isolate_share":
            return ev.components.isolates / n if n else 0.0
        case "inflows.reached":
            return ev.inflows.reached
        case "inflows.sources":
            return ev.inflows.sources
        case "openness.open":
            return int(is_open(ev, DEFAULT_THRESHOLDS))
        case "dominant.peer_density":
            return None if ev.dominant is None else ev.dominant.peer_density
        case "dominant.peers":
            return None if ev.dominant is None else peer_count(ev)
        case "arrivals.recorded":
            return ev.arrivals.recorded
        case "arrivals.companies":
            return ev.arrivals.moved_in_companies
        case "arrivals.companies_unknown":
            return ev.arrivals.unknown_companies
        case "groups.triple_helix":
            return ev.groups.triple_helix
        case "groups.with_outside":
            return ev.groups.with_outside
    if name.startswith("groups.with_") and not name.endswith("_share"):
        return ev.groups.with_sector.get(name.removeprefix("groups.with_"), 0)
    return ev.metrics()[name]


class Facts:
    """Collects the figures and claims of one finding while its sentences are written."""

    def __init__(self, ev: Evaluation) -> None:
        self.ev = ev
        self.figures: dict[str, Number | None] = {}
        self.claims: list[Claim] = []
        self.shown: list[str] = []

    def value(self, name: str) -> Number | None:
        if name not in self.figures:
            self.figures[name] = figure_value(self.ev, name)
        return self.figures[name]

    def claim(self, name: str, relation: Relation, value: Number) -> Any:
        """Record that the words say `name relation value`; returns the figure."""
        actual = self.value(name)
        self.claims.append(Claim(name, relation, value))
        return actual

    def exact(self, name: str) -> Any:
        """A figure the text states as it is (a count, or a share shown rounded)."""
        actual = self.value(name)
        if actual is not None:
            self.claims.append(Claim(name, "==", actual))
            self.shown.append(name)
        return actual

    def finding(self, code: str, title: str, sentences: Sequence[str], **extra: Any) -> Finding:
        return Finding(
            code,
            title,
            join_sentences(sentences),
            figures=tuple(self.figures.items()),
            claims=tuple(self.claims),
            shown=tuple(dict.fromkeys(self.shown)),
            **extra,
        )


def join_sentences(sentences: Sequence[str]) -> str:
    """Sentences in one paragraph: a space after a Latin full stop, none after 「。」."""
    text = ""
    for s in sentences:
        if not s:
            continue
        if text and not text.endswith(("。", "）", "」")):
            text += " "
        text += s
    return text


def pct(share: float, threshold: float | None = None) -> str:
    """A share as a whole percentage; one decimal where rounding would reach the threshold
    it is compared with (24.6 % is not "25 %" when the rule is "at least 25 %"); as many
    decimals as it takes for a share that is neither none nor all not to read as 0 % or
    100 % (110 of 50,000 actors cut off: the largest group holds 99.8 %, not 100 %)."""
    text = f"{share * 100:.0f}%"
    if (
        threshold is not None
        and share != threshold
        and round(share * 100) == round(threshold * 100)
    ):
        text = f"{share * 100:.1f}%"
    decimals = 1
    while 0 < share < 1 and float(text[:-1]) in (0.0, 100.0) and decimals <= 6:
        text = f"{share * 100:.{decimals}f}%"
        decimals += 1
    return text


def dec(value: float) -> str:
    return f"{value:.3f}"


def sector_plural(sector: str) -> str:
    """'universities', 'companies' or 'support organizations', translated (written once, in
    model.enums)."""
    return Sector(sector).plural


def name_list(names: Sequence[str]) -> str:
    shown = list(names[:NAMES_SHOWN])
    text = pgettext("list separator", ", ").join(shown)
    more = len(names) - len(shown)
    if more > 0:
        text = ngettext("{names} and {n} more", "{names} and {n} more", more).format(
            names=text, n=more
        )
    return text


def is_open(ev: Evaluation, t: Thresholds) -> bool:
    """The documented rule of 'open to the outside': all four counts and shares at once."""
    inflows = ev.inflows
    return (
        inflows.count >= t.open_min_inflows
        and inflows.sources >= t.open_min_sources
        and inflows.reached >= t.open_min_reached
        and (inflows.reached_share or 0.0) >= t.open_reached_share
    )


def peer_count(ev: Evaluation) -> int:
    """Other region actors of the best-connected actor's sector."""
    hub = ev.dominant
    assert hub is not None
    own = ev.actors.region_by_sector.get(hub.sector, 0)
    return own - 1 if hub.location == "region" else own
