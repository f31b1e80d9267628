"""The gateway's own endpoints: tokens and client administration."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit, decode_cursor, encode_cursor
from agora_common.problems import Unprocessable, problem_response
from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from gateway import audit, clients, overview
from gateway.audit import AuditEvent, AuditPage, Verification
from gateway.clients import ClientCreate, ClientCreated, ClientOut
from gateway.limits import RateLimiter
from gateway.overview import Overview
from gateway.tokens import Principal, require_role

auth_router = APIRouter(prefix="/v1/auth", tags=["Authentication"])
admin_router = APIRouter(prefix="/v1/admin", tags=["Administration"])
audit_router = APIRouter(prefix="/v1/audit", tags=["Audit"])
coordination_router = APIRouter(prefix="/v1/coordination", tags=["Coordination"])


# RFC 6749 §5.2 error bodies, as OAuth client libraries expect them.
_OAUTH_ERROR: dict[str, Any] = {
    "application/json": {
        "schema": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        }
    }
}


_TOKEN_FIELDS = ("grant_type", "client_id", "client_secret")


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int


class ClientPage(BaseModel):
    items: list[ClientOut]
    next_cursor: str | None


def _oauth_error(status: int, error: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # RFC 6749 §5.2 error bodies: the OAuth clients of the agencies expect exactly this shape.
    return JSONResponse(
        {"error": error},
        status_code=status,
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


@auth_router.post(
    "/token",
    response_model=TokenResponse,
    summary="Get an access token (OAuth 2.0 client credentials)",
    responses={
        400: {"description": "invalid_request, unsupported_grant_type", "content": _OAUTH_ERROR},
        401: {"description": "invalid_client", "content": _OAUTH_ERROR},
        429: {"description": "Too many token requests for this client id; see Retry-After."},
    },
    openapi_extra={"security": []},
)
async def issue_token(
    request: Request,
    session: DbSession,
    grant_type: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
) -> Any:
    """Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        return _oauth_error(400, "invalid_request")  # RFC 6749 §4.4.2
    form = await request.form()
    if not grant_type or any(len(form.getlist(name)) > 1 for name in _TOKEN_FIELDS):
        # A repeated parameter is malformed (RFC 6749 §3.2): which one counts is ambiguous.
        return _oauth_error(400, "invalid_request")
    if grant_type != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type")
    basic = _basic_credentials(request.headers.get("authorization"))
    if basic is not None:
        client_id, client_secret = basic
    if not client_id or not client_secret or len(client_id) > 200 or len(client_secret) > 200:
        return _oauth_error(401, "invalid_client", {"WWW-Authenticate": 'Basic realm="agora"'})
    # Guessing is slowed down per client id: the one authenticated here, nothing else.
    limiter: RateLimiter | None = getattr(request.state, "token_limiter", None)
    if limiter is not None and (wait := limiter.check(client_id)) is not None:
        # RFC 6749 has no error for this; 429 with Retry-After is what clients handle.
        return problem_response(
            429, "Too many token requests for this client.", headers={"Retry-After": str(wait)}
        )
    client = await clients.authenticate(session, client_id=client_id, secret=client_secret)
    if client is None:
        return _oauth_error(401, "invalid_client", {"WWW-Authenticate": 'Basic realm="agora"'})
    tokens = request.app.state.tokens
    return JSONResponse(
        TokenResponse(
            access_token=tokens.issue(client), expires_in=tokens.ttl_seconds
        ).model_dump(),
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


@admin_router.post(
    "/clients", status_code=201, response_model=ClientCreated, summary="Create a client"
)
async def create_client(
    body: ClientCreate,
    session: DbSession,
    response: Response,
    admin: Principal = require_role("admin"),
) -> ClientCreated:
    """Create a client; its secret is shown only in this response."""
    created = await clients.create_client(session, data=body)
    await audit.append(
        session,
        [audit.Entry(admin.client_id, admin.state, "client.created", created.client_id, "success")],
    )
    response.headers["Location"] = f"/v1/admin/clients/{created.client_id}"
    response.headers["Cache-Control"] = "no-store"
    return created


@admin_router.get("/clients", response_model=ClientPage, summary="List clients")
async def list_clients(
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
    _: Principal = require_role("admin"),
) -> ClientPage:
    """Every client, active or revoked, ordered by id."""
    position = decode_cursor(cursor, 1)
    rows = await clients.list_clients(
        session, after=str(position[0]) if position else None, limit=limit + 1
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return ClientPage(
        items=[ClientOut.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=encode_cursor([rows[-1].client_id]) if more else None,
    )


@admin_router.delete("/clients/{client_id}", status_code=204, summary="Revoke a client")
async def revoke_client(
    client_id: Annotated[str, Path(max_length=64)],
    session: DbSession,
    admin: Principal = require_role("admin"),
) -> Response:
    """Revoke a client: its tokens stop working at once."""
    await clients.revoke_client(session, client_id=client_id)
    await audit.append(
        session,
        [audit.Entry(admin.client_id, admin.state, "client.revoked", client_id, "success")],
    )
    return Response(status_code=204)


@audit_router.get("/events", response_model=AuditPage, summary="Read the audit trail")
async def audit_events(
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    client_id: Annotated[str | None, Query(max_length=64)] = None,
    state: Annotated[str | None, Query(max_length=16)] = None,
    resource: Annotated[str | None, Query(max_length=200)] = None,
    outcome: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[datetime | None, Query(description="Records at or after (RFC 3339).")] = None,
    until: Annotated[datetime | None, Query(description="Records before (RFC 3339).")] = None,
    _: Principal = require_role("auditor"),
) -> AuditPage:
    """The audit trail in the order it was written, filtered by any of its fields."""
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise Unprocessable.field(["query", name], "A timestamp needs a UTC offset.")
    position = decode_cursor(cursor, 1)
    if position is not None and not isinstance(position[0], int):
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    rows = await audit.events(
        session,
        after=int(position[0]) if position else None,
        limit=limit + 1,
        action=action,
        client_id=client_id,
        state=state,
        resource=resource,
        outcome=outcome,
        since=since,
        until=until,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return AuditPage(
        items=[AuditEvent.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=encode_cursor([rows[-1].seq]) if more else None,
    )


@audit_router.get("/verify", response_model=Verification, summary="Verify the audit trail")
async def audit_verify(session: DbSession, _: Principal = require_role("auditor")) -> Verification:
    """Recompute the hash chain; ``valid`` is false if any record was changed or removed."""
    return await audit.verify(session)


@coordination_router.get(
    "/overview", response_model=Overview, summary="One snapshot across the services"
)
async def coordination_overview(
    request: Request, session: DbSession, caller: Principal = require_role("agency")
) -> Overview:
    """Actors by sector and host country, funding, permits expiring in 90 days, evaluation."""
    result, entries = await overview.snapshot(
        http=request.app.state.http,
        signer=request.app.state.signer,
        principal=caller,
        services=request.app.state.services,
    )
    await audit.append(session, entries)
    return result
