"""Tables of overlap notices: one per pair of overlapping commitments, seen by both donors."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base


class Overlap(Base):
    """Two donors' live commitments to one actor that share a purpose and time.

    ``earlier`` existed when ``later`` was made (overlaps are found at commitment creation).
    Both donors see the notice; either may resolve it. Overlaps inside one joint programme are
    ``coordinated`` and never open.
    """

    __tablename__ = "overlaps"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(64))
    earlier_commitment_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("commitments.id", ondelete="CASCADE")
    )
    earlier_donor: Mapped[str] = mapped_column(String(16))
    later_commitment_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("commitments.id", ondelete="CASCADE")
    )
    later_donor: Mapped[str] = mapped_column(String(16))
    shared_purposes: Mapped[list[str]] = mapped_column(JSON)
    coordinated: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(12))
    resolution: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        # A donor's notices, newest first, from either side.
        Index("ix_overlaps_earlier_donor", "earlier_donor", "created_at", "id"),
        Index("ix_overlaps_later_donor", "later_donor", "created_at", "id"),
        Index("ix_overlaps_actor", "actor_id"),
        Index("ix_overlaps_earlier_commitment", "earlier_commitment_id"),
        Index("ix_overlaps_later_commitment", "later_commitment_id"),
    )
