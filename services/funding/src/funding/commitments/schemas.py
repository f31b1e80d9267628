"""Request and response bodies of commitments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from agora_common.ids import OpaqueId
from agora_common.pagination import Page
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from pydantic.json_schema import JsonDict

from funding.commitments.models import Commitment, Disbursement
from funding.commitments.rules import Horizon, Instrument, Purpose, Status
from funding.money import format_amount
from funding.overlaps.models import Overlap
from funding.schemas import CurrencyCode, DecimalString, IsoDate

# Examples: Germany's two-year grant to a relocated newsroom, EUR 40,000 of it disbursed, and
# the Netherlands' fellowship that overlaps it.
COMMITMENT_EXAMPLE: JsonDict = {
    "id": "cmt_Jr5tVw8nQ2kXp7LmZc4bHa",
    "donor": "DE",
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "instrument": "grant",
    "amount": "120000.00",
    "currency": "EUR",
    "period": {"start": "2026-01-01", "end": "2027-12-31"},
    "purposes": ["anti_war", "domestic_outreach"],
    "status": "committed",
    "horizon": "short",
    "disbursed": "40000.00",
    "confidential": False,
    "programme_id": None,
    "version": 3,
    "created_at": "2025-12-15T10:00:00Z",
    "updated_at": "2026-03-02T09:15:00Z",
}
_DISBURSEMENT: JsonDict = {
    "id": "dsb_Yx3mKq9wRt6nLp2vZb8cJd",
    "amount": "40000.00",
    "currency": "EUR",
    "date": "2026-03-01",
    "recorded_at": "2026-03-02T09:15:00Z",
}
_OVERLAP: JsonDict = {
    "overlap_id": "ovl_Bn4kWz7qLx2mRt9vPc5sYe",
    "coordinated": False,
    "commitment_id": "cmt_Gv8pLx3nTq6wKz2mRc9bYh",
    "donor": "NL",
    "confidential": False,
    "instrument": "fellowship",
    "status": "committed",
    "period": {"start": "2026-06-01", "end": "2027-05-31"},
    "shared_purposes": ["anti_war"],
}


@dataclass(frozen=True, slots=True)
class CommitmentFilter:
    """The list's filters; they combine (all must hold)."""

    actor_id: str | None = None
    donor: str | None = None
    # The calling donor: another donor's confidential commitments are never listed to it.
    viewer: str | None = None
    status: str | None = None
    purpose: str | None = None
    active_on: date | None = None


class PeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: IsoDate
    end: IsoDate


class CommitmentCreate(BaseModel):
    """A new commitment; the donor is the caller's state, never part of the body."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "instrument": "grant",
                    "amount": "120000.00",
                    "currency": "EUR",
                    "period": {"start": "2026-01-01", "end": "2027-12-31"},
                    "purposes": ["anti_war", "domestic_outreach"],
                    "status": "committed",
                    "confidential": False,
                },
                {
                    "actor_id": "act_Hq7sN2vLx9WkPz4mRt8cYd",
                    "instrument": "residence_permit",
                    "period": {"start": "2026-04-01", "end": "2029-03-31"},
                    "purposes": ["repression_support"],
                },
            ]
        },
    )

    actor_id: OpaqueId
    instrument: Instrument
    amount: DecimalString | None = None
    currency: CurrencyCode | None = None
    period: PeriodIn
    purposes: list[Purpose] = Field(min_length=1, max_length=len(Purpose))
    status: Literal[Status.pledged, Status.committed] = Status.committed
    confidential: StrictBool = Field(
        default=False,
        description="Other donors see it only as an overlap flag on their own commitments "
        "(donor, period, shared purposes); reports never show its amount.",
    )
    programme_id: OpaqueId | None = Field(
        default=None,
        description="A joint programme the caller's state takes part in: overlaps with the "
        "programme's other commitments are coordinated, not open notices.",
    )


class DisbursementCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"amount": "40000.00", "date": "2026-03-01"}]},
    )

    amount: DecimalString
    date: IsoDate


class Period(BaseModel):
    start: date
    end: date

    @classmethod
    def of(cls, commitment: Commitment) -> Period:
        return cls(start=commitment.period_start, end=commitment.period_end)


class DisbursementOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_DISBURSEMENT]})

    id: str
    amount: str
    currency: str
    date: date
    recorded_at: datetime

    @classmethod
    def of(cls, commitment: Commitment, disbursement: Disbursement) -> DisbursementOut:
        assert commitment.currency is not None
        assert commitment.minor_units is not None
        return cls(
            id=disbursement.id,
            amount=format_amount(disbursement.amount_minor, commitment.minor_units),
            currency=commitment.currency,
            date=disbursement.date,
            recorded_at=disbursement.recorded_at,
        )


class WarningCode(StrEnum):
    declined_by_your_state = "declined_by_your_state"


class CommitmentWarning(BaseModel):
    """Something the donor should know; the commitment is made all the same."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "declined_by_your_state",
                    "message": "Your state's latest vetting decision on this actor is "
                    "'declined'. The commitment is recorded; check it with your vetting unit.",
                }
            ]
        }
    )

    code: WarningCode
    message: str


