"""``python -m bench webhooks``: how fast the gateway's webhook workers empty a queue.

On a gateway database built by its migrations, ``--endpoints`` agencies of one state each
subscribe a real HTTP receiver on loopback (answering 204); ``--events`` overlap events are
queued through ``gateway.webhooks.service.queue_event`` (as the consumer does), one delivery per
event and endpoint; then ``--workers`` delivery workers (each on its own engine, as replicas)
send them all, signed, with the per-endpoint bound. Prints JSON: deliveries per second, the
latency from queueing to delivered (p50, p95), and the cost of one look for due deliveries when nothing is due.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agora_common.db import Database
from agora_common.events import EventSource
from agora_common.migrations import upgrade
from agora_contracts.events import OverlapDetected, OverlappingCommitment
from agora_platform import GATEWAY_DIR
from agora_platform.testing.receiver import Receiver
from gateway.clients.models import Client
from gateway.webhooks import repository, service
from gateway.webhooks.config import WebhookSettings
from gateway.webhooks.delivery import DeliveryWorker
from gateway.webhooks.models import WebhookDelivery, WebhookEndpoint
from gateway.webhooks.sealing import WebhookSecrets, new_secret
from sqlalchemy import func, select

from bench.platform import Backend

KEY = b"bench-gateway-key-0123456789abcdef"


async def _subscribe(db: Database, secrets: WebhookSecrets, receivers: list[Receiver]) -> None:
    now = datetime.now(UTC)
    async with db.transaction() as session:
        for index, receiver in enumerate(receivers):
            client_id = f"cl_bench_{index}"
            session.add(
                Client(client_id=client_id, name=f"agency {index}", role="agency", state="DE",
                       status="active", created_at=now)
            )  # fmt: skip
            await session.flush()
            endpoint_id = f"wh_bench_{index}"
            await repository.add_endpoint(
                session,
                WebhookEndpoint(
                    id=endpoint_id, owner_client_id=client_id, owner_role="agency", state="DE",
                    url=receiver.url(), events=["funding.overlap_detected"],
                    secret_sealed=secrets.seal(new_secret(), endpoint_id=endpoint_id),
                    created_at=now,
                ),
            )  # fmt: skip


async def _queue(db: Database, events: int) -> None:
    for start in range(0, events, 100):
        async with db.transaction() as session:
            for n in range(start, min(start + 100, events)):
                data = OverlapDetected(
                    commitment_id=f"com_{n}", actor_id="act_1", donor="DE", purposes=["anti_war"],
                    overlapping=[OverlappingCommitment(commitment_id=f"com_nl_{n}", donor="NL")],
                ).to_data()  # fmt: skip
                await service.queue_event(
                    session, EventSource("funding").event("overlap_detected", f"com_{n}", data)[1]
                )


async def _pending(db: Database) -> int:
    async with db.transaction(readonly=True) as session:
        query = select(func.count()).where(WebhookDelivery.status != "delivered")
        return int(await session.scalar(query) or 0)


async def measure(url: str, *, events: int, endpoints: int, workers: int) -> dict[str, Any]:
    db = Database(url)
    secrets = WebhookSecrets(KEY)
    settings = WebhookSettings(webhooks_poll_seconds=0.05)

    def answer(_: object) -> tuple[int, dict[str, str]]:
        return 204, {}

    receivers = [await Receiver(answer=answer).start() for _ in range(endpoints)]
    engines = [Database(url) for _ in range(workers)]
    try:
        await _subscribe(db, secrets, receivers)
        idle = DeliveryWorker(db, secrets, settings)
        started = time.perf_counter()
        for _ in range(200):
            await idle.claim(32)
        empty_look_ms = (time.perf_counter() - started) / 200 * 1000
        await _queue(db, events)
        running = [DeliveryWorker(engine, secrets, settings) for engine in engines]
        started = time.perf_counter()
        for worker in running:
            worker.start()
        while True:
            if not await _pending(db):
                break
            await asyncio.sleep(0.05)  # polling the table is what is measured against
        elapsed = time.perf_counter() - started
        for worker in running:
            await worker.stop()
        async with db.transaction(readonly=True) as session:
            rows = (await session.execute(
                select(WebhookDelivery.created_at, WebhookDelivery.delivered_at)
            )).all()  # fmt: skip
        latencies = sorted((d - c).total_seconds() for c, d in rows if d is not None)
        received = sum(len(r.received) for r in receivers)
        return {
            "deliveries": len(rows),
            "received": received,
            "workers": workers,
            "endpoints": endpoints,
            "per_endpoint_bound": settings.webhooks_concurrency_per_endpoint,
            "seconds": round(elapsed, 2),
            "deliveries_per_second": round(len(rows) / elapsed, 1),
            "latency_p50_s": round(statistics.median(latencies), 3),
            "latency_p95_s": round(latencies[int(len(latencies) * 0.95) - 1], 3),
            "empty_look_ms": round(empty_look_ms, 2),
        }
    finally:
        for receiver in receivers:
            await receiver.stop()
        for engine in engines:
            await engine.dispose()
        await db.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench webhooks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--endpoints", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    with tempfile.TemporaryDirectory(prefix="agora-bench-webhooks-") as tmp:
        try:
            url = backend.database("gateway", Path(tmp))
            upgrade(GATEWAY_DIR, url)
            result = asyncio.run(
                measure(url, events=args.events, endpoints=args.endpoints, workers=args.workers)
            )
        finally:
            backend.drop()
    print(json.dumps({"backend": backend.kind, **result}, indent=2))
