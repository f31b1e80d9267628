"""Permits: residence and work permits states issue to actors, renewed or revoked by the
issuing state; expiring and lapsed permits are the most urgent coordination signal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from actors.events import published
from actors.models import Actor, Permit
from actors.permits import repository
from actors.permits.repository import Lapsed
from actors.permits.schemas import PermitChange, PermitIn
from actors.types import utc_today


def period_errors(valid_from: date, valid_until: date) -> list[dict]:
    """A permit must end after it starts."""
    if valid_until <= valid_from:
        return [
            {
                "loc": ["body", "valid_until"],
                "msg": "must be after valid_from",
                "type": "date_order",
            }
        ]
    return []


def change_errors(permit: Permit, change: PermitChange) -> list[dict]:
    """A change is exactly one of a later end (not of a revoked permit) or a revocation."""
    if (change.valid_until is None) == (change.status is None):
        return [
            {
                "loc": ["body"],
                "msg": "give exactly one of valid_until (renewal) or status revoked",
                "type": "one_change",
            }
        ]
    if change.valid_until is not None:
        if permit.status == "revoked":
            return [
                {
                    "loc": ["body", "valid_until"],
                    "msg": "a revoked permit is not renewed; record a new one",
                    "type": "revoked",
                }
            ]
        if change.valid_until < permit.valid_until:
            return [
                {
                    "loc": ["body", "valid_until"],
                    "msg": "a renewal must end later than the permit's current valid_until",
                    "type": "date_order",
                }
            ]
    return []


async def issue_permit(
    session: AsyncSession, *, state: str, actor: Actor, data: PermitIn
) -> Permit:
    """Record a residence or work permit issued by the caller's state."""
    if errors := period_errors(data.valid_from, data.valid_until):
        raise Unprocessable("The request is not valid; see errors.", errors=errors)
    permit = Permit(
        id=new_id("pmt"),
        actor_id=actor.id,
        type=data.type.value,
        issuing_state=state,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        family_members=data.family_members,
        status="valid",
        version=1,
        created_at=datetime.now(UTC),
    )
    await repository.add_permit(session, permit)
    return permit


async def change_permit(
    session: AsyncSession, *, state: str, actor: Actor, permit_id: str, data: PermitChange
) -> Permit:
    """Renew (a later ``valid_until``) or revoke a permit the caller's state issued.

    The same change again (the current ``valid_until``, or revoking a revoked permit) changes
    nothing and answers the permit as it is, so a retried request is harmless."""
    permit = await repository.get_permit(session, actor.id, permit_id)
    if permit is None or not (
        permit.issuing_state == state
        or await repository.holds_or_was_granted(session, actor, state)
    ):
        raise NotFound("No such permit.")
    if permit.issuing_state != state:
        raise Forbidden("Only the issuing state renews or revokes a permit.")
    if errors := change_errors(permit, data):
        raise Unprocessable("The request is not valid; see errors.", errors=errors)
    if data.valid_until == permit.valid_until or (
        data.status == "revoked" and permit.status == "revoked"
    ):
        return permit
    if data.status == "revoked":
        changed = await repository.change_permit(
            session,
            permit,
            valid_until=permit.valid_until,
            status="revoked",
            revoked_on=utc_today(),
        )
    else:
        assert data.valid_until is not None
        changed = await repository.change_permit(
            session, permit, valid_until=data.valid_until, status="valid", revoked_on=None
        )
    if not changed:
        raise Conflict("The permit was changed concurrently; fetch it and retry.")
    await enqueue(session, *published.permit_changed(permit, actor.custodian_state))
    return permit


def _page(permits: list[Permit], limit: int) -> Slice[Permit]:
    return page_of(permits, limit, key=lambda p: (p.valid_until, p.id))


async def list_actor_permits(
    session: AsyncSession, *, state: str, actor: Actor, cursor: str | None, limit: int
) -> Slice[Permit]:
    """An actor's permits that the caller's state may see (custodian, grantee or issuer)."""
    permits = await repository.list_actor_permits(
        session,
        actor.id,
        state=state,
        after=decode_cursor(cursor, date, str),
        limit=limit + 1,
    )
    return _page(permits, limit)


async def expiring_permits(
    session: AsyncSession, *, state: str, within_days: int, cursor: str | None, limit: int
) -> Slice[Permit]:
    """Valid permits ending between today and ``within_days`` from now that the caller may
    see (by their current, possibly renewed, end)."""
    today = utc_today()
    permits = await repository.expiring_permits(
        session,
        state=state,
        start=today,
        end=today + timedelta(days=within_days),
        after=decode_cursor(cursor, date, str),
        limit=limit + 1,
    )
    return _page(permits, limit)


async def lapsed_actors(
    session: AsyncSession, *, state: str, cursor: str | None, limit: int, today: date | None = None
) -> Slice[Lapsed]:
    """Actors the caller may see whose permits have all ended (expired or revoked) with none
    valid today or later, the longest-lapsed first."""
    rows = await repository.lapsed_actors(
        session,
        state=state,
        today=today or utc_today(),
        after=decode_cursor(cursor, date, str),
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda r: (r.last_permit_ended_on, r.actor_id))
