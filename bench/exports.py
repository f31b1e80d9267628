"""``python -m bench.exports``: the IATI and 360Giving exports of one large donor, on the funding
service's database alone.

Builds a fresh database with the service's real migrations (a SQLite file in a temporary
directory, or a PostgreSQL database on ``AGORA_BENCH_POSTGRES_URL``, dropped afterwards),
bulk-loads N commitments of one donor (a third to individuals, a fifth with two disbursements),
then streams each export through the service's own functions and prints, as JSON, the seconds,
the bytes written and (in a second run) the peak memory Python allocated while streaming
(tracemalloc): the exports read 500 commitments at a time, so the peak should not grow with N.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from agora_common.db import Database
from agora_common.identity import Identity
from agora_common.migrations import upgrade
from agora_platform import project_dir
from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment, Disbursement
from funding.donors.models import Donor
from funding.exports import service
from funding.exports.schemas import ExportFormat
from sqlalchemy import insert

from bench.platform import Backend

DONOR = "DE"
CALLER = Identity("bench", "agency", DONOR, "bench")
PURPOSES = ["anti_war", "public_debate", "domestic_outreach", "historical_memory"]


async def load(db: Database, count: int) -> None:
    now = datetime.now(UTC)
    async with db.transaction() as session:
        await session.execute(
            insert(Donor),
            [
                {
                    "code": DONOR,
                    "iati_org_ref": "XM-DAC-5-7",
                    "confidential_in_exports": "omit",
                    "version": 1,
                    "updated_at": now,
                    "updated_by": "bench",
                }
            ],
        )
        for start in range(0, count, 5000):
            batch = range(start, min(start + 5000, count))
            await session.execute(
                insert(KnownActor),
                [
                    {
                        "actor_id": f"act_{i:07d}",
                        "version": 1,
                        "kind": "individual" if i % 3 == 0 else "organisation",
                        "host_country": "LT",
                        "erased": False,
                        "updated_at": now,
                    }
                    for i in batch
                ],
            )
            await session.execute(
                insert(Commitment),
                [
                    {
                        "id": f"com_{i:07d}",
                        "donor": DONOR,
                        "actor_id": f"act_{i:07d}",
                        "instrument": "fellowship" if i % 3 == 0 else "grant",
                        "amount_minor": 1_000_000 + i,
                        "currency": "EUR",
                        "minor_units": 2,
                        "period_start": date(2026, 1, 1),
                        "period_end": date(2027, 12, 31),
                        "purposes": PURPOSES[: 1 + i % 4],
                        "status": "disbursed" if i % 5 == 0 else "committed",
                        "horizon": "short",
                        "confidential": i % 10 == 9,
                        "disbursed_minor": 1_000_000 + i if i % 5 == 0 else 0,
                        "version": 1,
                        "created_at": now + timedelta(microseconds=i),
                        "updated_at": now,
                        "committed_at": now,
                    }
                    for i in batch
                ],
            )
            payouts = [i for i in batch if i % 5 == 0]
            if payouts:
                await session.execute(
                    insert(Disbursement),
                    [
                        {
                            "id": f"dsb_{i:07d}_{n}",
                            "commitment_id": f"com_{i:07d}",
                            "amount_minor": (1_000_000 + i) // 2 + n * ((1_000_000 + i) % 2),
                            "date": date(2026, 3, 1 + n),
                            "recorded_at": now,
                        }
                        for i in payouts
                        for n in (0, 1)
                    ],
                )


async def streamed(
    db: Database, label: str, make: Callable[[Any], Awaitable[AsyncIterator[str]]]
) -> dict[str, Any]:
    """Stream one export to nowhere twice: timed, then under tracemalloc (which slows Python
    down) for the peak allocation."""

    async def run() -> int:
        size = 0
        async with db.transaction(readonly=True) as session:
            async for chunk in await make(session):
                size += len(chunk.encode())
        return size

    started = time.perf_counter()
    size = await run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    await run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "what": label,
        "seconds": round(seconds, 2),
        "megabytes_written": round(size / 1e6, 1),
        "peak_traced_megabytes": round(peak / 1e6, 1),
    }


async def bench(url: str, count: int) -> list[dict[str, Any]]:
    db = Database(url)
    try:
        started = time.perf_counter()
        await load(db, count)
        results: list[dict[str, Any]] = [
            {"what": "bulk load", "seconds": round(time.perf_counter() - started, 1)}
        ]
        results.append(
            await streamed(db, "IATI 2.03 XML", lambda s: service.iati_document(s, caller=CALLER))
        )
        for form in ExportFormat:

            def threesixty(
                session: Any, form: ExportFormat = form
            ) -> Awaitable[AsyncIterator[str]]:
                return service.threesixty_document(session, caller=CALLER, form=form)

            results.append(await streamed(db, f"360Giving {form.value}", threesixty))
        return results
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.exports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--commitments", type=int, default=100_000)
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    with tempfile.TemporaryDirectory(prefix="agora-bench-exports-") as tmp:
        try:
            url = backend.database("funding", Path(tmp))
            upgrade(project_dir("funding"), url)
            results = asyncio.run(bench(url, args.commitments))
        finally:
            backend.drop()
    print(
        json.dumps(
            {"backend": backend.kind, "commitments": args.commitments, "results": results},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
