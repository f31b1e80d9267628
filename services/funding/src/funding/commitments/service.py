"""Rules of funding commitments: create, disburse, move through the lifecycle, find overlaps."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from agora_common.identity import Identity
from agora_common.ids import ID_PATTERN, new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.commitments import repository
from funding.commitments.models import Commitment, Disbursement
from funding.commitments.rules import BINDING, PERMITS, Status, can_move, horizon
from funding.commitments.schemas import (
    CommitmentCreate,
    CommitmentFilter,
    DisbursementCreate,
    MadeCommitment,
    WarningCode,
)
from funding.events import published
from funding.money import MoneyError, minor_units, to_minor
from funding.overlaps import service as overlaps
from funding.programmes import service as programmes
from funding.reports import totals

# The vetting decision (agora.actors.vetting_decided) that warns a donor committing to the actor.
DECLINED = "declined"


class NoDonorState(Forbidden):
    title = "No donor"


class NotTheDonor(Forbidden):
    title = "Not the donor"


class InvalidTransition(Conflict):
    title = "Not possible in this status"


def _donor_of(caller: Identity) -> str:
    """The state the caller's agency commits for; 403 for an agency without one."""
    if not caller.state:
        raise NoDonorState("Only an agency of a state or a donor can commit funding.")
    return caller.state


def _field_error(loc: list[str | int], msg: str) -> dict[str, Any]:
    return {"loc": loc, "msg": msg, "type": "value_error"}


def _money_errors(data: CommitmentCreate) -> tuple[int | None, int | None, list[dict[str, Any]]]:
    """(amount in minor units, minor units, field errors) for the commitment's money."""
    errors: list[dict[str, Any]] = []
    if data.instrument in PERMITS:
        for name in ("amount", "currency"):
            if getattr(data, name) is not None:
                errors.append(_field_error(["body", name], "A permit carries no amount."))
        return None, None, errors
    if data.amount is None:
        errors.append(_field_error(["body", "amount"], "Required for this instrument."))
    if data.currency is None:
        errors.append(_field_error(["body", "currency"], "Required for this instrument."))
    if errors:
        return None, None, errors
    assert data.amount is not None
    assert data.currency is not None
    try:
        exponent = minor_units(data.currency)
    except MoneyError as exc:
        return None, None, [_field_error(["body", "currency"], str(exc))]
    try:
        return to_minor(data.amount, data.currency), exponent, []
    except MoneyError as exc:
        return None, None, [_field_error(["body", "amount"], str(exc))]


async def make_commitment(
    session: AsyncSession, *, caller: Identity, data: CommitmentCreate
) -> MadeCommitment:
    """Record a commitment by the caller's state, a notice per overlap it makes, and warnings."""
    donor = _donor_of(caller)
    amount_minor, exponent, errors = _money_errors(data)
    if data.period.end < data.period.start:
        errors.append(_field_error(["body", "period", "end"], "The period ends before it starts."))
    if data.programme_id is not None and not await programmes.programme_of_donor(
        session, programme_id=data.programme_id, donor=donor
    ):
        # One answer for an unknown programme and another donors' one: existence is not told.
        errors.append(
            _field_error(["body", "programme_id"], "No joint programme with your state as donor.")
        )
    actor = await repository.lock_actor_to_fund(session, data.actor_id, donor)
    erased, vetting = actor if actor is not None else (True, None)
    if erased:
        errors.append(
            _field_error(["body", "actor_id"], "No actor with this id is known to funding.")
        )
    if errors:
        raise Unprocessable("The commitment is not valid; see errors.", errors=errors)

    now = datetime.now(UTC)
    purposes = sorted({p.value for p in data.purposes})
    commitment = Commitment(
        id=new_id("cmt"),
        donor=donor,
        actor_id=data.actor_id,
        instrument=data.instrument.value,
        amount_minor=amount_minor,
        currency=data.currency if amount_minor is not None else None,
        minor_units=exponent,
        period_start=data.period.start,
        period_end=data.period.end,
        purposes=purposes,
        status=data.status.value,
        horizon=horizon(data.period.start, data.period.end).value,
        confidential=data.confidential,
        programme_id=data.programme_id,
        disbursed_minor=0,
        version=1,
        created_at=now,
        updated_at=now,
        committed_at=now if data.status == Status.committed else None,
    )
    overlapping = await repository.overlapping_commitments(
        session,
        actor_id=data.actor_id,
        donor=donor,
        purposes=purposes,
        start=data.period.start,
        end=data.period.end,
    )
    await repository.add_commitment(session, commitment)
    if commitment.status in BINDING:
        await totals.count_in_totals(session, commitment, 1)
        await totals.note_report_change(session, commitment.actor_id)
    await enqueue(session, *published.commitment_made(commitment))
    notices = await overlaps.record_overlaps(
        session, commitment=commitment, overlapping=overlapping
    )
    if notices:
        await enqueue(session, *published.overlap_detected(commitment, notices))
    warnings = []
    if vetting == DECLINED:
        warnings.append(WarningCode.declined_by_your_state)
    return MadeCommitment(
        commitment=commitment,
        overlapping=[
            (other, shared, notice)
            for (other, shared), notice in zip(overlapping, notices, strict=True)
        ],
        warnings=warnings,
    )


def visible_to(commitment: Commitment, caller: Identity) -> bool:
    """Every agency reads every commitment (coordination), but a confidential one only its donor."""
    return not commitment.confidential or commitment.donor == caller.state


