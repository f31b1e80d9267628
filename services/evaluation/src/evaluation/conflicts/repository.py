"""All SQL of declared conflicts of interest."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.conflicts.models import ConflictDeclaration


async def add(session: AsyncSession, declaration: ConflictDeclaration) -> None:
    session.add(declaration)
    await session.flush()


async def conflict_of(
    session: AsyncSession, *, evaluator_id: str, actor_id: str
) -> ConflictDeclaration | None:
    return await session.scalar(
        select(ConflictDeclaration).where(
            ConflictDeclaration.evaluator_id == evaluator_id,
            ConflictDeclaration.actor_id == actor_id,
        )
    )


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Remove an erased actor's declarations (a reason may name it)."""
    await session.execute(
        delete(ConflictDeclaration).where(ConflictDeclaration.actor_id == actor_id)
    )
