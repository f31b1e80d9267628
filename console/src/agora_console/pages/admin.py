"""The operator's pages: evaluation cycles (open, close, assign, progress), FX rates, approvals."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from agora_console.gateway import Answer
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

router = APIRouter(prefix="/console/admin")

CycleId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]
# Pages of clients searched for pending approvals (200 each).
PENDING_PAGES = 5


@router.get("", response_class=HTMLResponse)
async def administration(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    allow(session, "admin")
    return await _page(request, session, gateway, cursor=cursor)


@router.post("/cycles", response_class=HTMLResponse)
async def open_cycle(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    allow(session, "admin")
    state = FormState.of(form)
    body = {
        "name": str(state.value("name")).strip(),
        "period": {
            "start": str(state.value("period.start")),
            "end": str(state.value("period.end")),
        },
    }
    answer = await gateway.call(session, "POST", "/v1/evaluation/cycles", json=body)
    if not answer.ok:
        return await _page(
            request, session, gateway, cycle_form=FormState.of(form, answer), status=answer.status
        )
    flash(session, f"Cycle {body['name']} opened.")
    return see_other("/console/admin")


@router.post("/cycles/{cycle_id}/close", response_class=HTMLResponse)
async def close_cycle(
    cycle_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")],
    session: CurrentSession,
    gateway: GatewayDep,
    _: CheckedForm,
) -> Response:
    allow(session, "admin")
    answer = await gateway.call(session, "POST", f"/v1/evaluation/cycles/{quote(cycle_id)}/close")
    flash(session, "Cycle closed: it takes no more assessments." if answer.ok else answer.message())
    return see_other("/console/admin")


@router.post("/cycles/{cycle_id}/assignments", response_class=HTMLResponse)
async def assign_evaluators(
    cycle_id: CycleId, session: CurrentSession, gateway: GatewayDep, _: CheckedForm
) -> Response:
    """Assign every funded actor of the cycle to at least two eligible evaluators."""
    allow(session, "admin")
    answer = await gateway.call(
        session, "POST", f"/v1/evaluation/cycles/{quote(cycle_id)}/assignments"
    )
    if answer.ok:
        run = answer.body
        flash(
            session,
            f"{run.get('created', 0)} assignments made, {run.get('withdrawn', 0)} withdrawn; "
            f"{run.get('actors_assigned', 0)} of {run.get('actors', 0)} actors have two "
            f"evaluators, {run.get('actors_short', 0)} have fewer eligible ones.",
        )
    else:
        flash(session, answer.message())
    return see_other(f"/console/admin/cycles/{quote(cycle_id)}")


@router.get("/cycles/{cycle_id}", response_class=HTMLResponse)
async def cycle_progress(
    request: Request,
    cycle_id: CycleId,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    outstanding_cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """One cycle: who is assigned to whom, and the actors still short of two assessments."""
    allow(session, "admin")
    found = await gateway.call(session, "GET", f"/v1/evaluation/cycles/{quote(cycle_id)}")
    if not found.ok:
        return render(
            request,
            "error.html",
            session,
            status=found.status,
            title="Cycle not available",
            area="admin",
            detail=found.message(),
        )
    assignments = await gateway.call(
        session,
        "GET",
        f"/v1/evaluation/cycles/{quote(cycle_id)}/assignments",
        params={"cursor": cursor, "limit": 50},
    )
    outstanding = await gateway.call(
        session,
        "GET",
        f"/v1/evaluation/cycles/{quote(cycle_id)}/progress",
        params={"cursor": outstanding_cursor, "limit": 50},
    )
    return render(
        request,
        "admin/cycle.html",
        session,
        title=f"Cycle: {found.body.get('name')}",
        area="admin",
        cycle=found.body,
        assignments=assignments,
        outstanding=outstanding,
    )


@router.post("/fx-rates", response_class=HTMLResponse)
async def set_rate(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    allow(session, "admin")
    state = FormState.of(form)
    currency = str(state.value("currency")).strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        state.errors = {"currency": "Three letters, ISO 4217 (e.g. USD)."}
        state.message = "Some fields are not valid; see the messages next to them."
        return await _page(request, session, gateway, fx_form=state, status=422)
    body = {
        "eur_per_unit": str(state.value("eur_per_unit")).strip(),
        "as_of": str(state.value("as_of")),
    }
    answer = await gateway.call(session, "PUT", f"/v1/funding/fx-rates/{currency}", json=body)
    if not answer.ok:
        return await _page(
            request, session, gateway, fx_form=FormState.of(form, answer), status=answer.status
        )
    flash(
        session,
        f"1 {currency} = {answer.body.get('eur_per_unit')} EUR from {answer.body.get('as_of')}.",
    )
    return see_other("/console/admin")


@router.post("/clients/{client_id}/approve", response_class=HTMLResponse)
async def approve_client(
    request: Request,
    client_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")],
    session: CurrentSession,
    gateway: GatewayDep,
    _: CheckedForm,
) -> Response:
    """The second admin's approval; its half of the secret is shown once, on this answer."""
    allow(session, "admin")
    answer = await gateway.call(session, "POST", f"/v1/admin/clients/{quote(client_id)}/approve")
    if not answer.ok:
        flash(session, answer.message())
        return see_other("/console/admin")
    return await _page(request, session, gateway, approved=answer.body)


async def pending_approvals(session: Any, gateway: Any) -> tuple[list[dict[str, Any]], str]:
    """Steward and admin clients waiting for a second admin, from the first pages of clients."""
    pending: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(PENDING_PAGES):
        answer: Answer = await gateway.call(
            session, "GET", "/v1/admin/clients", params={"limit": 200, "cursor": cursor}
        )
        if not answer.ok:
            return pending, answer.message()
        pending += [c for c in answer.items if c.get("status") == "pending_approval"]
        cursor = answer.next_cursor
        if not cursor:
            return pending, ""
    return pending, f"Only the first {PENDING_PAGES * 200} clients were searched."


async def _page(
    request: Request,
    session: Any,
    gateway: Any,
    *,
    cursor: str | None = None,
    cycle_form: FormState | None = None,
    fx_form: FormState | None = None,
    approved: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    cycles: Answer = await gateway.call(
        session, "GET", "/v1/evaluation/cycles", params={"cursor": cursor}
    )
    pending, pending_note = await pending_approvals(session, gateway)
    return render(
        request,
        "admin/index.html",
        session,
        status=status if status >= 400 else 200,
        title="Administration",
        area="admin",
        cycles=cycles,
        pending=pending,
        pending_note=pending_note,
        approved=approved,
        cycle_form=cycle_form or FormState.empty(),
        fx_form=fx_form or FormState.empty(),
    )
