"""Totals the concentration report reads instead of every commitment, kept with each change.

``funding_totals`` holds, per (actor, donor, currency, instrument, horizon, confidential), the
count and the summed amount (in the currency's minor units) of the commitments that bind on the
day in ``funding_totals_day``: status committed, disbursed or completed, and a period covering
that day. Amounts stay in their currency: the report converts each row with the rates of its
date, so setting an FX rate rewrites nothing. Each commitment, status change and cancellation
updates its row in the same transaction; erasure deletes the actor's rows; the first report of a
new day rebuilds the rows for that day (:func:`funding.reports.totals.roll_totals`).

``funding_amounts`` holds the same day's non-confidential monetary commitments by amount (how
many of each actor have each amount, per currency, instrument and horizon): thin grants are a
count per commitment against a cut-off that depends on the rate, read from its index on
(currency, amount) without touching the commitments.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from funding.models import Base

NO_CURRENCY = ""  # permits carry no amount; a primary key column cannot be null


class FundingTotal(Base):
    __tablename__ = "funding_totals"

    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    donor: Mapped[str] = mapped_column(String(16), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(20), primary_key=True)
    horizon: Mapped[str] = mapped_column(String(5), primary_key=True)
    confidential: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    commitments: Mapped[int] = mapped_column(Integer)
    # A sum of amounts below 10^15 each: a row overflows BIGINT only past 9,223 maximal
    # commitments of one donor to one actor in one currency, instrument and horizon.
    amount_minor: Mapped[int] = mapped_column(BigInteger)


class FundingAmount(Base):
    __tablename__ = "funding_amounts"

    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    instrument: Mapped[str] = mapped_column(String(20), primary_key=True)
    horizon: Mapped[str] = mapped_column(String(5), primary_key=True)
    commitments: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_funding_amounts_currency_amount", "currency", "amount_minor"),)


class FundingTotalsDay(Base):
    """The one day ``funding_totals`` describes (a single row, id 1)."""

    __tablename__ = "funding_totals_day"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)


class ReportInputs(Base):
    """Versions of what the concentration report reads, in ``INPUT_SHARDS`` rows: each change
    to it bumps one row (chosen by actor or currency) in its own transaction, so that a kept
    report is known to be current when the versions it was computed at still hold. Sharded so
    that concurrent commitments to different actors rarely wait for the same row."""

    __tablename__ = "report_inputs"

    shard: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


INPUT_SHARDS = 16
