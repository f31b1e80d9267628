import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from agora_common.events import CloudEvent
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.databases import TestDatabases
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import database_url
from evaluation.config import Settings
from evaluation.events import handlers
from evaluation.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture
async def evaluation_db_url(test_databases: TestDatabases, backend: str) -> str:
    """A fresh evaluation database (SQLite and PostgreSQL), built by the real migrations."""
    return await database_url(test_databases, backend, SERVICE_DIR)


@pytest.fixture
async def evaluation(
    evaluation_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> AsyncIterator[ServiceClient]:
    """The evaluation service running in-process on a fresh database and the session's NATS."""
    settings = Settings(
        AGORA_EVALUATION_DATABASE_URL=evaluation_db_url,
        nats_url=nats_server.url,
        internal_verify_key=identity_keys[1].decode(),
        data_dir=tmp_path,
    )
    async with running(create_app(settings), signer) as client:
        yield client


class Seed:
    """Feeds the read models through the real event handlers as the service's consumers apply
    them (inbox row and handler in one transaction, the handler as registered: noting the
    change of the report inputs), each event in its own transaction."""

    def __init__(self, client: ServiceClient) -> None:
        self.db = client.app.state.db
        self.consumers = client.app.state.consumers

    async def apply(self, handler: object, type_: str, data: dict[str, object]) -> None:
        event = CloudEvent(type=type_, source="test", subject="x", data=data)
        await self.apply_event(event, handler)

    async def apply_event(self, event: CloudEvent, handler: object = None) -> None:
        """Apply ``event`` through the consumer registered for its type (whose handler wraps
        ``handler``, when given)."""
        consumer = next(c for c in self.consumers if event.type in c.handlers)
        if handler is not None:
            assert consumer.handlers[event.type].__wrapped__ is handler
        assert await consumer.apply_once(event)

    async def actor(
        self,
        *,
        actor_id: str | None = None,
        sectors: tuple[str, ...] = ("research",),
        version: int = 1,
    ) -> str:
        actor_id = actor_id or f"act_{uuid.uuid4().hex[:20]}"
        await self.apply(
            handlers.on_actor_registered,
            "agora.actors.registered.v1",
            {
                "actor_id": actor_id,
                "version": version,
                "kind": "organisation",
                "sectors": list(sectors),
                "activities": ["public_debate"],
                "host_country": "DE",
                "origin_region": "RU-TA",
                "custodian_state": "DE",
                "established_on": None,
                "relocated_on": "2022-03-01",
            },
        )
        return actor_id

    async def erase(self, actor_id: str, version: int = 2) -> None:
        await self.apply(
            handlers.on_actor_erased,
            "agora.actors.erased.v1",
            {"actor_id": actor_id, "version": version},
        )

    async def commitment(
        self,
        *,
        donor: str,
        actor_id: str,
        start: str = "2026-01-01",
        end: str = "2026-12-31",
        amount: str | None = "10000.00",
        currency: str | None = "EUR",
        instrument: str = "grant",
        version: int = 1,
        confidential: bool = False,
    ) -> str:
        commitment_id = f"com_{uuid.uuid4().hex[:20]}"
        await self.apply(
            handlers.on_commitment_made,
            "agora.funding.commitment_made.v1",
            {
                "commitment_id": commitment_id,
                "donor": donor,
                "actor_id": actor_id,
                "instrument": instrument,
                "amount": amount,
                "currency": currency,
                "period": {"start": start, "end": end},
                "purposes": ["public_debate"],
                "status": "committed",
                "horizon": "short",
                "version": version,
                "confidential": confidential,
            },
        )
        return commitment_id

    async def cancel(
        self, commitment_id: str, *, donor: str, actor_id: str, version: int = 2
    ) -> None:
        await self.apply(
            handlers.on_commitment_changed,
            "agora.funding.commitment_cancelled.v1",
            {
                "commitment_id": commitment_id,
                "donor": donor,
                "actor_id": actor_id,
                "status": "cancelled",
                "version": version,
            },
        )


@pytest.fixture
def seed(evaluation: ServiceClient) -> Seed:
    return Seed(evaluation)
