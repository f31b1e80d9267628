"""The evaluator roster: evaluators enrol themselves; their affiliation is their identity's."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.identity import Identity
from agora_common.pagination import Slice, decode_cursor, page_of
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.evaluators import repository
from evaluation.evaluators.models import Evaluator


async def enrol(session: AsyncSession, *, caller: Identity) -> Evaluator:
    """Put the calling evaluator on the roster, or refresh its affiliation (idempotent)."""
    now = datetime.now(UTC)
    evaluator = await repository.lock_evaluator(session, caller.client_id)
    if evaluator is None:
        evaluator = Evaluator(client_id=caller.client_id, enrolled_at=now)
    evaluator.state = caller.state
    evaluator.seen_at = now
    await repository.save(session, evaluator)
    return evaluator


async def list_evaluators(
    session: AsyncSession, *, cursor: str | None, limit: int
) -> Slice[Evaluator]:
    """The roster in enrolment order."""
    after = decode_cursor(cursor, datetime, str)
    rows = await repository.list_evaluators(session, after=after, limit=limit + 1)
    return page_of(rows, limit, key=lambda e: (e.enrolled_at, e.client_id))
