"""The table of evaluator assignments: which evaluator is to assess which actor in a cycle."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class Assignment(Base):
    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("cycle_id", "actor_id", "evaluator_id", name="uq_assignments_once"),
        Index("ix_assignments_cycle_created", "cycle_id", "created_at", "id"),
        Index("ix_assignments_evaluator", "evaluator_id", "cycle_id"),
        Index("ix_assignments_actor", "actor_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"))
    actor_id: Mapped[str] = mapped_column(String(64))
    evaluator_id: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
