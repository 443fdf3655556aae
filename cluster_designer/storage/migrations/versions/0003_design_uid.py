"""Every design gets an identity of its own that no later design ever shares.

SQLite reuses the row id of a deleted last row, so a program still holding a design that
another program deleted or replaced meanwhile would take the new design for its own and
save into it. A random `uid`, checked with the id on every save, tells them apart.

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-10
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("designs", sa.Column("uid", sa.String(32), nullable=True))
    designs = sa.table("designs", sa.column("id", sa.Integer()), sa.column("uid", sa.String(32)))
    bind = op.get_bind()
    for (design_id,) in bind.execute(sa.select(designs.c.id)).all():
        bind.execute(
            sa.update(designs).where(designs.c.id == design_id).values(uid=uuid.uuid4().hex)
        )


def downgrade() -> None:
    # In place (SQLite 3.35+): batch mode would rebuild the table, and dropping the old one
    # would cascade to every actor and tie.
    op.drop_column("designs", "uid")
