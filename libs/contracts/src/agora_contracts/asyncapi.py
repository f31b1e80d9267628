"""The AsyncAPI 3.0 document of the events on the bus, generated from ``EVENT_TYPES``.

Each event type ``agora.<service>.<name>.v<n>`` is published by ``agora_common.events.EventSource``
on subject ``agora.<service>.<name>`` of stream ``<SERVICE>``, as a CloudEvents 1.0 JSON envelope
whose ``data`` is the type's payload model (its JSON Schema in serialisation mode: what is
published, decimals as strings). Its NATS headers carry the message id JetStream deduplicates on
and the W3C trace context. A channel is a subject; the stream it belongs to is its tag.
Consumers park what they can never apply on ``agora.deadletter.<durable>`` (stream
``DEADLETTER``), described here too. Other documents (the gateway's) add their own channels
with ``Channel``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from agora_contracts.events import EVENT_TYPES

ASYNCAPI_VERSION = "3.0.0"
SCHEMAS = "#/components/schemas/"
DEADLETTER_STREAM = "DEADLETTER"
DEADLETTER_SUBJECT = "agora.deadletter.{durable}"

DESCRIPTION = """\
The events Agora's services publish on NATS JetStream, generated from the schemas they are built
from (`agora_contracts.events`). Each service owns one stream, `ACTORS`, `FUNDING` or
`EVALUATION`, with subjects `agora.<service>.<name>`; only it publishes there. Every message is a
CloudEvents 1.0 structured JSON envelope whose `data` follows the schema of its `type`; readers
ignore fields they do not know. Events carry pseudonymous ids, codes and public attributes,
never personal data. The bus is internal: agencies are told of events by webhooks.
"""

TRACE_HEADERS: dict[str, Any] = {
    "traceparent": {
        "type": "string",
        "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
        "description": "W3C trace context of the request that caused the event (when traced).",
    },
    "tracestate": {"type": "string", "description": "W3C trace state, when there is one."},
}

EVENT_HEADERS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "Nats-Msg-Id": {
            "type": "string",
            "description": "The event's `id`: JetStream drops a second copy within 15 minutes.",
        },
        **TRACE_HEADERS,
    },
    "required": ["Nats-Msg-Id"],
}


@dataclass(frozen=True)
class Channel:
    """One subject of one stream and the messages published on it."""

    key: str
    address: str
    stream: str
    description: str
    messages: dict[str, dict[str, Any]]
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)


def parse_type(event_type: str) -> tuple[str, str, int]:
    """``agora.funding.commitment_made.v1`` → (``funding``, ``commitment_made``, 1)."""
    prefix, service, name, version = event_type.split(".")
    if prefix != "agora" or not version.startswith("v") or not version[1:].isdigit():
        raise ValueError(f"not an Agora event type: {event_type}")
    return service, name, int(version[1:])


def _camel(*parts: str) -> str:
    words = [w for part in parts for w in part.replace(".", "_").split("_") if w]
    return words[0].lower() + "".join(w.capitalize() for w in words[1:])


def _summary(model: type[BaseModel]) -> str:
    """The first paragraph of the model's docstring, on one line."""
    text = (model.__doc__ or model.__name__).strip().split("\n\n")[0]
    return " ".join(text.split())


