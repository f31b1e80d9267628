"""The gateway's client cache: trusted only while subscribed to the revocation broadcast, never
filled by a read that a revocation overtook, evicted by any change to a client, expired after
its floor."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from agora_common.bus import Bus
from agora_common.nats_access import authorization_block
from agora_common.nats_server import NatsServer, free_port
from agora_platform.nats_users import ACCESS
from agora_platform.testing.gateway import gateway_settings, running_gateway
from gateway.auth.cache import CachedClient, ClientCache
from gateway.clients.models import Client

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]

PASSWORD = "gateway-nats-password-for-tests"


@pytest.fixture
def gateway_nats(tmp_path: Path) -> Iterator[NatsServer]:
    authorization = authorization_block({ACCESS["gateway"]: PASSWORD})
    server = NatsServer(tmp_path / "nats", free_port(), authorization=authorization).start()
    yield server
    server.stop()


@pytest.fixture
async def nats_gateway(
    gateway_db_url: str, tmp_path: Path, gateway_nats: NatsServer
) -> AsyncIterator[Gateway]:
    settings = gateway_settings(
        gateway_db_url,
        tmp_path,
        nats_url=gateway_nats.url,
        nats_user="gateway",
        nats_password=PASSWORD,
        AGORA_GATEWAY_AUTH_CACHE_SECONDS=0.5,
    )
    async with running_gateway(settings) as gateway:
        cache: ClientCache = gateway.app.state.client_cache
        for _ in range(300):
            if cache.live:
                break
            await asyncio.sleep(0.05)
        assert cache.live
        yield gateway


async def test_without_nats_every_request_reads_the_database(sqlite_gateway: Gateway) -> None:
    cache: ClientCache = sqlite_gateway.app.state.client_cache
    client_id, agency = await sqlite_gateway.new_client("agency", "DE")
    assert (await sqlite_gateway.http.get("/v1/auth/me", headers=agency)).status_code == 200
    assert not cache.live
    assert cache.get(client_id) is None


@pytest.mark.usefixtures("backend")
async def test_any_change_to_a_client_evicts_it_after_commit(nats_gateway: Gateway) -> None:
    gateway = nats_gateway
    cache: ClientCache = gateway.app.state.client_cache
    client_id, agency = await gateway.new_client("agency", "DE")
    assert (await gateway.http.get("/v1/auth/me", headers=agency)).status_code == 200
    assert cache.get(client_id) == CachedClient(client_id, "agency", "DE")

    async with gateway.app.state.db.transaction() as session:
        client = await session.get(Client, client_id)
        assert client is not None
        client.state = "FR"
        # Not before the change commits: until then the old answer is still the true one.
        await session.flush()
        assert cache.get(client_id) is not None

    assert cache.get(client_id) is None
    me = await gateway.http.get("/v1/auth/me", headers=agency)
    assert me.json()["state"] == "FR"


async def test_a_read_overtaken_by_a_revocation_is_not_kept(gateway_nats: NatsServer) -> None:
    bus = Bus(gateway_nats.url, "cache-test", user="gateway", password=PASSWORD)
    cache = ClientCache(0.3, bus)
    bus.start()
    cache.start()
    try:
        for _ in range(300):
            if cache.live:
                break
            await asyncio.sleep(0.05)
        assert cache.live
        client = CachedClient("cli_overtaken", "agency", "DE")

        read_in = cache.generation
        cache.evict({client.client_id})  # a revocation heard while the database read ran
        cache.put(client, read_in=read_in)
        assert cache.get(client.client_id) is None

        cache.put(client, read_in=cache.generation)
        assert cache.get(client.client_id) == client
        await asyncio.sleep(0.4)  # the floor
        assert cache.get(client.client_id) is None
    finally:
        await cache.stop()
        await bus.close()
