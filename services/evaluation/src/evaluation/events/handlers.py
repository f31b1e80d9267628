"""What the evaluation service consumes: the registry's and funding's events (tolerant reader).

Each read model keeps the version of the fact it holds and ignores older ones, so redelivered or
out-of-order events never undo newer knowledge.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from agora_common.app import Subscription
from agora_common.events import CloudEvent
from agora_contracts.events import (
    ActorErased,
    ActorPublic,
    CommitmentChanged,
    CommitmentMade,
    DisbursementRecorded,
    Payload,
)
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.activities import repository as activities
from evaluation.actors_view import repository
from evaluation.actors_view.models import KnownActor
from evaluation.assessments import repository as assessments
from evaluation.conflicts import repository as conflicts
from evaluation.funding_view import repository as funding
from evaluation.funding_view.models import FundedCommitment, FxRate


async def on_actor_registered(session: AsyncSession, event: CloudEvent) -> None:
    """Create or refresh the read model, unless a newer version is already known."""
    data = ActorPublic.model_validate(event.data)
    known = await repository.lock_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id, erased=False)
    elif known.erased or known.version >= data.version:
        return  # an older or repeated fact: the read model already holds a newer one
    known.version = data.version
    known.kind = data.kind
    known.sectors = data.sectors
    known.host_country = data.host_country
    known.origin_region = data.origin_region
    known.custodian_state = data.custodian_state
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)


async def on_actor_erased(session: AsyncSession, event: CloudEvent) -> None:
    """Leave a tombstone and forget the actor's assessments, activities, conflicts and funding."""
    data = await erase_from_read_models(session, event)
    for forget in (assessments.forget_actor, activities.forget_actor, conflicts.forget_actor):
        await forget(session, data.actor_id)


async def erase_from_read_models(session: AsyncSession, event: CloudEvent) -> ActorErased:
    """The read-model part of an erasure: the tombstone and no funding facts (what a rebuild
    replays; the service's own records were deleted once, when the erasure was first applied)."""
    data = ActorErased.model_validate(event.data)
    known = await repository.lock_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id, version=data.version)
    known.erased = True
    known.version = max(known.version, data.version)
    # A tombstone only: nothing of what the actor was stays behind.
    known.kind = known.sectors = known.host_country = None
    known.origin_region = known.custodian_state = None
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)
    await funding.forget_actor(session, data.actor_id)
    return data


async def on_actor_erased_in_read_models(session: AsyncSession, event: CloudEvent) -> None:
    await erase_from_read_models(session, event)


async def _erased(session: AsyncSession, actor_id: str) -> bool:
    """Whether the actor was erased: a funding fact about it arriving late is dropped."""
    known = await repository.lock_known_actor(session, actor_id)
    return known is not None and known.erased


class CommitmentFacts(CommitmentMade):
    """``commitment_made`` as this service reads it: the contract, except that it needs neither
    ``purposes`` nor ``horizon`` and takes a commitment without an ``instrument`` (as before the
    contract existed), so a leaner producer's event is still applied."""

    instrument: str | None = Field(default=None, max_length=20)  # type: ignore[assignment]
    purposes: list[str] = Field(default_factory=list)
    horizon: str | None = Field(default=None, max_length=8)  # type: ignore[assignment]


def _text(amount: Decimal | None) -> str | None:
    """A decimal as exact text (money is never a float)."""
    return None if amount is None else format(amount, "f")


def _newer(known: FundedCommitment | None, version: int) -> bool:
    return known is None or version > known.version


async def on_commitment_made(session: AsyncSession, event: CloudEvent) -> None:
    """Record a commitment's facts, whatever order its events arrive in.

    The facts a commitment is made with (donor, actor, instrument, amount, currency, period,
    confidentiality; a confidential one comes without amount and currency) never
    change, so they are filled in whenever the row lacks them, even from a "made" older than the
    version held: a later change (disbursement, status change, cancellation) seen first leaves a row
    without them, and a row without a period counts for neither the conflict-of-interest rule nor
    the portfolio. Only the mutable state (status, version) follows the version rule, so a
    cancellation seen first is never undone by the late "made".
    """
    data = CommitmentFacts.model_validate(event.data)
    if await _erased(session, data.actor_id):
        return  # its funding was forgotten with it
    known = await funding.lock_commitment(session, data.commitment_id)
    newer = _newer(known, data.version)
    if known is None:
        known = FundedCommitment(commitment_id=data.commitment_id)
    facts_missing = known.period_start is None  # only a "made" brings the period
    if not (newer or facts_missing):
        return  # an older or repeated fact: the read model already holds it
    if facts_missing:
        known.donor = data.donor
        known.actor_id = data.actor_id
        known.instrument = data.instrument
        # Never keep a confidential amount, even from a producer that sent one.
        known.amount = None if data.confidential else _text(data.amount)
        known.currency = None if data.confidential else data.currency
        known.period_start = data.period.start
        known.period_end = data.period.end
        known.confidential = data.confidential
    if newer:
        known.version = data.version
        known.status = data.status
    known.updated_at = datetime.now(UTC)
    await funding.save_commitment(session, known)


