"""The gateway's public API as the console uses it: the person's token, never anyone else's."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx

from agora_console.sessions import Session

TOKEN_PATH = "/v1/auth/token"  # noqa: S105 - a path, not a secret
# Who the token acts as: any valid token may ask, so learning the role costs no refusal.
ME_PATH = "/v1/auth/me"
NO_ROLE = "none"


class SignedOut(Exception):
    """The gateway no longer accepts the session's token (expired or revoked): sign in again."""


@dataclass(slots=True)
class Answer:
    """One response of the gateway, read tolerantly."""

    status: int
    body: Any
    headers: httpx.Headers = field(default_factory=httpx.Headers)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.body.get("items", [])) if isinstance(self.body, dict) else []

    @property
    def next_cursor(self) -> str | None:
        cursor = self.body.get("next_cursor") if isinstance(self.body, dict) else None
        return cursor if isinstance(cursor, str) and cursor else None

    def message(self) -> str:
        """What went wrong, in words a person can act on."""
        if self.ok:
            return ""
        detail = self.body.get("detail") if isinstance(self.body, dict) else None
        if isinstance(detail, str) and detail:
            return detail
        return STATUS_WORDS.get(self.status, f"The platform answered {self.status}.")

    def field_errors(self) -> dict[str, str]:
        """A 422's ``errors[].loc`` as form field names (``period.end``) → message."""
        found: dict[str, str] = {}
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        for error in errors if isinstance(errors, list) else []:
            if not isinstance(error, dict):
                continue
            loc = [str(part) for part in error.get("loc") or []]
            if loc and loc[0] in ("body", "query", "path"):
                loc = loc[1:]
            name = ".".join(loc) or "_form"
            found.setdefault(name, str(error.get("msg") or "Not valid."))
        return found


STATUS_WORDS = {
    403: "Your role may not do this.",
    404: "Not found, or not visible to you.",
    409: "This conflicts with the current state; reload and try again.",
    410: "This record was erased.",
    412: "Someone changed this record since you opened it; reload it and apply your change again.",
    422: "Some fields are not valid; see the messages next to them.",
    428: "The change needs the version you edited; reload and try again.",
    429: "Too many requests; wait a moment and try again.",
    503: "The platform is unavailable right now; try again shortly.",
    504: "The platform did not answer in time; try again shortly.",
}


@dataclass(frozen=True, slots=True)
class Token:
    access_token: str
    expires_in: int


class Gateway:
    """An HTTP client of the gateway; every call carries one session's bearer token."""

    def __init__(self, base_url: str, *, timeout: float, transport: Any = None) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            follow_redirects=False,
            transport=transport,
            headers={"User-Agent": "agora-console"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def token(
        self, client_id: str, secret: str, *, person_address: str | None = None
    ) -> Token | Answer:
        """Exchange the person's client credentials for a token, or the refusal.

        ``person_address`` goes to the gateway as ``X-Forwarded-For``: its per-address limit on
        token requests then counts each person, not the console (whose address the gateway trusts
        as a proxy's, ``AGORA_GATEWAY_TRUSTED_PROXIES``).
        """
        headers = {"X-Forwarded-For": person_address} if person_address else {}
        try:
            response = await self._http.post(
                TOKEN_PATH,
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                },
                headers=headers,
            )
        except httpx.HTTPError:
            return Answer(503, None)
        answer = _answer(response)
        if response.status_code != 200 or not isinstance(answer.body, dict):
            return answer
        try:
            return Token(str(answer.body["access_token"]), int(answer.body["expires_in"]))
        except (KeyError, TypeError, ValueError):
            return Answer(502, None)

    async def role_of(self, token: str) -> str:
        """The role the token acts in, as the gateway says (``GET /v1/auth/me``)."""
        try:
            answer = _answer(await self._http.get(ME_PATH, headers=_bearer(token)))
        except httpx.HTTPError:
            return NO_ROLE
        role = answer.body.get("role") if answer.ok and isinstance(answer.body, dict) else None
        return role if isinstance(role, str) and role else NO_ROLE

    async def call(
        self,
        session: Session,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """One call of the public API as the session's person; raises ``SignedOut`` on 401."""
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = await self._http.request(
                method,
                path,
                params=clean,
                json=json,
                headers={**_bearer(session.token), **(headers or {})},
            )
        except httpx.TimeoutException:
            return Answer(504, None)
        except httpx.HTTPError:
            return Answer(503, None)
        if response.status_code == 401:
            raise SignedOut
        return _answer(response)

    async def gather(self, session: Session, *paths: str) -> list[Answer]:
        """Several reads at once."""
        return list(await asyncio.gather(*(self.call(session, "GET", p) for p in paths)))


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _answer(response: httpx.Response) -> Answer:
    try:
        body = response.json() if response.content else None
    except ValueError:
        body = None
    return Answer(response.status_code, body, response.headers)
