"""HTTP endpoint of the registry's statistics (declared before ``/{actor_id}``, see main)."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state
from agora_common.identity import AgencyOrAdminCaller
from agora_common.problems import Unprocessable
from fastapi import APIRouter, Depends, Request

from actors.dependencies import DatabaseDep, VaultDep
from actors.statistics import service
from actors.statistics.privacy import ReleasePolicy
from actors.statistics.schemas import Statistics
from actors.statistics.service import StatisticsGuard

router = APIRouter(prefix="/v1/actors", tags=["Actors"])

StatisticsGuardDep = Annotated[StatisticsGuard, from_app_state("statistics_guard")]
ReleasePolicyDep = Annotated[ReleasePolicy, from_app_state("statistics_policy")]


async def no_filters(request: Request) -> None:
    """Statistics take no query parameters at all: 422 naming (up to 10 of) those given."""
    if request.query_params:
        raise Unprocessable(
            "Statistics take no filters.",
            errors=[
                {"loc": ["query", name], "msg": "not accepted", "type": "extra_forbidden"}
                for name in sorted(set(request.query_params.keys()))[:10]
            ],
        )


@router.get("/statistics", response_model=Statistics, summary="Registry statistics")
async def statistics(
    _: AgencyOrAdminCaller,
    __: Annotated[None, Depends(no_filters)],
    db: DatabaseDep,
    vault: VaultDep,
    guard: StatisticsGuardDep,
    policy: ReleasePolicyDep,
) -> Statistics:
    """Counts by kind, sector, activity, host country and origin region, and representation
    shares from consented records. Any count or share resting on fewer than 5 actors is `null`,
    and so are cells whose complement would reveal one. Statistics take no filters: one-way
    tables only, so no combination of queries singles a person out.

    Representation shares come from counts with calibrated noise (differential privacy,
    OpenDP's discrete Laplace; `privacy` gives ε, the scale and the budget). The figures are a
    release, stored and served until the next, which comes only after at least 5 counted
    changes and a minimum interval since the last, within a privacy budget per period; when
    the budget is spent, the last release is served. Every published count is rounded to a
    multiple of 5; shares are to 2 decimals."""
    # No request transaction: the service opens its own, one connection at a time.
    return await service.statistics(db=db, vault=vault, guard=guard, policy=policy)
