"""Permits ending soon: the most urgent coordination signal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from agora_console.web import CurrentSession, FormState, GatewayDep, allow, render

router = APIRouter(prefix="/console/permits")


@router.get("", response_class=HTMLResponse)
async def expiring(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    within_days: Annotated[str, Query(max_length=6)] = "90",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Permits ending within N days that the caller's state may see, soonest first."""
    allow(session, "permits")
    answer = await gateway.call(
        session,
        "GET",
        "/v1/actors/permits/expiring",
        params={"within_days": within_days, "cursor": cursor, "limit": 50},
    )
    return render(
        request,
        "permits.html",
        session,
        title="Permits ending soon",
        area="permits",
        answer=answer,
        filters=FormState(values={"within_days": within_days}, errors=answer.field_errors()),
        base_query=f"within_days={within_days}",
    )


@router.get("/lapsed", response_class=HTMLResponse)
async def lapsed(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Actors the caller's state may see whose permits have all ended, longest-lapsed first."""
    allow(session, "permits")
    answer = await gateway.call(
        session, "GET", "/v1/actors/permits/lapsed", params={"cursor": cursor, "limit": 50}
    )
    return render(
        request,
        "permits_lapsed.html",
        session,
        title="Lapsed permits",
        area="permits",
        answer=answer,
        base_query="",
    )
