"""The payload schema of every event type on the bus, by CloudEvents ``type``.

No model here has a field for personal data (names, contacts, representation, consent, risk
level): events reach every consumer of a stream, so they carry pseudonymous ids, codes and
public attributes only.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

_ID = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]{1,64}$")
_DONOR = Field(min_length=2, max_length=16, description="ISO 3166-1 alpha-2 or a donor code.")


DecimalText = Annotated[Decimal, PlainSerializer(lambda d: format(d, "f"), return_type=str)]
"""A decimal published as plain positional text ("0.0000001", never "1E-7")."""


class Payload(BaseModel):
    """An event's ``data``. Unknown fields are ignored: readers stay tolerant."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    def to_data(self) -> dict[str, object]:
        """The JSON object published as the event's ``data``."""
        return self.model_dump(mode="json")


class Period(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    start: date
    end: date


# The actor registry: stream ACTORS, subjects agora.actors.<name>


class ActorLeadership(BaseModel):
    """Who leads a non-individual actor (public, self-declared by its custodian)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    women_led: bool = False
    minority_led: bool = False
    regional: bool = False


class ActorPublic(Payload):
    """``agora.actors.registered.v1`` and ``agora.actors.updated.v1``: the public attributes
    of an actor (an allow-list: a new column of the registry stays private until added here)."""

    actor_id: str = _ID
    version: int = Field(ge=1, description="Grows with every change; readers keep the newest.")
    kind: str = Field(max_length=20)
    sectors: list[str]
    activities: list[str] = []
    host_country: str = Field(min_length=2, max_length=2)
    origin_region: str | None = Field(default=None, max_length=8)
    custodian_state: str = _DONOR
    established_on: date | None = None
    relocated_on: date | None = None
    leadership: ActorLeadership | None = Field(
        default=None, description="Non-individual actors only; absent or null: not recorded."
    )


class ActorErased(Payload):
    """``agora.actors.erased.v1``: forget this actor for good (keep a tombstone only)."""

    actor_id: str = _ID
    version: int = Field(ge=1)


class VettingDecided(Payload):
    """``agora.actors.vetting_decided.v1``: a state recorded its own vetting decision on an
    actor (the reason stays in the registry: free text never travels on the bus)."""

    actor_id: str = _ID
    state: str = _DONOR
    decision: str = Field(max_length=10, description="pending, approved or declined.")
    version: int = Field(
        ge=1, description="This state's decisions on this actor, counted; readers keep the newest."
    )


class PermitChanged(Payload):
    """``agora.actors.permit_renewed.v1`` and ``agora.actors.permit_revoked.v1``: the issuing
    state renewed a permit (a later ``valid_until``) or ended it."""

    permit_id: str = _ID
    actor_id: str = _ID
    issuing_state: str = _DONOR
    custodian_state: str = _DONOR
    status: str = Field(max_length=10, description="valid or revoked.")
    valid_until: date
    version: int = Field(ge=1, description="Grows with every change of the permit.")


class PermitExpiring(Payload):
    """``agora.actors.permit_expiring.v1``: a permit ends in ``threshold_days`` (90, 30 or 7)
    days; published once per permit, threshold and ``valid_until``."""

    permit_id: str = _ID
    actor_id: str = _ID
    issuing_state: str = _DONOR
    custodian_state: str = _DONOR
    threshold_days: int = Field(ge=1, description="90, 30 or 7.")
    valid_until: date


class DuplicateSuspected(Payload):
    """``agora.actors.duplicate_suspected.v1``: actors held by two states share an identity
    fingerprint (legal name or contact). No actor id: the event reaches every consumer, and
    neither custodian may learn the other's actor before it grants access; ``match_id`` is a
    keyed hash of the pair, stable for the pair and linkable to neither actor."""

    match_id: str = _ID
    states: list[str] = Field(min_length=2, max_length=2, description="The two custodians.")
    matched_on: list[str] = Field(min_length=1, description="legal_name, email and/or phone.")


# Funding: stream FUNDING, subjects agora.funding.<name>


class CommitmentMade(Payload):
    """``agora.funding.commitment_made.v1``: a donor's commitment to an actor.

    A confidential commitment carries no amount (nor currency): other services must not learn
    what other donors may not see.
    """

    commitment_id: str = _ID
    donor: str = _DONOR
    actor_id: str = _ID
    instrument: str = Field(max_length=20)
    amount: DecimalText | None = Field(
        default=None, description="Decimal string; none for permits and confidential commitments."
    )
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    period: Period
    purposes: list[str]
    status: str = Field(max_length=16)
    horizon: str = Field(max_length=8)
    version: int = Field(ge=1)
    confidential: bool = Field(
        default=False, description="Shown to other donors only as an overlap flag; no amount."
    )


class CommitmentChanged(Payload):
    """``agora.funding.commitment_cancelled.v1`` and ``…commitment_status_changed.v1``: the
    commitment's new status."""

    commitment_id: str = _ID
    donor: str = _DONOR
    actor_id: str = _ID
    status: str = Field(max_length=16)
    version: int = Field(ge=1)


class DisbursementRecorded(CommitmentChanged):
    """``agora.funding.disbursement_recorded.v1``: money paid out under a commitment (amounts
    none for a confidential commitment)."""

    amount: DecimalText | None = None
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    date: date
    disbursed_total: DecimalText | None = None
    confidential: bool = False


class OverlappingCommitment(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    commitment_id: str = _ID
    donor: str = _DONOR
    overlap_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="The overlap notice both donors see."
    )
    coordinated: bool = Field(
        default=False, description="Both commitments are in one joint programme: no open notice."
    )


class OverlapDetected(Payload):
    """``agora.funding.overlap_detected.v1``: a new commitment shares purposes and time with
    other donors' live commitments to the same actor."""

    commitment_id: str = _ID
    actor_id: str = _ID
    donor: str = _DONOR
    purposes: list[str]
    overlapping: list[OverlappingCommitment]


class OverlapResolved(Payload):
    """``agora.funding.overlap_resolved.v1``: one of the two donors settled an overlap notice
    (the note stays in funding: free text never travels on the bus)."""

    overlap_id: str = _ID
    actor_id: str = _ID
    resolution: str = Field(max_length=20, description="co_funding, will_adjust, not_an_overlap.")
    resolved_by: str = _DONOR
    commitments: list[OverlappingCommitment] = Field(description="Both sides: id and donor.")


class FxRateSet(Payload):
    """``agora.funding.fx_rate_set.v1``: EUR per one unit of ``currency``, effective from
    ``as_of`` until a later rate (a second event for the same day corrects the first)."""

    currency: str = Field(min_length=3, max_length=3)
    eur_per_unit: DecimalText = Field(description="Decimal string, exact (at most 12 decimals).")
    as_of: date


# Evaluation: stream EVALUATION, subjects agora.evaluation.<name>


class CycleOpened(Payload):
    """``agora.evaluation.cycle_opened.v1``."""

    cycle_id: str = _ID
    name: str = Field(max_length=200)
    period: Period


class AssessmentSubmitted(Payload):
    """``agora.evaluation.assessment_submitted.v1``: counts only, never the evaluator or scores."""

    assessment_id: str = _ID
    cycle_id: str = _ID
    actor_id: str = _ID
    assessments: int = Field(ge=1)
    complete: bool


class CycleClosed(Payload):
    """``agora.evaluation.cycle_closed.v1``."""

    cycle_id: str = _ID
    name: str = Field(max_length=200)
    period: Period
    closed_at: datetime
    actors_assessed: int = Field(ge=0)
    assessments: int = Field(ge=0)
    complete_scorecards: int = Field(ge=0)


class AssignmentCreated(Payload):
    """``agora.evaluation.assignment_created.v1``: an evaluator is to assess an actor in a cycle
    (the evaluator's client id, so that it can be told; never a score)."""

    cycle_id: str = _ID
    actor_id: str = _ID
    evaluator_id: str = Field(min_length=1, max_length=100)


EVENT_TYPES: dict[str, type[Payload]] = {
    "agora.actors.registered.v1": ActorPublic,
    "agora.actors.updated.v1": ActorPublic,
    "agora.actors.erased.v1": ActorErased,
    "agora.actors.vetting_decided.v1": VettingDecided,
    "agora.actors.permit_renewed.v1": PermitChanged,
    "agora.actors.permit_revoked.v1": PermitChanged,
    "agora.actors.permit_expiring.v1": PermitExpiring,
    "agora.actors.duplicate_suspected.v1": DuplicateSuspected,
    "agora.funding.commitment_made.v1": CommitmentMade,
    "agora.funding.commitment_cancelled.v1": CommitmentChanged,
    "agora.funding.commitment_status_changed.v1": CommitmentChanged,
    "agora.funding.disbursement_recorded.v1": DisbursementRecorded,
    "agora.funding.overlap_detected.v1": OverlapDetected,
    "agora.funding.overlap_resolved.v1": OverlapResolved,
    "agora.funding.fx_rate_set.v1": FxRateSet,
    "agora.evaluation.cycle_opened.v1": CycleOpened,
    "agora.evaluation.assessment_submitted.v1": AssessmentSubmitted,
    "agora.evaluation.cycle_closed.v1": CycleClosed,
    "agora.evaluation.assignment_created.v1": AssignmentCreated,
}
"""Every event type published on the bus and the schema of its ``data``."""
