"""Who may do what on the bus: per-process NATS users whose permissions follow the streams.

A process may publish only into the stream it owns (``agora.<service>.>``) and on its own
dead-letter subjects, and may read only through its own durable consumers of the streams it
consumes. So a compromised funding service cannot send ``agora.actors.erased`` for anybody, nor
read another service's consumer, nor delete or purge a stream: every JetStream API subject it may
use is listed here by name. The same permissions are rendered for the nats-server that
``make run`` starts, for compose and for Kubernetes (see ``deploy/gen_secrets.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

DEADLETTER_STREAM = "DEADLETTER"


@dataclass(frozen=True, slots=True)
class Consumes:
    """A durable pull consumer of another service's stream."""

    stream: str
    durable: str


@dataclass(frozen=True, slots=True)
class NatsAccess:
    """The bus rights of one process (one NATS user)."""

    user: str
    owns: str | None = None
    """The service whose stream this process publishes, e.g. ``"actors"`` → stream ACTORS."""
    consumes: tuple[Consumes, ...] = field(default=())
    monitors: bool = False
    """Reads the state of every stream and consumer (counts, lag), never a message."""
    append_only: bool = False
    """The owned stream is append-only (``Bus.want_stream(..., append_only=True)``): this user
    creates it and reads its messages back, but may not update it (an update could shrink its
    limits and so drop messages), delete it or delete a message."""
    core: tuple[str, ...] = field(default=())
    """NATS core subjects (no stream) this user both publishes and subscribes to: a broadcast
    among the replicas of one process kind."""

    def publish_allow(self) -> list[str]:
        allow = ["$JS.API.INFO", *self.core]
        if self.monitors:
            allow += [
                "$JS.API.STREAM.NAMES",
                "$JS.API.STREAM.LIST",
                "$JS.API.STREAM.INFO.*",
                "$JS.API.CONSUMER.NAMES.*",
                "$JS.API.CONSUMER.LIST.*",
                "$JS.API.CONSUMER.INFO.*.*",
            ]
        if self.owns:
            stream = self.owns.upper()
            allow.append(f"agora.{self.owns}.>")
            if self.append_only:
                allow += [
                    f"$JS.API.STREAM.CREATE.{stream}",
                    f"$JS.API.STREAM.INFO.{stream}",
                    f"$JS.API.STREAM.MSG.GET.{stream}",
                ]
            else:
                allow += _stream_admin(stream)
        if self.consumes:
            allow += _stream_admin(DEADLETTER_STREAM)
            # Read back parked events by sequence, to list and replay them (dead_letters).
            allow.append(f"$JS.API.STREAM.MSG.GET.{DEADLETTER_STREAM}")
        for c in self.consumes:
            allow += [
                f"$JS.API.STREAM.INFO.{c.stream}",
                # Read by sequence what its consumer reads anyway, to rebuild read models.
                f"$JS.API.STREAM.MSG.GET.{c.stream}",
                f"$JS.API.CONSUMER.CREATE.{c.stream}.{c.durable}",
                f"$JS.API.CONSUMER.CREATE.{c.stream}.{c.durable}.>",
                f"$JS.API.CONSUMER.DURABLE.CREATE.{c.stream}.{c.durable}",
                f"$JS.API.CONSUMER.INFO.{c.stream}.{c.durable}",
                f"$JS.API.CONSUMER.MSG.NEXT.{c.stream}.{c.durable}",
                f"$JS.ACK.{c.stream}.{c.durable}.>",
                f"agora.deadletter.{c.durable}",
            ]
        return sorted(set(allow))

    @property
    def inbox_prefix(self) -> str:
        return inbox_prefix(self.user)

    def permissions(self) -> dict[str, Any]:
        """The ``permissions`` block of this user in a nats-server configuration."""
        return {
            "publish": {"allow": self.publish_allow()},
            # Replies to JetStream API requests, publish acks and fetched messages all arrive on
            # the connection's inbox subjects: each user has its own prefix, so no user can
            # subscribe to the messages another user's consumer fetches.
            "subscribe": {"allow": [f"{self.inbox_prefix}.>", *self.core]},
        }


def inbox_prefix(user: str) -> str:
    """The reply-subject prefix of ``user``'s connections (nats-py's ``inbox_prefix``)."""
    return f"_INBOX_{user}"


def _stream_admin(stream: str) -> list[str]:
    return [
        f"$JS.API.STREAM.CREATE.{stream}",
        f"$JS.API.STREAM.UPDATE.{stream}",
        f"$JS.API.STREAM.INFO.{stream}",
    ]


def authorization_block(users: dict[NatsAccess, str]) -> str:
    """A nats-server ``authorization`` block for these users and passwords (config syntax is a
    superset of JSON, so the values are written as JSON)."""
    entries = [
        {"user": access.user, "password": password, "permissions": access.permissions()}
        for access, password in users.items()
    ]
    return "authorization {\n  users: " + json.dumps(entries, indent=2) + "\n}\n"


__all__ = ["DEADLETTER_STREAM", "Consumes", "NatsAccess", "authorization_block", "inbox_prefix"]
