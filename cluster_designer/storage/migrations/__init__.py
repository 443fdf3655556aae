"""Alembic migrations of the project schema, shipped inside the package and run from code."""
