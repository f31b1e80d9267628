"""Forwarding one request to its service, signed with the caller's internal identity."""

from __future__ import annotations

import logging
import ssl
import uuid
from collections.abc import AsyncIterator

import httpx
from agora_common.identity import IDENTITY_HEADER, IdentitySigner
from agora_common.logs import request_id_var
from agora_common.problems import NotFound, problem_response
from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from opentelemetry import propagate
from starlette.background import BackgroundTask

from gateway.audit.reported import HEADER as AUDIT_HEADER
from gateway.auth.principal import Principal
from gateway.config import UpstreamTLS

log = logging.getLogger("agora.gateway")

# Request headers a service may see; everything else (cookies, Authorization) stays here.
_FORWARD_REQUEST = ("content-type", "accept", "if-match", "if-none-match", "idempotency-key")
# Response headers passed on; X-Agora-Audit too, which the gateway pipeline consumes and removes.
_FORWARD_RESPONSE = (
    "content-type",
    "etag",
    "location",
    "retry-after",
    "cache-control",
)
# An answer larger than this, or of unknown length (a streamed export), is passed on as it comes.
STREAM_ABOVE_BYTES = 1024 * 1024
# A service restarting or out of reach: the caller may retry shortly (its 503 passes through).
_RETRY = {"Retry-After": "2"}


def upstream_ssl_context(tls: UpstreamTLS) -> ssl.SSLContext:
    """TLS 1.3 to the services: their certificate must chain to the internal CA (and name the
    host of the service URL); the gateway presents its own client certificate."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(tls.ca_file))
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(str(tls.cert_file), str(tls.key_file))
    return context


def new_http_client(timeout: float, tls: UpstreamTLS | None = None) -> httpx.AsyncClient:
    """The one client for every call to a service (forwarding, overview, documents, readiness):
    mTLS with ``tls``, plain HTTP without (``make run``, or a mesh doing mTLS)."""
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
    propagate.inject(headers)
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
    http: httpx.AsyncClient,
    signer: IdentitySigner,
) -> Response:
    """The service's answer to this request, or a problem when it cannot be had."""
    base_url = services.get(service)
    if base_url is None:
        raise NotFound("No such resource.")
    # The pipeline read the body once (gateway.pipeline.middleware); replaying it costs more.
    body: bytes | None = getattr(request.state, "body", None)
    if body is None:
        body = await request.body()
    headers = {k: v for k in _FORWARD_REQUEST if (v := request.headers.get(k)) is not None}
    headers |= identity_headers(
        signer,
        principal,
        method=request.method,
        path=request.url.path,
        query=request.url.query,
        body=body,
    )
    # The path exactly as the caller encoded it: decoding it here could change what it names.
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    url = base_url + raw_path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
    try:
        upstream = await http.send(
            http.build_request(request.method, url, content=body, headers=headers), stream=True
        )
    except httpx.InvalidURL:
        return problem_response(404, "No such resource.")
    except httpx.TimeoutException:
        return problem_response(504, "The service did not answer in time.", headers=_RETRY)
    except httpx.TransportError:
        return problem_response(502, "The service is unavailable.", headers=_RETRY)
    passed = {k: v for k in _FORWARD_RESPONSE if (v := upstream.headers.get(k)) is not None}
    response: Response
    if _streamed(upstream):
        # An export of a large donor (hundreds of MB of IATI XML): passed on chunk by chunk as
        # the service writes it, never held whole in the gateway's memory.
        response = StreamingResponse(
            _chunks(upstream),
            status_code=upstream.status_code,
            headers=passed,
            background=BackgroundTask(upstream.aclose),
        )
    else:
        try:
            content = await upstream.aread()
        except httpx.TimeoutException:
            return problem_response(504, "The service did not answer in time.", headers=_RETRY)
        except httpx.TransportError:
            return problem_response(502, "The service is unavailable.", headers=_RETRY)
        finally:
            await upstream.aclose()
        response = Response(content=content, status_code=upstream.status_code, headers=passed)
    # Each audit header on its own line: httpx would join several into one comma list.
    for value in upstream.headers.get_list(AUDIT_HEADER):
        response.raw_headers.append((AUDIT_HEADER.encode(), value.encode("latin-1")))
    return response


def _streamed(upstream: httpx.Response) -> bool:
    length = upstream.headers.get("content-length")
    return not (length and length.isdigit() and int(length) <= STREAM_ABOVE_BYTES)


async def _chunks(upstream: httpx.Response) -> AsyncIterator[bytes]:
    """The service's body as it arrives; a service failing half-way ends the answer early (the
    caller sees a truncated transfer, never a body that looks whole)."""
    try:
        async for chunk in upstream.aiter_raw():
            yield chunk
    except httpx.HTTPError:
        log.warning("a streamed answer ended early", extra={"path": upstream.request.url.path})
        raise
