"""The gateway's own endpoints: tokens and client administration."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit, decode_cursor, encode_cursor
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from gateway import clients
from gateway.clients import ClientCreate, ClientCreated, ClientOut
from gateway.tokens import Principal, require_role

auth_router = APIRouter(prefix="/v1/auth", tags=["Authentication"])
admin_router = APIRouter(prefix="/v1/admin", tags=["Administration"])


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
        400: {"description": "unsupported_grant_type"},
        401: {"description": "invalid_client"},
    },
    openapi_extra={"security": []},
)
async def issue_token(
    request: Request,
    session: DbSession,
    grant_type: Annotated[str, Form(max_length=64)],
    client_id: Annotated[str | None, Form(max_length=200)] = None,
    client_secret: Annotated[str | None, Form(max_length=200)] = None,
) -> Any:
    """Exchange client credentials (form fields or HTTP Basic) for a short-lived bearer token."""
    if grant_type != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type")
    basic = _basic_credentials(request.headers.get("authorization"))
    if basic is not None:
        client_id, client_secret = basic
    if not client_id or not client_secret:
        return _oauth_error(401, "invalid_client", {"WWW-Authenticate": 'Basic realm="agora"'})
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
    body: ClientCreate, session: DbSession, response: Response, _: Principal = require_role("admin")
) -> ClientCreated:
    """Create a client; its secret is shown only in this response."""
    created = await clients.create_client(session, data=body)
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
    client_id: str, session: DbSession, _: Principal = require_role("admin")
) -> Response:
    """Revoke a client: its tokens stop working at once."""
    await clients.revoke_client(session, client_id=client_id)
    return Response(status_code=204)
