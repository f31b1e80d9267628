"""HTTP endpoint of the coordination overview."""

from __future__ import annotations

from agora_common.db import DbSession
from fastapi import APIRouter

from gateway.deps import AgencyPrincipal, HttpDep, ServicesDep, SignerDep
from gateway.overview import service
from gateway.overview.schemas import Overview

router = APIRouter(prefix="/v1/coordination", tags=["Coordination"])


@router.get("/overview", response_model=Overview, summary="One snapshot across the services")
async def coordination_overview(
    session: DbSession,
    caller: AgencyPrincipal,
    http: HttpDep,
    signer: SignerDep,
    services: ServicesDep,
) -> Overview:
    """Actors by sector and host country, funding, permits expiring in 90 days, evaluation."""
    return await service.coordination_overview(
        session, http=http, signer=signer, services=services, principal=caller
    )
