"""Tables of funding commitments."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from funding.models import Base


class Commitment(Base):
    """One donor's commitment to one actor. Amounts are integers of the currency's minor unit."""

    __tablename__ = "commitments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    donor: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    instrument: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    minor_units: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    purposes: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))
    horizon: Mapped[str] = mapped_column(String(5))
    # Other donors see a confidential commitment only as an overlap flag (donor, period, shared
    # purposes) and reports never show its amount: see the README's "Confidential commitments".
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A joint programme it belongs to: overlaps with the programme's other commitments are
    # coordinated, not open notices.
    programme_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disbursed_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When it became binding and when it stopped: reports as of a date read these.
    committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    disbursements: Mapped[list[Disbursement]] = relationship(
        order_by="Disbursement.recorded_at", lazy="raise"
    )

    __table_args__ = (
        Index("ix_commitments_created", "created_at", "id"),
        Index("ix_commitments_actor_period", "actor_id", "period_start", "period_end"),
        Index("ix_commitments_donor_created", "donor", "created_at", "id"),
        Index("ix_commitments_period", "period_start", "period_end"),
        # Thin grants: the commitments of a currency below an amount (funding.reports).
        Index("ix_commitments_currency_amount", "currency", "amount_minor"),
    )


class CommitmentStatusPeriod(Base):
    """One status a commitment held, from ``valid_from`` until ``valid_to`` (open: still holds).

    ``version`` is the commitment's version when the status began. A commitment without rows has
    held the status it was made with since it was recorded: the first change writes that period
    too. A report as of a past day reads the status in force at the end of that day
    (``funding.reports``).
    """

    __tablename__ = "commitment_status_history"

    commitment_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_to: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CommitmentPurpose(Base):
    """One purpose of a commitment: lets overlap checks and filters use an index."""

    __tablename__ = "commitment_purposes"

    commitment_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    purpose: Mapped[str] = mapped_column(String(24), primary_key=True)

    __table_args__ = (Index("ix_commitment_purposes_purpose", "purpose", "commitment_id"),)


class Disbursement(Base):
    __tablename__ = "disbursements"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    commitment_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
