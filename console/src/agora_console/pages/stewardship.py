"""The steward's page: the state's clients (enrol an agency client, revoke one)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

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

router = APIRouter(prefix="/console/stewardship")


@router.get("", response_class=HTMLResponse)
async def clients(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    allow(session, "stewardship")
    return await _page(request, session, gateway, cursor=cursor)


@router.post("", response_class=HTMLResponse)
async def enrol(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    """Enrol an agency client of the steward's state; its secret is shown once, here."""
    allow(session, "stewardship")
    state = FormState.of(form)
    answer = await gateway.call(
        session, "POST", "/v1/stewardship/clients", json={"name": str(state.value("name")).strip()}
    )
    if not answer.ok:
        return await _page(
            request, session, gateway, form=FormState.of(form, answer), status=answer.status
        )
    return await _page(request, session, gateway, created=answer.body, status=201)


@router.post("/{client_id}/revoke", response_class=HTMLResponse)
async def revoke(
    client_id: Annotated[str, Path(max_length=64)],
    session: CurrentSession,
    gateway: GatewayDep,
    _: CheckedForm,
) -> Response:
    allow(session, "stewardship")
    answer = await gateway.call(session, "DELETE", f"/v1/stewardship/clients/{client_id}")
    flash(session, "Client revoked: its tokens stopped working." if answer.ok else answer.message())
    return see_other("/console/stewardship")


async def _page(
    request: Request,
    session: Any,
    gateway: Any,
    *,
    cursor: str | None = None,
    form: FormState | None = None,
    created: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    answer = await gateway.call(
        session, "GET", "/v1/stewardship/clients", params={"cursor": cursor}
    )
    return render(
        request,
        "stewardship/index.html",
        session,
        status=status if status >= 400 else 200,
        title="Your state's clients",
        area="stewardship",
        answer=answer,
        form=form or FormState.empty(),
        created=created,
        base_query="",
    )


RECORDS = {
    "access-log": (
        "/v1/stewardship/access-log",
        "Who touched your actors' data",
        "Every read and write of your state's actors' personal data, by your agencies and by the "
        "states you granted access, in the order the audit trail wrote them.",
    ),
    "events": (
        "/v1/stewardship/events",
        "How your state's clients changed",
        "Every step in the life of your state's clients: created, approved, enrolled, revoked.",
    ),
}


@router.get("/{kind}", response_class=HTMLResponse)
async def records(
    request: Request,
    kind: Annotated[str, Path(pattern=r"^(access-log|events)$")],
    session: CurrentSession,
    gateway: GatewayDep,
    since: Annotated[str, Query(max_length=40)] = "",
    until: Annotated[str, Query(max_length=40)] = "",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """The access log or the clients' history: audit records about the steward's own state."""
    allow(session, "stewardship")
    path, title, intro = RECORDS[kind]
    chosen = {"since": since.strip(), "until": until.strip()}
    answer = await gateway.call(
        session, "GET", path, params={**chosen, "cursor": cursor, "limit": 50}
    )
    return render(
        request,
        "stewardship/records.html",
        session,
        title=title,
        area="stewardship",
        kind=kind,
        intro=intro,
        answer=answer,
        filters=FormState(values=chosen, errors=answer.field_errors()),
        base_query=urlencode({k: v for k, v in chosen.items() if v}),
    )
