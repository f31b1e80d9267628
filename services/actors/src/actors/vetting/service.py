"""Vetting: each state's own decision on an actor, which no other state sees."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.problems import Conflict, NotFound
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import Actor, Vetting
from actors.vetting import repository
from actors.vetting.schemas import VettingIn


async def record_vetting(
    session: AsyncSession, *, state: str, actor: Actor, data: VettingIn
) -> tuple[Vetting, bool]:
    """Record the caller's own state's vetting decision; returns it and whether it is new."""
    vetting = await repository.get_vetting(session, actor.id, state)
    created = vetting is None
    if vetting is None:
        vetting = Vetting(actor_id=actor.id, state=state)
    vetting.decision = data.decision.value
    vetting.decided_on = data.decided_on
    vetting.recorded_at = datetime.now(UTC)
    if not await repository.save_vetting(session, vetting):
        raise Conflict("Your state's decision was recorded concurrently; fetch it and retry.")
    return vetting, created


async def get_vetting(session: AsyncSession, *, state: str, actor: Actor) -> Vetting:
    """The caller's own state's decision; no state ever sees another's (404 if none)."""
    vetting = await repository.get_vetting(session, actor.id, state)
    if vetting is None:
        raise NotFound("Your state has recorded no vetting decision on this actor.")
    return vetting
