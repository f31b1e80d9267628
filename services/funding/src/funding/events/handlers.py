"""What the funding service consumes: the actor registry's events, read with their schemas in
``agora_contracts.events`` (tolerant: fields this service does not need are ignored)."""

from __future__ import annotations

from datetime import UTC, datetime

from agora_common.app import Subscription
from agora_common.events import CloudEvent
from agora_contracts.events import ActorErased, ActorPublic, VettingDecided
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view import repository
from funding.actors_view.models import ActorVetting, KnownActor
from funding.commitments import repository as commitments
from funding.overlaps import repository as overlaps
from funding.reports import totals


async def on_actor_registered(session: AsyncSession, event: CloudEvent) -> None:
    """Create or refresh the read model, unless a newer version is already known."""
    data = ActorPublic.model_validate(event.data)
    known = await repository.lock_known_actor(session, data.actor_id)
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
    # Tolerant: events from before leadership was published have none (unknown, not "no").
    leadership = getattr(data, "leadership", None)
    known.women_led = leadership.women_led if leadership is not None else None
    known.minority_led = leadership.minority_led if leadership is not None else None
    known.regional = leadership.regional if leadership is not None else None
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)
    await totals.note_report_change(session, data.actor_id)  # attributes the report groups by


# An update carries the same public attributes as a registration; the version decides.
on_actor_updated = on_actor_registered


async def on_actor_erased(session: AsyncSession, event: CloudEvent) -> None:
    """Keep a tombstone only and delete the actor's commitments: erasure is final, whatever
    version arrives after it, and no caller can read which donors funded the person."""
    data = await erase_from_read_model(session, event)
    await overlaps.forget_actor_overlaps(session, data.actor_id)
    await commitments.forget_actor(session, data.actor_id)


async def erase_from_read_model(session: AsyncSession, event: CloudEvent) -> ActorErased:
    """The read-model part of an erasure: the tombstone and no vetting (what a rebuild replays;
    the service's own records were deleted once, when the erasure was first applied)."""
    data = ActorErased.model_validate(event.data)
    # Locked like a new commitment locks it: one made concurrently is either refused (it sees
    # the tombstone) or committed first and deleted below.
    known = await repository.lock_known_actor(session, data.actor_id)
    if known is None:
        known = KnownActor(actor_id=data.actor_id)
    known.version = max(known.version or 0, data.version)
    known.erased = True
    known.kind = known.sectors = known.activities = None
    known.host_country = known.origin_region = known.custodian_state = None
    known.established_on = known.relocated_on = None
    known.women_led = known.minority_led = known.regional = None
    known.updated_at = datetime.now(UTC)
    await repository.save_known_actor(session, known)
    await repository.forget_vetting(session, data.actor_id)
    await totals.note_report_change(session, data.actor_id)  # its funding leaves the report
    return data


async def on_actor_erased_in_read_model(session: AsyncSession, event: CloudEvent) -> None:
    await erase_from_read_model(session, event)


async def on_vetting_decided(session: AsyncSession, event: CloudEvent) -> None:
    """Keep each state's latest decision on each actor (newer versions win; none for an erased
    actor): a donor committing to an actor its own state declined is warned."""
    data = VettingDecided.model_validate(event.data)
    known = await repository.get_known_actor(session, data.actor_id)
    if known is not None and known.erased:
        return
    vetting = await repository.lock_vetting(session, data.actor_id, data.state)
    if vetting is None:
        vetting = ActorVetting(actor_id=data.actor_id, state=data.state)
    elif vetting.version >= data.version:
        return  # an older or repeated decision
    vetting.decision = data.decision
    vetting.version = data.version
    vetting.updated_at = datetime.now(UTC)
    await repository.save_vetting(session, vetting)


ACTOR_EVENTS = Subscription(
    durable="funding-actors",
    stream="ACTORS",
    subjects=["agora.actors.>"],
    handlers={
        "agora.actors.registered.v1": on_actor_registered,
        "agora.actors.updated.v1": on_actor_updated,
        "agora.actors.erased.v1": on_actor_erased,
        "agora.actors.vetting_decided.v1": on_vetting_decided,
    },
)

# The read models (known_actors, actor_vetting) are rebuilt with these (funding.rebuild).
READ_MODEL_HANDLERS = {
    **ACTOR_EVENTS.handlers,
    "agora.actors.erased.v1": on_actor_erased_in_read_model,
}
