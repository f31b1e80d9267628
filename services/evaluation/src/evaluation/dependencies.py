"""What the evaluation routes take from the request, declared once."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.ids import ID_PATTERN, id_path
from fastapi import Depends, Query

from evaluation.cycles import service as cycles
from evaluation.cycles.models import Cycle

CycleId = Annotated[str, id_path("cycle")]
ActorId = Annotated[str, id_path("actor")]


async def _cycle(session: DbSession, cycle_id: CycleId) -> Cycle:
    return await cycles.get_cycle(session, cycle_id=cycle_id)


async def _locked_cycle(session: DbSession, cycle_id: CycleId) -> Cycle:
    return await cycles.get_cycle(session, cycle_id=cycle_id, for_update=True)


async def _reported_cycle(
    session: DbSession,
    cycle_id: Annotated[str, Query(pattern=ID_PATTERN, description="The cycle reported on.")],
) -> Cycle:
    return await cycles.get_cycle(session, cycle_id=cycle_id)


CurrentCycle = Annotated[Cycle, Depends(_cycle)]
"""The cycle named in the path, or 404."""
LockedCycle = Annotated[Cycle, Depends(_locked_cycle)]
"""The cycle named in the path, locked for this request's transaction (PostgreSQL), or 404."""
ReportedCycle = Annotated[Cycle, Depends(_reported_cycle)]
"""The cycle named by the ``cycle_id`` query parameter, or 404."""
