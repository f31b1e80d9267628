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
from evaluation.funding_view import repository as funding
from evaluation.reports import inputs as report_inputs


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


async def _donor_of(
    session: AsyncSession, commitment_id: str | None, *, actor_id: str
) -> str | None:
    """The donor of the named commitment; 422 unless it is a known commitment to the actor."""
    if commitment_id is None:
        return None
    facts = await funding.commitment_facts(session, commitment_id)
    if facts is None or facts.actor_id != actor_id or facts.period_start is None:
        raise Unprocessable.field(
            ["body", "commitment_id"], "Not a commitment to this actor that this service knows."
        )
    return facts.donor


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
    funded_by = await _donor_of(session, data.commitment_id, actor_id=data.actor_id)
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
        commitment_id=data.commitment_id,
        funded_by=funded_by,
        reported_by=caller.state or caller.client_id[:16],
        recorded_at=datetime.now(UTC),
    )
    await repository.add(session, activity)
    report_inputs.note_change(session)  # its participants are in the cycle's portfolio
    return activity
