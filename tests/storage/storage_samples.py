"""Sample designs for the storage tests, and the type of the `project_factory` fixture."""

from __future__ import annotations

from collections.abc import Callable

from cluster_designer.model import Design, make_actor, make_group, make_tie
from cluster_designer.storage import Project

ProjectFactory = Callable[..., Project]


def full_design(name: str = "静岡 2030") -> Design:
    """A design that uses every field, Japanese text, tags, extra attributes and empty values."""
    design = Design(
        name, region="静岡県", description="浜松・静岡の産学官連携\nsecond line", year=2030
    )
    design.add_actors(
        [
            make_actor(
                id="U1", name="静岡大学", sector="university", subtype="national university",
                location="region", x=10.5, y=-20.25, staff=3000, budget=1.5e10,
                tags="ロボット;AI", notes="工学部", extra={"url": "https://www.shizuoka.ac.jp", "色": "青"},
            ),
            make_actor(id="C1", name="スズキ株式会社", sector="company", subtype="large firm", x=0, y=0,
                       origin="moved in", arrived=1985),
            make_actor(id="C2", name="Start-up ☆", sector="company", location="domestic", staff=0),
            make_actor(id="S1", name="浜松市", sector="support", subtype="municipality", location="region",
                       origin="地元"),
            make_actor(id="C3", name="静大発ベンチャー", sector="company", origin="spin_off", parent="U1",
                       arrived=2021),
            make_actor(id="O1", name="Overseas Lab", sector="support", location="overseas", budget=0.0),
        ]
    )  # fmt: skip
    design.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration", weight=3, notes="共同研究"),
            make_tie(source="S1", target="C2", kind="funding", weight=2.5e6, extra={"年": "2024"}),
            make_tie(source="C1", target="U1", kind="funding"),
            make_tie(source="O1", target="U1", kind="human_resources", weight=4),
            make_tie(source="C2", target="U1", kind="information"),
            make_tie(source="U1", target="C2", kind="technology_transfer", weight=1),
        ]
    )
    design.add_group(
        make_group(id="G1", name="浜松ロボット協議会", kind="council", members="U1;C1;S1", since=2019,
                   notes="産学官")
    )  # fmt: skip
    design.add_group(make_group(id="G2", name="Outside link", members=("O1", "C2", "C3")))
    return design
