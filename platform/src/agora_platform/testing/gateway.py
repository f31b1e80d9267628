"""The gateway in-process on a fresh database (SQLite and PostgreSQL), its own endpoints only.

Shared by the tests/test_gateway_*.py modules, which load it with
``pytest_plugins = ["agora_platform.testing.gateway"]`` (PYTEST_DONT_REWRITE: some import it
before pytest sees it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from agora_common.testing.databases import TestDatabases
from agora_common.testing.plugin import database_url
from fastapi import FastAPI
from gateway.config import Settings
from gateway.main import create_app

from agora_platform.supervisor import GATEWAY_DIR

ADMIN_ID = "admin_test"
ADMIN_SECRET = "admin-secret-for-tests-only-0123456789"  # noqa: S105 (tests only)


class Gateway:
    """An in-process gateway and a way to sign in as new clients of any role."""

    def __init__(self, app: FastAPI, http: httpx.AsyncClient) -> None:
        self.app = app
        self.http = http
        self._admin: dict[str, str] | None = None
        self._second_admin: dict[str, str] | None = None
        self._stewards: dict[str, dict[str, str]] = {}

    async def token(self, client_id: str, secret: str) -> str:
        response = await self.http.post(
            "/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": secret,
            },
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    async def admin_headers(self) -> dict[str, str]:
        if self._admin is None:
            self._admin = {"Authorization": f"Bearer {await self.token(ADMIN_ID, ADMIN_SECRET)}"}
        return self._admin

    async def second_admin_headers(self) -> dict[str, str]:
        """A second admin, created alone by the first (the development bootstrap exception)."""
        if self._second_admin is None:
            created = await self.http.post(
                "/v1/admin/clients",
                json={"name": "second admin", "role": "admin"},
                headers=await self.admin_headers(),
            )
            assert created.status_code == 201, created.text
            data = created.json()
            token = await self.token(data["client_id"], data["client_secret"])
            self._second_admin = {"Authorization": f"Bearer {token}"}
        return self._second_admin

    async def new_steward(self, state: str) -> tuple[str, dict[str, str]]:
        """A steward of ``state``: created by the admin, approved by a second one."""
        pending = await self.http.post(
            "/v1/admin/clients",
            json={"name": f"steward {state}", "role": "steward", "state": state},
            headers=await self.admin_headers(),
        )
        assert pending.status_code == 202, pending.text
        client_id = pending.json()["client_id"]
        approved = await self.http.post(
            f"/v1/admin/clients/{client_id}/approve", headers=await self.second_admin_headers()
        )
        assert approved.status_code == 200, approved.text
        secret = pending.json()["secret_part"] + approved.json()["secret_part"]
        return client_id, {"Authorization": f"Bearer {await self.token(client_id, secret)}"}

    async def steward_headers(self, state: str) -> dict[str, str]:
        """The headers of this gateway's steward of ``state``, created on first use."""
        if state not in self._stewards:
            self._stewards[state] = (await self.new_steward(state))[1]
        return self._stewards[state]

    async def new_client(self, role: str, state: str | None = None) -> tuple[str, dict[str, str]]:
        """A new client's id and the headers to call as it (an agency is enrolled by a steward)."""
        if role == "agency":
            assert state is not None, "an agency belongs to a state"
            created = await self.http.post(
                "/v1/stewardship/clients",
                json={"name": f"agency {state}"},
                headers=await self.steward_headers(state),
            )
        else:
            body = {"name": f"{role} {state or ''}", "role": role}
            if state:
                body["state"] = state
            created = await self.http.post(
                "/v1/admin/clients", json=body, headers=await self.admin_headers()
            )
        assert created.status_code == 201, created.text
        data = created.json()
        token = await self.token(data["client_id"], data["client_secret"])
        return data["client_id"], {"Authorization": f"Bearer {token}"}


def gateway_settings(db_url: str, tmp_path: Path, **settings: Any) -> Settings:
    # No NATS unless a test brings its own: audit checkpoints are off (never another test's NATS).
    settings.setdefault("nats_url", "")
    return Settings(
        AGORA_GATEWAY_DATABASE_URL=db_url,
        admin_client_id=ADMIN_ID,
        admin_client_secret=ADMIN_SECRET,
        data_dir=tmp_path,
        # No service runs here: these tests cover the gateway's own work.
        actors_url="http://127.0.0.1:9",
        funding_url="http://127.0.0.1:9",
        evaluation_url="http://127.0.0.1:9",
        **settings,
    )


@pytest.fixture
async def gateway_db_url(test_databases: TestDatabases, backend: str) -> str:
    return await database_url(test_databases, backend, GATEWAY_DIR)


@asynccontextmanager
async def running_gateway(settings: Settings) -> AsyncIterator[Gateway]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            yield Gateway(app, http)


@pytest.fixture
async def gateway(gateway_db_url: str, tmp_path: Path) -> AsyncIterator[Gateway]:
    async with running_gateway(gateway_settings(gateway_db_url, tmp_path)) as running:
        yield running


@pytest.fixture
async def sqlite_gateway(test_databases: TestDatabases, tmp_path: Path) -> AsyncIterator[Gateway]:
    """The gateway on SQLite only, for behaviour that does not depend on the database."""
    url = await database_url(test_databases, "sqlite", GATEWAY_DIR)
    async with running_gateway(gateway_settings(url, tmp_path)) as running:
        yield running
