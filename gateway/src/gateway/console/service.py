"""Forwarding a browser's request to the web console and its answer back, as it is.

The console is a client of the gateway's public API like any other: it sees no token of the
gateway's and the gateway none of its sessions. So everything the browser sends goes on (its
cookies, forms, ``Host``), except what belongs to this hop and an ``Authorization`` header (a
bearer token is for the API, never for the console). ``X-Forwarded-For`` is replaced by the one
address the gateway determined for the caller (``gateway.addresses``: trusted proxies are
believed, nobody else), which the console passes back when it signs the person in.
"""

from __future__ import annotations

from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx
from agora_common.logs import request_id_var
from agora_common.problems import NotFound, problem_response
from fastapi import Request, Response

# Request headers that describe this connection, not the request; and those replaced here.
_NOT_FORWARDED = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "authorization",
        "x-forwarded-for",
        "x-request-id",
    }
)
# Response headers of this hop, and those the body as read here no longer matches.
_NOT_RETURNED = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "content-encoding",
    }
)


def new_console_client(timeout: float) -> httpx.AsyncClient:
    """The client for the console alone. It keeps no cookie: the console's answers set each
    person's session cookie, which must go back to that browser and never with anyone else's
    request (an httpx client otherwise stores cookies and sends them on later requests)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=2.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        follow_redirects=False,
    )


async def forward(
    request: Request,
    *,
    console_url: str | None,
    http: httpx.AsyncClient,
    client_address: str | None,
) -> Response:
    """The console's answer to this request; 404 when no console is configured."""
    if not console_url:
        raise NotFound("No such resource.")
    headers = [
        (name, value)
        for name, value in request.headers.items()
        if name.lower() not in _NOT_FORWARDED
    ]
    if client_address:
        headers.append(("x-forwarded-for", client_address))
    headers.append(("x-request-id", request_id_var.get() or ""))
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    url = (
        console_url.rstrip("/")
        + raw_path.decode("latin-1")
        + (f"?{query.decode('latin-1')}" if query else "")
    )
    try:
        upstream = await http.request(
            request.method, url, content=await request.body(), headers=headers
        )
    except httpx.InvalidURL:
        return problem_response(404, "No such resource.")
    except httpx.TimeoutException:
        return problem_response(504, "The console did not answer in time.")
    except httpx.TransportError:
        return problem_response(502, "The console is unavailable.")
    response = Response(content=upstream.content, status_code=upstream.status_code)
    response.raw_headers.extend(
        (name, value)
        for name, value in upstream.headers.raw
        if name.decode("latin-1").lower() not in _NOT_RETURNED
    )
    return response
