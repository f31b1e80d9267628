"""Request and response bodies of commitments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from funding.commitments.rules import Horizon, Instrument, Purpose, Status
from funding.schemas import CurrencyCode, DecimalString, IsoDate, OpaqueId


class PeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: IsoDate
    end: IsoDate


class CommitmentCreate(BaseModel):
    """A new commitment; the donor is the caller's state, never part of the body."""

    model_config = ConfigDict(extra="forbid")

    actor_id: OpaqueId
    instrument: Instrument
    amount: DecimalString | None = None
    currency: CurrencyCode | None = None
    period: PeriodIn
    purposes: list[Purpose] = Field(min_length=1, max_length=len(Purpose))
    status: Literal[Status.pledged, Status.committed] = Status.committed


class DisbursementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: DecimalString
    date: IsoDate


class Period(BaseModel):
    start: date
    end: date


class DisbursementOut(BaseModel):
    id: str
    amount: str
    currency: str
    date: date
    recorded_at: datetime


class OverlapOut(BaseModel):
    """Another donor's live commitment to the same actor, same purpose, intersecting period."""

    commitment_id: str
    donor: str
    instrument: Instrument
    status: Status
    period: Period
    shared_purposes: list[Purpose]


class CommitmentOut(BaseModel):
    id: str
    donor: str
    actor_id: str
    instrument: Instrument
    amount: str | None = Field(description="Decimal string; null for permits.")
    currency: str | None
    period: Period
    purposes: list[Purpose]
    status: Status
    horizon: Horizon
    disbursed: str | None = Field(description="Sum of disbursements; null for permits.")
    version: int
    created_at: datetime
    updated_at: datetime


class CommitmentCreated(CommitmentOut):
    overlaps: list[OverlapOut]


class CommitmentDetail(CommitmentOut):
    disbursements: list[DisbursementOut]


class CommitmentPage(BaseModel):
    items: list[CommitmentOut]
    next_cursor: str | None
