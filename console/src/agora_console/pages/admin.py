"""The operator's pages: evaluation cycles (open, close) and FX rates."""

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


async def _page(
    request: Request,
    session: Any,
    gateway: Any,
    *,
    cursor: str | None = None,
    cycle_form: FormState | None = None,
    fx_form: FormState | None = None,
    status: int = 200,
) -> HTMLResponse:
    cycles: Answer = await gateway.call(
        session, "GET", "/v1/evaluation/cycles", params={"cursor": cursor}
    )
    return render(
        request,
        "admin/index.html",
        session,
        status=status if status >= 400 else 200,
        title="Administration",
        area="admin",
        cycles=cycles,
        cycle_form=cycle_form or FormState.empty(),
        fx_form=fx_form or FormState.empty(),
    )
