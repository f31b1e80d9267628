"""What a service reports to the audit trail in its ``X-Agora-Audit`` response header."""

from __future__ import annotations

import re

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
_STATE = re.compile(r"[A-Z]{2,16}")


def parse_service_reports(value: str) -> list[tuple[str, str, str | None]] | None:
    """(action, resource id, custodian state) of ``<action> <resource>[@<STATE>] ...``.

    The actors service names each actor's custodian after ``@``, so the custodian state's
    stewards see who read or wrote its actors' personal data (also a grantee's reads). Several
    such values may arrive joined by commas. None if any part is malformed.
    """
    reports = []
    for part in value.split(","):
        words = part.split()
        if len(words) < 2 or words[0] not in SERVICE_ACTIONS:
            return None
        for word in words[1:]:
            resource, _, custodian = word.partition("@")
            if not resource or (custodian and not _STATE.fullmatch(custodian)):
                return None
            reports.append((words[0], resource[:MAX_RESOURCE], custodian or None))
    return reports


def parse_service_header(value: str) -> list[tuple[str, str]] | None:
    """(action, resource id) pairs of the header (see ``parse_service_reports``)."""
    reports = parse_service_reports(value)
    return None if reports is None else [(action, resource) for action, resource, _ in reports]
