"""The gateway's consumers of the services' events that become webhooks.

One durable consumer per stream (its name is in ``agora_platform.nats_users``): each event is
applied once through ``agora_common.inbox`` — its inbox row and its delivery rows commit in one
transaction — and every other event type is acknowledged and ignored.
"""

from __future__ import annotations

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.inbox import Consumer

from gateway.webhooks import service
from gateway.webhooks.catalogue import SOURCES

DURABLES = {
    "ACTORS": "gateway-webhooks-actors",
    "FUNDING": "gateway-webhooks-funding",
    "EVALUATION": "gateway-webhooks-evaluation",
}


def webhook_consumers(db: Database, bus: Bus) -> list[Consumer]:
    return [
        Consumer(
            db,
            bus,
            durable=durable,
            stream=stream,
            subjects=[f"agora.{stream.lower()}.>"],
            handlers={
                event_type: service.queue_event
                for event_type, source in SOURCES.items()
                if source.stream == stream
            },
        )
        for stream, durable in DURABLES.items()
    ]
