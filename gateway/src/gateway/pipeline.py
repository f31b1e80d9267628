"""What every request passes through in the gateway, in this order.

1. body limit (413) — the body is read once, at most 1 MiB, and replayed to the app;
2. authentication — the bearer token and the client behind it, looked up on every request so a
   revocation takes effect at once; the routes' dependencies only read the result;
3. per-client rate limit (429 with ``Retry-After``);
4. idempotency of POSTs with an ``Idempotency-Key`` (replay, 409, 422);
5. the audit trail — an ``attempted`` record of every write before it is forwarded to a service
   (so a write whose later audit fails is still on the trail), authorization failures, and what
   a service reported in ``X-Agora-Audit`` (that header never leaves the gateway). A response
   whose audit record cannot be written is not delivered (503): personal data is never read
   without a trace. An erasure also forgets the idempotent responses that named the actor.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from agora_common.logs import request_id_var
from agora_common.problems import PROBLEM_JSON
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import audit, idempotency, openapi
from gateway.idempotency import IdempotencyStore, InFlight, KeyReused
from gateway.limits import RateLimiter
from gateway.tokens import Principal, authenticate_bearer

log = logging.getLogger("agora.gateway")

MAX_BODY_BYTES = 1024 * 1024
ERASED = "actor.erased"
_TITLES = {
    409: "Conflict",
    413: "Content too large",
    422: "Unprocessable content",
    429: "Too many requests",
    503: "Service unavailable",
}


async def _problem(
    send: Send,
    status: int,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> None:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    raw = orjson.dumps(body)
    raw_headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(raw)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": raw})


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None if it is larger than ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class GatewayPipeline:
    def __init__(
        self,
        app: ASGIApp,
        *,
        rate_limit_per_minute: int,
        token_attempts_per_minute: int = 60,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.limiter = RateLimiter(rate_limit_per_minute)
        self.token_limiter = RateLimiter(token_attempts_per_minute)
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_request_id(send)
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _problem(send, 413, "The request body is larger than 1 MiB.")
            return
        body = await _read_body(receive, self.max_body_bytes)
        if body is None:
            await _problem(send, 413, "The request body is larger than 1 MiB.")
            return
        receive = _replaying(body, receive)

        state = scope["app"].state
        try:
            principal, failure = await authenticate_bearer(state, headers.get("authorization"))
        except Exception as exc:  # the gateway database is unreachable
            log.error("authentication unavailable", extra={"error_type": type(exc).__name__})
            await _problem(send, 503, "Authentication is unavailable; try again.")
            return
        scope.setdefault("state", {})
        scope["state"]["principal"] = principal
        scope["state"]["auth_failure"] = failure

        # The token endpoint counts attempts against the client id it actually authenticates.
        scope["state"]["token_limiter"] = self.token_limiter

        if principal is not None:
            wait = self.limiter.check(principal.client_id)
            if wait is not None:
                await _problem(
                    send,
                    429,
                    "Too many requests from this client; slow down.",
                    headers={"Retry-After": str(wait)},
                )
                return

        key = headers.get(idempotency.HEADER)
        if scope["method"] == "POST" and key is not None and principal is not None:
            await self._idempotent(scope, receive, send, principal, key, body)
            return
        if not await _attempted(scope, send, principal):
            return
        await self._audited(scope, receive, send, principal)

    async def _idempotent(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        principal: Principal,
        key: str,
        body: bytes,
    ) -> None:
        if not idempotency.valid_key(key):
            await _problem(
                send,
                422,
                "The request is not valid; see errors.",
                errors=[
                    {
                        "loc": ["header", "Idempotency-Key"],
                        "msg": f"Must be 1–{idempotency.MAX_KEY_LENGTH} printable ASCII characters.",
                        "type": "value_error",
                    }
                ],
            )
            return
        store: IdempotencyStore = scope["app"].state.idempotency
        fingerprint = idempotency.request_hash(
            scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"), body
        )
        try:
            replay = await store.claim(client_id=principal.client_id, key=key, request=fingerprint)
        except InFlight:
            await _problem(send, 409, "A request with this Idempotency-Key is still running.")
            return
        except KeyReused:
            await _problem(
                send,
                422,
                "This Idempotency-Key was used for a different request.",
                errors=[
                    {
                        "loc": ["header", "Idempotency-Key"],
                        "msg": "Already used with another request body or path.",
                        "type": "idempotency_key_reused",
                    }
                ],
            )
            return
        except Exception as exc:  # the gateway database is unreachable
            log.error("idempotency store unavailable", extra={"error_type": type(exc).__name__})
            await _problem(send, 503, "Idempotency keys are unavailable; try again.")
            return
        if replay is not None:
            # A replay hands out the same data again, so it is audited like the first answer.
            raw_headers = [(k.encode(), v.encode()) for k, v in replay.headers.items()]
            raw_headers.append((b"idempotent-replayed", b"true"))
            answer = _fixed_response(replay.status, raw_headers, replay.body)
            await self._audited(scope, receive, send, principal, app=answer)
            return

        try:
            recorded = await _attempted(scope, send, principal)
        except BaseException:
            await store.release(client_id=principal.client_id, key=key)
            raise
        if not recorded:
            await store.release(client_id=principal.client_id, key=key)
            return

        # Run the request, keep its response, and only then deliver it: a retry that follows
        # the response finds it stored instead of "still running".
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await store.release(client_id=principal.client_id, key=key)
            raise
        if start is None:
            await store.release(client_id=principal.client_id, key=key)
            return
        response_body = b"".join(chunks)
        response_headers = Headers(raw=start["headers"])
        kept = {
            name: value
            for name in idempotency.REPLAYED_HEADERS
            if (value := response_headers.get(name)) is not None
        }
        named = audit.parse_service_header(kept.get(audit.HEADER, "")) or []
        try:
            await store.complete(
                client_id=principal.client_id,
                key=key,
                status=int(start["status"]),
                headers=kept,
                body=response_body,
                resources=[resource for _, resource in named] + _located(kept.get("location")),
            )
        except Exception as exc:
            # The work is done: deliver its answer; a retry meets the claim (409), then after
            # STALE_CLAIM runs again, as if the first request had died.
            log.error("idempotent response not kept", extra={"error_type": type(exc).__name__})
        answer = _fixed_response(int(start["status"]), list(start["headers"]), response_body)
        await self._audited(scope, receive, send, principal, app=answer)

    async def _audited(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        principal: Principal | None,
        *,
        app: ASGIApp | None = None,
    ) -> None:
        """Run ``app`` (the routes by default), recording what its response says to audit."""
        swallow = False

        async def record(message: Message) -> None:
            nonlocal swallow
            if swallow:
                return
            if message["type"] != "http.response.start":
                await send(message)
                return
            status = int(message["status"])
            kept, entries, erased = [], [], []
            for name, value in message["headers"]:
                if name.lower() == audit.HEADER.encode():
                    parsed = audit.parse_service_header(value.decode("latin-1"))
                    if parsed is None:
                        log.warning("malformed audit header from a service")
                        continue
                    outcome = "success" if status < 400 else "failure"
                    entries += [
                        _entry(principal, action, resource, outcome) for action, resource in parsed
                    ]
                    if status < 400:
                        erased += [r for action, r in parsed if action == ERASED]
                else:
                    kept.append((name, value))
            if status in (401, 403):
                resource = f"{scope['method']} {scope['path']}"
                entries.append(_entry(principal, "access.denied", resource, "denied"))
            if entries:
                try:
                    async with scope["app"].state.db.transaction() as session:
                        await audit.append(session, entries)
                        # An erased person's data must not come back as a replayed answer.
                        await idempotency.forget_resources(session, erased)
                except Exception as exc:
                    log.error(
                        "audit record not written; response withheld",
                        extra={"error_type": type(exc).__name__},
                    )
                    swallow = True
                    await _problem(send, 503, "The audit trail is unavailable; try again.")
                    return
            await send({**message, "headers": kept})

        await (app or self.app)(scope, receive, record)


WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACTION_LENGTH = 64


async def _attempted(scope: Scope, send: Send, principal: Principal | None) -> bool:
    """Record a write about to be forwarded to a service, before it is: whatever happens after
    (the service commits, then the gateway fails), the trail names who tried what. The record
    is the caller, ``<METHOD> <route template>`` and the request id (never a value from the
    path or body), with the outcome ``attempted``. False if it could not be written: then the
    request is not forwarded and the client got 503.
    """
    if principal is None or scope["method"] not in WRITES:
        return True
    route = _service_route(scope)
    if route is None:
        return True  # the gateway's own writes are audited in their own transaction
    entry = _entry(
        principal,
        f"{scope['method']} {route}"[:ACTION_LENGTH],
        request_id_var.get() or "-",
        "attempted",
    )
    try:
        async with scope["app"].state.db.transaction() as session:
            await audit.append(session, [entry])
    except Exception as exc:
        log.error(
            "attempted write not audited; request refused",
            extra={"error_type": type(exc).__name__},
        )
        await _problem(send, 503, "The audit trail is unavailable; try again.")
        return False
    return True


def _service_route(scope: Scope) -> str | None:
    """The route template of a path forwarded to a service, None for the gateway's own paths."""
    parts = scope["path"].split("/")
    state = scope["app"].state
    if len(parts) < 3 or parts[1] != "v1" or parts[2] not in state.services:
        return None
    templates = state.route_templates
    if templates is not None:
        template = openapi.match_template(templates, scope["method"], scope["path"])
        if template is not None:
            return template
    return f"/v1/{parts[2]}/…"


def _located(location: str | None) -> list[str]:
    """The id a ``Location`` header names (its last path segment), so erasure forgets it too."""
    if not location:
        return []
    last = location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return [last[: audit.MAX_RESOURCE]] if last else []


def _with_request_id(send: Send) -> Send:
    """Every answer names its request id, so an agency can quote it when asking about it."""
    request_id = (request_id_var.get() or "").encode("latin-1", "replace")

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and request_id:
            message = {**message, "headers": [*message["headers"], (b"x-request-id", request_id)]}
        await send(message)

    return sending


def _fixed_response(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> ASGIApp:
    """An ASGI app that answers with this response (a stored one, or one already captured)."""
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))

    async def answer(_: Scope, __: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return answer


def _entry(principal: Principal | None, action: str, resource: str, outcome: str) -> audit.Entry:
    return audit.Entry(
        client_id=principal.client_id if principal else None,
        state=principal.state if principal else None,
        action=action,
        resource=resource,
        outcome=outcome,
    )
