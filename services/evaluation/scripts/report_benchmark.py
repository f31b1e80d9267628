"""Time the evaluation reports and the assessment checks at the platform's full size.

    .venv/bin/python services/evaluation/scripts/report_benchmark.py --backend sqlite
    .venv/bin/python services/evaluation/scripts/report_benchmark.py --backend postgres

Builds a fresh database with the service's real migrations (a temporary SQLite file, or a
PostgreSQL database created on AGORA_TEST_POSTGRES_URL and dropped afterwards), bulk-loads
15,000 actors, 100,000 commitments, one cycle with 3 assessments each for 5,000 actors and
20,000 activities, then times the service's own functions through its async session.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from agora_common.db import Database
from agora_common.identity import Identity
from agora_common.migrations import upgrade
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from evaluation.actors_view.models import KnownActor
from evaluation.cycles import service as cycles
from evaluation.cycles.models import Activity, Assessment, Cycle
from evaluation.funding_view.models import FundedCommitment
from evaluation.reports.service import portfolio_report, representation_report
from sqlalchemy import insert

SERVICE_DIR = Path(__file__).resolve().parents[1]
SECTORS = ["civil_society", "independent_media", "research", "political", "human_rights"]
DONORS = [chr(65 + i // 26) + chr(65 + i % 26) for i in range(30)]  # 30 two-letter donors


def _id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


async def load(db: Database, rng: random.Random, commitments: int) -> tuple[str, list[str]]:
    now = datetime.now(UTC)
    actors = [_id("act") for _ in range(15_000)]
    cycle_id = _id("cyc")
    async with db.transaction() as session:
        await session.execute(
            insert(KnownActor),
            [
                {
                    "actor_id": a,
                    "version": 1,
                    "kind": "organisation",
                    "sectors": rng.sample(SECTORS, rng.randint(1, 2)),
                    "host_country": "DE",
                    "origin_region": None,
                    "custodian_state": "DE",
                    "erased": False,
                    "updated_at": now,
                }
                for a in actors
            ],
        )
        await session.execute(
            insert(Cycle),
            [
                {
                    "id": cycle_id,
                    "name": "bench",
                    "period_start": date(2026, 1, 1),
                    "period_end": date(2026, 12, 31),
                    "status": "open",
                    "created_at": now,
                    "closed_at": None,
                }
            ],
        )
        rows = []
        for _ in range(commitments):
            start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 3650))
            rows.append(
                {
                    "commitment_id": _id("com"),
                    "version": 1,
                    "donor": rng.choice(DONORS),
                    # skewed: a few actors get many commitments
                    "actor_id": actors[int(rng.paretovariate(1.2)) % len(actors)],
                    "instrument": "grant",
                    "amount": f"{rng.randint(1_000, 500_000)}.00",
                    "currency": "EUR",
                    "period_start": start,
                    "period_end": start + timedelta(days=rng.randint(180, 1500)),
                    "status": rng.choice(["committed", "committed", "disbursed", "cancelled"]),
                    "disbursed_total": None,
                    "updated_at": now,
                }
            )
        for chunk in range(0, len(rows), 5_000):
            await session.execute(insert(FundedCommitment), rows[chunk : chunk + 5_000])
        assessed = actors[:5_000]
        await session.execute(
            insert(Assessment),
            [
                {
                    "id": _id("asm"),
                    "cycle_id": cycle_id,
                    "actor_id": a,
                    "evaluator_id": f"evaluator-{n}",
                    "evaluator_state": None,
                    "standards_and_visions": rng.randint(0, 4),
                    "knowledge_generation": rng.randint(0, 4),
                    "domestic_outreach": rng.randint(0, 4),
                    "rationale": "bench",
                    "submitted_at": now,
                }
                for a in assessed
                for n in range(3)
            ],
        )
        await session.execute(
            insert(Activity),
            [
                {
                    "id": _id("acy"),
                    "cycle_id": cycle_id,
                    "actor_id": rng.choice(actors),
                    "kind": "event",
                    "title": "bench",
                    "held_on": date(2026, 5, 1),
                    "participants_total": (total := rng.randint(1, 200)),
                    "participants_women": rng.randint(0, total),
                    "participants_non_russian": rng.randint(0, total),
                    "audience_inside_russia": None,
                    "reported_by": "DE",
                    "recorded_at": now,
                }
                for _ in range(20_000)
            ],
        )
    return cycle_id, actors


async def timed(label: str, runs: int, work: Any) -> dict[str, Any]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - started) * 1000)
    return {"what": label, "runs": runs, "median_ms": round(statistics.median(samples), 1)}


async def bench(url: str, commitments: int) -> list[dict[str, Any]]:
    db = Database(url)
    rng = random.Random(7)
    try:
        started = time.perf_counter()
        cycle_id, actors = await load(db, rng, commitments)
        loaded = round(time.perf_counter() - started, 1)
        results = [{"what": "bulk load", "seconds": loaded}]

        async def portfolio() -> None:
            async with db.transaction(readonly=True) as session:
                report = await portfolio_report(session, cycle_id=cycle_id)
            assert report["actors"]

        async def representation() -> None:
            async with db.transaction(readonly=True) as session:
                await representation_report(session, cycle_id=cycle_id)

        async def refusal_check() -> None:
            async with db.transaction(readonly=True) as session:
                cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
                caller = Identity("bench", "evaluator", rng.choice(DONORS), "r")
                await cycles.refusal_for(
                    session, cycle=cycle, caller=caller, actor_id=rng.choice(actors)
                )

        async def progress() -> None:
            async with db.transaction(readonly=True) as session:
                await cycles.progress_of(session, cycle_ids=[cycle_id])

        results.append(await timed("portfolio report", 3, portfolio))
        results.append(await timed("representation report", 3, representation))
        results.append(await timed("assessment refusal checks", 200, refusal_check))
        results.append(await timed("cycle progress", 20, progress))
        return results
    finally:
        await db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--commitments", type=int, default=100_000)
    args = parser.parse_args()
    if args.backend == "sqlite":
        directory = Path(tempfile.mkdtemp())
        url = f"sqlite+aiosqlite:///{directory / 'evaluation.db'}"
        upgrade(SERVICE_DIR, url)
        results = asyncio.run(bench(url, args.commitments))
    else:
        name = f"agora_eval_bench_{uuid.uuid4().hex[:8]}"
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]

        async def admin(sql: str) -> None:
            conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
            try:
                await conn.execute(sql)
            finally:
                await conn.close()

        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
        try:
            url = f"{base}/{name}".replace("postgresql://", "postgresql+asyncpg://", 1)
            upgrade(SERVICE_DIR, url)
            results = asyncio.run(bench(url, args.commitments))
        finally:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    json.dump({"backend": args.backend, "results": results}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
