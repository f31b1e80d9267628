"""Tables of the actor registry.

Personal data never sits in a plaintext column: ``actors.personal`` (and ``actors.attributes``,
the risk level) are ciphertexts under the actor's data key, and ``actor_keys.wrapped_key`` is
that key wrapped by the master key.
"""

from __future__ import annotations

from datetime import date, datetime

from agora_common import applied
from agora_common.types import UTCDateTime
from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# The record of applied Idempotency-Keys (agora_common.applied), written by each request's session.
applied.register(Base.metadata)


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    public_name: Mapped[str] = mapped_column(String(200))
    sectors: Mapped[list[str]] = mapped_column(JSON)
    activities: Mapped[list[str]] = mapped_column(JSON)
    host_country: Mapped[str] = mapped_column(String(2), index=True)
    origin_region: Mapped[str | None] = mapped_column(String(6), index=True)
    relocated_on: Mapped[date | None] = mapped_column(Date)
    established_on: Mapped[date | None] = mapped_column(Date)
    audience_monthly_active_users: Mapped[int | None] = mapped_column(Integer)
    audience_inside_russia_share: Mapped[float | None] = mapped_column(Float)
    custodian_state: Mapped[str] = mapped_column(String(16), index=True)
    # AES-GCM ciphertext of {legal_name, representation, consent, contact} under the data key.
    personal: Mapped[bytes] = mapped_column(LargeBinary)
    # AES-GCM ciphertext of {risk_level}: personal (the custodian and granted states see it); in
    # a copy of the database it would be a list of whom to target first.
    attributes: Mapped[bytes] = mapped_column(LargeBinary)
    # Public: {women_led, minority_led, regional} of a non-individual actor, or null.
    leadership: Mapped[dict[str, bool] | None] = mapped_column(JSON, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    # Changes statistics count: the registration and each update of a counted attribute.
    statistics_changes: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_actors_created_at_id", "created_at", "id"),)


class ActorKey(Base):
    """An actor's data key, wrapped by the master key; deleting the row shreds the actor."""

    __tablename__ = "actor_keys"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    # Which master key wraps it (``actors.vault.master_key_id``): a rotation re-wraps, batch by
    # batch, the keys whose id is not the current key's.
    master_key_id: Mapped[str] = mapped_column(String(16), index=True)


class ActorSector(Base):
    """One row per sector of an actor, so that filters and counts are plain indexed SQL."""

    __tablename__ = "actor_sectors"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class ActorActivity(Base):
    __tablename__ = "actor_activities"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    activity: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class IdentityFingerprint(Base):
    """A keyed hash (HMAC-SHA256) of one normalised form of an actor's legal name or contact.

    Two custodians' actors sharing a hash are a possible duplicate; the normalised text itself is
    never stored (``actors.duplicates.fingerprints``).
    """

    __tablename__ = "identity_fingerprints"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class Grant(Base):
    """A state the custodian shares the actor's personal data with."""

    __tablename__ = "actor_grants"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Permit(Base):
    __tablename__ = "permits"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(20))
    issuing_state: Mapped[str] = mapped_column(String(16), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    family_members: Mapped[int] = mapped_column(Integer)
    # "valid" or "revoked" (ended by the issuing state before ``valid_until``).
    status: Mapped[str] = mapped_column(String(10), default="valid", server_default="valid")
    revoked_on: Mapped[date | None] = mapped_column(Date)
    # Grows with every renewal or revocation (the version of the permit_* events).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_permits_valid_until_id", "valid_until", "id"),)


class PermitNotice(Base):
    """A ``permit_expiring`` notice already published: one per permit, threshold (90, 30 or 7
    days) and ``valid_until``, so a renewed permit's new end date gets its own notices. The
    primary key decides between two replicas that find the same notice due."""

    __tablename__ = "permit_notices"

    permit_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("permits.id", ondelete="CASCADE"), primary_key=True
    )
    threshold_days: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    valid_until: Mapped[date] = mapped_column(Date, primary_key=True)
    emitted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Vetting(Base):
    """One state's own vetting decision on an actor; no other state sees it."""

    __tablename__ = "vetting_decisions"

    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    decision: Mapped[str] = mapped_column(String(10))
    decided_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # This state's decisions on this actor, counted (the version of ``vetting_decided``).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VettingRecord(Base):
    """Every vetting decision a state recorded, with its reason; only that state sees them.

    The reason is free text a state writes about a person: sealed under the actor's data key
    (purpose ``vetting-reason:<id>``), so a copy of the database does not show it and erasure
    shreds it with the rest."""

    __tablename__ = "vetting_history"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(40), ForeignKey("actors.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(10))
    decided_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_vetting_history_actor_state", "actor_id", "state", "recorded_at", "id"),
    )


class CustodyTransfer(Base):
    """A custodian hands an actor over to another state (the person relocated); the receiving
    state accepts or declines, the custodian may cancel while it is pending."""

    __tablename__ = "custody_transfers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    actor_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("actors.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    # "keep" or "drop": what happens to the grants to other states on acceptance.
    grants: Mapped[str] = mapped_column(String(4))
    # "pending", then "accepted", "declined" or "cancelled".
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_custody_transfers_to_state", "to_state", "status", "created_at", "id"),
        Index("ix_custody_transfers_from_state", "from_state", "status", "created_at", "id"),
    )


class ErasedActor(Base):
    """What is left of an erased actor: enough to answer 410, nothing about who it was."""

    __tablename__ = "erased_actors"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    custodian_state: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    # The actor's counted changes, plus one for the erasure.
    statistics_changes: Mapped[int] = mapped_column(Integer, default=1)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StatisticsSnapshot(Base):
    """The statistics last published (aggregates only) and the change count they were taken at.

    One row (id 1), shared by every instance of the service.
    """

    __tablename__ = "statistics_snapshot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    changes: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
