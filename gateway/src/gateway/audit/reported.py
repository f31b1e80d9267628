"""What a service reports to the audit trail in its ``X-Agora-Audit`` response header."""

from __future__ import annotations

HEADER = "x-agora-audit"
# What a service may report in its X-Agora-Audit response header.
SERVICE_ACTIONS = frozenset(
    {
        "actor.personal_data.read",
        "actor.personal_data.write",
        "actor.erased",
        "actor.grant.created",
        "actor.grant.withdrawn",
        "actor.vetting.recorded",
    }
)
MAX_RESOURCE = 200


def parse_service_header(value: str) -> list[tuple[str, str]] | None:
    """(action, resource id) pairs of ``<action> <resource_id> [<resource_id> ...]``.

    Several such values may arrive joined by commas. None if any part is malformed.
    """
    pairs = []
    for part in value.split(","):
        words = part.split()
        if len(words) < 2 or words[0] not in SERVICE_ACTIONS:
            return None
        pairs += [(words[0], resource[:MAX_RESOURCE]) for resource in words[1:]]
    return pairs
