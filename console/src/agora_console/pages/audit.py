"""The auditor's pages: the audit trail with filters, its verification, the signed checkpoints."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from agora_console.web import CurrentSession, FormState, GatewayDep, allow, render

router = APIRouter(prefix="/console/audit")

FILTERS = ("action", "client_id", "state", "resource", "outcome", "since", "until")


@router.get("", response_class=HTMLResponse)
async def trail(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """The audit trail in the order it was written, filtered by any of its fields."""
    allow(session, "audit")
    chosen = {k: request.query_params.get(k, "").strip() for k in FILTERS}
    answer = await gateway.call(
        session, "GET", "/v1/audit/events", params={**chosen, "cursor": cursor, "limit": 50}
    )
    return render(
        request,
        "audit/trail.html",
        session,
        title="Audit trail",
        area="audit",
        answer=answer,
        filters=FormState(values=chosen, errors=answer.field_errors()),
        base_query=urlencode({k: v for k, v in chosen.items() if v}),
    )


@router.get("/verify", response_class=HTMLResponse)
async def verify(request: Request, session: CurrentSession, gateway: GatewayDep) -> HTMLResponse:
    """Recompute the hash chain (and the signed checkpoints where the gateway has them)."""
    allow(session, "audit")
    answer = await gateway.call(session, "GET", "/v1/audit/verify")
    return render(
        request,
        "audit/verify.html",
        session,
        title="Verify the audit trail",
        area="audit",
        answer=answer,
    )


@router.get("/checkpoints", response_class=HTMLResponse)
async def checkpoints(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """The signed chain heads, with the key that checks them."""
    allow(session, "audit")
    answer = await gateway.call(session, "GET", "/v1/audit/checkpoints", params={"cursor": cursor})
    return render(
        request,
        "audit/checkpoints.html",
        session,
        title="Audit checkpoints",
        area="audit",
        answer=answer,
        base_query="",
    )
