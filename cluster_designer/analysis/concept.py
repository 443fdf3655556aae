"""The design as the knowledge-cluster concept draws it: three sectors inside the region box,
the bands of ties between them, and what flows in from (and out to) the Domestic and
Overseas sides.

`concept_summary(design)` counts straight from the design, in one pass over its ties; its
numbers are the evaluation's (`evaluate`): sector counts are `actors.region_by_sector`, a
band's linked pairs over its possible pairs is `density.sector_blocks`, and the inflows by
kind and side add up to `inflows.by_kind`, `inflows.weight_by_kind` and
`inflows.overseas_share`. The tests hold them equal. Qt-free: the figure is drawn by the
window's printing package, and `to_dict()` is what other programs read.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Design, Location, Sector, TieKind
from .evaluate import BLOCK_KEYS, SECTOR_PAIRS

SECTORS: tuple[str, ...] = tuple(s.value for s in Sector)
SIDES: tuple[str, ...] = (Location.DOMESTIC.value, Location.OVERSEAS.value)
KINDS: tuple[str, ...] = tuple(k.value for k in TieKind)


@dataclass(frozen=True, slots=True)
class SectorBox:
    """The region actors of one sector, and how many of each subtype."""

    sector: str
    actors: int
    subtypes: tuple[tuple[str, int], ...]  # (subtype as written, count), most first; "" unknown


@dataclass(frozen=True, slots=True)
class Band:
    """The ties between region actors of sectors `a` and `b` (a loop when a == b)."""

    a: str
    b: str
    ties: int  # ties of any kind (several ties may join one pair)
    pairs: int  # pairs of actors joined by at least one tie
    possible: int  # pairs that could be joined
    by_kind: Mapping[str, int]

    @property
    def key(self) -> str:
        return f"{self.a}-{self.b}"

    @property
    def is_loop(self) -> bool:
        return self.a == self.b

    @property
    def density(self) -> float | None:
        """Linked pairs over possible pairs: `density.sector_blocks` of the evaluation."""
        return self.pairs / self.possible if self.possible else None


@dataclass(frozen=True, slots=True)
class Flow:
    """Ties of one kind across the region's edge on one side, in one direction."""

    side: str  # "domestic" or "overseas": where the outside end is
    kind: str
    count: int
    weight: float
    partners: int  # distinct outside actors at the outside end


@dataclass(frozen=True, slots=True)
class ConceptSummary:
    """Everything the concept figure shows, as plain numbers."""

    design: str
    region: str
    sectors: tuple[SectorBox, ...]  # university, company, support
    bands: tuple[Band, ...]  # in the order of BLOCK_KEYS
    inflows: tuple[Flow, ...]  # every side × kind, sides then kinds in TieKind order
    outflows: tuple[Flow, ...]  # directed ties from a region actor to an outside one
    outside: Mapping[str, int]  # actors on each side
    outside_ties: int  # ties between two outside actors (not part of the figure)

    def sector(self, sector: str) -> SectorBox:
        return next(s for s in self.sectors if s.sector == sector)

    def band(self, a: str, b: str) -> Band:
        key = f"{a}-{b}" if a <= b else f"{b}-{a}"
        return next(x for x in self.bands if x.key == key)

    @property
    def region_actors(self) -> int:
        return sum(s.actors for s in self.sectors)

    @property
    def region_ties(self) -> int:
        return sum(b.ties for b in self.bands)

    def inflow_count(self, kind: str | None = None, side: str | None = None) -> int:
        return sum(f.count for f in _select(self.inflows, kind, side))

    def inflow_weight(self, kind: str | None = None, side: str | None = None) -> float:
        return sum(f.weight for f in _select(self.inflows, kind, side))

    def outflow_count(self, kind: str | None = None, side: str | None = None) -> int:
        return sum(f.count for f in _select(self.outflows, kind, side))

    def outflow_weight(self, kind: str | None = None, side: str | None = None) -> float:
        return sum(f.weight for f in _select(self.outflows, kind, side))

    def to_dict(self) -> dict[str, Any]:
        """A JSON object: sectors, bands (keyed like `density.sector_blocks`), flows by side."""

        def flows(items: tuple[Flow, ...]) -> dict[str, dict[str, dict[str, float | int]]]:
            return {
                side: {
                    f.kind: {"count": f.count, "weight": f.weight, "partners": f.partners}
                    for f in items
                    if f.side == side
                }
                for side in SIDES
            }

        return {
            "design": self.design,
            "region": self.region,
            "sectors": {
                s.sector: {"actors": s.actors, "subtypes": dict(s.subtypes)} for s in self.sectors
            },
            "bands": {
                b.key: {
                    "ties": b.ties,
                    "pairs": b.pairs,
                    "possible": b.possible,
                    "density": b.density,
                    "by_kind": dict(b.by_kind),
                }
                for b in self.bands
            },
            "inflows": flows(self.inflows),
            "outflows": flows(self.outflows),
            "outside": dict(self.outside),
            "outside_ties": self.outside_ties,
        }


