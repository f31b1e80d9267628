"""Signing in with the person's own client credentials, and out."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from agora_console.gateway import NO_ROLE, Answer
from agora_console.navigation import home_for, safe_next
from agora_console.sessions import COOKIE
from agora_console.web import (
    CheckedForm,
    CurrentSession,
    FormState,
    GatewayDep,
    person_address,
    render,
    see_other,
    store_of,
)

router = APIRouter(prefix="/console")

# Before a session exists, the login form is protected by a random value in a cookie that the
# form repeats (double submit), so another site cannot sign a browser in to its own account.
LOGIN_COOKIE = "agora_console_login"
REASONS = {
    "expired": "Your session has ended. Sign in again to go back to the page you were on.",
    "signed_out": "You are signed out.",
}


def _set_cookie(
    response: Response, request: Request, name: str, value: str, *, max_age: int | None = None
) -> None:
    """A console cookie: HttpOnly, SameSite=Strict, Secure in production, path /console/."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.production,
        path="/console/",
    )


def _login_page(
    request: Request, form: FormState, next_path: str | None, status: int = 200
) -> HTMLResponse:
    value = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        None,
        status=status,
        title="Sign in",
        form=form,
        next_path=next_path or "",
        login_csrf=value,
    )
    _set_cookie(response, request, LOGIN_COOKIE, value, max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(
    request: Request,
    next: Annotated[str | None, Query(max_length=2000)] = None,
    reason: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The sign-in form; an already signed-in person goes straight on."""
    session = store_of(request).get(request.cookies.get(COOKIE))
    if session is not None:
        return see_other(safe_next(next) or home_for(session.role))
    form = FormState.empty()
    form.message = REASONS.get(reason or "", "")
    return _login_page(request, form, safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    gateway: GatewayDep,
    client_id: Annotated[str, Form(max_length=200)] = "",
    client_secret: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Exchange the credentials for a token kept on the server; the browser gets a session id."""
    next_path = safe_next(next)
    # The secret is never shown again, even after an error.
    form = FormState.empty(client_id=client_id)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf):
        form.message = "The sign-in form expired; please try again."
        return _login_page(request, form, next_path, status=403)
    if not client_id.strip() or not client_secret:
        form.errors = {
            name: "Required."
            for name, value in (("client_id", client_id.strip()), ("client_secret", client_secret))
            if not value
        }
        form.message = "Enter your client id and secret."
        return _login_page(request, form, next_path, status=422)
    token = await gateway.token(
        client_id.strip(), client_secret, person_address=person_address(request)
    )
    if isinstance(token, Answer):
        form.message = (
            "The client id or secret is not right, or the client was revoked."
            if token.status in (400, 401)
            else token.message()
        )
        return _login_page(request, form, next_path, status=401 if token.status == 401 else 503)
    role = await gateway.role_of(token.access_token)
    session = store_of(request).create(
        token=token.access_token,
        client_id=client_id.strip(),
        role=role,
        expires_in=token.expires_in,
    )
    target = next_path or home_for(role)
    if role == NO_ROLE:
        target = home_for(role)
    response = RedirectResponse(target, status_code=303)
    _set_cookie(response, request, COOKIE, session.id)
    response.delete_cookie(LOGIN_COOKIE, path="/console/")
    return response


@router.post("/logout")
async def logout(request: Request, session: CurrentSession, _: CheckedForm) -> Response:
    """End the session here; the token lapses on the gateway at its expiry."""
    store_of(request).end(session.id)
    response = see_other("/console/login", reason="signed_out")
    response.delete_cookie(COOKIE, path="/console/")
    return response


@router.get("/", response_class=HTMLResponse)
async def home(session: CurrentSession) -> Response:
    return see_other(home_for(session.role))


@router.get("/nothing", response_class=HTMLResponse)
async def nothing(request: Request, session: CurrentSession) -> Response:
    return render(request, "nothing.html", session, title="Nothing here for your role")
