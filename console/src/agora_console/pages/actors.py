"""Actors: the list with filters and paging, one actor, register, edit (If-Match), grants."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from agora_console.gateway import Answer
from agora_console.vocabulary import ACTIVITIES, GENDERS, KINDS, RISK_LEVELS, SECTORS
from agora_console.web import (
    CheckedForm,
    CurrentSession,
    FormState,
    GatewayDep,
    allow,
    flash,
    render,
    see_other,
)

router = APIRouter(prefix="/console/actors")

ActorId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]
FILTERS = ("kind", "sector", "activity", "host_country", "origin_region", "custodian_state")
FIELDS = [
    "kind",
    "public_name",
    "legal_name",
    "sectors",
    "activities",
    "host_country",
    "origin_region",
    "relocated_on",
    "established_on",
    "risk_level",
    "contact",
    "consent",
    "representation",
    "audience",
]
SIMPLE = (
    "kind",
    "public_name",
    "legal_name",
    "host_country",
    "origin_region",
    "relocated_on",
    "established_on",
    "risk_level",
)
NESTED = {
    "contact": ("email", "phone", "postal_address"),
    "consent": ("given_on", "scope"),
    "representation": ("gender",),
}
OPTIONS = {
    "kinds": KINDS,
    "sectors": SECTORS,
    "activities": ACTIVITIES,
    "risk_levels": RISK_LEVELS,
    "genders": GENDERS,
}


@router.get("", response_class=HTMLResponse)
async def list_actors(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Actors in registration order, filtered; a page at a time."""
    allow(session, "actors")
    chosen = {k: request.query_params.get(k, "").strip() for k in FILTERS}
    answer = await gateway.call(
        session, "GET", "/v1/actors", params={**chosen, "cursor": cursor, "limit": 25}
    )
    return render(
        request,
        "actors/list.html",
        session,
        title="Actors",
        area="actors",
        answer=answer,
        filters=FormState(values=chosen, errors=answer.field_errors(), message=""),
        base_query=urlencode({k: v for k, v in chosen.items() if v}),
        may_register=session.role == "agency",
        **OPTIONS,
    )


@router.get("/new", response_class=HTMLResponse)
async def new_actor(request: Request, session: CurrentSession) -> HTMLResponse:
    allow(session, "actors")
    return _form(request, session, FormState.empty(risk_level="standard"), actor=None)


