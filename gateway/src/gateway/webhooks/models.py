"""The webhook tables: endpoints (subscriptions) and deliveries (the queue and its log)."""

from __future__ import annotations

from datetime import datetime

from agora_common.tables import inbox
from agora_common.types import UTCDateTime
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models import Base

# The gateway consumes events for webhooks through agora_common.inbox, which records each event
# applied in the inbox table: the same table every service has, here in the gateway's metadata.
inbox.to_metadata(Base.metadata)


class WebhookEndpoint(Base):
    """A receiver URL a client subscribed to some event types, with its signing secret sealed.

    ``state`` is the agency's or steward's state (events concerning that state reach it); an
    evaluator's endpoint has none and receives only its own assignments.
    """

    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_client_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("clients.client_id"), index=True
    )
    owner_role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[list[str]] = mapped_column(JSON)
    # AES-256-GCM under a key derived from the gateway's key, bound to the endpoint id.
    secret_sealed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)


class WebhookDelivery(Base):
    """One event to one endpoint: queued, attempted until delivered or given up, then kept as
    its log. ``id`` is the ``webhook-id`` the receiver sees, the same on every attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id", name="uq_webhook_deliveries_event"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    # The exact body sent (JSON text), signed anew with each attempt's timestamp.
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The worker holding this delivery and until when (a lease; see delivery.py).
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
