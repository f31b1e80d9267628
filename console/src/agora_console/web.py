"""What every page shares: templates, the signed-in session, CSRF-checked forms, role guards."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from agora_console.gateway import Answer, Gateway
from agora_console.navigation import BY_KEY, ROLE_NAMES, areas_for, safe_next
from agora_console.sessions import COOKIE, Session, SessionStore
from agora_console.vocabulary import LABELS, label

TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("agora_console", "templates"),
    autoescape=True,  # every value is escaped, whatever the template's name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals["label"] = label
TEMPLATES.globals["LABELS"] = LABELS


class NeedsLogin(Exception):
    """No live session: sign in, then come back to ``next``."""

    def __init__(self, next_path: str | None) -> None:
        self.next_path = next_path


class NotForRole(Exception):
    """The person's role does not use this page."""


class FormExpired(Exception):
    """A POST without the session's CSRF token."""


def store_of(request: Request) -> SessionStore:
    store: SessionStore = request.app.state.sessions
    return store


def gateway_of(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.gateway
    return gateway


def coming_from(request: Request) -> str | None:
    """Where to return after signing in: this page, or for a form the page that sent it."""
    if request.method == "GET":
        query = f"?{request.url.query}" if request.url.query else ""
        return safe_next(request.url.path + query)
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        if parts.netloc == request.url.netloc:
            return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
    return safe_next(request.url.path)


def person_address(request: Request) -> str | None:
    """The address of the person in front of the browser, as the console saw it.

    The console is reached through the gateway (the one way in), which writes the address it
    determined into ``X-Forwarded-For``: its last entry. Without one (the console run on its own)
    it is the peer's address. The console must not be reachable but through the gateway, or a
    caller could name any address here (docs/console.md).
    """
    forwarded = request.headers.get("x-forwarded-for", "")
    for candidate in (forwarded.rsplit(",", 1)[-1], request.client.host if request.client else ""):
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except ValueError:
            continue
    return None


async def current_session(request: Request) -> Session:
    session = store_of(request).get(request.cookies.get(COOKIE))
    if session is None:
        raise NeedsLogin(coming_from(request))
    return session


CurrentSession = Annotated[Session, Depends(current_session)]
GatewayDep = Annotated[Gateway, Depends(gateway_of)]


async def checked_form(request: Request, session: CurrentSession) -> FormData:
    """The submitted form, once its CSRF token matches the session's (synchronizer token)."""
    form = await request.form()
    submitted = form.get("csrf")
    if not session.csrf_matches(submitted if isinstance(submitted, str) else None):
        raise FormExpired
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def allow(session: Session, area: str) -> None:
    if session.role not in BY_KEY[area].roles:
        raise NotForRole


@dataclass(slots=True)
class FormState:
    """What a form shows again: the values typed, and the errors next to their fields."""

    values: dict[str, Any]
    errors: dict[str, str]
    message: str = ""

    @classmethod
    def empty(cls, **values: Any) -> FormState:
        return cls(values=dict(values), errors={})

    @classmethod
    def of(cls, form: FormData, answer: Answer | None = None) -> FormState:
        values: dict[str, Any] = {}
        for key in form:
            many = [v for v in form.getlist(key) if isinstance(v, str)]
            values[key] = (
                many if len(many) > 1 or key in MULTI_FIELDS else (many[0] if many else "")
            )
        values.pop("csrf", None)
        if answer is None:
            return cls(values=values, errors={})
        # A refused request is final for its idempotency key (the gateway replays the refusal,
        # and a corrected body under the same key is a 422): the form gets a new key.
        values.pop("idempotency_key", None)
        return cls(values=values, errors=answer.field_errors(), message=answer.message())

    def error(self, name: str) -> str:
        """The error of a field, or of any part of it (``sectors.0`` belongs to ``sectors``)."""
        if name in self.errors:
            return self.errors[name]
        for key, message in self.errors.items():
            if key.startswith(name + "."):
                return message
        return ""

    def value(self, name: str) -> Any:
        return self.values.get(name, "")

    def chosen(self, name: str) -> list[str]:
        value = self.values.get(name, [])
        return [value] if isinstance(value, str) else list(value)

    def unplaced(self, fields: list[str]) -> dict[str, str]:
        """Errors that belong to no field of the form: shown at its top."""
        return {
            k: v
            for k, v in self.errors.items()
            if not any(k == f or k.startswith(f + ".") for f in fields)
        }


# Checkbox groups: a single ticked box still reads as a list.
MULTI_FIELDS = frozenset({"sectors", "activities", "purposes"})


def render(
    request: Request,
    template: str,
    session: Session | None,
    *,
    title: str,
    area: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """The page; ``status`` in ``context`` sets the response status (200 by default)."""
    status = int(context.pop("status", 200))
    html = TEMPLATES.get_template(template).render(
        request=request,
        session=session,
        areas=areas_for(session.role) if session else [],
        role_name=ROLE_NAMES.get(session.role, session.role) if session else "",
        csrf=session.csrf if session else context.pop("login_csrf", ""),
        title=title,
        area=area,
        flash=pop_flash(session),
        new_key=secrets.token_urlsafe(18),
        **context,
    )
    return HTMLResponse(html, status_code=status)


def flash(session: Session, message: str) -> None:
    """A message for the next page this session sees (after a redirect)."""
    session.notices.append(message)


def pop_flash(session: Session | None) -> list[str]:
    if session is None:
        return []
    notices, session.notices = session.notices, []
    return notices


def see_other(path: str, **query: str | None) -> RedirectResponse:
    clean = {k: v for k, v in query.items() if v}
    return RedirectResponse(path + (f"?{urlencode(clean)}" if clean else ""), status_code=303)


def login_redirect(next_path: str | None) -> RedirectResponse:
    return see_other("/console/login", next=next_path, reason="expired")