@router.post("/new", response_class=HTMLResponse)
async def register_actor(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    """Register; the caller's state becomes the custodian. A 422 shows the form again."""
    allow(session, "actors")
    state = FormState.of(form)
    answer = await gateway.call(
        session,
        "POST",
        "/v1/actors",
        json=actor_document(state, patch=False),
        headers=_idempotency(state),
    )
    if not answer.ok:
        return _form(request, session, FormState.of(form, answer), actor=None, status=answer.status)
    flash(session, f"Registered {answer.body.get('public_name')}.")
    return see_other(f"/console/actors/{quote(str(answer.body['id']))}")


@router.get("/{actor_id}", response_class=HTMLResponse)
async def actor_detail(
    request: Request, actor_id: ActorId, session: CurrentSession, gateway: GatewayDep
) -> HTMLResponse:
    """One actor; personal data only where the API returns it."""
    allow(session, "actors")
    answer = await gateway.call(session, "GET", f"/v1/actors/{actor_id}")
    if not answer.ok:
        return _problem(request, session, answer)
    actor = answer.body
    personal = "legal_name" in actor or "contact" in actor or "consent" in actor
    permits = grants = None
    if session.role == "agency":
        permits = await gateway.call(session, "GET", f"/v1/actors/{actor_id}/permits")
        if personal:
            # Only the custodian may list grants; a granted state is told so by the API.
            grants = await gateway.call(session, "GET", f"/v1/actors/{actor_id}/grants")
    return render(
        request,
        "actors/detail.html",
        session,
        title=actor.get("public_name") or "Actor",
        area="actors",
        actor=actor,
        personal=personal,
        permits=permits,
        grants=grants if grants is not None and grants.ok else None,
        may_change=session.role == "agency" and personal and grants is not None and grants.ok,
        grant_form=FormState.empty(),
    )


@router.get("/{actor_id}/edit", response_class=HTMLResponse)
async def edit_actor(
    request: Request, actor_id: ActorId, session: CurrentSession, gateway: GatewayDep
) -> HTMLResponse:
    """The actor's current values, with its ETag kept in the form for If-Match."""
    allow(session, "actors")
    answer = await gateway.call(session, "GET", f"/v1/actors/{actor_id}")
    if not answer.ok:
        return _problem(request, session, answer)
    values = _flatten(answer.body)
    values["etag"] = answer.headers.get("etag", "")
    return _form(request, session, FormState(values=values, errors={}), actor=answer.body)


@router.post("/{actor_id}/edit", response_class=HTMLResponse)
async def change_actor(
    request: Request,
    actor_id: ActorId,
    session: CurrentSession,
    gateway: GatewayDep,
    form: CheckedForm,
) -> Response:
    """A merge patch with If-Match: a change made meanwhile by someone else answers 412."""
    allow(session, "actors")
    state = FormState.of(form)
    answer = await gateway.call(
        session,
        "PATCH",
        f"/v1/actors/{actor_id}",
        json=actor_document(state, patch=True),
        headers={
            "If-Match": str(state.value("etag")),
            "Content-Type": "application/merge-patch+json",
        },
    )
    if not answer.ok:
        current = {"id": actor_id, "public_name": state.value("public_name")}
        return _form(
            request, session, FormState.of(form, answer), actor=current, status=answer.status
        )
    flash(session, "Saved.")
    return see_other(f"/console/actors/{quote(actor_id)}")


@router.post("/{actor_id}/grants", response_class=HTMLResponse)
async def grant(
    request: Request,
    actor_id: ActorId,
    session: CurrentSession,
    gateway: GatewayDep,
    form: CheckedForm,
) -> Response:
    """Share the actor's personal data with another state."""
    allow(session, "actors")
    state = str(form.get("state") or "").strip().upper()
    answer = await gateway.call(
        session, "POST", f"/v1/actors/{actor_id}/grants", json={"state": state}
    )
    flash(
        session, f"Shared with {state}." if answer.ok else f"Not shared: {_words(answer, 'state')}"
    )
    return see_other(f"/console/actors/{quote(actor_id)}")


@router.post("/{actor_id}/grants/{state}/withdraw", response_class=HTMLResponse)
async def withdraw(
    actor_id: ActorId,
    state: Annotated[str, Path(pattern=r"^[A-Z]{2,16}$")],
    session: CurrentSession,
    gateway: GatewayDep,
    _: CheckedForm,
) -> Response:
    allow(session, "actors")
    answer = await gateway.call(session, "DELETE", f"/v1/actors/{actor_id}/grants/{state}")
    flash(session, f"Access of {state} withdrawn." if answer.ok else answer.message())
    return see_other(f"/console/actors/{quote(actor_id)}")


def actor_document(form: FormState, *, patch: bool) -> dict[str, Any]:
    """The JSON the API takes, from the form; in a merge patch an emptied field is ``null``."""
    body: dict[str, Any] = {}
    for name in SIMPLE:
        value = str(form.value(name)).strip()
        if value:
            body[name] = value
        elif patch and name not in ("kind", "public_name", "host_country", "risk_level"):
            body[name] = None
    for name in ("sectors", "activities"):
        body[name] = form.chosen(name)
    for group, keys in NESTED.items():
        part = {k: str(form.value(f"{group}.{k}")).strip() for k in keys}
        filled = {k: v for k, v in part.items() if v}
        if filled:
            body[group] = {k: (v or None) for k, v in part.items()} if patch else filled
        elif patch:
            body[group] = None
    return body


def _flatten(actor: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {k: actor.get(k) or "" for k in SIMPLE}
    values["sectors"] = list(actor.get("sectors") or [])
    values["activities"] = list(actor.get("activities") or [])
    for group, keys in NESTED.items():
        part = actor.get(group) or {}
        for key in keys:
            values[f"{group}.{key}"] = part.get(key) or ""
    return values


def _idempotency(form: FormState) -> dict[str, str]:
    """The key rendered into the form: submitting it twice replays the first answer."""
    key = str(form.value("idempotency_key"))
    return {"Idempotency-Key": key} if key else {}


def _words(answer: Answer, field: str) -> str:
    return answer.field_errors().get(field) or answer.message()


def _form(
    request: Request,
    session: Any,
    form: FormState,
    *,
    actor: dict[str, Any] | None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "actors/form.html",
        session,
        status=422 if status == 422 else (status if status >= 400 else 200),
        title=f"Edit {actor.get('public_name')}" if actor else "Register an actor",
        area="actors",
        form=form,
        actor=actor,
        fields=FIELDS,
        **OPTIONS,
    )


def _problem(request: Request, session: Any, answer: Answer) -> HTMLResponse:
    return render(
        request,
        "error.html",
        session,
        status=answer.status if answer.status >= 400 else 502,
        title="Actor not available",
        area="actors",
        detail=answer.message(),
    )
