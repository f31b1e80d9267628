"""The idempotency step: a POST with an ``Idempotency-Key`` runs once; a retry gets its answer."""

from __future__ import annotations

import logging

from agora_common.problems import send_problem
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.audit.reported import HEADER as AUDIT_HEADER
from gateway.audit.reported import MAX_RESOURCE, parse_service_header
from gateway.auth.principal import Principal
from gateway.idempotency.service import (
    MAX_KEY_LENGTH,
    REPLAYED_HEADERS,
    IdempotencyStore,
    InFlight,
    KeyReused,
    request_hash,
    valid_key,
)
from gateway.pipeline.asgi import captured, fixed_response
from gateway.pipeline.auditing import attempted, audited

log = logging.getLogger("agora.gateway")


def _key_error(msg: str, type_: str) -> list[dict[str, object]]:
    return [{"loc": ["header", "Idempotency-Key"], "msg": msg, "type": type_}]


def _located(location: str | None) -> list[str]:
    """The id a ``Location`` header names (its last path segment), so erasure forgets it too."""
    if not location:
        return []
    last = location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return [last[:MAX_RESOURCE]] if last else []


async def idempotent(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    principal: Principal,
    key: str,
    body: bytes,
) -> None:
    """Run ``app`` once for this key and keep its answer; replay the answer for a retry."""
    if not valid_key(key):
        msg = f"Must be 1–{MAX_KEY_LENGTH} printable ASCII characters."
        errors = _key_error(msg, "value_error")
        await send_problem(send, 422, "The request is not valid; see errors.", errors=errors)
        return
    store: IdempotencyStore = scope["app"].state.idempotency
    client_id = principal.client_id
    fingerprint = request_hash(
        scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"), body
    )
    try:
        replay = await store.claim(client_id=client_id, key=key, request=fingerprint)
    except InFlight:
        await send_problem(send, 409, "A request with this Idempotency-Key is still running.")
        return
    except KeyReused:
        errors = _key_error(
            "Already used with another request body or path.", "idempotency_key_reused"
        )
        detail = "This Idempotency-Key was used for a different request."
        await send_problem(send, 422, detail, errors=errors)
        return
    except Exception as exc:  # the gateway database is unreachable
        log.error("idempotency store unavailable", extra={"error_type": type(exc).__name__})
        await send_problem(send, 503, "Idempotency keys are unavailable; try again.")
        return
    if replay is not None:
        # A replay hands out the same data again, so it is audited like the first answer.
        raw_headers = [(k.encode(), v.encode()) for k, v in replay.headers.items()]
        raw_headers.append((b"idempotent-replayed", b"true"))
        answer = fixed_response(replay.status, raw_headers, replay.body)
        await audited(answer, scope, receive, send, principal)
        return

    # Run the request, keep its response, and only then deliver it: a retry that follows
    # the response finds it stored instead of "still running".
    try:
        recorded = await attempted(scope, send, principal)
        start, response_body = await captured(app, scope, receive) if recorded else (None, b"")
    except BaseException:
        await store.release(client_id=client_id, key=key)
        raise
    if start is None:
        await store.release(client_id=client_id, key=key)
        return
    response_headers = Headers(raw=start["headers"])
    kept = {
        name: value
        for name in REPLAYED_HEADERS
        if (value := response_headers.get(name)) is not None
    }
    named = parse_service_header(kept.get(AUDIT_HEADER, "")) or []
    try:
        await store.complete(
            client_id=client_id,
            key=key,
            status=int(start["status"]),
            headers=kept,
            body=response_body,
            resources=[resource for _, resource in named] + _located(kept.get("location")),
        )
    except Exception as exc:
        # The work is done: deliver its answer; a retry meets the claim (409), then once
        # the claim is stale (upstream timeout + 20 s) is forwarded again, as if the first
        # request had died; its service refuses it as already applied.
        log.error("idempotent response not kept", extra={"error_type": type(exc).__name__})
    answer = fixed_response(int(start["status"]), list(start["headers"]), response_body)
    await audited(answer, scope, receive, send, principal)
