"""The token endpoint (OAuth 2.0 client credentials, RFC 6749 §4.4)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.problems import problem_response
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse

from gateway.auth import service
from gateway.auth.schemas import OAUTH_ERROR, Me, TokenResponse
from gateway.deps import CurrentPrincipal, TokensDep
from gateway.limits import RateLimiter

router = APIRouter(prefix="/v1/auth", tags=["Authentication"])

_TOKEN_FIELDS = ("grant_type", "client_id", "client_secret")


def _oauth_error(status: int, error: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # RFC 6749 §5.2 error bodies: the OAuth clients of the agencies expect exactly this shape.
    return JSONResponse(
        {"error": error},
        status_code=status,
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _invalid_client() -> JSONResponse:
    return _oauth_error(401, "invalid_client", {"WWW-Authenticate": 'Basic realm="agora"'})


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


@router.post(
    "/token",
    response_model=TokenResponse,
    summary="Get an access token (OAuth 2.0 client credentials)",
    responses={
        400: {"description": "invalid_request, unsupported_grant_type", "content": OAUTH_ERROR},
        401: {"description": "invalid_client", "content": OAUTH_ERROR},
        429: {"description": "Too many token requests for this client id; see Retry-After."},
    },
    openapi_extra={"security": []},
)
async def issue_token(
    request: Request,
    session: DbSession,
    tokens: TokensDep,
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
        return _invalid_client()
    # Guessing is slowed down per client id: the one authenticated here, nothing else.
    limiter: RateLimiter | None = getattr(request.state, "token_limiter", None)
    if limiter is not None and (wait := limiter.check(client_id)) is not None:
        # RFC 6749 has no error for this; 429 with Retry-After is what clients handle.
        return problem_response(
            429, "Too many token requests for this client.", headers={"Retry-After": str(wait)}
        )
    token = await service.issue_token(
        session, tokens=tokens, client_id=client_id, secret=client_secret
    )
    if token is None:
        return _invalid_client()
    return JSONResponse(
        token.model_dump(), headers={"Cache-Control": "no-store", "Pragma": "no-cache"}
    )


@router.get("/me", response_model=Me, summary="Who am I")
async def who_am_i(principal: CurrentPrincipal, response: Response) -> Me:
    """The client, role and state the bearer token acts as, and when the token expires.

    Any valid token may ask; a revoked client's token gets 401 like any invalid one.
    """
    response.headers["Cache-Control"] = "no-store"
    return Me.of(principal)
