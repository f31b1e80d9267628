"""Supported activities, recorded with aggregate participant counts (never lists of people)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from agora_common.identity import Identity
from agora_common.ids import new_id
from agora_common.problems import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.activities import repository
from evaluation.activities.models import Activity
from evaluation.activities.schemas import ActivityCreate, Participants
from evaluation.actors_view.service import require_live_actor
from evaluation.cycles import repository as cycles


def _parts_within_total(parts: Participants) -> None:
    errors: list[dict[str, Any]] = [
        {
            "loc": ["body", "participants", name],
            "msg": "May not exceed the total.",
            "type": "value_error",
        }
        for name in ("women", "non_russian_ethnic_origin")
        if getattr(parts, name) > parts.total
    ]
    if errors:
        raise Unprocessable("The request is not valid; see errors.", errors=errors)


async def record_activity(
    session: AsyncSession, *, caller: Identity, data: ActivityCreate
) -> Activity:
    """Record a supported activity with aggregate participant counts."""
    parts = data.participants
    _parts_within_total(parts)
    cycle = await cycles.get_cycle(session, data.cycle_id)
    if cycle is None:
        raise Unprocessable.field(["body", "cycle_id"], "No such evaluation cycle.")
    if not cycle.period_start <= data.date <= cycle.period_end:
        raise Unprocessable.field(["body", "date"], "Not within the cycle's period.")
    await require_live_actor(session, actor_id=data.actor_id)
    activity = Activity(
        id=new_id("acy"),
        cycle_id=cycle.id,
        actor_id=data.actor_id,
        kind=data.kind.value,
        title=data.title,
        held_on=data.date,
        participants_total=parts.total,
        participants_women=parts.women,
        participants_non_russian=parts.non_russian_ethnic_origin,
        audience_inside_russia=data.audience_inside_russia,
        reported_by=caller.state or caller.client_id[:16],
        recorded_at=datetime.now(UTC),
    )
    await repository.add(session, activity)
    return activity
