"""The events the actor registry publishes. Never personal data: only the pseudonymous id and
the non-personal attributes other services need."""

from __future__ import annotations

from agora_common.events import CloudEvent
from agora_common.logs import trace_id_var

from actors.registry.models import Actor

STREAM = "ACTORS"
SUBJECTS = ["agora.actors.>"]
SOURCE = "agora/actors"


def _event(name: str, actor: Actor, data: dict[str, object]) -> tuple[str, CloudEvent]:
    trace_id = trace_id_var.get()
    return f"agora.actors.{name}", CloudEvent(
        type=f"agora.actors.{name}.v1",
        source=SOURCE,
        subject=actor.id,
        data=data,
        traceparent=f"00-{trace_id}-{'0' * 15}1-01" if trace_id else None,
    )


def public_attributes(actor: Actor) -> dict[str, object]:
    return {
        "actor_id": actor.id,
        "version": actor.version,
        "kind": actor.kind,
        "sectors": list(actor.sectors),
        "host_country": actor.host_country,
        "custodian_state": actor.custodian_state,
    }


def registered(actor: Actor) -> tuple[str, CloudEvent]:
    return _event("registered", actor, public_attributes(actor))
