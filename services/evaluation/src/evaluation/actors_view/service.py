"""What the other features ask of the actor read model."""

from __future__ import annotations

from agora_common.problems import NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view import repository


async def require_live_actor(session: AsyncSession, *, actor_id: str) -> None:
    """422 on the body's ``actor_id`` unless the actor is known and not erased."""
    if not await repository.is_live_actor(session, actor_id):
        raise Unprocessable.field(
            ["body", "actor_id"], "Not an actor this service knows (unknown or erased)."
        )


async def live_actor_or_404(session: AsyncSession, *, actor_id: str) -> None:
    """404 unless the actor is known and not erased."""
    if not await repository.is_live_actor(session, actor_id):
        raise NotFound("No such actor.")
