"""The audit step: a write is recorded before it is forwarded, a response before it is sent."""

from __future__ import annotations

import logging

from agora_common.logs import request_id_var
from agora_common.problems import send_problem
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.abuse import sampled_refusal
from gateway.audit import service as audit
from gateway.audit.reported import HEADER, parse_service_reports
from gateway.auth.principal import Principal
from gateway.proxy.paths import service_route

log = logging.getLogger("agora.gateway")

ERASED = "actor.erased"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACTION_LENGTH = 64
UNAVAILABLE = "The audit trail is unavailable; try again."


async def attempted(scope: Scope, send: Send, principal: Principal | None) -> bool:
    """Record a write about to be forwarded to a service, before it is: whatever happens after
    (the service commits, then the gateway fails), the trail names who tried what. The record
    is the caller, ``<METHOD> <route template>`` and the request id (never a value from the
    path or body), with the outcome ``attempted``. False if it could not be written: then the
    request is not forwarded and the client got 503.
    """
    if principal is None or scope["method"] not in WRITES:
        return True
    route = service_route(scope)
    if route is None:
        return True  # the gateway's own writes are audited in their own transaction
    action = f"{scope['method']} {route}"[:ACTION_LENGTH]
    entry = audit.Entry.by(principal, action, request_id_var.get() or "-", "attempted")
    try:
        await scope["app"].state.audit_writer.append([entry])
    except Exception as exc:
        log.error(
            "attempted write not audited; request refused",
            extra={"error_type": type(exc).__name__},
        )
        await send_problem(send, 503, UNAVAILABLE)
        return False
    return True


async def audited(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, principal: Principal | None
) -> None:
    """Run ``app``, recording what its response says to audit before the response is sent."""
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
            if name.lower() == HEADER.encode():
                parsed = parse_service_reports(value.decode("latin-1"))
                if parsed is None:
                    log.warning("malformed audit header from a service")
                    continue
                outcome = "success" if status < 400 else "failure"
                entries += [
                    audit.Entry.by(principal, action, resource, outcome, subject=custodian)
                    for action, resource, custodian in parsed
                ]
                if status < 400:
                    erased += [r for action, r, _ in parsed if action == ERASED]
            else:
                kept.append((name, value))
        # A caller without a valid token is refused often and cheaply: sampled (gateway.abuse).
        if status in (401, 403) and (principal is not None or sampled_refusal(scope, status)):
            resource = f"{scope['method']} {scope['path']}"
            entries.append(audit.Entry.by(principal, "access.denied", resource, "denied"))
        if entries:
            try:
                # Batched with other requests' records (gateway.audit.writer); an erased
                # person's kept answers are forgotten in the same transaction as the record.
                await scope["app"].state.audit_writer.append(entries, erased=erased)
            except Exception as exc:
                log.error(
                    "audit record not written; response withheld",
                    extra={"error_type": type(exc).__name__},
                )
                swallow = True
                await send_problem(send, 503, UNAVAILABLE)
                return
        await send({**message, "headers": kept})

    await app(scope, receive, record)
