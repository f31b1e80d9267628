"""HTTP endpoint of declared conflicts of interest."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import EvaluatorCaller
from fastapi import APIRouter

from evaluation.conflicts import service
from evaluation.conflicts.schemas import ConflictCreate, ConflictOut

router = APIRouter(prefix="/v1/evaluation", tags=["Evaluation"])


@router.post(
    "/conflicts", status_code=201, response_model=ConflictOut, summary="Declare a conflict"
)
async def declare_conflict(
    caller: EvaluatorCaller, body: ConflictCreate, session: DbSession
) -> ConflictOut:
    """Declare a conflict of interest with an actor: you will not assess it in any cycle."""
    declaration = await service.declare_conflict(session, caller=caller, data=body)
    return ConflictOut.model_validate(declaration, from_attributes=True)
