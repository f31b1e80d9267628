"""Which events become webhooks, who may subscribe to them, and whom each one concerns.

A subscriber only ever receives events concerning itself: an agency's or steward's endpoint
those naming its state (as a donor, a custodian or an issuer), an evaluator's endpoint only its
own assignments. The payload is cut to the recipient: a donor told of an overlap sees its own
commitments and the new one, never a third donor's. Payloads carry ids and codes only (the
event models of ``agora_contracts.events`` have no field for personal data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agora_contracts.events import (
    AssignmentCreated,
    DuplicateSuspected,
    OverlapDetected,
    PermitExpiring,
)

OVERLAP_DETECTED = "funding.overlap_detected"
PERMIT_EXPIRING = "actors.permit_expiring"
DUPLICATE_SUSPECTED = "actors.duplicate_suspected"
ASSIGNMENT_CREATED = "evaluation.assignment_created"

STATE_ROLES = frozenset({"agency", "steward"})
EVALUATOR = "evaluator"

# Webhook event type → the roles that may subscribe to it.
SUBSCRIBABLE: dict[str, frozenset[str]] = {
    OVERLAP_DETECTED: STATE_ROLES,
    PERMIT_EXPIRING: STATE_ROLES,
    DUPLICATE_SUSPECTED: STATE_ROLES,
    ASSIGNMENT_CREATED: frozenset({EVALUATOR}),
}
SUBSCRIBER_ROLES = frozenset().union(*SUBSCRIBABLE.values())


@dataclass(frozen=True, slots=True)
class Notice:
    """What one recipient is told: a state (agencies and stewards) or an evaluator client."""

    data: dict[str, Any]
    state: str | None = None
    evaluator_id: str | None = None


def _overlap(raw: dict[str, Any]) -> list[Notice]:
    event = OverlapDetected.model_validate(raw)
    data = event.to_data()
    notices = [Notice(data=data, state=event.donor)]  # the new commitment's donor sees them all
    for donor in sorted({o.donor for o in event.overlapping} - {event.donor}):
        own = [o.model_dump(mode="json") for o in event.overlapping if o.donor == donor]
        notices.append(Notice(data={**data, "overlapping": own}, state=donor))
    return notices


def _permit(raw: dict[str, Any]) -> list[Notice]:
    event = PermitExpiring.model_validate(raw)
    states = {event.custodian_state, event.issuing_state}
    return [Notice(data=event.to_data(), state=state) for state in sorted(states)]


def _duplicate(raw: dict[str, Any]) -> list[Notice]:
    event = DuplicateSuspected.model_validate(raw)
    return [Notice(data=event.to_data(), state=state) for state in sorted(set(event.states))]


def _assignment(raw: dict[str, Any]) -> list[Notice]:
    event = AssignmentCreated.model_validate(raw)
    return [Notice(data=event.to_data(), evaluator_id=event.evaluator_id)]


@dataclass(frozen=True, slots=True)
class Source:
    """A bus event that becomes a webhook: its webhook type and whom it concerns."""

    webhook_type: str
    stream: str
    notices: Callable[[dict[str, Any]], list[Notice]]


# CloudEvents type on the bus → what it becomes.
SOURCES: dict[str, Source] = {
    "agora.funding.overlap_detected.v1": Source(OVERLAP_DETECTED, "FUNDING", _overlap),
    "agora.actors.permit_expiring.v1": Source(PERMIT_EXPIRING, "ACTORS", _permit),
    "agora.actors.duplicate_suspected.v1": Source(DUPLICATE_SUSPECTED, "ACTORS", _duplicate),
    "agora.evaluation.assignment_created.v1": Source(ASSIGNMENT_CREATED, "EVALUATION", _assignment),
}
