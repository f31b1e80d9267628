"""``python -m bench transactions``: the cost of ``Database.transaction`` itself.

On a fresh database of the evaluation service (migrations run), times N read-only transactions
of one primary-key read each (``readonly=True``, as every GET request has) and N write
transactions of one insert each, one after another, and prints JSON: microseconds per
transaction (median, p90) and the CPU microseconds of this process per transaction.
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
from agora_common.migrations import upgrade
from agora_common.tables import inbox
from agora_platform import project_dir
from sqlalchemy import insert, select

from bench.platform import Backend


async def measure(url: str, n: int) -> dict[str, Any]:
    db = Database(url)
    now = datetime.now(UTC)
    try:

        async def read(i: int) -> None:
            async with db.transaction(readonly=True) as session:
                await session.scalar(
                    select(inbox.c.event_type).where(
                        inbox.c.event_id == f"e{i % 100}", inbox.c.consumer == "bench"
                    )
                )

        async def write(i: int) -> None:
            async with db.transaction() as session:
                await session.execute(
                    insert(inbox).values(
                        event_id=f"e{i}", consumer="bench", event_type="t", processed_at=now
                    )
                )

        result: dict[str, Any] = {}
        for name, step in (("write", write), ("read_only", read)):
            for i in range(100):  # warm-up (and the rows the reads find)
                await step(-i - 1 if name == "write" else i)
            timings = []
            cpu0 = time.process_time()
            for i in range(n):
                t0 = time.perf_counter()
                await step(i)
                timings.append(time.perf_counter() - t0)
            cpu = time.process_time() - cpu0
            timings.sort()
            result[name] = {
                "transactions": n,
                "median_us": round(statistics.median(timings) * 1e6),
                "p90_us": round(timings[int(n * 0.9)] * 1e6),
                "cpu_us_per_transaction": round(cpu / n * 1e6),
            }
        return result
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench transactions",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--transactions", type=int, default=5000)
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    with tempfile.TemporaryDirectory(prefix="agora-bench-transactions-") as tmp:
        try:
            url = backend.database("evaluation", Path(tmp))
            upgrade(project_dir("evaluation"), url)
            result = asyncio.run(measure(url, args.transactions))
        finally:
            backend.drop()
    print(json.dumps({"backend": backend.kind, **result}, indent=2))
