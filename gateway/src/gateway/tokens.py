"""Access tokens (short-lived, HMAC-signed) and the bearer check on every request."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Annotated

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


async def current_principal(request: Request) -> Principal:
    """The caller behind the bearer token; 401 when missing, invalid, expired or revoked."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("A bearer token is required.", headers=_BEARER)
    subject = request.app.state.tokens.subject(token.strip())
    if subject is None:
        raise Unauthorized("The token is invalid or expired.", headers=_BEARER)
    # The client is read on every request, so that a revocation takes effect at once.
    async with request.app.state.db.transaction(readonly=True) as session:
        client = await clients.active_client(session, subject)
    if client is None:
        raise Unauthorized("The token is invalid or expired.", headers=_BEARER)
    principal = Principal(client_id=client.client_id, role=client.role, state=client.state)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_role(*roles: str) -> Principal:
    async def _check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in roles:
            raise Forbidden("Your role may not use this operation.")
        return principal

    return Depends(_check)