async def get_commitment(
    session: AsyncSession, *, caller: Identity, commitment_id: str
) -> Commitment:
    """One commitment with its disbursements; 404 for another donor's confidential one."""
    commitment = await repository.get_commitment(session, commitment_id, with_disbursements=True)
    if commitment is None or not visible_to(commitment, caller):
        raise NotFound("No such commitment.")
    return commitment


async def own_commitment(
    session: AsyncSession, *, caller: Identity, commitment_id: str
) -> Commitment:
    """The caller's own commitment, locked for change; 403 if it is another donor's."""
    donor = _donor_of(caller)
    commitment = await repository.lock_commitment(session, commitment_id)
    if commitment is None or not visible_to(commitment, caller):
        raise NotFound("No such commitment.")
    if commitment.donor != donor:
        # Commitments are visible to every agency, so 403 reveals nothing a 404 would hide.
        raise NotTheDonor("Only the donor may change its commitment.")
    return commitment


async def _move(
    session: AsyncSession, commitment: Commitment, target: Status, now: datetime
) -> None:
    """Change the status: its history and the report totals follow in the same transaction."""
    current = Status(commitment.status)
    if not can_move(current, target):
        raise InvalidTransition(f"A {current.value} commitment cannot become {target.value}.")
    commitment.status = target.value
    commitment.version += 1
    commitment.updated_at = now
    # When it became binding and when it stopped: reports as of a date read these.
    if target is Status.committed:
        commitment.committed_at = now
    elif target is Status.cancelled:
        commitment.cancelled_at = now
    await repository.save_commitment(session, commitment)
    await repository.record_status(session, commitment, previous=current.value)
    binding_before, binding_after = current.value in BINDING, target.value in BINDING
    if binding_before != binding_after:
        await totals.count_in_totals(session, commitment, 1 if binding_after else -1)
        await totals.note_report_change(session, commitment.actor_id)


async def record_disbursement(
    session: AsyncSession, *, caller: Identity, commitment_id: str, data: DisbursementCreate
) -> Commitment:
    """Pay out part of the caller's commitment; the sum never exceeds it, even concurrently."""
    commitment = await own_commitment(session, caller=caller, commitment_id=commitment_id)
    if commitment.amount_minor is None or commitment.currency is None:
        raise InvalidTransition("A commitment without an amount has no disbursements.")
    if commitment.status == Status.pledged.value:
        raise InvalidTransition("A pledge must be committed before it is disbursed.")
    if commitment.status in (Status.cancelled.value, Status.completed.value):
        raise InvalidTransition(f"A {commitment.status} commitment takes no disbursements.")
    try:
        amount_minor = to_minor(data.amount, commitment.currency)
    except MoneyError as exc:
        raise Unprocessable.field(["body", "amount"], str(exc)) from None
    if commitment.disbursed_minor + amount_minor > commitment.amount_minor:
        raise Unprocessable.field(
            ["body", "amount"], "Disbursements would exceed the committed amount."
        )
    now = datetime.now(UTC)
    disbursement = Disbursement(
        id=new_id("dsb"),
        commitment_id=commitment.id,
        amount_minor=amount_minor,
        date=data.date,
        recorded_at=now,
    )
    commitment.disbursed_minor += amount_minor
    if commitment.disbursed_minor == commitment.amount_minor:
        await _move(session, commitment, Status.disbursed, now)
    else:
        commitment.version += 1
        commitment.updated_at = now
    await repository.add_disbursement(session, disbursement)
    await enqueue(
        session,
        *published.disbursement_recorded(commitment, amount_minor=amount_minor, on=data.date),
    )
    return await get_commitment(session, caller=caller, commitment_id=commitment.id)


async def _change_status(
    session: AsyncSession,
    *,
    commitment: Commitment,
    target: Status,
) -> Commitment:
    """Move the commitment to ``target``; its event goes out in the same transaction."""
    await _move(session, commitment, target, datetime.now(UTC))
    await enqueue(session, *published.commitment_changed(commitment))
    return commitment


async def cancel_commitment(session: AsyncSession, *, commitment: Commitment) -> Commitment:
    """Cancel a pledge or an open commitment; cancelling again changes nothing."""
    if commitment.status == Status.cancelled.value:
        return commitment
    return await _change_status(session, commitment=commitment, target=Status.cancelled)


async def confirm_commitment(session: AsyncSession, *, commitment: Commitment) -> Commitment:
    """Turn a pledge into a binding commitment."""
    return await _change_status(session, commitment=commitment, target=Status.committed)


async def complete_commitment(session: AsyncSession, *, commitment: Commitment) -> Commitment:
    """Close a commitment: nothing more will be disbursed under it."""
    return await _change_status(session, commitment=commitment, target=Status.completed)


async def list_commitments(
    session: AsyncSession, *, where: CommitmentFilter, cursor: str | None, limit: int
) -> Slice[Commitment]:
    """One page of commitments, newest first, and the cursor of the next (None on the last).

    Another donor's confidential commitments are never listed (``where.viewer`` is the caller's
    state); an erased actor's commitments no longer exist, so filtering by it gives an empty page.
    """
    after = decode_cursor(cursor, datetime, str)
    if after is not None and not re.fullmatch(ID_PATTERN, after[1]):
        # Well-formed but naming no id this API could have issued.
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    rows = await repository.list_commitments(session, where=where, after=after, limit=limit + 1)
    return page_of(rows, limit, key=lambda c: (c.created_at, c.id))
