"""The authenticated caller and the dependencies that admit it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from agora_common.problems import Forbidden, Unauthorized
from fastapi import Depends, Request

_BEARER = {"WWW-Authenticate": 'Bearer realm="agora"'}
MISSING = "A bearer token is required."
INVALID = "The token is invalid or expired."


@dataclass(frozen=True, slots=True)
class Principal:
    client_id: str
    role: str
    state: str | None
    # When the bearer token this caller presented expires.
    expires_at: datetime | None = None


async def current_principal(request: Request) -> Principal:
    """The caller the gateway pipeline authenticated; 401 when missing, invalid or revoked."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        reason = getattr(request.state, "auth_failure", None) or MISSING
        raise Unauthorized(reason, headers=_BEARER)
    return principal


def require_role(*roles: str) -> Any:
    """A dependency that admits only callers with one of ``roles`` (403 otherwise)."""

    async def _check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in roles:
            raise Forbidden("Your role may not use this operation.")
        return principal

    return Depends(_check)
