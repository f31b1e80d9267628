"""The gateway's tables."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import BigInteger, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# BigInteger on PostgreSQL, INTEGER (the rowid alias, so autoincrement works) on SQLite.
_Seq = BigInteger().with_variant(Integer(), "sqlite")


class Client(Base):
    """An OAuth 2.0 client: an agency, evaluator, auditor or operator of one state or none."""

    __tablename__ = "clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class IdempotencyRecord(Base):
    """The first response to a POST with an ``Idempotency-Key``, replayed for the same request.

    Only a hash of the key is kept, and the response body is encrypted with a key derived from
    the raw idempotency key: the table alone reveals neither the key nor the (possibly personal)
    response.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("client_id", "key_hash", name="uq_idempotency_client_key"),)

    id: Mapped[int] = mapped_column(_Seq, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(64))
    key_hash: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    # NULL while the first request is still running.
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    headers: Mapped[str | None] = mapped_column(Text, nullable=True)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # " id1 id2 ": the resources the response's X-Agora-Audit named, so an erasure can forget
    # every stored response about the erased actor.
    resources: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AuditRecord(Base):
    """One append-only, hash-chained audit record: who did what to which resource, never values."""

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(_Seq, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    client_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    resource: Mapped[str] = mapped_column(String(200), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The one row naming the chain's last record; appends lock it, so they happen one at a time."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(_Seq)
    hash: Mapped[str] = mapped_column(String(64))
