"""The roster of evaluators that assignments draw from."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class Evaluator(Base):
    """An evaluator client available for assignment, with the affiliation its identity carries.

    The service learns evaluators only from the signed identity of their requests: an evaluator
    enrols itself (``PUT /v1/evaluation/evaluators/me``) or by declaring a conflict, and each such
    request refreshes its affiliated state, so an admin can never mistype an affiliation.
    """

    __tablename__ = "evaluators"
    __table_args__ = (Index("ix_evaluators_enrolled", "enrolled_at", "client_id"),)

    client_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
