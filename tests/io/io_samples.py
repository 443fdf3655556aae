"""The one design every format's round-trip tests use.

It holds what each format finds hard, so a round trip through any of them checks them all:
Japanese text, quotes, `<&>` and line breaks in notes, extra attributes with Japanese names,
a formula-looking name and a number-looking id (Excel), tiny and huge coordinates, every
sector and location, two ties of different kinds on one pair and directed ties both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cluster_designer.model import Design, make_actor, make_tie


def sample_design() -> Design:
    design = Design(
        "浜松 2030",
        region="静岡県西部",
        description="産学官の連携\n二行目",
        created=datetime(2024, 4, 1, 9, 30, tzinfo=UTC),
    )
    design.add_actors(
        [
            make_actor(
                id="U1",
                name="静岡大学",
                sector="university",
                subtype="national university",
                x=0.25,
                y=-40.5,
                staff=1200,
                budget=3.5e9,
                tags=["光", "AI"],
                notes='メモ <&> "引用", twice\n改行',
                extra={"url": "https://www.shizuoka.ac.jp", "代表": "山田"},
            ),
            make_actor(
                id="C1",
                name="浜松ホトニクス",
                sector="company",
                location="domestic",
                budget=0.1,
                x=1e-7,
                y=123456789.123,
            ),
            make_actor(
                id="S1",
                name="浜松市",
                sector="support",
                location="overseas",
                budget=12.5,
                extra={"代表": "佐藤"},
            ),
            make_actor(id="101", name='=HYPERLINK("http://evil")', sector="company", x=100, y=200),
        ]
    )
    design.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration", weight=3),
            make_tie(source="U1", target="C1", kind="funding", weight=2.5, notes="共同研究費"),
            make_tie(source="C1", target="U1", kind="funding", weight=12.5),
            make_tie(
                source="S1",
                target="101",
                kind="human_resources",
                weight=0.333,
                extra={"year": "2024"},
            ),
            make_tie(source="101", target="C1", kind="technology_transfer"),
        ]
    )
    return design
