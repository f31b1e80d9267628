"""The audit trail's tables."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models import Base, Seq


class AuditRecord(Base):
    """One append-only, hash-chained audit record: who did what to which resource, never values."""

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    client_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    resource: Mapped[str] = mapped_column(String(200), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    # The state whose registry the record concerns (custodian of the actor, state of the client).
    subject_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    # A steward's access log and events: its state's records in the order written.
    __table_args__ = (Index("ix_audit_records_subject_state_seq", "subject_state", "seq"),)


class AuditHead(Base):
    """The one row naming the chain's last record; appends lock it, so they happen one at a time."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Seq)
    hash: Mapped[str] = mapped_column(String(64))
