"""``python -m bench drain``: how fast a consumer catches up with a backlog of events.

Fills a fresh nats-server's ACTORS and FUNDING streams with N realistic events (a fifth
``actors.registered``, the rest ``funding.commitment_made``, their data built from
``bench/dataset.py`` with the ``agora_contracts.events`` models), then lets the evaluation
service's real consumers (``agora_common.inbox.Consumer`` with evaluation's own handlers and
read models, on a database built by its migrations) drain both streams, and times it: first
applying one event per transaction (as before batches), then ``--per-transaction`` events per
transaction, each on a fresh database of its own, side by side in one run. Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent, EventSource
from agora_common.inbox import Consumer
from agora_common.migrations import upgrade
from agora_common.nats_server import NatsServer
from agora_contracts.events import ActorPublic, CommitmentMade
from agora_platform import project_dir
from evaluation.events.handlers import ACTOR_EVENTS, FUNDING_EVENTS
from funding.commitments.rules import horizon
from sqlalchemy import text

from bench import dataset
from bench.platform import Backend

ACTORS = EventSource("actors")
FUNDING = EventSource("funding")


def events(n: int, seed: int) -> tuple[list[tuple[str, CloudEvent]], list[tuple[str, CloudEvent]]]:
    """(subject, event) of ``n // 5`` actor registrations and the rest commitments to them."""
    rng = random.Random(seed)
    actor_ids = [f"act_{i:06d}" for i in range(max(n // 5, 1))]
    actors = []
    for actor_id in actor_ids:
        custodian = dataset.donor(rng)
        body = dataset.actor(rng, custodian)
        actor = ActorPublic(
            actor_id=actor_id,
            version=1,
            kind=body["kind"],
            sectors=body["sectors"],
            activities=body["activities"],
            host_country=body["host_country"],
            origin_region=body["origin_region"],
            custodian_state=custodian,
            established_on=body.get("established_on"),
            relocated_on=body["relocated_on"],
        )
        actors.append(ACTORS.event("registered", actor_id, actor.to_data()))
    commitments = []
    for i, (donor, body) in enumerate(dataset.portfolio(rng, actor_ids, n - len(actor_ids))):
        period = body["period"]
        made = CommitmentMade.model_validate(
            {
                **body,
                "commitment_id": f"cmt_{i:022d}",
                "donor": donor,
                "horizon": horizon(
                    date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
                ).value,
                "version": 1,
            }
        )
        commitments.append(FUNDING.event("commitment_made", made.commitment_id, made.to_data()))
    return actors, commitments


async def fill(server: NatsServer, streams: dict[str, list[tuple[str, CloudEvent]]]) -> float:
    """Publish every event (pipelined, each acknowledged); the seconds it took."""
    bus = Bus(server.url, "bench-drain-fill")
    bus.want_stream(ACTORS.stream, ACTORS.subjects)
    bus.want_stream(FUNDING.stream, FUNDING.subjects)
    bus.start()
    t0 = time.perf_counter()
    try:
        js = await bus.ready()
        for batch in streams.values():
            for start in range(0, len(batch), 1000):
                futures = [
                    await js.publish_async(
                        subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
                    )
                    for subject, event in batch[start : start + 1000]
                ]
                await asyncio.gather(*futures)
    finally:
        await bus.close()
    return time.perf_counter() - t0


async def drain(
    server: NatsServer, url: str, *, mode: str, per_transaction: int, expected: dict[str, int]
) -> dict[str, Any]:
    """Run evaluation's two consumers until both streams are applied; events per second."""
    db = Database(url)
    bus = Bus(server.url, f"bench-drain-{mode}")
    consumers = {
        s.stream: Consumer(
            db,
            bus,
            durable=f"{s.durable}-{mode}",
            stream=s.stream,
            subjects=s.subjects,
            handlers=s.handlers,
            events_per_transaction=per_transaction,
        )
        for s in (ACTOR_EVENTS, FUNDING_EVENTS)
    }
    bus.start()
    await bus.ready()
    result: dict[str, Any] = {"events_per_transaction": per_transaction}
    try:
        # The actors first, as a service started after both were published would see them
        # interleaved; separately here, so each stream's rate is its own.
        for stream, consumer in consumers.items():
            t0 = time.perf_counter()
            consumer.start()
            while consumer.processed_total < expected[stream]:
                if consumer.parked_total:
                    raise RuntimeError(f"{consumer.parked_total} events parked in {stream}")
                await asyncio.sleep(0.02)
            seconds = time.perf_counter() - t0
            await consumer.stop()
            result[stream.lower()] = {
                "events": expected[stream],
                "seconds": round(seconds, 2),
                "events_per_second": round(expected[stream] / seconds),
            }
        total = sum(expected.values())
        seconds = sum(result[s.lower()]["seconds"] for s in expected)
        result["all"] = {
            "events": total,
            "seconds": round(seconds, 2),
            "events_per_second": round(total / seconds),
        }
        async with db.transaction(readonly=True) as session:
            applied = await session.scalar(text("SELECT count(*) FROM inbox"))
            funded = await session.scalar(text("SELECT count(*) FROM funded_commitments"))
        if applied != total or funded != expected[FUNDING.stream]:
            raise RuntimeError(f"applied {applied} of {total} events, {funded} commitments")
    finally:
        for consumer in consumers.values():
            await consumer.stop()
        await bus.close()
        await db.dispose()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench drain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--per-transaction", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    actors, commitments = events(args.events, args.seed)
    streams = {ACTORS.stream: actors, FUNDING.stream: commitments}
    expected = {name: len(batch) for name, batch in streams.items()}
    modes = {"one_by_one": 1, "batched": args.per_transaction}
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="agora-bench-drain-") as tmp:
        server = NatsServer(Path(tmp) / "nats").start()
        try:
            fill_seconds = asyncio.run(fill(server, streams))
            for mode, per_transaction in modes.items():
                (Path(tmp) / mode).mkdir()
                url = backend.database(f"evaluation_{mode}", Path(tmp) / mode)
                upgrade(project_dir("evaluation"), url)
                results[mode] = asyncio.run(
                    drain(
                        server,
                        url,
                        mode=mode,
                        per_transaction=per_transaction,
                        expected=expected,
                    )
                )
        finally:
            server.stop()
            backend.drop()
    print(
        json.dumps(
            {
                "backend": backend.describe(),
                "events": expected,
                "fill_seconds": round(fill_seconds, 1),
                **results,
                "speedup": round(
                    results["batched"]["all"]["events_per_second"]
                    / results["one_by_one"]["all"]["events_per_second"],
                    1,
                ),
            },
            indent=2,
        )
    )
