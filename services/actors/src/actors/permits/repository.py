"""All SQL of permits: each visible to the issuing state, the custodian and its grantees."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from actors import keyset
from actors.models import Actor, Grant, Permit


async def add_permit(session: AsyncSession, permit: Permit) -> None:
    session.add(permit)
    await session.flush()


def _visible_to(state: str) -> Any:
    return or_(
        Permit.issuing_state == state,
        Actor.custodian_state == state,
        exists().where(Grant.actor_id == Permit.actor_id, Grant.state == state),
    )


async def list_actor_permits(
    session: AsyncSession,
    actor_id: str,
    *,
    state: str,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Permit]:
    """The actor's permits ``state`` may see, in (valid_until, id) order."""
    return await _page(session, Permit.actor_id == actor_id, state, after, limit)


async def expiring_permits(
    session: AsyncSession,
    *,
    state: str,
    start: date,
    end: date,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Permit]:
    """Permits ``state`` may see ending from ``start`` to ``end``, in (valid_until, id) order."""
    ending = and_(Permit.valid_until >= start, Permit.valid_until <= end)
    return await _page(session, ending, state, after, limit)


async def _page(
    session: AsyncSession,
    criterion: Any,
    state: str,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Permit]:
    query: Select[Any] = (
        select(Permit).join(Actor, Actor.id == Permit.actor_id).where(criterion, _visible_to(state))
    )
    order = (Permit.valid_until, Permit.id)
    if after is not None:
        query = query.where(keyset.after(order, after))
    query = query.order_by(*order).limit(limit)
    return list(await session.scalars(query))
