"""The table of assessments: one evaluator's scores of one actor in one cycle."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


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
