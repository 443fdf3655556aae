"""Typed evaluation results and their JSON form (docs/reference/metrics.md).

The dataclasses are frozen so a result handed to the GUI or the CLI cannot drift from
what was computed; `to_dict` gives the nested JSON object whose dotted paths are the
metric names `compare` and `METRIC_INFO` use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import ClusterError
from .dynamics_summary import DynamicsSummary

Number = int | float


class AnalysisError(ClusterError):
    """A request the analysis cannot serve (e.g. an unknown engine name)."""


class Cancelled(Exception):
    """Raised when the caller's `cancelled` callback says the result is no longer wanted."""


EvaluationCancelled = Cancelled


@dataclass(frozen=True, slots=True)
class ActorCounts:
    total: int
    by_sector: Mapping[str, int]
    by_location: Mapping[str, int]
    region_by_sector: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TieCounts:
    total: int
    by_kind: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Densities:
    overall: float
    region: float
    by_kind: Mapping[str, float]
    sector_blocks: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class Centralization:
    degree: float


@dataclass(frozen=True, slots=True)
class Components:
    count: int
    largest_share: float
    isolates: int
    sizes: tuple[int, ...] = ()  # largest first


@dataclass(frozen=True, slots=True)
class Clustering:
    average: float
    transitivity: float


@dataclass(frozen=True, slots=True)
class Inflows:
    count: int
    by_kind: Mapping[str, int]
    weight_by_kind: Mapping[str, float]
    overseas_share: float | None
    reached_share: float | None
    reached: int = 0  # distinct region actors that are the region end of an inflow
    sources: int = 0  # distinct outside actors that are the outside end of an inflow


@dataclass(frozen=True, slots=True)
class Arrivals:
    """How the region's actors came to be there: `arrivals.*` of docs/reference/metrics.md."""

    by_origin: Mapping[str, int]  # local, spin_off, domestic, overseas, unknown: all present
    count: int  # moved in from outside: domestic + overseas
    share: float | None  # count / region actors; None without region actors
    university_spin_offs: int  # region spin-offs whose parent is a university
    moved_in_companies: int = 0  # region companies among `count` (for the diagnosis)
    unknown_companies: int = 0  # region companies whose origin is not recorded (likewise)

    @property
    def recorded(self) -> int:
        """Region actors whose origin is known."""
        return sum(v for k, v in self.by_origin.items() if k != "unknown")


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The design's groups (joint research organizations): `groups.*` of metrics.md."""

    count: int
    triple_helix_share: float | None  # None without groups
    with_outside_share: float | None  # None without groups
    triple_helix: int = 0  # groups with a university, a company and a support organization
    with_outside: int = 0  # groups with a member outside the region
    with_sector: Mapping[str, int] = field(default_factory=dict)  # groups with a member of it


NO_ARRIVALS = Arrivals(
    by_origin=dict.fromkeys(("local", "spin_off", "domestic", "overseas", "unknown"), 0),
    count=0,
    share=None,
    university_spin_offs=0,
)
NO_GROUPS = GroupFigures(count=0, triple_helix_share=None, with_outside_share=None)


@dataclass(frozen=True, slots=True)
class Broker:
    """One of the actors that most often lie on the shortest path between two others."""

    id: str
    name: str
    betweenness: float
    largest_share_without: float  # share of the other actors in the largest group without it


