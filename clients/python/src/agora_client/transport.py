"""The httpx transport under every call: bearer tokens, Idempotency-Key, retries.

* Tokens come from ``POST /v1/auth/token`` (OAuth 2.0 client credentials, form fields) and are
  renewed shortly before they expire, once for all concurrent requests; a 401 renews once more.
* Every ``POST`` carries an ``Idempotency-Key`` (the caller's, else a random one), the same on
  each retry, so the gateway runs it once and replays its answer (``Idempotent-Replayed: true``).
* 429 is retried after its ``Retry-After``, and so is 503 for a request safe to repeat (GET, PUT,
  DELETE, or a POST with its key); connection failures, 502 and 504 after a backoff, for the same
  requests only; a 409 for a key "still running" waits for the first attempt. The gateway keeps
  no 5xx answer under a key, so a retry reaches the service again, which refuses a key it has
  applied (409, ``ProblemError.already_applied``).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from agora_client.errors import AgoraError, ProblemError

IDEMPOTENCY_KEY = "Idempotency-Key"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Token:
    value: str
    expires_at: float  # time.time() seconds

    def fresh(self, margin: float) -> bool:
        return time.time() < self.expires_at - margin


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 6
    backoff: float = 0.5  # seconds, doubled per attempt, with jitter
    max_wait: float = 60.0  # the longest Retry-After honoured; beyond it the call fails

    def delay(self, attempt: int) -> float:
        return min(self.max_wait, self.backoff * 2**attempt) * (0.5 + random.random() / 2)


def retry_after(response: httpx.Response, now: datetime | None = None) -> float | None:
    """Seconds the ``Retry-After`` header asks for (delta-seconds or an HTTP date), if any."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class TokenSource:
    """Client credentials and the current token, renewed before it expires."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        token: Token | None = None,
        margin: float = 60.0,
    ) -> None:
        self.client_id = client_id
        self._secret = client_secret
        self.token = token
        self.margin = margin
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:  # never the secret
        return f"TokenSource(client_id={self.client_id!r})"

    async def bearer(self, transport: httpx.AsyncBaseTransport, base_url: httpx.URL) -> str:
        """A token valid for at least ``margin`` more seconds (fetched at most once at a time)."""
        token = self.token
        if token is not None and token.fresh(self.margin):
            return token.value
        async with self._lock:
            if self.token is None or not self.token.fresh(self.margin):
                self.token = await self._fetch(transport, base_url)
            return self.token.value

    def expire(self, value: str) -> None:
        """Forget a token the gateway refused (a 401), so the next call fetches another."""
        if self.token is not None and self.token.value == value:
            self.token = None

    async def _fetch(self, transport: httpx.AsyncBaseTransport, base_url: httpx.URL) -> Token:
        async with httpx.AsyncClient(transport=_Unclosed(transport), base_url=base_url) as http:
            for _ in range(4):
                response = await http.post(
                    "/v1/auth/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": self.client_id,
                        "client_secret": self._secret,
                    },
                    timeout=60,  # the gateway checks the secret with argon2: slow on purpose
                )
                wait = retry_after(response) if response.status_code == 429 else None
                if wait is None or wait > 60:
                    break
                await asyncio.sleep(wait)
        if response.status_code != 200:
            raise ProblemError.of(response)
        body = response.json()
        return Token(str(body["access_token"]), time.time() + float(body["expires_in"]))


class _Unclosed(httpx.AsyncBaseTransport):
    """The shared transport, lent to a short-lived client that must not close it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)


class AgoraTransport(httpx.AsyncBaseTransport):
    """Adds the bearer token and the Idempotency-Key to each request and retries it safely."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenSource | None,
        *,
        retry: RetryPolicy | None = None,
        inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = httpx.URL(base_url)
        self.tokens = tokens
        self.retry = retry or RetryPolicy()
        self.inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        method = request.method.upper()
        if method == "POST" and IDEMPOTENCY_KEY not in request.headers:
            request.headers[IDEMPOTENCY_KEY] = f"agora-client-{secrets.token_urlsafe(24)}"
        retryable = method in SAFE_METHODS or IDEMPOTENCY_KEY in request.headers
        authorise = self.tokens is not None and "authorization" not in request.headers
        await request.aread()  # the body is sent again on a retry
        renewed = False
        attempt = 0
        while True:
            token = await self._authorise(request) if authorise else None
            try:
                response = await self.inner.handle_async_request(request)
            except httpx.TransportError:
                if not retryable or attempt + 1 >= self.retry.attempts:
                    raise
                await asyncio.sleep(self.retry.delay(attempt))
                attempt += 1
                continue
            status = response.status_code
            if status == 401 and token is not None and not renewed:
                await response.aclose()
                self._expire(token)  # expired early or revoked: one try with a fresh token
                renewed = True
                continue
            wait = await self._wait(request, response, attempt, retryable)
            if wait is None:
                return response
            await response.aclose()
            if wait > self.retry.max_wait:
                raise AgoraError(
                    f"{status} from the gateway: retry after {wait:.0f} s, longer than allowed"
                )
            await asyncio.sleep(wait)
            attempt += 1

    async def _wait(
        self, request: httpx.Request, response: httpx.Response, attempt: int, retryable: bool
    ) -> float | None:
        """Seconds to wait before trying again, or None to hand the response back."""
        status = response.status_code
        if attempt + 1 >= self.retry.attempts:
            return None
        if status == 429 or (status == 503 and retryable):
            # A rate limit refuses before anything runs; a 503 may come after part of the work,
            # so only a request that is safe to repeat is (the gateway keeps no 5xx under a key).
            asked = retry_after(response)
            return asked if asked is not None else self.retry.delay(attempt)
        if status in RETRY_STATUSES and retryable:
            return self.retry.delay(attempt)
        if status == 409 and IDEMPOTENCY_KEY in request.headers:
            await response.aread()
            # "still running": an earlier attempt with this key is in flight; its answer follows.
            if "still running" in response.text:
                return self.retry.delay(attempt)
        return None

    async def _authorise(self, request: httpx.Request) -> str:
        assert self.tokens is not None
        token = await self.tokens.bearer(self.inner, self.base_url)
        request.headers["Authorization"] = f"Bearer {token}"
        return token

    def _expire(self, token: str) -> None:
        assert self.tokens is not None
        self.tokens.expire(token)

    async def aclose(self) -> None:
        await self.inner.aclose()
