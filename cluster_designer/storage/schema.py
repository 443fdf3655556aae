"""The tables of a project, as typed SQLAlchemy models; the migrations create exactly these.

Actor and tie rows carry a `seq` so the design's order survives a round trip; tags and extra
attributes are JSON text so the same schema works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Float, ForeignKey, Integer, String, Table, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from ..i18n import _

# "CluD" as a big-endian 32-bit integer: PRAGMA application_id marks SQLite files as ours.
APPLICATION_ID = 0x436C7544
FORMAT_NAME = "cluster-designer-project"


def new_design_uid() -> str:
    return uuid.uuid4().hex


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime kept as ISO-8601 text, identical on every database."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except (ValueError, TypeError):
            raise StoredValueError(
                _("a stored date reads '{value}'").format(value=str(value)[:40])
            ) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class StoredValueError(ValueError):
    """A value in the database that no version of the program wrote (edited or damaged);
    `Project` reports it as a damaged project, in one line."""


class Base(DeclarativeBase):
    pass


class ProjectInfoRow(Base):
    """Key/value facts about the file: format name, the app version that wrote it, its id."""

    __tablename__ = "project_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class DesignRow(Base):
    __tablename__ = "designs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UtcDateTime)
    updated: Mapped[datetime] = mapped_column(UtcDateTime)
    # Optimistic lock: bumped by every write; a save from an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The family of designs whose actor ids mean the same actors (see model.same_lineage).
    lineage: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # Never shared by two designs, even when SQLite hands a deleted design's id out again:
    # a save checks it with the id, so it cannot land in a design that replaced its own.
    uid: Mapped[str | None] = mapped_column(String(32), default=new_design_uid)
    # The year the design depicts; designs with a year form the project's timeline.
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ActorRow(Base):
    __tablename__ = "actors"

    design_id: Mapped[int] = mapped_column(
        ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    seq: Mapped[float] = mapped_column(Float)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(20))
    subtype: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(20))
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    staff: Mapped[float | None] = mapped_column(Float)
    budget: Mapped[float | None] = mapped_column(Float)
    tags: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str | None] = mapped_column(String(20), nullable=True)
    arrived: Mapped[int | None] = mapped_column(Integer, nullable=True)
    parent: Mapped[str] = mapped_column(String(200), default="", server_default="")
    extra: Mapped[str] = mapped_column(Text, default="{}")


class TieRow(Base):
    __tablename__ = "ties"
    design_id: Mapped[int] = mapped_column(
        ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    notes: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[str] = mapped_column(Text, default="{}")


class GroupRow(Base):
    """A joint research organization, consortium, project or council of a design."""

    __tablename__ = "actor_groups"
    design_id: Mapped[int] = mapped_column(
        ForeignKey("designs.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    seq: Mapped[float] = mapped_column(Float)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of actor ids
    since: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


# Declarative classes type `__table__` as any FromClause; these are plain tables.
ACTORS = cast(Table, ActorRow.__table__)
TIES = cast(Table, TieRow.__table__)
GROUPS = cast(Table, GroupRow.__table__)
DESIGNS = cast(Table, DesignRow.__table__)
PROJECT_INFO = cast(Table, ProjectInfoRow.__table__)
