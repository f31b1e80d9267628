"""Every other ``/v1/<service>/…`` path goes to its service; registered after all other routes."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gateway.deps import CurrentPrincipal, HttpDep, ServicesDep, SignerDep
from gateway.proxy import service as proxy

router = APIRouter()
_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@router.api_route("/v1/{service}", methods=_METHODS, include_in_schema=False)
@router.api_route("/v1/{service}/{rest:path}", methods=_METHODS, include_in_schema=False)
async def route_to_service(
    service: str,
    request: Request,
    principal: CurrentPrincipal,
    services: ServicesDep,
    http: HttpDep,
    signer: SignerDep,
    rest: str = "",
) -> Response:
    return await proxy.forward(
        request, service=service, services=services, principal=principal, http=http, signer=signer
    )
