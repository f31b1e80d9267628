"""The gateway when the services fail: 502 when unreachable, 504 when too slow, and an overview
that reports the parts it could not get instead of failing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.testing.gateway import GATEWAY_DIR, gateway_settings, running_gateway

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]


@pytest.fixture
async def silent_service() -> AsyncIterator[str]:
    """A TCP server that accepts connections and never answers."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    for writer in held:
        writer.close()
    server.close()


async def test_an_unreachable_service_is_a_bad_gateway(sqlite_gateway: Gateway) -> None:
    _, agency = await sqlite_gateway.new_client("agency", "DE")

    response = await sqlite_gateway.http.get("/v1/actors", headers=agency)

    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "2"


async def test_a_silent_service_is_a_gateway_timeout(
    test_databases: databases.TestDatabases, tmp_path: Path, silent_service: str
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path, AGORA_GATEWAY_UPSTREAM_TIMEOUT_SECONDS=0.3)
    settings.funding_url = silent_service
    async with running_gateway(settings) as gateway:
        _, agency = await gateway.new_client("agency", "DE")
        response = await gateway.http.get("/v1/funding/commitments", headers=agency)

    assert response.status_code == 504
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "2"


async def test_the_overview_reports_parts_it_could_not_get(sqlite_gateway: Gateway) -> None:
    _, agency = await sqlite_gateway.new_client("agency", "DE")

    response = await sqlite_gateway.http.get("/v1/coordination/overview", headers=agency)

    assert response.status_code == 200
    body = response.json()
    for part in ("actors", "funding", "permits_expiring", "evaluation"):
        assert body[part]["available"] is False
        assert body[part]["detail"] == "The service is unavailable."
