"""Access tokens (short-lived, HMAC-signed) and the bearer check on every request."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from agora_common.problems import Forbidden, Unauthorized
from fastapi import Depends, Request

from gateway import clients
from gateway.models import Client

ISSUER = "agora-gateway"
AUDIENCE = "agora"


@dataclass(frozen=True, slots=True)
class Principal:
    client_id: str
    role: str
    state: str | None


class TokenIssuer:
    def __init__(self, key: bytes, ttl_seconds: int) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds

    def issue(self, client: Client) -> str:
        now = int(time.time())
        return jwt.encode(
            {
                "iss": ISSUER,
                "aud": AUDIENCE,
                "sub": client.client_id,
                "iat": now,
                "exp": now + self.ttl_seconds,
                "jti": secrets.token_urlsafe(12),
            },
            self._key,
            algorithm="HS256",
        )

    def subject(self, token: str) -> str | None:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=["HS256"],
                issuer=ISSUER,
                audience=AUDIENCE,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError:
            return None
        return str(claims["sub"])


_BEARER = {"WWW-Authenticate": 'Bearer realm="agora"'}
MISSING = "A bearer token is required."
INVALID = "The token is invalid or expired."


async def authenticate_bearer(state: Any, header: str | None) -> tuple[Principal | None, str]:
    """The caller behind an ``Authorization: Bearer`` header, or None and why not."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, MISSING
    subject = state.tokens.subject(token.strip())
    if subject is None:
        return None, INVALID
    # The client is read on every request, so that a revocation takes effect at once.
    async with state.db.transaction(readonly=True) as session:
        client = await clients.active_client(session, subject)
    if client is None:
        return None, INVALID
    return Principal(client_id=client.client_id, role=client.role, state=client.state), ""


async def current_principal(request: Request) -> Principal:
    """The caller the gateway pipeline authenticated; 401 when missing, invalid or revoked."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        reason = getattr(request.state, "auth_failure", None) or MISSING
        raise Unauthorized(reason, headers=_BEARER)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_role(*roles: str) -> Principal:
    async def _check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in roles:
            raise Forbidden("Your role may not use this operation.")
        return principal

    return Depends(_check)
