"""Every other ``/v1/<service>/…`` path goes to its service; registered after all other routes."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state
from fastapi import APIRouter, Request, Response

from gateway.deps import CurrentPrincipal, ServicesDep, SignerDep
from gateway.proxy import service as proxy
from gateway.proxy.upstream import Upstream

router = APIRouter()
# Used by this route alone (the gateway's other calls to the services go through HttpDep).
UpstreamDep = Annotated[Upstream, from_app_state("upstream")]
_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@router.api_route("/v1/{service}", methods=_METHODS, include_in_schema=False)
@router.api_route("/v1/{service}/{rest:path}", methods=_METHODS, include_in_schema=False)
async def route_to_service(
    service: str,
    request: Request,
    principal: CurrentPrincipal,
    services: ServicesDep,
    upstream: UpstreamDep,
    signer: SignerDep,
    rest: str = "",
) -> Response:
    return await proxy.forward(
        request,
        service=service,
        services=services,
        principal=principal,
        upstream=upstream,
        signer=signer,
    )
