"""The AsyncAPI document the gateway serves: every event stream, and the audit checkpoints."""

from __future__ import annotations

from functools import cache
from typing import Any

from agora_contracts.asyncapi import Channel, document

from gateway.checkpoints.stream import STREAM, SUBJECT

# The message ``gateway.checkpoints.signing.encode`` publishes.
CHECKPOINT: dict[str, Any] = {
    "type": "object",
    "required": ["seq", "hash", "at", "key_id", "signature"],
    "properties": {
        "seq": {"type": "integer", "minimum": 1, "description": "The last audit record covered."},
        "hash": {"type": "string", "description": "That record's chain hash (hex)."},
        "at": {
            "type": "string",
            "format": "date-time",
            "description": "When it was signed, to the second, in UTC.",
        },
        "key_id": {
            "type": "string",
            "description": "Which signing key (GET /v1/audit/checkpoints).",
        },
        "signature": {
            "type": "string",
            "description": "Base64 Ed25519 signature of "
            "`agora-audit-checkpoint\\n<seq>\\n<hash>\\n<at>`.",
        },
    },
}


def checkpoint_channel() -> Channel:
    return Channel(
        key="auditCheckpoints",
        address=SUBJECT,
        stream=STREAM,
        description=(
            f"Signed checkpoints of the gateway's audit chain, on stream {STREAM}: append-only, "
            "kept for ever, published by the gateway alone."
        ),
        messages={
            "checkpoint": {
                "name": "checkpoint",
                "title": "Audit checkpoint",
                "summary": "The audit chain's head at one moment, signed by the gateway.",
                "contentType": "application/json",
                "headers": {
                    "type": "object",
                    "properties": {
                        "Nats-Msg-Id": {
                            "type": "string",
                            "description": "`audit-<seq>-<hash>`: a retry is absorbed.",
                        }
                    },
                },
                "payload": CHECKPOINT,
            }
        },
    )


@cache
def asyncapi_document() -> dict[str, Any]:
    """The document, built once: it depends on the code alone."""
    return document(extra_channels=[checkpoint_channel()])
