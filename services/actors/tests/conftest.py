from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from actors.config import Settings
from actors.main import create_app
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.databases import TestDatabases
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import database_url

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture
async def actors_db_url(test_databases: TestDatabases, backend: str) -> str:
    """A fresh actors database (SQLite and PostgreSQL), built by the real migrations."""
    return await database_url(test_databases, backend, SERVICE_DIR)


@pytest.fixture
async def actors(
    actors_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """The actors service running in-process on a fresh database and the session's NATS."""
    settings = Settings(
        AGORA_ACTORS_DATABASE_URL=actors_db_url,
        nats_url=nats_server.url,
        internal_verify_key=identity_keys[1].decode(),
        data_dir=tmp_path,
    )
    async with running(create_app(settings), signer) as client:
        yield client
