"""Permits: residence and work permits states issue to actors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from agora_common.ids import new_id
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import Actor, Permit
from actors.permits import repository
from actors.permits.schemas import PermitIn
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
        created_at=datetime.now(UTC),
    )
    await repository.add_permit(session, permit)
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
    """Permits ending between today and ``within_days`` from now that the caller may see."""
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
