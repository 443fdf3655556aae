"""Where the region's actors came from and what the groups join: `arrivals.*` and
`groups.*` of docs/reference/metrics.md.

The seed's knowledge cluster accumulates companies and people from outside the region and
works through joint research organizations of industry, academia and government; these
figures say how far a design shows both. Plain counting over the design, no graph needed.
"""

from __future__ import annotations

from ..model import Design, Location, Origin, Sector
from .results import Arrivals, GroupFigures

ORIGIN_KEYS: tuple[str, ...] = (*(o.value for o in Origin), "unknown")


def arrivals_of(design: Design) -> Arrivals:
    """Region actors by origin; moved in = domestic or overseas; spin-offs of universities."""
    by_origin = dict.fromkeys(ORIGIN_KEYS, 0)
    region = moved_companies = unknown_companies = university_spin_offs = 0
    actors = design.actors
    for actor in actors.values():
        if actor.location is not Location.REGION:
            continue
        region += 1
        origin = actor.origin
        by_origin["unknown" if origin is None else origin.value] += 1
        if actor.sector is Sector.COMPANY:
            if origin is None:
                unknown_companies += 1
            elif origin.moved_in:
                moved_companies += 1
        if origin is Origin.SPIN_OFF and actor.parent:
            parent = actors.get(actor.parent)
            if parent is not None and parent.sector is Sector.UNIVERSITY:
                university_spin_offs += 1
    count = by_origin[Origin.DOMESTIC.value] + by_origin[Origin.OVERSEAS.value]
    return Arrivals(
        by_origin=by_origin,
        count=count,
        share=count / region if region else None,
        university_spin_offs=university_spin_offs,
        moved_in_companies=moved_companies,
        unknown_companies=unknown_companies,
    )


def groups_of(design: Design) -> GroupFigures:
    """Groups joining all three sectors, and groups with a member outside the region."""
    actors = design.actors
    with_sector = dict.fromkeys((s.value for s in Sector), 0)
    triple = outside = 0
    groups = list(design.groups.values())
    for group in groups:
        members = [actors[m] for m in group.members]
        sectors = {a.sector.value for a in members}
        for s in sectors:
            with_sector[s] += 1
        if len(sectors) == len(with_sector):
            triple += 1
        if any(a.location is not Location.REGION for a in members):
            outside += 1
    count = len(groups)
    return GroupFigures(
        count=count,
        triple_helix_share=triple / count if count else None,
        with_outside_share=outside / count if count else None,
        triple_helix=triple,
        with_outside=outside,
        with_sector=with_sector,
    )
