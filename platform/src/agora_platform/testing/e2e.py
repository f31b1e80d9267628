"""End-to-end support: the whole platform as real processes, and clients that call it over HTTP."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import httpx
from agora_common.nats_server import free_port

from agora_platform.supervisor import Platform

T = TypeVar("T")

ADMIN_ID = "admin_e2e"
ADMIN_SECRET = secrets.token_urlsafe(24)


class Agora:
    """The platform seen from outside: a gateway URL and clients of any role and state."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.url = platform.gateway_url
        self._clients: list[httpx.AsyncClient] = []
        self.admin: httpx.AsyncClient
        self._second_admin: httpx.AsyncClient | None = None
        self._stewards: dict[str, httpx.AsyncClient] = {}

    async def start(self) -> None:
        self.admin = await self.login(ADMIN_ID, ADMIN_SECRET)

    async def token(self, client_id: str, secret: str) -> str:
        # 30 s: an argon2id check per token, on two busy cores, can queue behind others.
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as http:
            response = await http.post(
                "/v1/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": secret,
                },
            )
        response.raise_for_status()
        return str(response.json()["access_token"])

    async def login(self, client_id: str, secret: str) -> httpx.AsyncClient:
        token = await self.token(client_id, secret)
        client = httpx.AsyncClient(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        self._clients.append(client)
        return client

    async def register_client(
        self, role: str, state: str | None = None, name: str | None = None
    ) -> dict[str, str]:
        """Create a gateway client; returns its description with ``client_id`` and ``client_secret``.

        An agency is enrolled by its state's steward (``steward``), as the contract has it.
        """
        name = name or f"{role} {state or ''}".strip()
        if role == "agency":
            assert state is not None, "an agency belongs to a state"
            steward = await self.steward(state)
            response = await steward.post("/v1/stewardship/clients", json={"name": name})
        else:
            body = {"name": name, "role": role}
            if state is not None:
                body["state"] = state
            response = await self.admin.post("/v1/admin/clients", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def second_admin(self) -> httpx.AsyncClient:
        """A second admin: created alone by the first while it is the only one (the development
        bootstrap exception), else pending and approved by an admin this harness made before."""
        if self._second_admin is None:
            created = await self.admin.post(
                "/v1/admin/clients", json={"name": "second admin (e2e)", "role": "admin"}
            )
            assert created.status_code == 201, created.text
            body = created.json()
            self._second_admin = await self.login(body["client_id"], body["client_secret"])
        return self._second_admin

    async def new_steward(self, state: str) -> tuple[str, str]:
        """A steward of ``state`` (created by the admin, approved by a second): id and secret."""
        pending = await self.admin.post(
            "/v1/admin/clients",
            json={"name": f"steward {state}", "role": "steward", "state": state},
        )
        assert pending.status_code == 202, pending.text
        client_id = pending.json()["client_id"]
        approver = await self.second_admin()
        approved = await approver.post(f"/v1/admin/clients/{client_id}/approve")
        assert approved.status_code == 200, approved.text
        return client_id, pending.json()["secret_part"] + approved.json()["secret_part"]

    async def steward(self, state: str) -> httpx.AsyncClient:
        """The signed-in steward of ``state`` this harness enrols agencies through (made once)."""
        if state not in self._stewards:
            client_id, secret = await self.new_steward(state)
            steward = await self.login(client_id, secret)
            steward.client_id = client_id  # type: ignore[attr-defined]
            self._stewards[state] = steward
        return self._stewards[state]

    async def client(self, role: str, state: str | None = None) -> httpx.AsyncClient:
        """A signed-in ``httpx.AsyncClient`` for a new client of ``role`` (and ``state``)."""
        created = await self.register_client(role, state)
        client = await self.login(created["client_id"], created["client_secret"])
        client.client_id = created["client_id"]  # type: ignore[attr-defined]
        return client

    async def agency(self, state: str) -> httpx.AsyncClient:
        """A signed-in agency of ``state``, enrolled by the state's steward."""
        return await self.client("agency", state)

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()


TOKENS_PER_MINUTE = 600
"""The test platform's per-address token limit (the session's tests share 127.0.0.1)."""


def start_platform(
    data_dir: Path, env: dict[str, str] | None = None, *, ready_timeout: float = 60.0
) -> Platform:
    """The platform started; on failure its processes are stopped (never left running)."""
    platform = Platform(
        data_dir=data_dir,
        gateway_port=free_port(),
        env={
            "AGORA_ADMIN_CLIENT_ID": ADMIN_ID,
            "AGORA_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
            # Every test of the session is a caller at 127.0.0.1: one address, many people.
            # (The limits themselves are tested in tests/test_gateway_abuse.py.)
            "AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE": str(TOKENS_PER_MINUTE),
            "AGORA_GATEWAY_ANONYMOUS_REQUESTS_PER_ADDRESS_PER_MINUTE": "6000",
            **(env or {}),
        },
        log_dir=data_dir / "logs",
        ready_timeout=ready_timeout,
    )
    try:
        return platform.start()
    except BaseException:
        platform.stop()
        raise


async def eventually(
    check: Callable[[], Awaitable[T]],
    timeout: float = 15.0,  # noqa: ASYNC109 (a polling bound, not a cancellation)
    interval: float = 0.05,
) -> T:
    """Poll ``await check()`` until it returns a truthy value (bounded); return that value."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