WARNINGS = {
    WarningCode.declined_by_your_state: "Your state's latest vetting decision on this actor "
    "is 'declined'. The commitment is recorded; check it with your vetting unit.",
}


@dataclass(frozen=True, slots=True)
class MadeCommitment:
    """A new commitment, the other donors' commitments it overlaps (with the notice of each)
    and warnings for its donor."""

    commitment: Commitment
    overlapping: list[tuple[Commitment, list[str], Overlap]]
    warnings: list[WarningCode]


class OverlapOut(BaseModel):
    """Another donor's live commitment to the same actor, same purpose, intersecting period.

    A confidential one is only a flag: donor, period and shared purposes, no instrument or status
    (and, like every overlap, no amount).
    """

    model_config = ConfigDict(json_schema_extra={"examples": [_OVERLAP]})

    overlap_id: str = Field(description="The notice both donors see in GET /overlaps.")
    coordinated: bool = Field(description="Both in one joint programme: not an open notice.")
    commitment_id: str
    donor: str
    confidential: bool
    instrument: Instrument | None = Field(description="Null for a confidential commitment.")
    status: Status | None = Field(description="Null for a confidential commitment.")
    period: Period
    shared_purposes: list[Purpose]

    @classmethod
    def of(cls, other: Commitment, shared_purposes: list[str], notice: Overlap) -> OverlapOut:
        return cls(
            overlap_id=notice.id,
            coordinated=notice.coordinated,
            commitment_id=other.id,
            donor=other.donor,
            confidential=other.confidential,
            instrument=None if other.confidential else Instrument(other.instrument),
            status=None if other.confidential else Status(other.status),
            period=Period.of(other),
            shared_purposes=[Purpose(p) for p in shared_purposes],
        )


class CommitmentOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [COMMITMENT_EXAMPLE]})

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
    confidential: bool = Field(description="Shown only to its donor.")
    programme_id: str | None = Field(description="The joint programme it belongs to, if any.")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, commitment: Commitment) -> CommitmentOut:
        return cls.model_validate(_fields(commitment))


class CommitmentCreated(CommitmentOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **COMMITMENT_EXAMPLE,
                    "disbursed": "0.00",
                    "version": 1,
                    "updated_at": COMMITMENT_EXAMPLE["created_at"],
                    "overlaps": [_OVERLAP],
                    "warnings": [],
                }
            ]
        }
    )

    overlaps: list[OverlapOut]
    warnings: list[CommitmentWarning] = Field(
        description="For the donor only; the commitment is made all the same."
    )

    @classmethod
    def made(cls, made: MadeCommitment) -> CommitmentCreated:
        """The new commitment with the other donors' commitments it overlaps, and warnings."""
        overlaps = [
            OverlapOut.of(other, shared, notice) for other, shared, notice in made.overlapping
        ]
        warnings = [CommitmentWarning(code=code, message=WARNINGS[code]) for code in made.warnings]
        return cls.model_validate(
            {**_fields(made.commitment), "overlaps": overlaps, "warnings": warnings}
        )


class CommitmentDetail(CommitmentOut):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**COMMITMENT_EXAMPLE, "disbursements": [_DISBURSEMENT]}]}
    )

    disbursements: list[DisbursementOut]

    @classmethod
    def of(cls, commitment: Commitment) -> CommitmentDetail:
        """The commitment with its disbursements (loaded with it)."""
        disbursements = [DisbursementOut.of(commitment, d) for d in commitment.disbursements]
        return cls.model_validate({**_fields(commitment), "disbursements": disbursements})


class CommitmentPage(Page[CommitmentOut]):
    """One page of commitments, newest first."""


def _fields(commitment: Commitment) -> dict[str, object]:
    """The fields of ``CommitmentOut`` of a commitment: amounts with the currency's decimals."""
    exponent = commitment.minor_units
    amount = commitment.amount_minor
    return {
        "id": commitment.id,
        "donor": commitment.donor,
        "actor_id": commitment.actor_id,
        "instrument": commitment.instrument,
        "amount": None if amount is None or exponent is None else format_amount(amount, exponent),
        "currency": commitment.currency,
        "period": Period.of(commitment),
        "purposes": commitment.purposes,
        "status": commitment.status,
        "horizon": commitment.horizon,
        "disbursed": None
        if exponent is None
        else format_amount(commitment.disbursed_minor, exponent),
        "confidential": commitment.confidential,
        "programme_id": commitment.programme_id,
        "version": commitment.version,
        "created_at": commitment.created_at,
        "updated_at": commitment.updated_at,
    }
