"""Rules of the actor registry."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.outbox import enqueue
from agora_common.problems import NotFound, Problem
from sqlalchemy.ext.asyncio import AsyncSession

from actors.events import published
from actors.registry import repository
from actors.registry.models import Actor
from actors.registry.schemas import ActorCreate


class MissingState(Problem):
    status = 403
    title = "No state"


def new_actor_id() -> str:
    """A random, opaque id (never sequential)."""
    return "act_" + secrets.token_urlsafe(16)


async def register_actor(session: AsyncSession, *, caller: Identity, data: ActorCreate) -> Actor:
    """Register an actor with the caller's state as its custodian."""
    if not caller.state:
        raise MissingState("Only an agency with a state can register actors.")
    now = datetime.now(UTC)
    actor = Actor(
        id=new_actor_id(),
        kind=data.kind.value,
        public_name=data.public_name,
        sectors=[s.value for s in data.sectors],
        host_country=data.host_country,
        custodian_state=caller.state,
        version=1,
        created_at=now,
        updated_at=now,
    )
    await repository.add_actor(session, actor)
    await enqueue(session, *published.registered(actor))
    return actor


async def get_actor(session: AsyncSession, *, actor_id: str) -> Actor:
    actor = await repository.get_actor(session, actor_id)
    if actor is None:
        raise NotFound("No such actor.")
    return actor
