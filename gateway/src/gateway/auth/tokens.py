"""Access tokens: short-lived, HMAC-signed, naming the client."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import jwt

ISSUER = "agora-gateway"
AUDIENCE = "agora"
# Tokens verified recently, kept so that a client's next requests skip the HMAC and JSON work
# (a few per cent of the gateway's CPU per request). Bounded: emptied when full.
VERIFIED_KEPT = 4096


class TokenIssuer:
    def __init__(self, key: bytes, ttl_seconds: int) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds
        # Exactly these bytes verified with our key: (subject, expiry as a Unix time).
        self._verified: dict[str, tuple[VerifiedToken, int]] = {}

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
        """The client a valid token names and when it expires, else None (an expired one too,
        even if it was valid before)."""
        kept = self._verified.get(token)
        if kept is not None:
            if kept[1] > time.time():
                return kept[0]
            del self._verified[token]
            return None
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
        expires = int(claims["exp"])
        verified = VerifiedToken(str(claims["sub"]), datetime.fromtimestamp(expires, UTC))
        if len(self._verified) >= VERIFIED_KEPT:
            self._verified.clear()
        self._verified[token] = (verified, expires)
        return verified


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    subject: str
    expires_at: datetime
