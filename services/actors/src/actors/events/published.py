"""The events the actor registry publishes. Never personal data: only the pseudonymous id and
the non-personal attributes other services need (no names, representation or consent)."""

from __future__ import annotations

from agora_common.events import CloudEvent

from actors.registry.models import Actor

STREAM = "ACTORS"
SUBJECTS = ["agora.actors.>"]
SOURCE = "agora/actors"


def _event(name: str, actor_id: str, data: dict[str, object]) -> tuple[str, CloudEvent]:
    return f"agora.actors.{name}", CloudEvent(
        type=f"agora.actors.{name}.v1",
        source=SOURCE,
        subject=actor_id,
        data=data,
    )


def public_attributes(actor: Actor) -> dict[str, object]:
    """What other services may know of an actor; an allow-list, so new columns stay private."""
    return {
        "actor_id": actor.id,
        "version": actor.version,
        "kind": actor.kind,
        "sectors": list(actor.sectors),
        "activities": list(actor.activities),
        "host_country": actor.host_country,
        "origin_region": actor.origin_region,
        "custodian_state": actor.custodian_state,
        "established_on": actor.established_on.isoformat() if actor.established_on else None,
        "relocated_on": actor.relocated_on.isoformat() if actor.relocated_on else None,
    }


def registered(actor: Actor) -> tuple[str, CloudEvent]:
    return _event("registered", actor.id, public_attributes(actor))


def updated(actor: Actor) -> tuple[str, CloudEvent]:
    return _event("updated", actor.id, public_attributes(actor))


def erased(actor_id: str, version: int) -> tuple[str, CloudEvent]:
    return _event("erased", actor_id, {"actor_id": actor_id, "version": version})
