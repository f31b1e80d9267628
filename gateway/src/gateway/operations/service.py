"""Readiness: every service ready and the gateway's database reachable."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
from agora_common.db import Database


async def _not_ready(http: httpx.AsyncClient, name: str, url: str) -> str | None:
    """None when the service is ready, else its name and why not (as it says, shortened)."""
    try:
        response = await http.get(f"{url}/readyz", timeout=2)
    except Exception:
        return name
    if response.status_code != 200:
        detail = ""
        with contextlib.suppress(ValueError, AttributeError):
            detail = str(response.json().get("detail", ""))
        return f"{name} ({detail.removeprefix('Not ready: ').rstrip('.')[:100]})"
    return None


async def unavailable(
    *, http: httpx.AsyncClient, services: dict[str, str], db: Database
) -> list[str]:
    """What is not ready: services (with their reasons) and the gateway database."""
    down = [
        d for d in await asyncio.gather(*(_not_ready(http, n, u) for n, u in services.items())) if d
    ]
    try:
        await db.ping()
    except Exception:
        down.append("gateway database")
    return down
