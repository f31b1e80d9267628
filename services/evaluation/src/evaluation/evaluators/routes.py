"""HTTP endpoints of the evaluator roster."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AdminCaller, EvaluatorCaller
from agora_common.pagination import Cursor, Limit, Page
from fastapi import APIRouter

from evaluation.evaluators import service
from evaluation.evaluators.schemas import EvaluatorOut

router = APIRouter(prefix="/v1/evaluation/evaluators", tags=["Evaluation"])


@router.put("/me", response_model=EvaluatorOut, summary="Enrol for assignments")
async def enrol(caller: EvaluatorCaller, session: DbSession) -> EvaluatorOut:
    """Put yourself on the roster that assignments draw from; again refreshes your affiliation
    (your client's state). Declaring a conflict enrols you too."""
    return EvaluatorOut.of(await service.enrol(session, caller=caller))


@router.get("", response_model=Page[EvaluatorOut], summary="List the evaluator roster")
async def list_evaluators(
    _: AdminCaller, session: DbSession, limit: Limit = 50, cursor: Cursor = None
) -> Page[EvaluatorOut]:
    """Enrolled evaluators with their affiliated states, in enrolment order."""
    found = await service.list_evaluators(session, cursor=cursor, limit=limit)
    return Page(items=[EvaluatorOut.of(e) for e in found.items], next_cursor=found.next_cursor)
