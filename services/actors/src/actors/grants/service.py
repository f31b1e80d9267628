"""Grants: the custodian shares an actor's personal data with other states."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from actors.grants import repository
from actors.grants.schemas import GrantIn
from actors.models import Actor, Grant
from actors.registry import repository as registry


async def grant_access(session: AsyncSession, *, actor: Actor, data: GrantIn) -> Grant:
    """Share the actor's personal data with another state (``actor``: the caller's own)."""
    if data.state == actor.custodian_state:
        raise Unprocessable.field(["body", "state"], "the custodian already has access")
    # Serialised with a custody hand-over (which may drop every grant): once it has committed,
    # the caller is no longer the custodian and may grant nothing.
    await registry.wrapped_key(session, actor.id, lock=True)
    current = await registry.get_actor(session, actor.id, fresh=True)
    if current is None or current.custodian_state != actor.custodian_state:
        raise Conflict("The actor changed custodian meanwhile; fetch it and retry.")
    if await repository.get_grant(session, actor.id, data.state) is not None:
        raise Conflict("This state already has access.")
    grant = Grant(actor_id=actor.id, state=data.state, granted_at=datetime.now(UTC))
    if not await repository.add_grant(session, grant):
        raise Conflict("This state already has access.")
    return grant


async def withdraw_access(session: AsyncSession, *, actor: Actor, state: str) -> None:
    """Withdraw a state's access to the actor; 404 if it had none."""
    grant = await repository.get_grant(session, actor.id, state)
    if grant is None:
        raise NotFound("This state has no access to withdraw.")
    await repository.delete_grant(session, grant)


async def list_grants(
    session: AsyncSession, *, actor: Actor, cursor: str | None, limit: int
) -> Slice[Grant]:
    """The states the actor is shared with, by state code."""
    after = decode_cursor(cursor, str)
    grants = await repository.list_grants(
        session, actor.id, after=after[0] if after else None, limit=limit + 1
    )
    return page_of(grants, limit, key=lambda g: (g.state,))
