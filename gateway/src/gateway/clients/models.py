"""The clients table."""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models import Base


class Client(Base):
    """An OAuth 2.0 client: an agency, steward, evaluator, auditor, monitor or operator.

    A steward or admin created by one admin is ``pending_approval`` until a second admin approves
    it: until then it has no ``secret_hash`` (it cannot sign in) and ``sealed_part`` holds the
    creator's half of its secret, encrypted with the gateway's key (see ``clients.sealing``).
    """

    __tablename__ = "clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(24), server_default="active")
    secret_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sealed_part: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
