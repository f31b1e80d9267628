"""HTTP endpoints of the evaluation reports (agencies and admins; never evaluators)."""

from __future__ import annotations

from typing import Any

from agora_common.db import DbSession
from agora_common.identity import AgencyOrAdminCaller
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter

from evaluation.dependencies import ReportedCycle
from evaluation.reports import service
from evaluation.reports.schemas import PortfolioReport, RepresentationReport

router = APIRouter(prefix="/v1/evaluation/reports", tags=["Evaluation"])


@router.get(
    "/representation",
    response_model=RepresentationReport,
    summary="Representation of women and non-Russian participants",
)
async def representation_report(
    _: AgencyOrAdminCaller, cycle: ReportedCycle, session: DbSession
) -> dict[str, Any]:
    """Women share against the 50% target (met within 45–55%) and non-Russian share against the
    15% minimum (20% aim), overall, per donor and per actor; fewer than 5 participants → null."""
    return await service.representation_report(session, cycle=cycle)


@router.get(
    "/portfolio",
    response_model=PortfolioReport,
    summary="Funding next to scorecards and representation",
)
async def portfolio_report(
    _: AgencyOrAdminCaller,
    cycle: ReportedCycle,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Per actor (paged by actor id): funding by donor within the cycle period, also in EUR,
    scorecard and representation; totals of the whole cycle in EUR per donor, sector and origin
    region, and per criterion. A currency without a rate is named, never converted."""
    return await service.portfolio_report(session, cycle=cycle, cursor=cursor, limit=limit)
