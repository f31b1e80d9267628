"""What the gateway audits: responses that carry or change personal data name it in a header,
which the gateway turns into audit records and strips."""

from __future__ import annotations

from fastapi import Response

AUDIT_HEADER = "X-Agora-Audit"


def audit(response: Response, action: str, ids: list[str]) -> None:
    """Name ``action`` on ``ids`` for the gateway's audit trail (nothing when no ids)."""
    if ids:
        response.headers[AUDIT_HEADER] = " ".join([action, *ids])
        # Personal data must not rest in any cache on the way (browsers, proxies).
        response.headers["Cache-Control"] = "no-store"


def audit_headers(action: str, actor_id: str) -> dict[str, str]:
    """The audit header of a response without a body (204)."""
    return {AUDIT_HEADER: f"{action} {actor_id}"}
