"""The coordination overview, fetched part by part with the caller's own signed identity.

So the overview shows exactly what the caller could read part by part, never more. A part that
fails is reported as unavailable; the rest of the snapshot still comes back.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx
from agora_common.identity import IdentitySigner
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import service as audit
from gateway.audit.reported import HEADER as AUDIT_HEADER
from gateway.audit.reported import parse_service_header
from gateway.auth.principal import Principal
from gateway.overview.schemas import Overview, Part
from gateway.proxy.service import identity_headers

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


async def _fetch(
    http: httpx.AsyncClient,
    signer: IdentitySigner,
    principal: Principal,
    base_url: str,
    path: str,
    query: dict[str, str],
) -> tuple[Part, list[audit.Entry]]:
    query_string = urlencode(query)
    headers = identity_headers(
        signer, principal, method="GET", path=path, query=query_string, body=b""
    )
    url = f"{base_url}{path}" + (f"?{query_string}" if query_string else "")
    try:
        response = await http.get(url, headers=headers)
    except httpx.TimeoutException:
        return Part(available=False, detail="The service did not answer in time."), []
    except httpx.TransportError:
        return Part(available=False, detail="The service is unavailable."), []
    entries = [
        audit.Entry.by(principal, action, resource)
        for reported in response.headers.get_list(AUDIT_HEADER)
        for action, resource in parse_service_header(reported) or []
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


async def coordination_overview(
    session: AsyncSession,
    *,
    http: httpx.AsyncClient,
    signer: IdentitySigner,
    services: dict[str, str],
    principal: Principal,
) -> Overview:
    """Every part fetched at once; what the services reported for them goes to the audit trail."""
    results = await asyncio.gather(
        *(
            _fetch(http, signer, principal, services[service], path, query)
            for service, path, query in PARTS.values()
        )
    )
    parts = dict(zip(PARTS, (part for part, _ in results), strict=True))
    await audit.append(session, [entry for _, found in results for entry in found])
    return Overview(generated_at=datetime.now(UTC), **parts)
