"""Designs remember their lineage: the family of designs whose actor ids mean the same actors.

A duplicate or a copy keeps its original's lineage, so a comparison may match their actors by
id; designs drawn separately get lineages of their own and are matched by name. Designs of an
older file get lineages here: two of them share one when they have ids in common and at least
nine in ten of those ids carry the same name in both (the mark of a duplicate); otherwise, as
for a design drawn from scratch whose automatic ids ("C10") happen to recur, each its own.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

SAME_NAME_SHARE = 0.9


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def upgrade() -> None:
    # A plain ALTER TABLE: SQLite's batch mode would rebuild the table, and dropping the
    # old one would cascade to every actor and tie.
    op.add_column(
        "designs", sa.Column("lineage", sa.String(32), nullable=False, server_default="")
    )
    conn = op.get_bind()
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for design_id, actor_id, name in conn.execute(
        sa.text("SELECT design_id, actor_id, name FROM actors")
    ):
        names[design_id][actor_id] = _key(name)
    design_ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM designs ORDER BY id"))]
    family = {d: d for d in design_ids}

    def root(d: int) -> int:
        while family[d] != d:
            d = family[d]
        return d

    for i, a in enumerate(design_ids):
        for b in design_ids[i + 1 :]:
            shared = names[a].keys() & names[b].keys()
            if not shared:
                continue
            same = sum(1 for k in shared if names[a][k] == names[b][k])
            if same >= SAME_NAME_SHARE * len(shared):
                family[root(b)] = root(a)
    lineages: dict[int, str] = {}
    for d in design_ids:
        lineage = lineages.setdefault(root(d), uuid.uuid4().hex)
        conn.execute(
            sa.text("UPDATE designs SET lineage = :lineage WHERE id = :id"),
            {"lineage": lineage, "id": d},
        )


def downgrade() -> None:
    op.drop_column("designs", "lineage")  # SQLite 3.35+ drops a column in place
