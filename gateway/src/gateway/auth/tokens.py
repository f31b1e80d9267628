"""Access tokens: short-lived, HMAC-signed, naming the client."""

from __future__ import annotations

import secrets
import time

import jwt

ISSUER = "agora-gateway"
AUDIENCE = "agora"


class TokenIssuer:
    def __init__(self, key: bytes, ttl_seconds: int) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds

    def issue(self, client_id: str) -> str:
        now = int(time.time())
        return jwt.encode(
            {
                "iss": ISSUER,
                "aud": AUDIENCE,
                "sub": client_id,
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
