"""The events the actor registry publishes. Never personal data: only the pseudonymous id and
the non-personal attributes other services need (``ActorPublic`` is the allow-list)."""

from __future__ import annotations

from agora_common.events import CloudEvent, EventSource
from agora_contracts.events import ActorErased, PermitChanged, PermitExpiring, VettingDecided

from actors.models import Actor, Permit, Vetting
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


def vetting_decided(vetting: Vetting) -> tuple[str, CloudEvent]:
    """A state's vetting decision: never its reason (free text stays in the registry)."""
    data = VettingDecided(
        actor_id=vetting.actor_id,
        state=vetting.state,
        decision=vetting.decision,
        version=vetting.version,
    )
    return EVENTS.event("vetting_decided", vetting.actor_id, data.to_data())


def permit_changed(permit: Permit, custodian_state: str) -> tuple[str, CloudEvent]:
    """``permit_renewed`` or ``permit_revoked``, as the permit's status says."""
    data = PermitChanged(
        permit_id=permit.id,
        actor_id=permit.actor_id,
        issuing_state=permit.issuing_state,
        custodian_state=custodian_state,
        status=permit.status,
        valid_until=permit.valid_until,
        version=permit.version,
    )
    name = "permit_revoked" if permit.status == "revoked" else "permit_renewed"
    return EVENTS.event(name, permit.actor_id, data.to_data())


def permit_expiring(
    permit: Permit, custodian_state: str, threshold_days: int
) -> tuple[str, CloudEvent]:
    data = PermitExpiring(
        permit_id=permit.id,
        actor_id=permit.actor_id,
        issuing_state=permit.issuing_state,
        custodian_state=custodian_state,
        threshold_days=threshold_days,
        valid_until=permit.valid_until,
    )
    return EVENTS.event("permit_expiring", permit.actor_id, data.to_data())
