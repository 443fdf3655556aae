"""The one table of fields: every format lists the entity's fields from it, in its order."""

from __future__ import annotations

from dataclasses import fields

from cluster_designer.io import records
from cluster_designer.io.graph_records import EDGE_FIELDS, NODE_FIELDS
from cluster_designer.model import ACTOR_TABLE, TIE_TABLE, Actor, Sector, Tie
from cluster_designer.model.enums import SECTOR_PLURALS
from cluster_designer.storage import rows


def test_tables_follow_the_entities_field_order() -> None:
    # Storage builds actors positionally from the table: the orders must agree.
    assert [f.name for f in ACTOR_TABLE] == [f.name for f in fields(Actor) if f.name != "extra"]
    assert [f.name for f in TIE_TABLE] == [
        f.name for f in fields(Tie) if f.name not in ("extra", "uid")
    ]


def test_every_format_takes_its_columns_from_the_table() -> None:
    actor_names = tuple(f.name for f in ACTOR_TABLE)
    tie_names = tuple(f.name for f in TIE_TABLE)
    assert actor_names == records.ACTOR_COLUMNS
    assert tie_names == records.TIE_COLUMNS
    assert ("actor_id", *actor_names[1:], "extra", "seq") == rows.ACTOR_COLUMNS
    assert ("uid", *tie_names, "extra", "seq") == rows.TIE_COLUMNS
    assert set(NODE_FIELDS) == set(actor_names) - {"id", "x", "y"}
    assert EDGE_FIELDS == ("kind", "weight", "notes")


def test_sector_plurals_in_one_place() -> None:
    assert SECTOR_PLURALS["company"] == "companies"
    assert Sector.SUPPORT.plural == "support organizations"
