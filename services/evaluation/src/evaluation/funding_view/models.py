"""The evaluation service's read model of funding commitments, kept from the funding events."""

from __future__ import annotations

from datetime import date, datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Boolean, Date, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base


class FundedCommitment(Base):
    """One donor's commitment to one actor, as far as evaluation needs it.

    Amounts are decimal strings (exact on SQLite too). A later change (cancellation, status change,
    disbursement) seen before the commitment itself leaves a row with only what the change said and
    no period; the late "made" then fills in the commitment's facts, while status and version stay
    the newer ones.
    """

    __tablename__ = "funded_commitments"
    __table_args__ = (Index("ix_funded_commitments_actor_donor", "actor_id", "donor"),)

    commitment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    donor: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    instrument: Mapped[str | None] = mapped_column(String(32), nullable=True)
    amount: Mapped[str | None] = mapped_column(String(40), nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    disbursed_total: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # A confidential commitment arrives without amount or currency; it counts for the
    # conflict-of-interest rule but in no report (it is the donor's to show, not ours).
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class FxRate(Base):
    """EUR per one unit of a currency from ``as_of`` on, as funding's operators set it.

    A second rate for the same day corrects the first; ``event_time`` keeps the later one when
    the two arrive out of order. Decimal text, exact on SQLite too.
    """

    __tablename__ = "fx_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    eur_per_unit: Mapped[str] = mapped_column(String(40))
    event_time: Mapped[datetime] = mapped_column(UTCDateTime())
