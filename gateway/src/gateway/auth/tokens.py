"""Access tokens: short-lived, HMAC-signed, naming the client."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

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
        verified = self.verify(token)
        return verified.subject if verified is not None else None

    def verify(self, token: str) -> VerifiedToken | None:
        """The client a valid token names and when it expires, else None."""
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
        return VerifiedToken(str(claims["sub"]), datetime.fromtimestamp(int(claims["exp"]), UTC))


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    subject: str
    expires_at: datetime
