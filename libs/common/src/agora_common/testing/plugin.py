"""pytest plugin: fixtures for the real parts every test suite of the platform uses."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from agora_common.identity import IdentitySigner
from agora_common.nats_server import NatsServer
from agora_common.testing.client import new_keypair
from agora_common.testing.databases import TestDatabases, postgres_available

BACKENDS = ["sqlite", "postgres"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server")


@pytest.fixture(scope="session")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsServer]:
    """A nats-server of the test session's own, on a free port."""
    server = NatsServer(tmp_path_factory.mktemp("nats")).start()
    yield server
    server.stop()


@pytest.fixture
def fresh_nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    """A nats-server for one test alone (for tests that stop and restart it)."""
    server = NatsServer(tmp_path / "nats").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def identity_keys() -> tuple[bytes, bytes]:
    return new_keypair()


@pytest.fixture(scope="session")
def signer(identity_keys: tuple[bytes, bytes]) -> IdentitySigner:
    return IdentitySigner(identity_keys[0])


@pytest.fixture(scope="session")
async def test_databases(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[TestDatabases]:
    dbs = TestDatabases(tmp_path_factory.mktemp("databases"))
    yield dbs
    await dbs.drop_all()


_pg_reason: str | bool | None = False


async def require_postgres() -> None:
    """Skip with the reason on a machine without PostgreSQL; fail in CI."""
    global _pg_reason
    if _pg_reason is False:
        _pg_reason = await postgres_available()
    if _pg_reason:
        if os.environ.get("CI"):
            pytest.fail(f"{_pg_reason}; CI must test on PostgreSQL")
        pytest.skip(f"{_pg_reason}; start PostgreSQL to run this test")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL."""
    return str(request.param)


async def database_url(test_databases: TestDatabases, backend: str, service_dir: Path) -> str:
    """A fresh database for ``service_dir``, built by its migrations, on ``backend``."""
    if backend == "postgres":
        await require_postgres()
        return await test_databases.postgres(service_dir)
    return await asyncio.to_thread(test_databases.sqlite, service_dir)
