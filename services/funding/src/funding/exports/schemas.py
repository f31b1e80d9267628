"""What the exports render: one donor's commitment as plain values, and who publishes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


@dataclass(frozen=True, slots=True)
class Payment:
    """One disbursement, its amount exact in the commitment's currency."""

    id: str
    amount: Decimal
    date: date


@dataclass(frozen=True, slots=True)
class ExportedCommitment:
    """A commitment with what the exports may say of its recipient: kind and host country only
    (the funding service holds no names or other personal data of actors)."""

    id: str
    actor_id: str
    actor_kind: str | None
    host_country: str | None
    instrument: str
    amount: Decimal | None
    currency: str | None
    period_start: date
    period_end: date
    purposes: tuple[str, ...]
    status: str
    confidential: bool
    created_at: datetime
    updated_at: datetime
    committed_at: datetime | None
    disbursements: tuple[Payment, ...]

    @property
    def to_individual(self) -> bool:
        return self.actor_kind == "individual"

    @property
    def disbursed(self) -> Decimal:
        return sum((p.amount for p in self.disbursements), Decimal(0))


@dataclass(frozen=True, slots=True)
class Publisher:
    """The donor whose export it is, with its settings."""

    donor: str
    org_ref: str
    flag_confidential: bool
    generated_at: datetime
