"""The request id and trace context of a request at the gateway.

The request id is always the gateway's own, random: it names the request in the audit trail, the
logs and the signed identity passed to the services, so a caller must not choose it (it could
forge or collide with another request's id, or write its own text into the trail). A client's
``X-Request-Id`` is ignored and not echoed; every answer carries the gateway's id instead, which
an agency quotes when asking about a request. A caller's W3C ``traceparent`` is continued when it
is well formed (OpenTelemetry's propagator; else a new trace begins), so a caller's trace can be
followed (``agora_common.telemetry``).
"""

from __future__ import annotations

import secrets

from agora_common import telemetry
from agora_common.logs import request_id_var
from starlette.types import ASGIApp, Receive, Scope, Send


def new_request_id() -> str:
    return secrets.token_hex(16)


class GatewayRequestContext:
    """Sets the gateway's own request id and the trace context for everything after it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid_token = request_id_var.set(new_request_id())
        try:
            with telemetry.request_trace(scope["headers"]):
                await self.app(scope, receive, send)
        finally:
            request_id_var.reset(rid_token)
