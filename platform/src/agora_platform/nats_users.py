"""The platform's NATS users: one per service, each publishing only its own stream.

The single list of who owns and who consumes which stream; ``make run`` starts its nats-server
with these users (passwords generated into the data directory), and ``deploy/gen_secrets.py``
renders the same permissions for compose and Kubernetes. The durable names are the services'
own (their ``Subscription``s); the end-to-end tests run on a NATS with these users, so a
consumer missing here cannot go unnoticed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from agora_common.keys import load_or_create, random_secret
from agora_common.nats_access import Consumes, NatsAccess, authorization_block

ACCESS: dict[str, NatsAccess] = {
    "actors": NatsAccess("actors", owns="actors"),
    "funding": NatsAccess(
        "funding", owns="funding", consumes=(Consumes("ACTORS", "funding-actors"),)
    ),
    "evaluation": NatsAccess(
        "evaluation",
        owns="evaluation",
        consumes=(
            Consumes("ACTORS", "evaluation-actors"),
            Consumes("FUNDING", "evaluation-funding"),
        ),
    ),
    # The gateway publishes the signed checkpoints of its audit chain (stream AUDIT, kept for
    # ever, never updated, no message deleted or purged) and reads them back to verify; it reads
    # the services' events that become webhooks (gateway.webhooks.consumer: the durable names);
    # its replicas tell each other of revoked clients on NATS core (gateway.auth.cache).
    "gateway": NatsAccess(
        "gateway",
        owns="audit",
        append_only=True,
        core=("agora.gateway.revocations",),
        consumes=(
            Consumes("ACTORS", "gateway-webhooks-actors"),
            Consumes("FUNDING", "gateway-webhooks-funding"),
            Consumes("EVALUATION", "gateway-webhooks-evaluation"),
        ),
    ),
    # Operators' dashboards, the benchmark and the tests: stream and consumer state only.
    "monitor": NatsAccess("monitor", monitors=True),
}


def dev_passwords(data_dir: Path) -> dict[str, str]:
    """Each service's NATS password for the embedded setup, generated once (mode 0600)."""

    def generate() -> bytes:
        return json.dumps({name: random_secret().decode() for name in ACCESS}).encode()

    path = data_dir / "keys" / "nats-users.json"
    stored: dict[str, str] = json.loads(load_or_create(path, generate))
    if missing := [name for name in ACCESS if name not in stored]:
        # A data directory from before a user was added: give the new users passwords too.
        stored |= {name: random_secret().decode() for name in missing}
        replacement = path.with_name(f".{path.name}.{os.getpid()}")
        replacement.unlink(missing_ok=True)
        fd = os.open(replacement, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(json.dumps(stored).encode())
        os.replace(replacement, path)
    return stored


def dev_authorization(data_dir: Path) -> str:
    """The nats-server ``authorization`` block for the embedded setup."""
    passwords = dev_passwords(data_dir)
    return authorization_block({access: passwords[name] for name, access in ACCESS.items()})
