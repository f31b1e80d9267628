"""Tables of joint programmes: donors who fund together on purpose."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding.models import Base


class Programme(Base):
    """A joint programme of several donors; their commitments in it overlap by design."""

    __tablename__ = "programmes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    donors: Mapped[list[ProgrammeDonor]] = relationship(
        order_by="ProgrammeDonor.donor", lazy="selectin", cascade="all, delete-orphan"
    )


class ProgrammeDonor(Base):
    __tablename__ = "programme_donors"

    programme_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True
    )
    donor: Mapped[str] = mapped_column(String(16), primary_key=True)
    # The programmes of one donor, newest first, for GET /programmes.
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_programme_donors_donor", "donor", "joined_at", "programme_id"),)
