from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from agora_common.events import CloudEvent
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.databases import TestDatabases
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import database_url
from funding.config import Settings
from funding.events.handlers import on_actor_erased, on_actor_registered
from funding.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
THIN_GRANT_EUR = Decimal("5000")


@pytest.fixture
async def funding_db_url(test_databases: TestDatabases, backend: str) -> str:
    """A fresh funding database (SQLite and PostgreSQL), built by the real migrations."""
    return await database_url(test_databases, backend, SERVICE_DIR)


@pytest.fixture
async def funding(
    funding_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """The funding service running in-process on a fresh database and the session's NATS."""
    settings = Settings(
        AGORA_FUNDING_DATABASE_URL=funding_db_url,
        AGORA_FUNDING_THIN_GRANT_EUR=THIN_GRANT_EUR,
        nats_url=nats_server.url,
        internal_verify_key=identity_keys[1].decode(),
        data_dir=tmp_path,
    )
    async with running(create_app(settings), signer) as client:
        yield client


def actor_event(
    actor_id: str, *, version: int = 1, event_type: str = "registered", **attributes: Any
) -> CloudEvent:
    data: dict[str, Any] = {
        "actor_id": actor_id,
        "version": version,
        "kind": "organisation",
        "sectors": ["independent_media"],
        "activities": ["anti_war"],
        "host_country": "DE",
        "origin_region": None,
        "custodian_state": "DE",
        "established_on": "2010-05-01",
        "relocated_on": "2015-01-01",
        **attributes,
    }
    if event_type == "erased":
        data = {"actor_id": actor_id, "version": version}
    return CloudEvent(
        type=f"agora.actors.{event_type}.v1",
        source="agora/actors",
        subject=actor_id,
        data=data,
    )


class ActorFeed:
    """Feeds the funding service's actor read model through its real handlers."""

    event = staticmethod(actor_event)

    def __init__(self, service: ServiceClient) -> None:
        self.db = service.app.state.db

    async def apply(self, event: CloudEvent) -> None:
        """Apply one event in a transaction of its own, as the consumer would."""
        handler = on_actor_erased if event.type.endswith("erased.v1") else on_actor_registered
        async with self.db.transaction() as session:
            await handler(session, event)

    async def known(self, actor_id: str, **attributes: Any) -> str:
        await self.apply(actor_event(actor_id, **attributes))
        return actor_id


@pytest.fixture
def actors(funding: ServiceClient) -> ActorFeed:
    return ActorFeed(funding)
