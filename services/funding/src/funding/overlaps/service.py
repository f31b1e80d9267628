"""Rules of overlap notices: recorded at commitment time, seen and resolved by both donors."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.ids import ID_PATTERN, new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from funding.commitments.models import Commitment
from funding.events import published
from funding.overlaps import repository
from funding.overlaps.models import Overlap
from funding.overlaps.schemas import OverlapResolve, OverlapStatus, OverlapView


class NoDonorState(Forbidden):
    title = "No donor"


class Coordinated(Conflict):
    title = "Coordinated in a joint programme"


def _donor_of(caller: Identity) -> str:
    if not caller.state:
        raise NoDonorState("Only an agency of a state or a donor has overlap notices.")
    return caller.state


def coordinated(one: Commitment, other: Commitment) -> bool:
    """Both commitments are in the same joint programme: they overlap by agreement."""
    return one.programme_id is not None and one.programme_id == other.programme_id


async def record_overlaps(
    session: AsyncSession,
    *,
    commitment: Commitment,
    overlapping: list[tuple[Commitment, list[str]]],
) -> list[Overlap]:
    """One notice per commitment the new one overlaps, for both donors (made by the caller of
    ``make_commitment``, in its transaction)."""
    now = datetime.now(UTC)
    notices = [
        Overlap(
            id=new_id("ovl"),
            actor_id=commitment.actor_id,
            earlier_commitment_id=other.id,
            earlier_donor=other.donor,
            later_commitment_id=commitment.id,
            later_donor=commitment.donor,
            shared_purposes=sorted(shared),
            coordinated=coordinated(commitment, other),
            status=(
                OverlapStatus.coordinated if coordinated(commitment, other) else OverlapStatus.open
            ).value,
            created_at=now,
            updated_at=now,
        )
        for other, shared in overlapping
    ]
    await repository.add_overlaps(session, notices)
    return notices


async def list_overlaps(
    session: AsyncSession,
    *,
    caller: Identity,
    status: OverlapStatus | None,
    cursor: str | None,
    limit: int,
) -> Slice[OverlapView]:
    """One page of the notices on the caller's commitments, earlier or later, newest first."""
    donor = _donor_of(caller)
    after = decode_cursor(cursor, datetime, str)
    if after is not None and not re.fullmatch(ID_PATTERN, after[1]):
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    rows = await repository.donor_overlaps(
        session,
        donor=donor,
        status=status.value if status else None,
        after=after,
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda v: (v.notice.created_at, v.notice.id))


async def resolve_overlap(
    session: AsyncSession, *, caller: Identity, overlap_id: str, data: OverlapResolve
) -> OverlapView:
    """Either donor settles the notice; the same answer again changes nothing (no event)."""
    donor = _donor_of(caller)
    view = await repository.lock_overlap(session, overlap_id)
    notice = view.notice if view else None
    if view is None or notice is None or donor not in (notice.earlier_donor, notice.later_donor):
        # A third donor learns nothing, not even that the notice exists.
        raise NotFound("No such overlap notice.")
    if notice.coordinated:
        raise Coordinated("Both commitments are in one joint programme: nothing to resolve.")
    unchanged = (
        notice.status == OverlapStatus.resolved.value
        and notice.resolution == data.resolution.value
        and notice.note == data.note
        and notice.resolved_by == donor
    )
    if unchanged:
        return view
    now = datetime.now(UTC)
    notice.status = OverlapStatus.resolved.value
    notice.resolution = data.resolution.value
    notice.note = data.note
    notice.resolved_by = donor
    notice.resolved_at = now
    notice.updated_at = now
    await repository.save_overlap(session, notice)
    await enqueue(session, *published.overlap_resolved(notice))
    return view