def _select(flows: tuple[Flow, ...], kind: str | None, side: str | None) -> list[Flow]:
    return [
        f for f in flows if (kind is None or f.kind == kind) and (side is None or f.side == side)
    ]


def subtype_key(subtype: str) -> str:
    """Subtypes written differently ('SME', ' sme ', 'ＳＭＥ') count as one."""
    return " ".join(unicodedata.normalize("NFKC", subtype).split()).casefold()


def concept_summary(design: Design) -> ConceptSummary:
    """Count the design the way the concept figure shows it (see the module's docstring)."""
    actors = design.actors
    region = {aid for aid, a in actors.items() if a.location is Location.REGION}
    sector_of = {aid: a.sector.value for aid, a in actors.items()}

    counts = Counter(sector_of[aid] for aid in region)
    spelled: dict[str, dict[str, Counter[str]]] = {s: {} for s in SECTORS}
    for aid in region:
        written = actors[aid].subtype.strip()
        spelled[sector_of[aid]].setdefault(subtype_key(written), Counter())[written] += 1
    sectors = tuple(
        SectorBox(sector=s, actors=counts[s], subtypes=_subtypes(spelled[s])) for s in SECTORS
    )

    band_ties = Counter[str]()
    band_kinds: dict[str, Counter[str]] = {k: Counter() for k in BLOCK_KEYS}
    band_pairs: dict[str, set[tuple[str, str]]] = {k: set() for k in BLOCK_KEYS}
    flow_count = Counter[tuple[str, str, str]]()  # (direction, side, kind)
    flow_weight: dict[tuple[str, str, str], float] = {}
    flow_partners: dict[tuple[str, str, str], set[str]] = {}
    outside_ties = 0
    for tie in design.ties.values():
        s_in, t_in = tie.source in region, tie.target in region
        if s_in and t_in:
            key = _block(sector_of[tie.source], sector_of[tie.target])
            band_ties[key] += 1
            band_kinds[key][tie.kind.value] += 1
            pair = (tie.source, tie.target) if tie.source < tie.target else (tie.target, tie.source)
            band_pairs[key].add(pair)
            continue
        if not s_in and not t_in:
            outside_ties += 1
            continue
        outside = tie.target if s_in else tie.source
        direction = "out" if tie.directed and s_in else "in"
        flow = (direction, actors[outside].location.value, tie.kind.value)
        flow_count[flow] += 1
        flow_weight[flow] = flow_weight.get(flow, 0.0) + tie.weight
        flow_partners.setdefault(flow, set()).add(outside)

    bands = tuple(
        Band(
            a=a,
            b=b,
            ties=band_ties[f"{a}-{b}"],
            pairs=len(band_pairs[f"{a}-{b}"]),
            possible=counts[a] * (counts[a] - 1) // 2 if a == b else counts[a] * counts[b],
            by_kind={k: band_kinds[f"{a}-{b}"][k] for k in KINDS},
        )
        for a, b in SECTOR_PAIRS
    )

    def flows(direction: str) -> tuple[Flow, ...]:
        return tuple(
            Flow(
                side=side,
                kind=kind,
                count=flow_count[(direction, side, kind)],
                weight=flow_weight.get((direction, side, kind), 0.0),
                partners=len(flow_partners.get((direction, side, kind), ())),
            )
            for side in SIDES
            for kind in KINDS
        )

    located = Counter(a.location.value for a in actors.values())
    return ConceptSummary(
        design=design.name,
        region=design.region,
        sectors=sectors,
        bands=bands,
        inflows=flows("in"),
        outflows=flows("out"),
        outside={side: located[side] for side in SIDES},
        outside_ties=outside_ties,
    )


def _block(a: str, b: str) -> str:
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


def _subtypes(spellings: dict[str, Counter[str]]) -> tuple[tuple[str, int], ...]:
    """One entry per subtype (its most frequent spelling), most actors first, unknown last."""
    entries = []
    for key, written in spellings.items():
        total = sum(written.values())
        shown = "" if not key else min(written, key=lambda w: (-written[w], w))
        entries.append((shown, total))
    return tuple(sorted(entries, key=lambda e: (e[0] == "", -e[1], e[0].casefold())))


__all__ = [
    "KINDS",
    "SECTORS",
    "SIDES",
    "Band",
    "ConceptSummary",
    "Flow",
    "SectorBox",
    "concept_summary",
    "subtype_key",
]
