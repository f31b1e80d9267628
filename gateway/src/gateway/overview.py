"""The coordination overview: one snapshot across the three services, as the caller sees them.

Each part is fetched from its service with the caller's own signed identity, so the overview
shows exactly what the caller could read part by part, never more. A part that fails is reported
as unavailable; the rest of the snapshot still comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import httpx
from agora_common.identity import IDENTITY_HEADER, IdentitySigner
from agora_common.logs import request_id_var, traceparent_var
from pydantic import BaseModel, Field

from gateway import audit
from gateway.tokens import Principal

PERMIT_HORIZON_DAYS = 90
# part → (service, path, query)
PARTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "actors": ("actors", "/v1/actors/statistics", {}),
    "funding": ("funding", "/v1/funding/reports/concentration", {}),
    "permits_expiring": (
        "actors",
        "/v1/actors/permits/expiring",
        {"within_days": str(PERMIT_HORIZON_DAYS), "limit": "200"},
    ),
    "evaluation": ("evaluation", "/v1/evaluation/cycles", {"limit": "200"}),
}


class Part(BaseModel):
    available: bool
    data: dict[str, Any] | None = Field(
        default=None, description="The service's answer, as the caller may see it."
    )
    detail: str | None = Field(default=None, description="Why the part is unavailable.")


class Overview(BaseModel):
    generated_at: datetime
    actors: Part = Field(description="Actors by kind, sector, host country and origin region.")
    funding: Part = Field(description="Funding totals, concentration and overlaps.")
    permits_expiring: Part = Field(description="Permits ending within 90 days.")
    evaluation: Part = Field(description="Evaluation cycles and their progress.")


async def _fetch(
    http: httpx.AsyncClient,
    signer: IdentitySigner,
    principal: Principal,
    base_url: str,
    path: str,
    query: dict[str, str],
) -> tuple[Part, list[audit.Entry]]:
    request_id = request_id_var.get() or str(uuid.uuid4())
    query_string = urlencode(query)
    headers = {
        "x-request-id": request_id,
        IDENTITY_HEADER: signer.sign(
            client_id=principal.client_id,
            role=principal.role,
            state=principal.state,
            request_id=request_id,
            method="GET",
            path=path,
            query=query_string,
            body=b"",
        ),
    }
    if (traceparent := traceparent_var.get()) is not None:
        headers["traceparent"] = traceparent
    url = f"{base_url}{path}" + (f"?{query_string}" if query_string else "")
    try:
        response = await http.get(url, headers=headers)
    except httpx.TimeoutException:
        return Part(available=False, detail="The service did not answer in time."), []
    except httpx.TransportError:
        return Part(available=False, detail="The service is unavailable."), []
    entries = [
        audit.Entry(principal.client_id, principal.state, action, resource, "success")
        for reported in response.headers.get_list(audit.HEADER)
        for action, resource in audit.parse_service_header(reported) or []
    ]
    if response.status_code != 200:
        detail = None
        with contextlib.suppress(ValueError):
            problem = response.json()
            if isinstance(problem, dict) and isinstance(problem.get("detail"), str):
                detail = problem["detail"][:300]
        return Part(
            available=False, detail=detail or f"The service answered {response.status_code}."
        ), entries
    try:
        data = response.json()
    except ValueError:
        return Part(available=False, detail="The service sent no JSON."), entries
    if not isinstance(data, dict):
        data = {"items": data}
    return Part(available=True, data=data), entries


async def snapshot(
    *,
    http: httpx.AsyncClient,
    signer: IdentitySigner,
    principal: Principal,
    services: dict[str, str],
) -> tuple[Overview, list[audit.Entry]]:
    """Every part fetched at once; the audit entries the services reported for them."""
    names = list(PARTS)
    results = await asyncio.gather(
        *(
            _fetch(http, signer, principal, services[service], path, query)
            for service, path, query in PARTS.values()
        )
    )
    parts = dict(zip(names, (part for part, _ in results), strict=True))
    entries = [entry for _, found in results for entry in found]
    return Overview(generated_at=datetime.now(UTC), **parts), entries
