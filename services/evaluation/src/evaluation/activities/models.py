"""The table of supported activities, with aggregate participant counts."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class Activity(Base):
    """A supported activity with aggregate participant counts: never a list of people."""

    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_cycle_actor", "cycle_id", "actor_id"),
        Index("ix_activities_actor", "actor_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"))
    actor_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    participants_total: Mapped[int] = mapped_column(Integer)
    participants_women: Mapped[int] = mapped_column(Integer)
    participants_non_russian: Mapped[int] = mapped_column(Integer)
    audience_inside_russia: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The commitment that funds the activity, if named, and that commitment's donor: a linked
    # activity counts in that donor's representation figures only.
    commitment_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    funded_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reported_by: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
