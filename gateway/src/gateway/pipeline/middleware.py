"""The gateway pipeline: body limit, authentication, rate limit, then idempotency and audit."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from agora_common.problems import send_problem
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.abuse import TOKEN_PATH, address_limited
from gateway.addresses import ClientAddresses, Network
from gateway.auth.service import authenticate_bearer
from gateway.console.paths import is_console_path
from gateway.idempotency.service import HEADER as IDEMPOTENCY_HEADER
from gateway.limits import RateLimiter
from gateway.pipeline.asgi import read_body, replaying, with_request_id
from gateway.pipeline.auditing import attempted, audited
from gateway.pipeline.idempotent import idempotent

log = logging.getLogger("agora.gateway")

MAX_BODY_BYTES = 1024 * 1024
TOO_LARGE = "The request body is larger than 1 MiB."


class GatewayPipeline:
    def __init__(
        self,
        app: ASGIApp,
        *,
        rate_limit_per_minute: int,
        token_attempts_per_minute: int = 60,
        token_requests_per_address_per_minute: int = 60,
        anonymous_requests_per_address_per_minute: int = 600,
        trusted_proxies: Sequence[Network] = (),
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.limiter = RateLimiter(rate_limit_per_minute)
        self.token_limiter = RateLimiter(token_attempts_per_minute)
        self.addresses = ClientAddresses(trusted_proxies)
        self.token_by_address = RateLimiter(token_requests_per_address_per_minute)
        self.anonymous_by_address = RateLimiter(anonymous_requests_per_address_per_minute)
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = with_request_id(send)
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await send_problem(send, 413, TOO_LARGE)
            return
        body = await read_body(receive, self.max_body_bytes)
        if body is None:
            await send_problem(send, 413, TOO_LARGE)
            return
        receive = replaying(body, receive)

        if is_console_path(scope["path"]):
            # The web console's pages and assets: its own process answers, signed-in people
            # carry a session cookie there, not a bearer token. No authentication, no audit
            # record per page, no per-address limit (a page needs several assets; an office
            # behind one address would share it): the console's own calls to /v1 carry each
            # person's token, and its sign-in is counted per person's address (X-Forwarded-For).
            scope.setdefault("state", {})
            scope["state"]["principal"] = None
            seen = self.addresses.address_of(scope)
            scope["state"]["forwarded_for"] = str(seen) if seen is not None else None
            await self.app(scope, receive, send)
            return

        state = scope["app"].state
        try:
            principal, failure = await authenticate_bearer(
                tokens=state.tokens,
                db=state.db,
                cache=state.client_cache,
                header=headers.get("authorization"),
            )
        except Exception as exc:  # the gateway database is unreachable
            log.error("authentication unavailable", extra={"error_type": type(exc).__name__})
            await send_problem(send, 503, "Authentication is unavailable; try again.")
            return
        address = self.addresses.of(scope)
        scope.setdefault("state", {})
        scope["state"]["principal"] = principal
        scope["state"]["auth_failure"] = failure
        scope["state"]["client_address"] = address
        # The body already read, for the proxy to forward without reading it again.
        scope["state"]["body"] = body

        # Before anyone is known, the address pays: every token request (one argon2id check
        # each, whatever client id it names, with or without a bearer token) and every request
        # without a valid token.
        if scope["path"] == TOKEN_PATH:
            limited = "token", self.token_by_address
        elif principal is None:
            limited = "anonymous", self.anonymous_by_address
        else:
            limited = None
        if limited is not None and (wait := limited[1].check(address)) is not None:
            address_limited.labels(limited[0]).inc()
            detail = "Too many requests from this address; slow down."
            await send_problem(send, 429, detail, headers={"Retry-After": str(wait)})
            return

        # The token endpoint counts attempts against the client id it actually authenticates.
        scope["state"]["token_limiter"] = self.token_limiter

        if principal is not None:
            wait = self.limiter.check(principal.client_id)
            if wait is not None:
                detail = "Too many requests from this client; slow down."
                await send_problem(send, 429, detail, headers={"Retry-After": str(wait)})
                return

        key = headers.get(IDEMPOTENCY_HEADER)
        if scope["method"] == "POST" and key is not None and principal is not None:
            await idempotent(
                self.app, scope, receive, send, principal=principal, key=key, body=body
            )
            return
        if not await attempted(scope, send, principal):
            return
        await audited(self.app, scope, receive, send, principal)
