"""Server-side sessions: the person's token never leaves this process.

The browser holds only a random session id (an ``HttpOnly`` cookie). The store is in memory, per
process: a restart signs everyone out, and several console processes need sticky sessions (or a
shared store, a later step; docs/console.md).
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field

COOKIE = "agora_console_session"
# Tokens expire on the gateway at ``expires_in``; end the session a little earlier so that a page
# never starts a call with a token about to lapse.
EXPIRY_MARGIN_SECONDS = 5


@dataclass(slots=True)
class Session:
    id: str
    token: str
    client_id: str
    role: str
    expires_at: float
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Messages for the next page this session sees (after a redirect).
    notices: list[str] = field(default_factory=list)

    def expired(self, now: float | None = None) -> bool:
        return (now if now is not None else time.monotonic()) >= self.expires_at

    def csrf_matches(self, submitted: str | None) -> bool:
        return bool(submitted) and hmac.compare_digest(self.csrf, submitted or "")


class SessionStore:
    """Sessions by id, in memory; expired ones are dropped when met and when the store is full."""

    def __init__(self, *, max_seconds: int, max_sessions: int) -> None:
        self._sessions: dict[str, Session] = {}
        self._max_seconds = max_seconds
        self._max_sessions = max_sessions

    def create(self, *, token: str, client_id: str, role: str, expires_in: int) -> Session:
        self._drop_expired()
        if len(self._sessions) >= self._max_sessions:
            # The oldest session makes room: a full store must not lock everyone out.
            oldest = min(self._sessions.values(), key=lambda s: s.expires_at)
            self._sessions.pop(oldest.id, None)
        lifetime = min(expires_in - EXPIRY_MARGIN_SECONDS, self._max_seconds)
        session = Session(
            id=secrets.token_urlsafe(32),
            token=token,
            client_id=client_id,
            role=role,
            expires_at=time.monotonic() + max(lifetime, 0),
        )
        self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        session = self._sessions.get(session_id)
        if session is None:
            return None
        if session.expired():
            self._sessions.pop(session_id, None)
            return None
        return session

    def end(self, session_id: str | None) -> None:
        if session_id:
            self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)

    def _drop_expired(self) -> None:
        now = time.monotonic()
        for session_id in [k for k, s in self._sessions.items() if s.expired(now)]:
            self._sessions.pop(session_id, None)
