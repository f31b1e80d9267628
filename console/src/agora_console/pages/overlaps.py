"""Overlap notices: two donors funding one actor for a shared purpose at the same time.

Both donors see the notice and either may settle it with a resolution and a note.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from agora_console.vocabulary import OVERLAP_STATUSES, RESOLUTIONS
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

router = APIRouter(prefix="/console/funding/overlaps")

OverlapId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]


@router.get("", response_class=HTMLResponse)
async def notices(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    status: Annotated[str, Query(max_length=20)] = "open",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Overlaps involving one of the caller's commitments, open ones by default."""
    allow(session, "funding")
    return await _page(request, session, gateway, status=status, cursor=cursor)


@router.post("/{overlap_id}/resolve", response_class=HTMLResponse)
async def resolve(
    request: Request,
    overlap_id: OverlapId,
    session: CurrentSession,
    gateway: GatewayDep,
    form: CheckedForm,
) -> Response:
    """Settle a notice; a refusal shows the page again with what was typed."""
    allow(session, "funding")
    state = FormState.of(form)
    note = str(state.value("note")).strip()
    body: dict[str, Any] = {"resolution": state.value("resolution") or None}
    if note:
        body["note"] = note
    answer = await gateway.call(
        session, "POST", f"/v1/funding/overlaps/{overlap_id}/resolve", json=body
    )
    if not answer.ok:
        failed = FormState.of(form, answer)
        return await _page(
            request,
            session,
            gateway,
            status="open",
            failed=(overlap_id, failed),
            answer_status=answer.status,
        )
    flash(session, f"Overlap resolved: {RESOLUTIONS.get(str(body['resolution']), '')}.")
    return see_other("/console/funding/overlaps")


async def _page(
    request: Request,
    session: Any,
    gateway: Any,
    *,
    status: str,
    cursor: str | None = None,
    failed: tuple[str, FormState] | None = None,
    answer_status: int = 200,
) -> HTMLResponse:
    answer = await gateway.call(
        session,
        "GET",
        "/v1/funding/overlaps",
        params={"status": status, "cursor": cursor, "limit": 25},
    )
    return render(
        request,
        "funding/overlaps.html",
        session,
        status=answer_status if answer_status >= 400 else 200,
        title="Overlap notices",
        area="funding",
        answer=answer,
        filters=FormState(values={"status": status}, errors=answer.field_errors()),
        statuses=OVERLAP_STATUSES,
        resolutions=RESOLUTIONS,
        failed_id=failed[0] if failed else None,
        failed=failed[1] if failed else FormState.empty(),
        empty_form=FormState.empty(),
        base_query=f"status={status}",
    )