DISBURSED = "agora.funding.disbursement_recorded.v1"


async def on_commitment_changed(session: AsyncSession, event: CloudEvent) -> None:
    """Cancelled, status changed or disbursed: status (and disbursed total) of a newer version.

    Disbursements are only ever added, so the disbursed total only grows: a larger total is kept
    even from an older version (a disbursement seen after a later status change), a smaller one
    never replaces it.
    """
    data: CommitmentChanged
    if event.type == DISBURSED:
        data = disbursement = DisbursementRecorded.model_validate(event.data)
        disbursed_total = None if disbursement.confidential else disbursement.disbursed_total
    else:
        data, disbursed_total = CommitmentChanged.model_validate(event.data), None
    if await _erased(session, data.actor_id):
        return  # its funding was forgotten with it
    known = await funding.lock_commitment(session, data.commitment_id)
    newer = _newer(known, data.version)
    if known is None:
        # Seen before the commitment itself: keep what we know; the late "made" fills in its facts.
        known = FundedCommitment(
            commitment_id=data.commitment_id, donor=data.donor, actor_id=data.actor_id
        )
    more_disbursed = disbursed_total is not None and (
        known.disbursed_total is None or disbursed_total > Decimal(known.disbursed_total)
    )
    if not (newer or more_disbursed):
        return  # an older or repeated fact: the read model already holds a newer one
    if newer:
        known.version = data.version
        known.status = data.status
    if more_disbursed:
        known.disbursed_total = _text(disbursed_total)
    known.updated_at = datetime.now(UTC)
    await funding.save_commitment(session, known)


class RateFacts(Payload):
    """``fx_rate_set`` as this service reads it: only the currency, the rate and its day."""

    currency: str = Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")
    eur_per_unit: Decimal = Field(gt=0, max_digits=30)
    as_of: date


async def on_fx_rate_set(session: AsyncSession, event: CloudEvent) -> None:
    """Keep the rate of a currency for its day; a later event for the same day corrects it."""
    data = RateFacts.model_validate(event.data)
    known = await funding.lock_rate(session, data.currency, data.as_of)
    if known is not None and known.event_time > event.time:
        return  # a correction made later is already held
    if known is None:
        known = FxRate(currency=data.currency, as_of=data.as_of)
    known.eur_per_unit = format(data.eur_per_unit, "f")
    known.event_time = event.time
    await funding.save_rate(session, known)


ACTOR_EVENTS = Subscription(
    durable="evaluation-actors",
    stream="ACTORS",
    subjects=["agora.actors.>"],
    handlers={
        "agora.actors.registered.v1": on_actor_registered,
        "agora.actors.updated.v1": on_actor_registered,
        "agora.actors.erased.v1": on_actor_erased,
    },
)

FUNDING_EVENTS = Subscription(
    durable="evaluation-funding",
    stream="FUNDING",
    subjects=["agora.funding.>"],
    handlers={
        "agora.funding.commitment_made.v1": on_commitment_made,
        "agora.funding.commitment_cancelled.v1": on_commitment_changed,
        "agora.funding.commitment_status_changed.v1": on_commitment_changed,
        "agora.funding.disbursement_recorded.v1": on_commitment_changed,
        "agora.funding.fx_rate_set.v1": on_fx_rate_set,
    },
)

# The read models (known_actors, funded_commitments, fx_rates) are rebuilt with these
# (evaluation.rebuild): every funding handler writes only to them.
READ_MODEL_HANDLERS = {
    "ACTORS": {
        **ACTOR_EVENTS.handlers,
        "agora.actors.erased.v1": on_actor_erased_in_read_models,
    },
    "FUNDING": FUNDING_EVENTS.handlers,
}
