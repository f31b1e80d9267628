"""The gateway's audit writer: the records of concurrent requests in one transaction, each request
waiting for its own; one that cannot be written fails alone; a response whose record fails is
withheld (503); what is queued at shutdown is written before the writer stops."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
from agora_common.db import Database
from gateway.audit import service as audit
from gateway.audit.writer import AuditWriter, WriterStopped
from sqlalchemy import text

if TYPE_CHECKING:
    from agora_platform.testing.gateway import Gateway

pytest_plugins = ["agora_platform.testing.gateway"]


@pytest.fixture
async def db(gateway_db_url: str) -> AsyncIterator[Database]:
    database = Database(gateway_db_url)
    yield database
    await database.dispose()


def _entry(n: int) -> audit.Entry:
    return audit.Entry(None, None, "test.appended", f"resource-{n}", "success")


async def _verified(db: Database) -> tuple[bool, int]:
    async with db.transaction(readonly=True) as session:
        verdict = await audit.verify(session)
    return verdict.valid, verdict.records


async def test_concurrent_appends_share_transactions_and_keep_the_chain(db: Database) -> None:
    writer = AuditWriter(db)
    writer.start()
    try:
        await asyncio.gather(*(writer.append([_entry(n)]) for n in range(60)))
    finally:
        await writer.stop()

    assert writer.batches < 60
    assert await _verified(db) == (True, 60)


async def test_a_record_that_cannot_be_written_fails_alone(db: Database) -> None:
    writer = AuditWriter(db)
    writer.start()
    broken = audit.Entry(None, None, None, "resource", "success")  # type: ignore[arg-type]
    try:
        results = await asyncio.gather(
            *(writer.append([_entry(n)]) for n in range(5)),
            writer.append([broken]),
            *(writer.append([_entry(n)]) for n in range(5, 10)),
            return_exceptions=True,
        )
    finally:
        await writer.stop()

    failed = [i for i, result in enumerate(results) if isinstance(result, Exception)]
    assert failed == [5]
    assert await _verified(db) == (True, 10)


async def test_stopping_writes_what_is_queued_then_refuses(db: Database) -> None:
    writer = AuditWriter(db)
    writer.start()
    appends = [asyncio.create_task(writer.append([_entry(n)])) for n in range(20)]
    await asyncio.sleep(0)  # queued, not yet written
    await writer.stop()

    await asyncio.gather(*appends)
    assert await _verified(db) == (True, 20)
    with pytest.raises(WriterStopped):
        await writer.append([_entry(99)])


async def test_a_response_whose_record_fails_is_withheld(sqlite_gateway: Gateway) -> None:
    gateway = sqlite_gateway
    _, agency = await gateway.new_client("agency", "DE")
    _, auditor = await gateway.new_client("auditor")
    db = gateway.app.state.db
    async with db.transaction() as session:
        await session.execute(text("ALTER TABLE audit_records RENAME TO audit_records_away"))
    try:
        # A refusal is audited: with the trail gone, the caller gets 503, not the answer.
        refused = await gateway.http.get("/v1/admin/clients", headers=agency)
    finally:
        async with db.transaction() as session:
            await session.execute(text("ALTER TABLE audit_records_away RENAME TO audit_records"))

    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert "audit trail is unavailable" in refused.json()["detail"]
    denied = await gateway.http.get("/v1/admin/clients", headers=agency)
    assert denied.status_code == 403
    verdict = (await gateway.http.get("/v1/audit/verify", headers=auditor)).json()
    assert verdict["valid"] is True
