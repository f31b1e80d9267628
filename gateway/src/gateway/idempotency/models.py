"""The idempotency keys' table."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models import Base, Seq


class IdempotencyRecord(Base):
    """The first response to a POST with an ``Idempotency-Key``, replayed for the same request.

    Only a hash of the key is kept, and the response body is encrypted with a key derived from
    the raw idempotency key: the table alone reveals neither the key nor the (possibly personal)
    response.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("client_id", "key_hash", name="uq_idempotency_client_key"),)

    id: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=True)
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
