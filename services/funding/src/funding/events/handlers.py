"""What the funding service consumes: the actor registry's events (tolerant reader)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from agora_common.app import Subscription
from agora_common.events import CloudEvent
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view import repository
from funding.actors_view.models import KnownActor


class ActorAttributes(BaseModel):
    """The fields of actors.registered/updated this service reads; anything else is ignored."""

    actor_id: str = Field(min_length=1, max_length=64)
    version: int
    kind: str = Field(max_length=20)
    sectors: list[str]
    activities: list[str] = []
    host_country: str = Field(max_length=2)
    origin_region: str | None = Field(default=None, max_length=8)
    custodian_state: str = Field(max_length=16)
    established_on: date | None = None
    relocated_on: date | None = None


class ActorErased(BaseModel):
    actor_id: str = Field(min_length=1, max_length=64)
    version: int


async def on_actor_registered(session: AsyncSession, event: CloudEvent) -> None:
    """Create or refresh the read model, unless a newer version is already known."""
    data = ActorAttributes.model_validate(event.data)
    known = await repository.get_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id, erased=False)
    elif known.erased or known.version >= data.version:
        return  # an older or repeated fact, or an erased actor: nothing to learn
    known.version = data.version
    known.kind = data.kind
    known.sectors = data.sectors
    known.activities = data.activities
    known.host_country = data.host_country
    known.origin_region = data.origin_region
    known.custodian_state = data.custodian_state
    known.established_on = data.established_on
    known.relocated_on = data.relocated_on
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)


# An update carries the same public attributes as a registration; the version decides.
on_actor_updated = on_actor_registered


async def on_actor_erased(session: AsyncSession, event: CloudEvent) -> None:
    """Keep a tombstone only: erasure is final, whatever version arrives after it."""
    data = ActorErased.model_validate(event.data)
    known = await repository.get_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id)
    known.version = max(known.version or 0, data.version)
    known.erased = True
    known.kind = known.sectors = known.activities = None
    known.host_country = known.origin_region = known.custodian_state = None
    known.established_on = known.relocated_on = None
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)


ACTOR_EVENTS = Subscription(
    durable="funding-actors",
    stream="ACTORS",
    subjects=["agora.actors.>"],
    handlers={
        "agora.actors.registered.v1": on_actor_registered,
        "agora.actors.updated.v1": on_actor_updated,
        "agora.actors.erased.v1": on_actor_erased,
    },
)
