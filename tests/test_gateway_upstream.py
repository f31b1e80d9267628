"""The gateway when the services fail: 502 when unreachable, 504 when too slow, and an overview
that reports the parts it could not get instead of failing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.testing.gateway import GATEWAY_DIR, gateway_settings, running_gateway
from gateway.proxy.upstream import UpstreamUnavailable

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


def _streaming_service(chunks: int, *, cut: bool = False) -> Any:
    """A service answering any request with ``chunks`` chunks of 64 KiB (chunked encoding);
    with ``cut``, it closes the connection half-way instead of ending the body."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (await reader.readline()) not in (b"\r\n", b""):
            pass  # the request's line and headers; a GET has no body
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/xml\r\n"
            b"transfer-encoding: chunked\r\n\r\n"
        )
        for n in range(chunks):
            if cut and n == chunks // 2:
                writer.close()
                return
            writer.write(b"%x\r\n%s\r\n" % (CHUNK, bytes([65 + n % 26]) * CHUNK))
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        writer.close()

    return answer


CHUNK = 64 * 1024


@pytest.mark.parametrize("cut", [False, True])
async def test_a_large_answer_is_streamed_through(
    test_databases: databases.TestDatabases, tmp_path: Path, cut: bool
) -> None:
    """An export larger than the gateway keeps in memory (48 chunks: 3 MiB) arrives whole, in
    order; one the service cuts off half-way never looks whole to the caller."""
    server = await asyncio.start_server(_streaming_service(48, cut=cut), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    settings = gateway_settings(url, tmp_path)
    settings.funding_url = f"http://127.0.0.1:{port}"
    try:
        async with running_gateway(settings) as gateway:
            _, agency = await gateway.new_client("agency", "DE")
            if cut:
                # In process the gateway's own error reaches the caller (ASGITransport); a
                # caller over the network sees the connection end before the last chunk.
                with pytest.raises((httpx.HTTPError, UpstreamUnavailable)):
                    await gateway.http.get("/v1/funding/exports/iati", headers=agency)
                return
            response = await gateway.http.get("/v1/funding/exports/iati", headers=agency)
    finally:
        server.close()
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    expected = b"".join(bytes([65 + n % 26]) * CHUNK for n in range(48))
    assert response.content == expected
