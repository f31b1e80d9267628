"""What the gateway audits: responses that carry or change personal data name it in a header,
which the gateway turns into audit records and strips.

Each actor is named with its custodian (``<id>@<state>``): the custodian state's stewards read
every access to its actors' personal data, also a grantee's, from the gateway's audit trail.
"""

from __future__ import annotations

from typing import Protocol

from fastapi import Response

AUDIT_HEADER = "X-Agora-Audit"


class Custodied(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def custodian_state(self) -> str: ...


def named(actor: Custodied) -> str:
    """The actor as the audit header names it: its id and its custodian."""
    return f"{actor.id}@{actor.custodian_state}"


def audit(response: Response, action: str, ids: list[str]) -> None:
    """Name ``action`` on ``ids`` for the gateway's audit trail (nothing when no ids)."""
    if ids:
        response.headers[AUDIT_HEADER] = " ".join([action, *ids])
        # Personal data must not rest in any cache on the way (browsers, proxies).
        response.headers["Cache-Control"] = "no-store"


def audit_headers(action: str, actor: str) -> dict[str, str]:
    """The audit header of a response without a body (204); ``actor`` as ``named`` gives it."""
    return {AUDIT_HEADER: f"{action} {actor}"}
