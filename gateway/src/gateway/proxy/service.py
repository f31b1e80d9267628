"""Forwarding one request to its service, signed with the caller's internal identity."""

from __future__ import annotations

import logging
import re
import ssl
import uuid
from collections.abc import AsyncIterator, Callable

import httpx
from agora_common import telemetry
from agora_common.identity import IDENTITY_HEADER, IdentitySigner
from agora_common.logs import request_id_var
from agora_common.problems import NotFound, problem_response
from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.background import BackgroundTask

from gateway.audit.reported import HEADER as AUDIT_HEADER
from gateway.auth.principal import Principal
from gateway.config import UpstreamTLS
from gateway.proxy.upstream import Answer, Upstream, UpstreamTimeout, UpstreamUnavailable

log = logging.getLogger("agora.gateway")

# Request headers a service may see; everything else (cookies, Authorization) stays here.
_FORWARD_REQUEST = frozenset(
    {b"content-type", b"accept", b"if-match", b"if-none-match", b"idempotency-key"}
)
# Response headers passed on; X-Agora-Audit too, which the gateway pipeline consumes and removes.
_FORWARD_RESPONSE = (b"content-type", b"etag", b"location", b"retry-after", b"cache-control")
_AUDIT = AUDIT_HEADER.lower().encode()
# A target no HTTP/1.1 request line can carry (uvicorn lets none in; a base URL could).
_UNSENDABLE = re.compile(r"[\x00-\x20\x7f]")
# A service restarting or out of reach: the caller may retry shortly (its 503 passes through).
_RETRY = {"Retry-After": "2"}
# Tracing off: the W3C trace context alone, which is all the services' logs need.
_W3C = TraceContextTextMapPropagator()


def upstream_ssl_context(tls: UpstreamTLS) -> ssl.SSLContext:
    """TLS 1.3 to the services: their certificate must chain to the internal CA (and name the
    host of the service URL); the gateway presents its own client certificate."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(tls.ca_file))
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(str(tls.cert_file), str(tls.key_file))
    return context


def new_upstream(timeout: float, tls: UpstreamTLS | None = None) -> Upstream:
    """The keep-alive connections requests are forwarded on (gateway.proxy.upstream): mTLS with
    ``tls``, plain HTTP without (``make run``, or a mesh doing mTLS)."""
    return Upstream(timeout=timeout, ssl_context=upstream_ssl_context(tls) if tls else None)


def new_http_client(timeout: float, tls: UpstreamTLS | None = None) -> httpx.AsyncClient:
    """The client for the gateway's other calls to a service (overview, documents, readiness):
    mTLS with ``tls``, plain HTTP without."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=2.0),
        limits=httpx.Limits(max_connections=200, max_keepalive_connections=100),
        verify=upstream_ssl_context(tls) if tls is not None else True,
    )


def identity_headers(
    signer: IdentitySigner,
    principal: Principal,
    *,
    method: str,
    path: str,
    query: str,
    body: bytes,
) -> dict[str, str]:
    """The request id, trace context and the caller's signed identity, bound to this request."""
    request_id = request_id_var.get() or str(uuid.uuid4())
    headers = {"x-request-id": request_id}
    if telemetry.enabled():
        propagate.inject(headers)
    else:
        _W3C.inject(headers)
    headers[IDENTITY_HEADER] = signer.sign(
        client_id=principal.client_id,
        role=principal.role,
        state=principal.state,
        request_id=request_id,
        method=method,
        path=path,
        query=query,
        body=body,
    )
    return headers


async def forward(
    request: Request,
    *,
    service: str,
    services: dict[str, str],
    principal: Principal,
    upstream: Upstream,
    signer: IdentitySigner,
) -> Response:
    """The service's answer to this request, or a problem when it cannot be had."""
    base_url = services.get(service)
    if base_url is None:
        raise NotFound("No such resource.")
    scope = request.scope
    # The pipeline read the body once (gateway.pipeline.middleware); replaying it costs more.
    body: bytes | None = scope.get("state", {}).get("body")
    if body is None:
        body = await request.body()
    method: str = scope["method"]
    # The path exactly as the caller encoded it: decoding it here could change what it names.
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    target = raw_path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
    if _UNSENDABLE.search(target):
        return problem_response(404, "No such resource.")
    kept: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in _FORWARD_REQUEST:
            kept.setdefault(name, value)  # the first of repeated ones, as Headers.get gives
    headers = [(name.decode(), value.decode("latin-1")) for name, value in kept.items()]
    url = request.url  # what the service binds the identity to (request.url there too)

    def signed() -> list[tuple[str, str]]:
        # Inside the client span when tracing: the service's span is its child.
        identity = identity_headers(
            signer, principal, method=method, path=url.path, query=url.query, body=body
        )
        return headers + list(identity.items())

    try:
        if telemetry.enabled():
            answer = await _traced(upstream, base_url, method, target, signed, body)
        else:
            answer = await upstream.request(base_url, method, target, signed(), body)
    except UpstreamTimeout:
        return problem_response(504, "The service did not answer in time.", headers=_RETRY)
    except UpstreamUnavailable:
        return problem_response(502, "The service is unavailable.", headers=_RETRY)
    passed = {
        name.decode(): value.decode("latin-1")
        for name in _FORWARD_RESPONSE
        if (value := answer.get(name)) is not None
    }
    response: Response
    if answer.body is None:
        # An export of a large donor (hundreds of MB of IATI XML): passed on chunk by chunk as
        # the service writes it, never held whole in the gateway's memory.
        response = StreamingResponse(
            _chunks(answer, scope["path"]),
            status_code=answer.status,
            headers=passed,
            background=BackgroundTask(answer.aclose),
        )
    else:
        response = Response(content=answer.body, status_code=answer.status, headers=passed)
    # Each audit header on its own line, as the service sent them (the pipeline reads each).
    response.raw_headers.extend((_AUDIT, value) for value in answer.get_list(_AUDIT))
    return response


async def _traced(
    upstream: Upstream,
    base_url: str,
    method: str,
    target: str,
    signed: Callable[[], list[tuple[str, str]]],
    body: bytes,
) -> Answer:
    """The request inside a CLIENT span (the one the httpx instrumentation made before)."""
    origin = upstream.origin(base_url)
    attributes: dict[str, str | int] = {
        "http.request.method": method,
        "server.address": origin.host,
        "server.port": origin.port,
        "url.full": base_url + target.partition("?")[0],
    }
    tracer = trace.get_tracer("agora.gateway.proxy")
    with tracer.start_as_current_span(
        method, kind=SpanKind.CLIENT, attributes=attributes, record_exception=False
    ) as span:
        try:
            answer = await upstream.request(base_url, method, target, signed(), body)
        except (UpstreamTimeout, UpstreamUnavailable) as exc:
            span.set_attribute("error.type", type(exc).__name__)
            span.set_status(StatusCode.ERROR)
            raise
        span.set_attribute("http.response.status_code", answer.status)
        if answer.status >= 500:
            span.set_attribute("error.type", str(answer.status))
            span.set_status(StatusCode.ERROR)
        return answer


async def _chunks(answer: Answer, path: str) -> AsyncIterator[bytes]:
    """The service's body as it arrives; a service failing half-way ends the answer early (the
    caller sees a truncated transfer, never a body that looks whole)."""
    try:
        async for chunk in answer.chunks():
            yield chunk
    except (UpstreamTimeout, UpstreamUnavailable):
        log.warning("a streamed answer ended early", extra={"path": path})
        raise
    finally:
        await answer.aclose()
