"""Liveness, readiness and metrics; none of them in the public document."""

from __future__ import annotations

from agora_common.metrics import render as render_metrics
from agora_common.problems import problem_response
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from gateway.deps import DatabaseDep, HttpDep, MonitorPrincipal, ServicesDep
from gateway.operations import service

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(http: HttpDep, services: ServicesDep, db: DatabaseDep) -> Response:
    down = await service.unavailable(http=http, services=services, db=db)
    if down:
        return problem_response(503, "Not ready: " + "; ".join(down) + ".")
    return JSONResponse({"status": "ready"})


@router.get("/metrics")
async def metrics_endpoint(_: MonitorPrincipal) -> Response:
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)
