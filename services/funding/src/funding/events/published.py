"""The events the funding service publishes (its contracts with other services).

Subjects ``agora.funding.<name>``, types ``agora.funding.<name>.v1``; written to the outbox in the
transaction that makes the change. Only pseudonymous actor ids, never personal data.
"""

from __future__ import annotations

from typing import Any

from agora_common.events import CloudEvent

from funding.commitments.models import Commitment
from funding.money import format_amount

STREAM = "FUNDING"
SUBJECTS = ["agora.funding.>"]
SOURCE = "agora/funding"


def _event(name: str, commitment: Commitment, data: dict[str, Any]) -> tuple[str, CloudEvent]:
    return f"agora.funding.{name}", CloudEvent(
        type=f"agora.funding.{name}.v1",
        source=SOURCE,
        subject=commitment.id,
        data=data,
    )


def _amount(commitment: Commitment, minor: int | None) -> str | None:
    if minor is None or commitment.minor_units is None:
        return None
    return format_amount(minor, commitment.minor_units)


def commitment_made(commitment: Commitment) -> tuple[str, CloudEvent]:
    return _event(
        "commitment_made",
        commitment,
        {
            "commitment_id": commitment.id,
            "donor": commitment.donor,
            "actor_id": commitment.actor_id,
            "instrument": commitment.instrument,
            "amount": _amount(commitment, commitment.amount_minor),
            "currency": commitment.currency,
            "period": {
                "start": commitment.period_start.isoformat(),
                "end": commitment.period_end.isoformat(),
            },
            "purposes": list(commitment.purposes),
            "status": commitment.status,
            "horizon": commitment.horizon,
            "version": commitment.version,
        },
    )


def commitment_cancelled(commitment: Commitment) -> tuple[str, CloudEvent]:
    return _event(
        "commitment_cancelled",
        commitment,
        {
            "commitment_id": commitment.id,
            "donor": commitment.donor,
            "actor_id": commitment.actor_id,
            "status": "cancelled",
            "version": commitment.version,
        },
    )


def commitment_status_changed(commitment: Commitment) -> tuple[str, CloudEvent]:
    return _event(
        "commitment_status_changed",
        commitment,
        {
            "commitment_id": commitment.id,
            "donor": commitment.donor,
            "actor_id": commitment.actor_id,
            "status": commitment.status,
            "version": commitment.version,
        },
    )


def disbursement_recorded(
    commitment: Commitment, *, amount_minor: int, on: str
) -> tuple[str, CloudEvent]:
    return _event(
        "disbursement_recorded",
        commitment,
        {
            "commitment_id": commitment.id,
            "donor": commitment.donor,
            "actor_id": commitment.actor_id,
            "amount": _amount(commitment, amount_minor),
            "currency": commitment.currency,
            "date": on,
            "disbursed_total": _amount(commitment, commitment.disbursed_minor),
            "status": commitment.status,
            "version": commitment.version,
        },
    )


def overlap_detected(
    commitment: Commitment, overlapping: list[tuple[str, str]]
) -> tuple[str, CloudEvent]:
    return _event(
        "overlap_detected",
        commitment,
        {
            "commitment_id": commitment.id,
            "actor_id": commitment.actor_id,
            "donor": commitment.donor,
            "purposes": list(commitment.purposes),
            "overlapping": [{"commitment_id": c, "donor": d} for c, d in overlapping],
        },
    )
