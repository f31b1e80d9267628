"""HTTP endpoint of supported activities."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller
from fastapi import APIRouter

from evaluation.activities import service
from evaluation.activities.schemas import ActivityCreate, ActivityKind, ActivityOut, Participants

router = APIRouter(prefix="/v1/evaluation", tags=["Evaluation"])


@router.post(
    "/activities", status_code=201, response_model=ActivityOut, summary="Record an activity"
)
async def record_activity(
    caller: AgencyCaller, body: ActivityCreate, session: DbSession
) -> ActivityOut:
    """Record a supported activity with aggregate participant counts (no lists of people)."""
    activity = await service.record_activity(session, caller=caller, data=body)
    return ActivityOut(
        id=activity.id,
        actor_id=activity.actor_id,
        cycle_id=activity.cycle_id,
        kind=ActivityKind(activity.kind),
        title=activity.title,
        date=activity.held_on,
        participants=Participants(
            total=activity.participants_total,
            women=activity.participants_women,
            non_russian_ethnic_origin=activity.participants_non_russian,
        ),
        audience_inside_russia=activity.audience_inside_russia,
        commitment_id=activity.commitment_id,
        recorded_at=activity.recorded_at,
    )
