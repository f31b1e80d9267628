"""The table of evaluators' declared conflicts of interest."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class ConflictDeclaration(Base):
    """An evaluator's declared conflict of interest with an actor; it holds for every cycle."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("evaluator_id", "actor_id", name="uq_conflicts_evaluator"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    evaluator_id: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime())
