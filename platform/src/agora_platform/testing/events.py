"""Every event a platform published, checked against the AsyncAPI document its gateway serves.

The services' outboxes keep each event exactly as the relay publishes it (subject, payload,
headers; published rows for 7 days), so they list every event the tests caused, and none that
a test forged straight onto NATS. Each is checked against the schema of its message in the
document: the CloudEvents envelope with its ``data``, and the NATS headers.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
from jsonschema import Draft7Validator, FormatChecker

from agora_platform.supervisor import SERVICES, Platform


@dataclass(frozen=True)
class Published:
    """One message as it went onto the bus."""

    origin: str  # where it was read, to name it in a failure
    subject: str
    headers: dict[str, str]
    payload: bytes


def asyncapi_document(platform: Platform) -> dict[str, Any]:
    """``GET /asyncapi.json`` of the platform's gateway, without a token."""
    response = httpx.get(f"{platform.gateway_url}/asyncapi.json", timeout=30)
    response.raise_for_status()
    return dict(response.json())


OUTBOX = (
    "SELECT seq, event_id, subject, payload, headers FROM outbox"
    " WHERE published_at IS NOT NULL ORDER BY seq"
)


def _outbox_rows(url: str) -> list[Any]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite+aiosqlite:///")) as db:
            return db.execute(OUTBOX).fetchall()

    async def fetch() -> list[Any]:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            return list(await connection.fetch(OUTBOX))
        finally:
            await connection.close()

    # A loop of its own in a thread of its own: callers may be inside a running loop or not.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, fetch()).result()


def published_events(platform: Platform) -> list[Published]:
    """Every event the services published: their outbox rows."""
    found = []
    for service in SERVICES:
        for seq, event_id, subject, payload, headers in _outbox_rows(
            platform.database_url(service)
        ):
            # The headers the relay sends (agora_common.outbox.OutboxRelay._publish).
            sent = {"Nats-Msg-Id": event_id, **json.loads(headers or "{}")}
            body = payload if isinstance(payload, bytes) else str(payload).encode()
            found.append(Published(f"{service} outbox #{seq}", subject, sent, body))
    return found


def _channel_messages(document: dict[str, Any], subject: str) -> list[str]:
    """The component names of the messages of the channel whose address is ``subject`` (or
    whose parameterised address it matches)."""
    for channel in document["channels"].values():
        address = channel["address"]
        if address == subject or ("{" in address and subject.startswith(address.split("{", 1)[0])):
            return [ref["$ref"].rsplit("/", 1)[1] for ref in channel["messages"].values()]
    return []


def _errors(document: dict[str, Any], pointer: str, instance: object) -> list[str]:
    validator = Draft7Validator(
        {"$ref": pointer, "components": document["components"]}, format_checker=FormatChecker()
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def invalid_events(document: dict[str, Any], messages: list[Published]) -> list[str]:
    """What is wrong with each message that its message in ``document`` does not describe:
    an unknown subject or type, a payload or headers off their schema. Empty when all fit."""
    problems = []
    for message in messages:
        components = _channel_messages(document, message.subject)
        if not components:
            problems.append(f"{message.origin}: no channel for subject {message.subject}")
            continue
        try:
            payload = json.loads(message.payload)
        except ValueError:
            problems.append(f"{message.origin}: payload is not JSON")
            continue
        event_type = payload.get("type") if isinstance(payload, dict) else None
        named = [
            c for c in components if document["components"]["messages"][c].get("name") == event_type
        ]
        if not named and len(components) == 1:
            named = components  # a channel of one message that is no CloudEvent (checkpoints)
        if not named:
            problems.append(f"{message.origin}: no message {event_type} on {message.subject}")
            continue
        base = f"#/components/messages/{named[0]}"
        for error in _errors(document, f"{base}/payload", payload):
            problems.append(f"{message.origin} ({event_type}) payload {error}")
        for error in _errors(document, f"{base}/headers", message.headers):
            problems.append(f"{message.origin} ({event_type}) headers {error}")
    return problems