@dataclass(frozen=True, slots=True)
class DominantActor:
    """The best-connected actor, and how tied its own sector's region actors are without it."""

    id: str
    name: str
    sector: str
    location: str
    degree: int
    peer_density: float | None  # density among the other region actors of its sector


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything `evaluate` found about one design; `to_dict()` is the `evaluate --json` object."""

    design: str
    region: str
    actors: ActorCounts
    ties: TieCounts
    density: Densities
    centralization: Centralization
    components: Components
    clustering: Clustering
    ei_index: float | None
    inflows: Inflows
    brokers: tuple[Broker, ...]
    degree: Mapping[str, int] = field(default_factory=dict)
    betweenness: Mapping[str, float] = field(default_factory=dict)
    betweenness_exact: bool = True
    betweenness_sample: int | None = None  # number of sampled actors when estimated
    isolate_ids: tuple[str, ...] = ()
    # Actors outside the largest connected group (the largest: most actors, then the one
    # holding the actor that comes first in the design), in the design's order.
    cut_off_ids: tuple[str, ...] = ()
    cut_off_names: tuple[str, ...] = ()  # their names, in the same order
    inflow_tie_uids: frozenset[int] = frozenset()
    inflow_tie_keys: tuple[tuple[str, str, str], ...] = ()
    degree_distribution: Mapping[int, int] = field(default_factory=dict)
    dominant: DominantActor | None = None
    engine: str = "networkx"
    dynamics: DynamicsSummary | None = None
    arrivals: Arrivals = NO_ARRIVALS
    groups: GroupFigures = NO_GROUPS

    @property
    def broker_list(self) -> tuple[Broker, ...]:
        """The brokers, highest betweenness first (alias the GUI reads)."""
        return self.brokers

    @property
    def mean_degree(self) -> float:
        return sum(self.degree.values()) / len(self.degree) if self.degree else 0.0

    @property
    def max_degree(self) -> int:
        return max(self.degree.values(), default=0)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `cluster-designer evaluate --json` (floats unrounded)."""
        return {
            "design": self.design,
            "region": self.region,
            "actors": {
                "total": self.actors.total,
                "by_sector": dict(self.actors.by_sector),
                "by_location": dict(self.actors.by_location),
                "region_by_sector": dict(self.actors.region_by_sector),
            },
            "ties": {"total": self.ties.total, "by_kind": dict(self.ties.by_kind)},
            "density": {
                "overall": self.density.overall,
                "region": self.density.region,
                "by_kind": dict(self.density.by_kind),
                "sector_blocks": dict(self.density.sector_blocks),
            },
            "centralization": {"degree": self.centralization.degree},
            "components": {
                "count": self.components.count,
                "largest_share": self.components.largest_share,
                "isolates": self.components.isolates,
            },
            "clustering": {
                "average": self.clustering.average,
                "transitivity": self.clustering.transitivity,
            },
            "ei_index": self.ei_index,
            "inflows": {
                "count": self.inflows.count,
                "by_kind": dict(self.inflows.by_kind),
                "weight_by_kind": dict(self.inflows.weight_by_kind),
                "overseas_share": self.inflows.overseas_share,
                "reached_share": self.inflows.reached_share,
            },
            "degree": {"mean": self.mean_degree, "max": self.max_degree},
            "arrivals": {
                "by_origin": dict(self.arrivals.by_origin),
                "count": self.arrivals.count,
                "share": self.arrivals.share,
                "university_spin_offs": self.arrivals.university_spin_offs,
            },
            "groups": {
                "count": self.groups.count,
                "triple_helix_share": self.groups.triple_helix_share,
                "with_outside_share": self.groups.with_outside_share,
            },
            "brokers": [
                {
                    "id": b.id,
                    "name": b.name,
                    "betweenness": b.betweenness,
                    "largest_share_without": b.largest_share_without,
                }
                for b in self.brokers
            ],
            "betweenness_exact": self.betweenness_exact,
            "betweenness_sample": self.betweenness_sample,
            **(self.dynamics.to_dict() if self.dynamics is not None else {}),
        }

    def metrics(self) -> dict[str, Number | None]:
        """Every numeric value of `to_dict()` by its dotted name, in JSON order."""
        flat: dict[str, Number | None] = {}
        _flatten(self.to_dict(), "", flat)
        return flat


# Top-level keys of `to_dict()` that are not metrics a comparison should subtract.
NON_METRIC_KEYS = frozenset(
    {"design", "region", "brokers", "betweenness_exact", "betweenness_sample"}
)


def _flatten(node: Mapping[str, Any], prefix: str, out: dict[str, Number | None]) -> None:
    for key, value in node.items():
        if not prefix and key in NON_METRIC_KEYS:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, f"{name}.", out)
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            out[name] = value
