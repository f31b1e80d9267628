"""The events the actor registry publishes. Never personal data: only the pseudonymous id and
the non-personal attributes other services need (``ActorPublic`` is the allow-list)."""

from __future__ import annotations

from agora_common.events import CloudEvent, EventSource
from agora_contracts.events import ActorErased

from actors.models import Actor
from actors.registry.shape import public_of

EVENTS = EventSource("actors")


def registered(actor: Actor) -> tuple[str, CloudEvent]:
    return EVENTS.event("registered", actor.id, public_of(actor).to_data())


def updated(actor: Actor) -> tuple[str, CloudEvent]:
    return EVENTS.event("updated", actor.id, public_of(actor).to_data())


def erased(actor_id: str, version: int) -> tuple[str, CloudEvent]:
    return EVENTS.event(
        "erased", actor_id, ActorErased(actor_id=actor_id, version=version).to_data()
    )
