"""HTTP endpoints of the funding reports."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import Identity, require_role
from fastapi import APIRouter, Path, Query, Request

from funding.commitments.routes import commitment_out
from funding.commitments.service import today
from funding.config import Settings
from funding.money import format_eur_cents
from funding.reports import service
from funding.reports.schemas import ActorSummary, ConcentrationReport
from funding.schemas import ID_PATTERN, IsoDate

router = APIRouter(prefix="/v1/funding", tags=["Funding"])

AsOf = Annotated[
    IsoDate | None, Query(description="Report date (YYYY-MM-DD); today (UTC) by default.")
]


@router.get(
    "/actors/{actor_id}/summary", response_model=ActorSummary, summary="Funding of one actor"
)
async def actor_summary(
    actor_id: Annotated[str, Path(pattern=ID_PATTERN)],
    session: DbSession,
    as_of: AsOf = None,
    caller: Identity = require_role("agency"),
) -> ActorSummary:
    """Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps."""
    summary = await service.actor_summary(session, actor_id=actor_id, as_of=as_of or today())
    return ActorSummary(
        actor_id=summary.actor_id,
        as_of=summary.as_of,
        pledged_eur=format_eur_cents(summary.pledged_cents),
        committed_eur=format_eur_cents(summary.committed_cents),
        disbursed_eur=format_eur_cents(summary.disbursed_cents),
        by_donor=summary.by_donor,
        overlaps=summary.overlaps,
        commitments=[commitment_out(c) for c in summary.commitments],
    )


@router.get(
    "/reports/concentration",
    response_model=ConcentrationReport,
    summary="Concentration of funding",
)
async def concentration_report(
    request: Request,
    session: DbSession,
    as_of: AsOf = None,
    caller: Identity = require_role("agency", "admin"),
) -> ConcentrationReport:
    """Commitments binding on `as_of` (status committed, disbursed or completed, and a period
    covering that day) to actors not erased, converted to EUR with the rates effective that day:
    totals, HHI, top-10 share, donors per actor, share to new actors, thin grants; also per
    instrument and per horizon. A missing FX rate → 422 naming the currency."""
    settings: Settings = request.app.state.settings
    return await service.concentration_report(
        session, as_of=as_of or today(), thin_grant_eur=settings.thin_grant_eur
    )
