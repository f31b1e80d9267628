"""The evaluation service's read model of actors, kept from the registry's events."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class KnownActor(Base):
    """What this service knows of an actor: its pseudonymous id and public attributes only.

    An erasure leaves a tombstone (``erased``, attributes possibly unknown) so that a late,
    older event can never bring the actor back.
    """

    __tablename__ = "known_actors"

    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    sectors: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    host_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    origin_region: Mapped[str | None] = mapped_column(String(8), nullable=True)
    custodian_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