def envelope(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of the CloudEvent ``agora_common.events.CloudEvent.to_json`` writes for
    ``event_type``, whose ``data`` is ``data``."""
    service, _name, _version = parse_type(event_type)
    return {
        "type": "object",
        "description": "CloudEvents 1.0, structured JSON mode.",
        "required": [
            "specversion",
            "id",
            "source",
            "type",
            "time",
            "subject",
            "datacontenttype",
            "data",
        ],
        "properties": {
            "specversion": {"const": "1.0"},
            "id": {
                "type": "string",
                "minLength": 1,
                "description": "Unique per event (a random UUID); consumers apply each id once.",
            },
            "source": {
                "const": f"agora/{service}",
                "description": "The service that owns the stream; any other source is parked.",
            },
            "type": {"const": event_type, "description": "Name and version of `data`'s schema."},
            "time": {
                "type": "string",
                "format": "date-time",
                "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
                "description": "When the change was made, RFC 3339 in UTC.",
            },
            "subject": {
                "type": "string",
                "description": "The id of the resource the event is about (actor, cycle, …).",
            },
            "datacontenttype": {"const": "application/json"},
            "data": data,
        },
    }


def event_channels() -> tuple[list[Channel], dict[str, Any]]:
    """One channel per subject with the messages of its event types, and the payload schemas."""
    models = sorted(set(EVENT_TYPES.values()), key=lambda m: m.__name__)
    _refs, defs = models_json_schema(
        [(model, "serialization") for model in models], ref_template=SCHEMAS + "{model}"
    )
    schemas: dict[str, Any] = defs.get("$defs", {})
    by_subject: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for event_type, model in sorted(EVENT_TYPES.items()):
        service, name, version = parse_type(event_type)
        by_subject[(service, name)][event_type] = {
            "name": event_type,
            "title": f"{name.replace('_', ' ').capitalize()} (v{version})",
            "summary": _summary(model),
            "contentType": "application/json",
            "headers": EVENT_HEADERS,
            "payload": envelope(event_type, {"$ref": SCHEMAS + model.__name__}),
        }
    channels = [
        Channel(
            key=_camel(service, name),
            address=f"agora.{service}.{name}",
            stream=service.upper(),
            description=f"Published by the {service} service on stream {service.upper()}.",
            messages=messages,
        )
        for (service, name), messages in sorted(by_subject.items())
    ]
    return channels, schemas


def deadletter_channel() -> Channel:
    """Where a consumer parks a message it can never apply (malformed, from a source that does
    not own the stream, or failing for good), unchanged, with why in two headers."""
    return Channel(
        key="deadletter",
        address=DEADLETTER_SUBJECT,
        stream=DEADLETTER_STREAM,
        description=(
            "A message a consumer could never apply, parked unchanged by that consumer "
            "(`durable`) for an operator to inspect; it is not applied again."
        ),
        parameters={"durable": {"description": "The durable name of the consumer that parked it."}},
        messages={
            "parked": {
                "name": "parked",
                "title": "Parked message",
                "summary": "The original message's bytes and headers, and why it was parked.",
                "headers": {
                    "type": "object",
                    "properties": {
                        "Agora-Deadletter-Reason": {
                            "type": "string",
                            "maxLength": 200,
                            "description": "Why (an error type or rule, never the event's data).",
                        },
                        "Agora-Deadletter-Subject": {
                            "type": "string",
                            "description": "The subject it was first published on.",
                        },
                        **TRACE_HEADERS,
                    },
                    "required": ["Agora-Deadletter-Reason", "Agora-Deadletter-Subject"],
                },
                "payload": {"description": "The parked message as it was published (any bytes)."},
            }
        },
    )


def document(
    *, extra_channels: Iterable[Channel] = (), server: str = "nats:4222"
) -> dict[str, Any]:
    """The AsyncAPI 3.0 document of every stream, subject and message (a JSON object)."""
    channels, schemas = event_channels()
    channels += [deadletter_channel(), *extra_channels]
    streams = sorted({c.stream for c in channels})
    body: dict[str, Any] = {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "Agora events",
            "version": "1.0.0",
            "description": DESCRIPTION,
            "tags": [
                {"name": stream, "description": f"JetStream stream {stream}."} for stream in streams
            ],
        },
        "defaultContentType": "application/json",
        "servers": {
            "nats": {
                "host": server,
                "protocol": "nats",
                "description": "The platform's NATS JetStream (`AGORA_NATS_URL`; TLS in compose "
                "and Kubernetes), inside its network only; every process connects with its own "
                "user, allowed only its own streams.",
            }
        },
        "channels": {},
        "operations": {},
        "components": {"messages": {}, "schemas": schemas},
    }
    for channel in channels:
        refs = {}
        for key, message in channel.messages.items():
            component = _camel(key)
            body["components"]["messages"][component] = message
            refs[key] = {"$ref": f"#/components/messages/{component}"}
        entry: dict[str, Any] = {
            "address": channel.address,
            "title": channel.address,
            "description": channel.description,
            "servers": [{"$ref": "#/servers/nats"}],
            "messages": refs,
            "tags": [{"name": channel.stream}],
        }
        if channel.parameters:
            entry["parameters"] = channel.parameters
        body["channels"][channel.key] = entry
        body["operations"][f"publish{channel.key[0].upper()}{channel.key[1:]}"] = {
            "action": "send",
            "title": f"Publish on {channel.address}",
            "channel": {"$ref": f"#/channels/{channel.key}"},
            "messages": [{"$ref": f"#/channels/{channel.key}/messages/{key}"} for key in refs],
        }
    return body
