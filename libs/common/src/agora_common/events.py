"""CloudEvents 1.0 structured JSON envelope.

The trace context of an event travels in its NATS message headers (W3C ``traceparent``,
``agora_common.telemetry.event_headers``), not in the envelope.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson


class MalformedEvent(ValueError):
    """A message that is not a CloudEvent we can read; it will never become one."""


@dataclass(frozen=True, slots=True)
class CloudEvent:
    type: str
    source: str
    subject: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "specversion": "1.0",
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "time": self.time.isoformat().replace("+00:00", "Z"),
            "subject": self.subject,
            "datacontenttype": "application/json",
            "data": self.data,
        }
        return orjson.dumps(body)

    @classmethod
    def from_json(cls, raw: bytes) -> CloudEvent:
        try:
            body = orjson.loads(raw)
            if body.get("specversion") != "1.0" or not isinstance(body.get("data"), dict):
                raise MalformedEvent("not a CloudEvents 1.0 JSON event")
            return cls(
                id=str(body["id"]),
                type=str(body["type"]),
                source=str(body["source"]),
                subject=str(body.get("subject", "")),
                data=body["data"],
                time=datetime.fromisoformat(str(body["time"]).replace("Z", "+00:00")),
            )
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, MalformedEvent):
                raise
            raise MalformedEvent(type(exc).__name__) from None


@dataclass(frozen=True, slots=True)
class EventSource:
    """The events one service publishes: stream ``FUNDING``, subjects ``agora.funding.<name>``,
    types ``agora.funding.<name>.v<version>``, source ``agora/funding``."""

    service: str

    @property
    def stream(self) -> str:
        return self.service.upper()

    @property
    def subjects(self) -> list[str]:
        return [f"agora.{self.service}.>"]

    @property
    def source(self) -> str:
        return f"agora/{self.service}"

    def event(
        self, name: str, subject: str, data: dict[str, Any], *, version: int = 1
    ) -> tuple[str, CloudEvent]:
        """The subject to publish on and the event, for the outbox."""
        return f"agora.{self.service}.{name}", CloudEvent(
            type=f"agora.{self.service}.{name}.v{version}",
            source=self.source,
            subject=subject,
            data=data,
        )
