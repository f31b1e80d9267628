"""Evaluators' conflicts of interest: declared once, they hold for every cycle."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.ids import new_id
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view.service import require_live_actor
from evaluation.conflicts import repository
from evaluation.conflicts.models import ConflictDeclaration
from evaluation.conflicts.schemas import ConflictCreate
from evaluation.evaluators import service as evaluators


async def declare_conflict(
    session: AsyncSession, *, caller: Identity, data: ConflictCreate
) -> ConflictDeclaration:
    """Record the evaluator's conflict of interest with an actor (declaring twice is harmless);
    the evaluator is on the roster from then on."""
    await require_live_actor(session, actor_id=data.actor_id)
    await evaluators.enrol(session, caller=caller)
    existing = await repository.conflict_of(
        session, evaluator_id=caller.client_id, actor_id=data.actor_id
    )
    if existing is not None:
        return existing
    declaration = ConflictDeclaration(
        id=new_id("coi"),
        evaluator_id=caller.client_id,
        actor_id=data.actor_id,
        reason=data.reason,
        declared_at=datetime.now(UTC),
    )
    await repository.add(session, declaration)
    return declaration
