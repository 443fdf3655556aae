"""Where actors come from, joint research organizations, and the timeline of designs.

Actors gain `origin`, `arrived` and `parent`; designs gain `year`; a new `actor_groups` table holds
each design's groups (consortia, joint research projects, councils). Existing rows keep every
value: the new columns start empty (origin unknown, no year, no parent) and no design has
groups yet.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: SQLite's batch mode would rebuild the tables, and
    # dropping the old ones would cascade to every actor and tie.
    op.add_column("actors", sa.Column("origin", sa.String(20), nullable=True))
    op.add_column("actors", sa.Column("arrived", sa.Integer(), nullable=True))
    op.add_column(
        "actors", sa.Column("parent", sa.String(200), nullable=False, server_default="")
    )
    op.add_column("designs", sa.Column("year", sa.Integer(), nullable=True))
    op.create_table(
        "actor_groups",
        sa.Column(
            "design_id",
            sa.Integer(),
            sa.ForeignKey("designs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("group_id", sa.String(200), primary_key=True),
        sa.Column("seq", sa.Float(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False, server_default=""),
        sa.Column("members", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("since", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("actor_groups")
    op.drop_column("designs", "year")
    op.drop_column("actors", "parent")
    op.drop_column("actors", "arrived")
    op.drop_column("actors", "origin")
