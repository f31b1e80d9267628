"""The table of evaluation cycles."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base

OPEN = "open"
CLOSED = "closed"


class Cycle(Base):
    __tablename__ = "cycles"
    __table_args__ = (Index("ix_cycles_created", "created_at", "id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN
