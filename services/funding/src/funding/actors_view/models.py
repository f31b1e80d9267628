"""The funding service's read model of actors, kept from the registry's events."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import JSON, Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base


class KnownActor(Base):
    """What this service knows of an actor: its pseudonymous id and public attributes only.

    An erased actor stays as a tombstone (id, version, ``erased``) with every attribute dropped,
    so that a late or replayed older event cannot bring it back.
    """

    __tablename__ = "known_actors"

    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    sectors: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    activities: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    host_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    origin_region: Mapped[str | None] = mapped_column(String(8), nullable=True)
    custodian_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    established_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    relocated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Leadership (public, for non-individual actors); null while the registry has not said.
    women_led: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    minority_led: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    regional: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ActorVetting(Base):
    """The latest vetting decision of one state on one actor (``agora.actors.vetting_decided``).

    Used only to warn a donor who commits to an actor its own state declined.
    """

    __tablename__ = "actor_vetting"

    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
