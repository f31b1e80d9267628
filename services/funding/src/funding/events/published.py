"""The events the funding service publishes (its contracts with other services).

Subjects ``agora.funding.<name>``, types ``agora.funding.<name>.v1``; written to the outbox in the
transaction that makes the change. Each ``data`` is built from its schema in
``agora_contracts.events``: only pseudonymous actor ids, never personal data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agora_common.events import CloudEvent, EventSource
from agora_contracts.events import (
    CommitmentChanged,
    CommitmentMade,
    DisbursementRecorded,
    FxRateSet,
    OverlapDetected,
    OverlappingCommitment,
    OverlapResolved,
    Period,
)

from funding.commitments.models import Commitment
from funding.commitments.rules import Status
from funding.fx.models import FxRate
from funding.money import from_minor
from funding.overlaps.models import Overlap

FUNDING = EventSource("funding")

Outgoing = tuple[str, CloudEvent]
"""The subject to publish on and the event, as the outbox takes them."""


def _amount(commitment: Commitment, minor: int | None) -> Decimal | None:
    """``minor`` units of the commitment's currency, with exactly its decimals ("60000.00");
    none for a confidential commitment, whose amount only its donor may see."""
    if minor is None or commitment.minor_units is None or commitment.confidential:
        return None
    return from_minor(minor, commitment.minor_units)


def _currency(commitment: Commitment) -> str | None:
    return None if commitment.confidential else commitment.currency


def commitment_made(commitment: Commitment) -> Outgoing:
    data = CommitmentMade(
        commitment_id=commitment.id,
        donor=commitment.donor,
        actor_id=commitment.actor_id,
        instrument=commitment.instrument,
        amount=_amount(commitment, commitment.amount_minor),
        currency=_currency(commitment),
        period=Period(start=commitment.period_start, end=commitment.period_end),
        purposes=list(commitment.purposes),
        status=commitment.status,
        horizon=commitment.horizon,
        version=commitment.version,
        confidential=commitment.confidential,
    )
    return FUNDING.event("commitment_made", commitment.id, data.to_data())


def commitment_changed(commitment: Commitment) -> Outgoing:
    """``commitment_cancelled`` for a cancellation, ``commitment_status_changed`` for any other
    move of the lifecycle (commit, complete)."""
    cancelled = commitment.status == Status.cancelled.value
    name = "commitment_cancelled" if cancelled else "commitment_status_changed"
    data = CommitmentChanged(
        commitment_id=commitment.id,
        donor=commitment.donor,
        actor_id=commitment.actor_id,
        status=commitment.status,
        version=commitment.version,
    )
    return FUNDING.event(name, commitment.id, data.to_data())


def disbursement_recorded(commitment: Commitment, *, amount_minor: int, on: date) -> Outgoing:
    data = DisbursementRecorded(
        commitment_id=commitment.id,
        donor=commitment.donor,
        actor_id=commitment.actor_id,
        amount=_amount(commitment, amount_minor),
        currency=_currency(commitment),
        date=on,
        disbursed_total=_amount(commitment, commitment.disbursed_minor),
        status=commitment.status,
        version=commitment.version,
        confidential=commitment.confidential,
    )
    return FUNDING.event("disbursement_recorded", commitment.id, data.to_data())


def overlap_detected(commitment: Commitment, notices: list[Overlap]) -> Outgoing:
    """Both donors of every overlap the new commitment makes, with the notice's id."""
    data = OverlapDetected(
        commitment_id=commitment.id,
        actor_id=commitment.actor_id,
        donor=commitment.donor,
        purposes=list(commitment.purposes),
        overlapping=[
            OverlappingCommitment(
                commitment_id=notice.earlier_commitment_id,
                donor=notice.earlier_donor,
                overlap_id=notice.id,
                coordinated=notice.coordinated,
            )
            for notice in notices
        ],
    )
    return FUNDING.event("overlap_detected", commitment.id, data.to_data())


def overlap_resolved(notice: Overlap) -> Outgoing:
    """Who settled the notice and how; the note stays here (free text never goes on the bus)."""
    assert notice.resolution is not None
    assert notice.resolved_by is not None
    data = OverlapResolved(
        overlap_id=notice.id,
        actor_id=notice.actor_id,
        resolution=notice.resolution,
        resolved_by=notice.resolved_by,
        commitments=[
            OverlappingCommitment(
                commitment_id=notice.earlier_commitment_id, donor=notice.earlier_donor
            ),
            OverlappingCommitment(
                commitment_id=notice.later_commitment_id, donor=notice.later_donor
            ),
        ],
    )
    return FUNDING.event("overlap_resolved", notice.id, data.to_data())


def fx_rate_set(rate: FxRate) -> Outgoing:
    """A rate to EUR and the day it takes effect (evaluation converts its portfolio with it)."""
    data = FxRateSet(
        currency=rate.currency, eur_per_unit=rate.eur_per_unit, as_of=rate.effective_on
    )
    return FUNDING.event("fx_rate_set", rate.currency, data.to_data())
