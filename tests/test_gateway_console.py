"""The gateway's side of the console, in process: /console/… without a console configured, the
per-address limits that do not apply there, and whose X-Forwarded-For the platform believes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.supervisor import CONSOLE_ADDRESS
from agora_platform.testing.gateway import GATEWAY_DIR, Gateway, gateway_settings, running_gateway

pytest_plugins = ["agora_platform.testing.gateway"]

TOKEN_FORM = {"grant_type": "client_credentials", "client_id": "cl_x", "client_secret": "guess"}


@asynccontextmanager
async def _gateway(
    test_databases: databases.TestDatabases, tmp_path: Path, **settings: Any
) -> AsyncIterator[Gateway]:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    async with running_gateway(gateway_settings(url, tmp_path, **settings)) as gateway:
        yield gateway


@asynccontextmanager
async def _from(gateway: Gateway, address: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=gateway.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
        yield http


async def test_without_a_console_its_paths_are_not_found_and_never_throttled(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with (
        _gateway(
            test_databases, tmp_path, AGORA_GATEWAY_ANONYMOUS_REQUESTS_PER_ADDRESS_PER_MINUTE=2
        ) as gateway,
        _from(gateway, "203.0.113.20") as http,
    ):
        console = [
            (await http.get(path)).status_code
            for path in ("/console", "/console/", "/console/static/console.css") * 2
        ]
        api = [(await http.get("/v1/audit/events")).status_code for _ in range(3)]
        # The console's paths take no bearer token: an invalid one is not even looked at.
        with_token = await http.post("/console/login", headers={"Authorization": "Bearer nonsense"})
    assert console == [404] * 6
    assert api == [401, 401, 429]
    assert with_token.status_code == 404
    assert with_token.headers["content-type"] == "application/problem+json"


async def test_the_platform_believes_the_consoles_forwarded_address_and_nobody_elses(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with _gateway(
        test_databases,
        tmp_path,
        AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE=2,
        AGORA_GATEWAY_TRUSTED_PROXIES=CONSOLE_ADDRESS,  # make run's default
    ) as gateway:

        async def attempts(peer: str, forwarded: list[str]) -> list[int]:
            async with _from(gateway, peer) as http:
                return [
                    (
                        await http.post(
                            "/v1/auth/token", data=TOKEN_FORM, headers={"X-Forwarded-For": hop}
                        )
                    ).status_code
                    for hop in forwarded
                ]

        # The console signs in two people: each address has its own budget.
        first = await attempts("127.0.0.1", ["198.51.100.1"] * 3)
        second = await attempts("127.0.0.1", ["198.51.100.2"] * 2)
        # A caller elsewhere claiming other addresses is itself, whatever it claims.
        direct = await attempts("192.0.2.50", [f"198.51.100.{n}" for n in range(10, 14)])
    assert first == [401, 401, 429]
    assert second == [401, 401]
    assert direct == [401, 401, 429, 429]
