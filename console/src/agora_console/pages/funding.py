"""Funding: commitments with filters and paging, one commitment, entering one (with overlaps)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from agora_console.vocabulary import ACTIVITIES, INSTRUMENTS, STATUSES
from agora_console.web import CheckedForm, CurrentSession, FormState, GatewayDep, allow, render

router = APIRouter(prefix="/console/funding")

FILTERS = ("actor_id", "donor", "status", "purpose", "active_on")
FIELDS = [
    "actor_id",
    "instrument",
    "amount",
    "currency",
    "period",
    "purposes",
    "status",
    "confidential",
]
CREATION_STATUSES = {k: STATUSES[k] for k in ("committed", "pledged")}
OPTIONS = {
    "instruments": INSTRUMENTS,
    "statuses": STATUSES,
    "purposes": ACTIVITIES,
    "creation_statuses": CREATION_STATUSES,
}


@router.get("", response_class=HTMLResponse)
async def commitments(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Every donor's commitments (others' confidential ones excepted), newest first."""
    allow(session, "funding")
    chosen = {k: request.query_params.get(k, "").strip() for k in FILTERS}
    answer = await gateway.call(
        session, "GET", "/v1/funding/commitments", params={**chosen, "cursor": cursor, "limit": 25}
    )
    return render(
        request,
        "funding/list.html",
        session,
        title="Funding commitments",
        area="funding",
        answer=answer,
        filters=FormState(values=chosen, errors=answer.field_errors()),
        base_query=urlencode({k: v for k, v in chosen.items() if v}),
        **OPTIONS,
    )


@router.get("/new", response_class=HTMLResponse)
async def new_commitment(
    request: Request,
    session: CurrentSession,
    actor_id: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    allow(session, "funding")
    form = FormState.empty(
        actor_id=actor_id, status="committed", instrument="grant", currency="EUR"
    )
    return _form(request, session, form)


@router.post("/new", response_class=HTMLResponse)
async def make_commitment(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    """Commit; the answer's overlaps (other donors paying for the same) are shown at once."""
    allow(session, "funding")
    state = FormState.of(form)
    key = str(state.value("idempotency_key"))
    answer = await gateway.call(
        session,
        "POST",
        "/v1/funding/commitments",
        json=commitment_body(state),
        headers={"Idempotency-Key": key} if key else None,
    )
    if not answer.ok:
        return _form(request, session, FormState.of(form, answer), status=answer.status)
    return render(
        request,
        "funding/created.html",
        session,
        status=201,
        title="Commitment recorded",
        area="funding",
        c=answer.body,
        overlaps=list(answer.body.get("overlaps") or []),
    )


@router.get("/commitments/{commitment_id}", response_class=HTMLResponse)
async def commitment(
    request: Request,
    commitment_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")],
    session: CurrentSession,
    gateway: GatewayDep,
) -> HTMLResponse:
    allow(session, "funding")
    answer = await gateway.call(session, "GET", f"/v1/funding/commitments/{commitment_id}")
    if not answer.ok:
        return render(
            request,
            "error.html",
            session,
            status=answer.status,
            title="Commitment not available",
            area="funding",
            detail=answer.message(),
        )
    return render(
        request, "funding/detail.html", session, title="Commitment", area="funding", c=answer.body
    )


def commitment_body(form: FormState) -> dict[str, Any]:
    body: dict[str, Any] = {
        "actor_id": str(form.value("actor_id")).strip(),
        "instrument": form.value("instrument"),
        "period": {
            "start": str(form.value("period.start")).strip(),
            "end": str(form.value("period.end")).strip(),
        },
        "purposes": form.chosen("purposes"),
        "status": form.value("status") or "committed",
        "confidential": form.value("confidential") == "true",
    }
    for name in ("amount", "currency"):
        value = str(form.value(name)).strip()
        if value:
            body[name] = value.upper() if name == "currency" else value.replace(",", ".")
    return body


def _form(request: Request, session: Any, form: FormState, status: int = 200) -> HTMLResponse:
    return render(
        request,
        "funding/form.html",
        session,
        status=status if status >= 400 else 200,
        title="Enter a commitment",
        area="funding",
        form=form,
        fields=FIELDS,
        **OPTIONS,
    )
