"""Request and response bodies of webhooks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from agora_common.pagination import Page
from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from gateway.webhooks.catalogue import SUBSCRIBABLE
from gateway.webhooks.models import WebhookDelivery, WebhookEndpoint
from gateway.webhooks.ssrf import MAX_URL_LENGTH

EventType = Literal[
    "funding.overlap_detected",
    "actors.permit_expiring",
    "actors.duplicate_suspected",
    "evaluation.assignment_created",
]
assert set(EventType.__args__) == set(SUBSCRIBABLE)  # type: ignore[attr-defined]


_ENDPOINT: JsonDict = {
    "id": "wh_3q2-7Vb9TmKcYw1xZr0aHg",
    "url": "https://hooks.agency.example/agora",
    "events": ["actors.permit_expiring", "funding.overlap_detected"],
    "created_at": "2026-11-30T09:15:02Z",
    "disabled_at": None,
    "disabled_reason": None,
}
_DELIVERY: JsonDict = {
    "id": "msg_Jk2b5QeW0m4sXn8yPz1cAg",
    "event_type": "funding.overlap_detected",
    "status": "pending",
    "attempts": 3,
    "created_at": "2026-11-30T10:00:00Z",
    "next_attempt_at": "2026-11-30T10:06:45Z",
    "last_attempt_at": "2026-11-30T10:01:45Z",
    "last_status_code": 503,
    "last_error": "HTTP 503",
    "delivered_at": None,
}


class DeliveryStatus(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class WebhookIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.agency.example/agora",
                    "events": ["funding.overlap_detected", "actors.permit_expiring"],
                }
            ]
        },
    )

    url: str = Field(
        min_length=1,
        max_length=MAX_URL_LENGTH,
        description="The receiver: an `https` URL whose host resolves to public addresses only "
        "(in development also loopback, over `http`). Checked again at every delivery.",
        examples=["https://hooks.agency.example/agora"],
    )
    events: list[EventType] = Field(
        min_length=1,
        max_length=len(SUBSCRIBABLE),
        description="Agencies and stewards: `funding.overlap_detected`, `actors.permit_expiring`, "
        "`actors.duplicate_suspected` (those concerning their state); evaluators: "
        "`evaluation.assignment_created` (their own assignments).",
    )


class WebhookOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ENDPOINT]})

    id: str
    url: str
    events: list[str]
    created_at: datetime
    disabled_at: datetime | None = Field(
        description="When deliveries stopped: every retry of one delivery failed for the whole "
        "retry period. Null while active."
    )
    disabled_reason: str | None

    @classmethod
    def of(cls, endpoint: WebhookEndpoint) -> WebhookOut:
        return cls(
            id=endpoint.id,
            url=endpoint.url,
            events=list(endpoint.events),
            created_at=endpoint.created_at,
            disabled_at=endpoint.disabled_at,
            disabled_reason=endpoint.disabled_reason,
        )


class WebhookCreated(WebhookOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {**_ENDPOINT, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4O7qT2lEUm0="}
            ]
        }
    )

    secret: str = Field(
        description="The signing secret (`whsec_…`), shown only in this response: verify "
        "`webhook-signature` with it (Standard Webhooks)."
    )


class DeliveryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_DELIVERY]})

    id: str = Field(description="The `webhook-id` header of every attempt of this delivery.")
    event_type: str
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None = Field(description="The receiver's last HTTP status, if any.")
    last_error: str | None = Field(description="Why the last attempt failed, if it did.")
    delivered_at: datetime | None

    @classmethod
    def of(cls, delivery: WebhookDelivery) -> DeliveryOut:
        return cls.model_validate(delivery, from_attributes=True)


class WebhookPage(Page[WebhookOut]):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_ENDPOINT], "next_cursor": None}]}
    )


class DeliveryPage(Page[DeliveryOut]):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_DELIVERY], "next_cursor": None}]}
    )
