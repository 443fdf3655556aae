"""Alembic environment: always run from code with an open connection (no alembic.ini).

`Project` passes its connection in `config.attributes["connection"]`; developers generating a
new revision do the same through `cluster_designer.storage.migrate`.
"""

from __future__ import annotations

from alembic import context

from cluster_designer.storage.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through cluster_designer.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables instead
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
