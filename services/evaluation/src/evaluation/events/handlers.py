"""What the evaluation service consumes: the actor registry's events (tolerant reader)."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.app import Subscription
from agora_common.events import CloudEvent
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view import repository
from evaluation.actors_view.models import KnownActor


class ActorAttributes(BaseModel):
    """The fields of actors.* events this service reads; anything else is ignored."""

    actor_id: str
    version: int
    kind: str
    sectors: list[str]
    host_country: str
    custodian_state: str


async def on_actor_registered(session: AsyncSession, event: CloudEvent) -> None:
    """Create or refresh the read model, unless a newer version is already known."""
    data = ActorAttributes.model_validate(event.data)
    known = await repository.get_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id, erased=False)
    elif known.erased or known.version >= data.version:
        return  # an older or repeated fact: the read model already holds a newer one
    known.version = data.version
    known.kind = data.kind
    known.sectors = data.sectors
    known.host_country = data.host_country
    known.custodian_state = data.custodian_state
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)


ACTOR_EVENTS = Subscription(
    durable="evaluation-actors",
    stream="ACTORS",
    subjects=["agora.actors.>"],
    handlers={
        "agora.actors.registered.v1": on_actor_registered,
    },
)
