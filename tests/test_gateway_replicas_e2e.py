"""Two gateway replicas on one database and one NATS: a client revoked through one is refused by
the other within a second (NATS up) or within the cache's floor (NATS down), and concurrent audit
appends from both keep one valid chain.

Each replica is a whole gateway app with its own engine, client cache, audit writer and NATS
connection (the platform's gateway user), as two processes would have; both are called in-process.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from agora_common.nats_access import authorization_block
from agora_common.nats_server import NatsServer, free_port
from agora_common.testing.databases import TestDatabases
from agora_common.testing.plugin import database_url
from agora_platform.nats_users import ACCESS
from agora_platform.supervisor import GATEWAY_DIR
from agora_platform.testing.gateway import gateway_settings, running_gateway

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

PASSWORD = "gateway-nats-password-for-tests"
FLOOR_SECONDS = 3.0


@pytest.fixture
def gateway_nats(tmp_path: Path) -> Iterator[NatsServer]:
    """A nats-server with the platform's gateway user and its permissions only."""
    authorization = authorization_block({ACCESS["gateway"]: PASSWORD})
    server = NatsServer(tmp_path / "nats", free_port(), authorization=authorization).start()
    yield server
    server.stop()


@contextlib.asynccontextmanager
async def replicas(db_url: str, tmp_path: Path, nats_url: str) -> AsyncIterator[list[Gateway]]:
    """Two gateways sharing the database, the keys (one data directory) and the NATS server."""
    settings = gateway_settings(
        db_url,
        tmp_path,
        nats_url=nats_url,
        nats_user="gateway",
        nats_password=PASSWORD,
        AGORA_GATEWAY_AUTH_CACHE_SECONDS=FLOOR_SECONDS,
    )
    async with running_gateway(settings) as first, running_gateway(settings) as second:
        yield [first, second]


async def _until(check: Callable[[], Awaitable[bool]], timeout: float) -> float:
    """Seconds until ``check()`` is true; fails after ``timeout``."""
    started = time.monotonic()
    while not await check():
        elapsed = time.monotonic() - started
        assert elapsed < timeout, f"not within {timeout} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def _live(gateway: Gateway) -> bool:
    return bool(gateway.app.state.client_cache.live)


async def _me(gateway: Gateway, headers: dict[str, str]) -> int:
    return (await gateway.http.get("/v1/auth/me", headers=headers)).status_code


async def test_a_revocation_reaches_the_other_replica_within_a_second(
    test_databases: TestDatabases, tmp_path: Path, gateway_nats: NatsServer
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    async with replicas(url, tmp_path, gateway_nats.url) as (one, other):
        for gateway in (one, other):
            await _until(lambda g=gateway: _live(g), timeout=15)
        admin = await one.admin_headers()
        for revoked_by in ("admin", "steward"):
            client_id, agency = await one.new_client("agency", "DE")
            assert await _me(other, agency) == 200
            # The other replica now answers from its cache, without reading the database.
            assert other.app.state.client_cache.get(client_id) is not None
            if revoked_by == "admin":
                path = f"/v1/admin/clients/{client_id}"
                revoked = await one.http.delete(path, headers=admin)
            else:
                path = f"/v1/stewardship/clients/{client_id}"
                steward = await one.steward_headers("DE")
                revoked = await one.http.delete(path, headers=steward)
            assert revoked.status_code == 204, revoked.text
            # The replica that revoked refuses at once; the other within a second.
            assert await _me(one, agency) == 401
            elapsed = await _until(lambda h=agency: _refused(other, h), timeout=1.0)
            assert elapsed < 1.0
            assert other.app.state.client_cache.get(client_id) is None


async def _refused(gateway: Gateway, headers: dict[str, str]) -> bool:
    return await _me(gateway, headers) == 401


async def test_without_nats_the_other_replica_refuses_within_the_floor(
    test_databases: TestDatabases, tmp_path: Path, gateway_nats: NatsServer
) -> None:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    async with replicas(url, tmp_path, gateway_nats.url) as (one, other):
        for gateway in (one, other):
            await _until(lambda g=gateway: _live(g), timeout=15)
        client_id, agency = await one.new_client("agency", "FR")
        assert await _me(other, agency) == 200
        assert other.app.state.client_cache.get(client_id) is not None

        gateway_nats.stop()  # the broadcast is lost: nobody hears the revocation
        revoked = await one.http.delete(
            f"/v1/admin/clients/{client_id}", headers=await one.admin_headers()
        )
        assert revoked.status_code == 204, revoked.text

        elapsed = await _until(lambda: _refused(other, agency), timeout=FLOOR_SECONDS)
        assert elapsed < FLOOR_SECONDS
        # While not subscribed, the replicas read every client from the database.
        assert not await _live(other)
        _, another = await one.new_client("agency", "FR")
        assert await _me(other, another) == 200
        assert other.app.state.client_cache.get(client_id) is None

        # Back on NATS, the replicas trust their caches again, started afresh.
        gateway_nats.start()
        for gateway in (one, other):
            await _until(lambda g=gateway: _live(g), timeout=15)
        assert await _me(other, agency) == 401
        assert await _me(other, another) == 200


@pytest.mark.usefixtures("backend")
async def test_concurrent_appends_from_two_replicas_keep_one_chain(
    gateway_db_url: str, tmp_path: Path, gateway_nats: NatsServer
) -> None:
    async with replicas(gateway_db_url, tmp_path, gateway_nats.url) as gateways:
        one = gateways[0]
        _, auditor = await one.new_client("auditor")
        _, agency = await one.new_client("agency", "DE")
        before = await one.http.get("/v1/audit/verify", headers=auditor)
        assert before.json()["valid"] is True, before.text
        per_replica = 150
        batches_before = sum(g.app.state.audit_writer.batches for g in gateways)

        async def refused(gateway: Gateway) -> int:
            # An agency may not list clients: each refusal is one access.denied record.
            return (await gateway.http.get("/v1/admin/clients", headers=agency)).status_code

        answers = await asyncio.gather(*(refused(g) for _ in range(per_replica) for g in gateways))

        assert answers == [403] * (2 * per_replica)
        # The records of concurrent requests were committed in fewer transactions than records.
        batches = sum(g.app.state.audit_writer.batches for g in gateways) - batches_before
        assert batches < 2 * per_replica
        for gateway in gateways:
            verified = await gateway.http.get("/v1/audit/verify", headers=auditor)
            assert verified.status_code == 200, verified.text
            result = verified.json()
            assert (result["valid"], result["records"]) == (
                True,
                before.json()["records"] + 2 * per_replica,
            )
