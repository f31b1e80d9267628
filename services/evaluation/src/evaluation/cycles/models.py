"""Tables of evaluation cycles: cycles, declared conflicts, assessments and activities."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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


class ConflictDeclaration(Base):
    """An evaluator's declared conflict of interest with an actor; it holds for every cycle."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("evaluator_id", "actor_id", name="uq_conflicts_evaluator"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    evaluator_id: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Assessment(Base):
    """One evaluator's scores of one actor in one cycle (at most one per evaluator)."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("cycle_id", "actor_id", "evaluator_id", name="uq_assessments_once"),
        Index("ix_assessments_cycle_submitted", "cycle_id", "submitted_at", "id"),
        Index("ix_assessments_actor", "actor_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"))
    actor_id: Mapped[str] = mapped_column(String(64))
    evaluator_id: Mapped[str] = mapped_column(String(100))
    evaluator_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    standards_and_visions: Mapped[int] = mapped_column(Integer)
    knowledge_generation: Mapped[int] = mapped_column(Integer)
    domestic_outreach: Mapped[int] = mapped_column(Integer)
    rationale: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def scores(self) -> dict[str, int]:
        return {
            "standards_and_visions": self.standards_and_visions,
            "knowledge_generation": self.knowledge_generation,
            "domestic_outreach": self.domestic_outreach,
        }


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
    reported_by: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
