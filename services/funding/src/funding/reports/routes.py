"""HTTP endpoints of the funding reports."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller, AgencyOrAdminCaller
from fastapi import APIRouter, Query

from funding.dependencies import ActorId, ReportSnapshotsDep, SettingsDep
from funding.reports import service
from funding.reports.schemas import ActorSummary, ConcentrationReport
from funding.schemas import IsoDate

router = APIRouter(prefix="/v1/funding", tags=["Funding"])

AsOf = Annotated[
    IsoDate | None, Query(description="Report date (YYYY-MM-DD); today (UTC) by default.")
]


@router.get(
    "/actors/{actor_id}/summary", response_model=ActorSummary, summary="Funding of one actor"
)
async def actor_summary(
    actor_id: ActorId, session: DbSession, caller: AgencyCaller, as_of: AsOf = None
) -> ActorSummary:
    """Every donor's commitments to one actor, totals in EUR (rates of `as_of`), overlaps.

    Another donor's confidential commitment is in no list or total: it shows only in `overlaps`,
    paired with one of the caller's own commitments."""
    return await service.actor_summary(session, caller=caller, actor_id=actor_id, as_of=as_of)


@router.get(
    "/reports/concentration",
    response_model=ConcentrationReport,
    summary="Concentration of funding",
)
async def concentration_report(
    session: DbSession,
    settings: SettingsDep,
    snapshots: ReportSnapshotsDep,
    caller: AgencyOrAdminCaller,
    as_of: AsOf = None,
) -> ConcentrationReport:
    """Commitments binding on `as_of` (status committed, disbursed or completed at the end of
    that day, and a period covering it) to actors not erased, converted to EUR with the rates
    effective that day: totals, HHI, top-10 share, donors per actor, share to new actors, thin
    grants; also per instrument and per horizon. A missing FX rate → 422 naming the currency.

    A past day sees each commitment's status as it stood then (a commitment recorded after that
    day counts with its present status). Amounts are summed per actor, donor, currency,
    instrument and horizon, and each sum is converted once, rounded half up to the cent; a thin
    grant is one commitment worth less than the threshold.

    Confidential commitments enter no figure but `confidential_commitments` (a count): every
    other figure can be recomputed from the commitments any agency may list, so no caller can
    subtract its way to a confidential amount, whatever dates it asks for."""
    return await service.concentration_report(
        session, as_of=as_of, thin_grant_eur=settings.thin_grant_eur, snapshots=snapshots
    )
