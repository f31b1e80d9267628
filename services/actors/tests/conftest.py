from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from actors.config import Settings
from actors.main import create_app
from actors.statistics.privacy import ReleasePolicy
from actors.vault import Vault
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from agora_common.testing.client import Caller, ServiceClient, running
from agora_common.testing.databases import TestDatabases
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import database_url

SERVICE_DIR = Path(__file__).resolve().parents[1]

DE = Caller("agency", "DE")
FR = Caller("agency", "FR")
PL = Caller("agency", "PL")
ADMIN = Caller("admin")
EVALUATOR = Caller("evaluator", "NL")
AUDITOR = Caller("auditor")

ORG: dict[str, Any] = {
    "kind": "organisation",
    "public_name": "Free Media",
    "sectors": ["independent_media"],
    "host_country": "DE",
}

PERSON: dict[str, Any] = {
    "kind": "individual",
    "public_name": "A. Journalist",
    "legal_name": "Anna Journalistova",
    "sectors": ["independent_media", "human_rights"],
    "activities": ["anti_war", "domestic_outreach"],
    "host_country": "DE",
    "origin_region": "RU-TA",
    "relocated_on": "2022-03-10",
    "risk_level": "high",
    "representation": {
        "gender": "female",
        "ethnic_origin": "Tatar",
        "national_minority": True,
        "vulnerable_groups": [],
    },
    "consent": {"given_on": "2024-01-15", "scope": "representation statistics"},
    "contact": {"email": "anna@example.org"},
}


@pytest.fixture
async def actors_db_url(test_databases: TestDatabases, backend: str) -> str:
    """A fresh actors database (SQLite and PostgreSQL), built by the real migrations."""
    return await database_url(test_databases, backend, SERVICE_DIR)


def actors_settings(
    db_url: str, nats_url: str, verify_key: bytes, data_dir: Path, master_key: str | None = None
) -> Settings:
    return Settings(
        AGORA_ACTORS_DATABASE_URL=db_url,
        AGORA_ACTORS_MASTER_KEY=master_key,
        nats_url=nats_url,
        internal_verify_key=verify_key.decode(),
        data_dir=data_dir,
    )


@pytest.fixture
async def actors(
    actors_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """The actors service running in-process on a fresh database and the session's NATS."""
    settings = actors_settings(actors_db_url, nats_server.url, identity_keys[1], tmp_path)
    async with running(create_app(settings), signer) as client:
        yield client


@pytest.fixture
async def sqlite_actors(
    test_databases: TestDatabases,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """The actors service on SQLite only, for tests that read the database file's bytes."""
    url = await database_url(test_databases, "sqlite", SERVICE_DIR)
    settings = actors_settings(url, nats_server.url, identity_keys[1], tmp_path)
    async with running(create_app(settings), signer) as client:
        yield client


def sqlite_files(client: ServiceClient) -> bytes:
    """The bytes of the SQLite database and its write-ahead files."""
    path = Path(db_of(client).url.split("///", 1)[1])
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


def app_state(client: ServiceClient) -> Any:
    return client.app.state


# The statistics' release policy with the noise practically off (ε = 10⁶ per release: the
# discrete Laplace scale is 5·10⁻⁶) and no wait between releases, for tests that need exact
# figures: suppression, the change count, and the negative control of the differencing attack.
NOISE_OFF = ReleasePolicy(epsilon=1e6, budget=1e12, min_interval=timedelta(0))


def use_release_policy(client: ServiceClient, policy: ReleasePolicy) -> None:
    app_state(client).statistics_policy = policy


def db_of(client: ServiceClient) -> Database:
    db: Database = app_state(client).db
    return db


def vault_of(client: ServiceClient) -> Vault:
    vault: Vault = app_state(client).vault
    return vault


async def register(client: ServiceClient, caller: Caller = DE, **fields: Any) -> dict[str, Any]:
    response = await client.post("/v1/actors", caller=caller, json={**ORG, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
