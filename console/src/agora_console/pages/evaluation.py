"""The evaluator's workspace: cycles, the blind assessment form, declaring a conflict."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from agora_console.vocabulary import CRITERIA, SCORES
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

router = APIRouter(prefix="/console/evaluation")

CycleId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")]
ASSESSMENT_FIELDS = ["actor_id", "scores", "rationale"]


@router.get("", response_class=HTMLResponse)
async def workspace(
    request: Request,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """The cycles, open ones first to act on."""
    allow(session, "evaluation")
    cycles = await gateway.call(session, "GET", "/v1/evaluation/cycles", params={"cursor": cursor})
    return render(
        request,
        "evaluation/workspace.html",
        session,
        title="Evaluator workspace",
        area="evaluation",
        cycles=cycles,
    )


@router.get("/cycles/{cycle_id}", response_class=HTMLResponse)
async def cycle(
    request: Request,
    cycle_id: CycleId,
    session: CurrentSession,
    gateway: GatewayDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """One cycle: the actors assigned to you, your assessments, and every actor you may assess."""
    allow(session, "evaluation")
    found, mine, assigned = await gateway.gather(
        session,
        f"/v1/evaluation/cycles/{cycle_id}",
        f"/v1/evaluation/cycles/{cycle_id}/assessments?limit=200",
        f"/v1/evaluation/cycles/{cycle_id}/assignments?limit=200",
    )
    if not found.ok:
        return render(
            request,
            "error.html",
            session,
            status=found.status,
            title="Cycle not available",
            area="evaluation",
            detail=found.message(),
        )
    actors = await gateway.call(
        session, "GET", "/v1/actors", params={"cursor": cursor, "limit": 25}
    )
    assessed = {a.get("actor_id") for a in mine.items if a.get("own")}
    return render(
        request,
        "evaluation/cycle.html",
        session,
        title=f"Cycle: {found.body.get('name')}",
        area="evaluation",
        cycle=found.body,
        mine=mine,
        assigned=assigned,
        actors=actors,
        assessed=assessed,
        base_query="",
    )


@router.get("/cycles/{cycle_id}/assess", response_class=HTMLResponse)
async def assessment_form(
    request: Request,
    cycle_id: CycleId,
    session: CurrentSession,
    gateway: GatewayDep,
    actor_id: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    allow(session, "evaluation")
    return await _assessment_page(
        request, session, gateway, cycle_id, FormState.empty(actor_id=actor_id)
    )


@router.post("/cycles/{cycle_id}/assess", response_class=HTMLResponse)
async def submit_assessment(
    request: Request,
    cycle_id: CycleId,
    session: CurrentSession,
    gateway: GatewayDep,
    form: CheckedForm,
) -> Response:
    """Scores 0–4 on each criterion with a rationale; others' scores are hidden until then."""
    allow(session, "evaluation")
    state = FormState.of(form)
    answer = await gateway.call(
        session,
        "POST",
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        json=assessment_body(state),
    )
    if not answer.ok:
        return await _assessment_page(
            request, session, gateway, cycle_id, FormState.of(form, answer), status=answer.status
        )
    flash(
        session,
        "Your assessment was submitted. The other evaluators' assessments of this actor are now shown.",
    )
    return see_other(
        f"/console/evaluation/cycles/{quote(cycle_id)}/assessments",
        actor_id=str(state.value("actor_id")),
    )


@router.get("/cycles/{cycle_id}/assessments", response_class=HTMLResponse)
async def assessments(
    request: Request,
    cycle_id: CycleId,
    session: CurrentSession,
    gateway: GatewayDep,
    actor_id: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    """Assessments of one actor: your own, and the others' once you submitted yours."""
    allow(session, "evaluation")
    answer = await gateway.call(
        session,
        "GET",
        f"/v1/evaluation/cycles/{cycle_id}/assessments",
        params={"actor_id": actor_id, "limit": 200},
    )
    return render(
        request,
        "evaluation/assessments.html",
        session,
        title="Assessments",
        area="evaluation",
        answer=answer,
        cycle_id=cycle_id,
        actor_id=actor_id,
        criteria=CRITERIA,
    )


@router.get("/conflicts/new", response_class=HTMLResponse)
async def conflict_form(
    request: Request, session: CurrentSession, actor_id: Annotated[str, Query(max_length=64)] = ""
) -> HTMLResponse:
    allow(session, "evaluation")
    return _conflict_page(request, session, FormState.empty(actor_id=actor_id))


@router.post("/conflicts/new", response_class=HTMLResponse)
async def declare_conflict(
    request: Request, session: CurrentSession, gateway: GatewayDep, form: CheckedForm
) -> Response:
    """Declare a conflict of interest: you will not be able to assess that actor."""
    allow(session, "evaluation")
    state = FormState.of(form)
    body = {
        "actor_id": str(state.value("actor_id")).strip(),
        "reason": str(state.value("reason")).strip(),
    }
    answer = await gateway.call(session, "POST", "/v1/evaluation/conflicts", json=body)
    if not answer.ok:
        return _conflict_page(request, session, FormState.of(form, answer), status=answer.status)
    flash(session, "Your conflict of interest was recorded; you will not assess this actor.")
    return see_other("/console/evaluation")


def assessment_body(form: FormState) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for criterion in CRITERIA:
        raw = str(form.value(f"scores.{criterion}")).strip()
        scores[criterion] = int(raw) if raw.isdigit() else raw or None
    return {
        "actor_id": str(form.value("actor_id")).strip(),
        "scores": scores,
        "rationale": str(form.value("rationale")).strip(),
    }


async def _assessment_page(
    request: Request, session: Any, gateway: Any, cycle_id: str, form: FormState, status: int = 200
) -> HTMLResponse:
    found = await gateway.call(session, "GET", f"/v1/evaluation/cycles/{cycle_id}")
    actor_name = ""
    actor_id = str(form.value("actor_id")).strip()
    if actor_id:
        actor = await gateway.call(session, "GET", f"/v1/actors/{quote(actor_id)}")
        actor_name = actor.body.get("public_name", "") if actor.ok else ""
    return render(
        request,
        "evaluation/assess.html",
        session,
        status=status if status >= 400 else 200,
        title="Assess an actor",
        area="evaluation",
        form=form,
        cycle_id=cycle_id,
        cycle=found.body if found.ok else {"name": cycle_id},
        actor_name=actor_name,
        criteria=CRITERIA,
        scores=SCORES,
        fields=ASSESSMENT_FIELDS,
    )


def _conflict_page(
    request: Request, session: Any, form: FormState, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "evaluation/conflict.html",
        session,
        status=status if status >= 400 else 200,
        title="Declare a conflict of interest",
        area="evaluation",
        form=form,
        fields=["actor_id", "reason"],
    )
