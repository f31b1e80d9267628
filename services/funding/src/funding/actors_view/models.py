"""The funding service's read model of actors, kept from the registry's events."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base


class KnownActor(Base):
    """What this service knows of an actor: its pseudonymous id and public attributes only."""

    __tablename__ = "known_actors"

    actor_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    sectors: Mapped[list[str]] = mapped_column(JSON)
    host_country: Mapped[str] = mapped_column(String(2))
    custodian_state: Mapped[str] = mapped_column(String(16))
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
