"""All SQL of permits: each visible to the issuing state, the custodian and its grantees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from actors import keyset
from actors.models import Actor, Grant, Permit, PermitNotice

VALID = "valid"


async def add_permit(session: AsyncSession, permit: Permit) -> None:
    session.add(permit)
    await session.flush()


async def get_permit(session: AsyncSession, actor_id: str, permit_id: str) -> Permit | None:
    permit = await session.get(Permit, permit_id)
    return permit if permit is not None and permit.actor_id == actor_id else None


async def holds_or_was_granted(session: AsyncSession, actor: Actor, state: str) -> bool:
    """Whether ``state`` is the actor's custodian or was granted access (sees all its permits)."""
    if actor.custodian_state == state:
        return True
    return await session.get(Grant, (actor.id, state)) is not None


async def change_permit(
    session: AsyncSession,
    permit: Permit,
    *,
    valid_until: date,
    status: str,
    revoked_on: date | None,
) -> bool:
    """Store the permit's new end or status, only if it is unchanged since it was read (False
    when a concurrent change came first); ``permit`` is refreshed to the stored row."""
    result = await session.execute(
        update(Permit)
        .where(Permit.id == permit.id, Permit.version == permit.version)
        .values(
            valid_until=valid_until,
            status=status,
            revoked_on=revoked_on,
            version=permit.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return False
    await session.refresh(permit)
    return True


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
    """Valid permits ``state`` may see ending from ``start`` to ``end``, in (valid_until, id)
    order (a renewed permit ends on its new date; a revoked one no longer expires)."""
    ending = and_(Permit.status == VALID, Permit.valid_until >= start, Permit.valid_until <= end)
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


@dataclass(frozen=True)
class Lapsed:
    actor_id: str
    custodian_state: str
    last_permit_ended_on: date


async def lapsed_actors(
    session: AsyncSession,
    *,
    state: str,
    today: date,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Lapsed]:
    """Actors ``state`` may see (custodian, grantee, or issuer of one of their permits) that
    have permits but none valid today or later, by (the day their last permit ended, id)."""
    revoked_early = and_(Permit.revoked_on.is_not(None), Permit.revoked_on < Permit.valid_until)
    ended_on = case((revoked_early, Permit.revoked_on), else_=Permit.valid_until)
    ends = (
        select(Permit.actor_id.label("actor_id"), func.max(ended_on).label("ended_on"))
        .group_by(Permit.actor_id)
        .subquery()
    )
    current = aliased(Permit)
    still_valid = exists().where(
        current.actor_id == Actor.id, current.status == VALID, current.valid_until >= today
    )
    issued = aliased(Permit)
    visible = or_(
        Actor.custodian_state == state,
        exists().where(Grant.actor_id == Actor.id, Grant.state == state),
        exists().where(issued.actor_id == Actor.id, issued.issuing_state == state),
    )
    order = (ends.c.ended_on, Actor.id)
    query = (
        select(Actor.id, Actor.custodian_state, ends.c.ended_on)
        .join(ends, ends.c.actor_id == Actor.id)
        .where(~still_valid, visible)
    )
    if after is not None:
        query = query.where(keyset.after(order, after))
    rows = await session.execute(query.order_by(*order).limit(limit))
    return [Lapsed(row[0], row[1], _as_date(row[2])) for row in rows]


def _as_date(value: date | str) -> date:
    # SQLite returns the aggregate of a CASE over dates as text.
    return value if isinstance(value, date) else date.fromisoformat(value)


@dataclass(frozen=True)
class DueNotice:
    permit: Permit
    custodian_state: str
    threshold_days: int


async def due_notices(
    session: AsyncSession, *, today: date, thresholds: tuple[int, ...], limit: int
) -> list[DueNotice]:
    """Valid permits ending from ``today`` to the largest threshold whose most urgent crossed
    threshold (the smallest one not below the days left) has no notice for its ``valid_until``
    yet, soonest first."""
    ordered = sorted(thresholds)
    bounds = [(days, date.fromordinal(today.toordinal() + days)) for days in ordered]
    threshold = case(
        *[(Permit.valid_until <= bound, days) for days, bound in bounds[:-1]],
        else_=bounds[-1][0],
    )
    emitted = exists().where(
        PermitNotice.permit_id == Permit.id,
        PermitNotice.threshold_days == threshold,
        PermitNotice.valid_until == Permit.valid_until,
    )
    query = (
        select(Permit, Actor.custodian_state, threshold)
        .join(Actor, Actor.id == Permit.actor_id)
        .where(
            Permit.status == VALID,
            Permit.valid_until >= today,
            Permit.valid_until <= bounds[-1][1],
            ~emitted,
        )
        .order_by(Permit.valid_until, Permit.id)
        .limit(limit)
    )
    rows = await session.execute(query)
    return [DueNotice(row[0], row[1], int(row[2])) for row in rows]


async def claim_notice(
    session: AsyncSession, *, permit_id: str, threshold_days: int, valid_until: date, at: datetime
) -> bool:
    """Record that the notice is published; False if another replica recorded it first (the
    primary key decides: on PostgreSQL the second insert waits for the first transaction and
    then does nothing)."""
    insert = sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert
    result = await session.execute(
        insert(PermitNotice)
        .values(
            permit_id=permit_id,
            threshold_days=threshold_days,
            valid_until=valid_until,
            emitted_at=at,
        )
        .on_conflict_do_nothing()
        .returning(PermitNotice.permit_id)
    )
    return result.first() is not None
