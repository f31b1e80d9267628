"""agora_client's transport against the real gateway in-process (SQLite, no services behind it).

Tokens renewed before expiry and after a refused one, the same Idempotency-Key on every retry of
a POST (a lost answer is replayed, not run twice), 429 waited out per Retry-After, and paging.
Only the network is faked (a dropped connection); the gateway, its database and limits are real.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from agora_client.client import AgoraClient, collect
from agora_client.errors import ProblemError
from agora_client.transport import RetryPolicy, Token, retry_after
from agora_common.testing import databases
from agora_common.testing.plugin import database_url
from agora_platform.testing.gateway import (
    ADMIN_ID,
    ADMIN_SECRET,
    GATEWAY_DIR,
    Gateway,
    gateway_settings,
    running_gateway,
)

pytest_plugins = ["agora_platform.testing.gateway"]


class Recorder(httpx.AsyncBaseTransport):
    """Passes every request to the gateway and notes what went and what came back."""

    def __init__(self, inner: httpx.AsyncBaseTransport, drop_first_post_answer: bool = False):
        self.inner = inner
        self.seen: list[tuple[str, str, int, str | None]] = []
        self.drop = drop_first_post_answer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        key = request.headers.get("idempotency-key")
        self.seen.append((request.method, request.url.path, response.status_code, key))
        if self.drop and request.method == "POST" and request.url.path != "/v1/auth/token":
            self.drop = False
            await response.aread()
            # The gateway ran the request; its answer is lost on the way back.
            raise httpx.ReadError("connection reset after the request was sent")
        return response

    def calls(self, path: str) -> list[tuple[str, str, int, str | None]]:
        return [seen for seen in self.seen if seen[1] == path]


@asynccontextmanager
async def gateway_with(
    test_databases: databases.TestDatabases, tmp_path: Path, **settings: Any
) -> AsyncIterator[Gateway]:
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    async with running_gateway(gateway_settings(url, tmp_path, **settings)) as gateway:
        yield gateway


def admin_client(gateway: Gateway, recorder: Recorder, **kwargs: Any) -> AgoraClient:
    return AgoraClient(
        "http://gateway",
        ADMIN_ID,
        ADMIN_SECRET,
        inner=recorder,
        retry=RetryPolicy(backoff=0.01),
        **kwargs,
    )


async def test_a_token_is_fetched_once_and_renewed_before_it_expires(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(test_databases, tmp_path, AGORA_GATEWAY_TOKEN_TTL_SECONDS=4) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app))
        async with admin_client(gateway, recorder) as agora:
            assert agora.tokens is not None
            agora.tokens.margin = 2.0  # renew when less than 2 of the 4 seconds are left
            for _ in range(3):
                await agora.request("GET", "/v1/auth/me")
            assert len(recorder.calls("/v1/auth/token")) == 1
            first = agora.tokens.token
            await asyncio.sleep(2.2)  # the token ages
            me = (await agora.request("GET", "/v1/auth/me")).json()

    assert me["client_id"] == ADMIN_ID
    assert len(recorder.calls("/v1/auth/token")) == 2
    assert agora.tokens.token != first
    assert all(status == 200 for _, _, status, _ in recorder.seen)


async def test_a_refused_token_is_replaced_once(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(test_databases, tmp_path) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app))
        stale = Token("not-a-token-the-gateway-issued", time.time() + 600)
        async with admin_client(gateway, recorder, token=stale) as agora:
            me = (await agora.request("GET", "/v1/auth/me")).json()

    assert me["client_id"] == ADMIN_ID
    assert [status for _, path, status, _ in recorder.seen if path == "/v1/auth/me"] == [401, 200]


async def test_wrong_credentials_fail_in_one_line_without_the_secret(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(test_databases, tmp_path) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app))
        secret = "wrong-secret-0123456789"
        async with AgoraClient("http://gateway", ADMIN_ID, secret, inner=recorder) as agora:
            try:
                await agora.request("GET", "/v1/auth/me")
            except ProblemError as exc:
                failure = exc
            else:
                raise AssertionError("a wrong secret was accepted")

    assert failure.status == 401
    assert str(failure) == "401 invalid_client"
    assert secret not in repr(agora.tokens)


async def test_a_post_whose_answer_is_lost_is_retried_with_its_key_and_runs_once(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(test_databases, tmp_path) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app), drop_first_post_answer=True)
        async with admin_client(gateway, recorder) as agora:
            created = await agora.request(
                "POST",
                "/v1/admin/clients",
                json={"name": "monitor of the retry test", "role": "monitor"},
                expect=(201,),
            )
            names = [
                client["name"]
                async for client in agora.items("/v1/admin/clients")
                if client["name"] == "monitor of the retry test"
            ]

    posts = recorder.calls("/v1/admin/clients")
    posts = [seen for seen in posts if seen[0] == "POST"]
    assert [status for _, _, status, _ in posts] == [201, 201]
    keys = {key for _, _, _, key in posts}
    assert len(keys) == 1
    assert next(iter(keys))  # a key was sent, the same both times
    assert created.headers["idempotent-replayed"] == "true"
    assert names == ["monitor of the retry test"]  # created once


async def test_429_is_waited_out_as_retry_after_says(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(
        test_databases, tmp_path, AGORA_GATEWAY_RATE_LIMIT_PER_MINUTE=60
    ) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app))
        async with admin_client(gateway, recorder) as agora:
            started = time.monotonic()
            for _ in range(63):  # the bucket holds 60, refilled one a second
                await agora.request("GET", "/v1/auth/me")
            took = time.monotonic() - started

    statuses = [status for _, path, status, _ in recorder.seen if path == "/v1/auth/me"]
    assert statuses.count(200) == 63
    assert statuses.count(429) >= 1
    assert took >= 1.0  # it waited at least one Retry-After


async def test_pages_follow_next_cursor_to_the_end(
    test_databases: databases.TestDatabases, tmp_path: Path
) -> None:
    async with gateway_with(test_databases, tmp_path) as gateway:
        recorder = Recorder(httpx.ASGITransport(app=gateway.app))
        async with admin_client(gateway, recorder) as agora:
            for n in range(5):
                await agora.request(
                    "POST",
                    "/v1/admin/clients",
                    json={"name": f"monitor {n}", "role": "monitor"},
                    expect=(201,),
                )
            pages = await collect(agora.pages("/v1/admin/clients", limit=2))
            everything = await collect(agora.items("/v1/admin/clients", limit=2))
            first_three = await collect(agora.items("/v1/admin/clients", limit=2), at_most=3)

    ids = [client["client_id"] for client in everything]
    assert len(ids) == len(set(ids)) >= 6  # the bootstrap admin and five monitors
    assert [len(page) for page in pages[:-1]] == [2] * (len(pages) - 1)
    assert sum(len(page) for page in pages) == len(ids)
    assert [c["client_id"] for c in first_three] == ids[:3]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    request = httpx.Request("GET", "http://gateway/")
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"}, request=request)) == 7
    date = httpx.Response(
        503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, request=request
    )
    assert retry_after(date, now=datetime(2026, 10, 21, 7, 27, 30, tzinfo=UTC)) == 30
    assert retry_after(httpx.Response(429, request=request)) is None
    assert (
        retry_after(httpx.Response(429, headers={"Retry-After": "soon"}, request=request)) is None
    )
