"""Where the region and its outside lanes are on the map, in canvas units, without Qt.

The region box is the bounding box of the `region` actors plus a margin (at least
600 × 400); the *Domestic* lane runs beside it on the left and the *Overseas* lane on the
right, each with its title at the top. An actor's location follows from which of the three
it stands in, so a layout must leave every actor on its own side: `place_in_lanes` puts the
outside actors into their lanes below the titles. Ties drawn across actors they do not
join: tie_clearance.py.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from ..model import Design, Location
from .tie_clearance import ACTOR_CLEARANCE as ACTOR_CLEARANCE
from .tie_clearance import ties_through_actors as ties_through_actors

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

REGION_MARGIN = 70.0
REGION_MIN_WIDTH, REGION_MIN_HEIGHT = 600.0, 400.0
LANE_GAP = 60.0  # between the region box and a lane
LANE_WIDTH = 260.0
LANE_TITLE = 100.0  # the first actor of a lane stands this far below its top (the title above)
PLACE_STEP = 90.0  # between actors placed in a lane


def region_box(points: Iterable[Point]) -> Box:
    """The region's box around the region actors' positions (the canvas draws this box)."""
    pts = list(points)
    if not pts:
        return (
            -REGION_MIN_WIDTH / 2,
            -REGION_MIN_HEIGHT / 2,
            REGION_MIN_WIDTH / 2,
            REGION_MIN_HEIGHT / 2,
        )
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    left, right = min(xs) - REGION_MARGIN, max(xs) + REGION_MARGIN
    top, bottom = min(ys) - REGION_MARGIN, max(ys) + REGION_MARGIN
    if right - left < REGION_MIN_WIDTH:
        grow = (REGION_MIN_WIDTH - (right - left)) / 2
        left, right = left - grow, right + grow
    if bottom - top < REGION_MIN_HEIGHT:
        grow = (REGION_MIN_HEIGHT - (bottom - top)) / 2
        top, bottom = top - grow, bottom + grow
    return (left, top, right, bottom)


def lane_boxes(region: Box) -> tuple[Box, Box]:
    """The Domestic (left) and Overseas (right) lanes beside the region box."""
    left, top, right, bottom = region
    domestic = (left - LANE_GAP - LANE_WIDTH, top, left - LANE_GAP, bottom)
    overseas = (right + LANE_GAP, top, right + LANE_GAP + LANE_WIDTH, bottom)
    return domestic, overseas


def place_in_lanes(
    design: Design, positions: Mapping[str, Point], keep: Collection[str] = frozenset()
) -> dict[str, Point]:
    """`positions` with every outside actor (except those in `keep`) moved into its lane.

    The region box is taken from the region actors in `positions`. Actors keep their order
    from top to bottom, start below the lane's title and stand PLACE_STEP apart; when a lane
    is full, further columns open outwards (still on the outside of the region box)."""
    result = dict(positions)
    box = region_box(
        result[a.id]
        for a in design.actors.values()
        if a.location is Location.REGION and a.id in result
    )
    for location, lane, outwards in zip(
        (Location.DOMESTIC, Location.OVERSEAS), lane_boxes(box), (-1, 1), strict=True
    ):
        movers = [
            a.id
            for a in design.actors.values()
            if a.location is location and a.id not in keep and a.id in result
        ]
        movers.sort(key=lambda i: (result[i][1], result[i][0]))
        top = lane[1] + LANE_TITLE
        rows = max(1, int((lane[3] - PLACE_STEP / 2 - top) // PLACE_STEP) + 1)
        first_x = lane[2] - PLACE_STEP / 2 if outwards < 0 else lane[0] + PLACE_STEP / 2
        for n, actor_id in enumerate(movers):
            column, row = divmod(n, rows)
            result[actor_id] = (first_x + outwards * column * PLACE_STEP, top + row * PLACE_STEP)
    return result
