"""Time the overlap check (and the concentration report) at 100,000 commitments.

    .venv/bin/python services/funding/scripts/overlap_benchmark.py --backend sqlite
    .venv/bin/python services/funding/scripts/overlap_benchmark.py --backend postgres

Builds a fresh database with the service's real migrations (a temporary SQLite file, or a
PostgreSQL database created on AGORA_TEST_POSTGRES_URL and dropped afterwards), bulk-loads
15,000 actors and N commitments (skewed: a few actors get many commitments, as in real
portfolios), then runs the service's own overlap query through its async session for random
actors and for the most-funded one, and prints the query plan.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
from agora_common.db import Database
from agora_common.migrations import upgrade
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from funding.commitments import repository
from funding.commitments.rules import Purpose, horizon
from funding.reports.service import concentration_report
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

SERVICE_DIR = Path(__file__).resolve().parents[1]
PURPOSES = [p.value for p in Purpose]
DONORS = [f"{a}{b}" for a in "ABCDEFG" for b in "EFLRST"][:30]
INSTRUMENTS = ["grant", "grant", "grant", "fellowship", "in_kind", "residence_permit"]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def dataset(
    n: int, actors: int, seed: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rng = random.Random(seed)
    actor_ids = [f"act_{i:06d}" for i in range(actors)]
    weights = [1 / (i + 1) ** 0.8 for i in range(actors)]  # a long tail of rarely funded actors
    actor_rows = [(a, 1, "organisation", "DE", "DE", False) for a in actor_ids]
    commitments, purposes = [], []
    chosen = rng.choices(actor_ids, weights=weights, k=n)
    for i, actor_id in enumerate(chosen):
        start = date(2022, 3, 1) + timedelta(days=rng.randrange(0, 12 * 365))
        end = start + timedelta(days=rng.randrange(60, 6 * 365))
        instrument = rng.choice(INSTRUMENTS)
        monetary = instrument != "residence_permit"
        own = rng.sample(PURPOSES, rng.randint(1, 3))
        status = rng.choices(["committed", "pledged", "cancelled", "disbursed"], [80, 8, 5, 7])[0]
        currency = rng.choices(["EUR", "USD", "GBP"], [85, 10, 5])[0]
        cid = f"cmt_{uuid.UUID(int=rng.getrandbits(128)).hex[:22]}"
        commitments.append(
            (
                cid,
                rng.choice(DONORS),
                actor_id,
                instrument,
                rng.randrange(100_000, 50_000_000) if monetary else None,
                currency if monetary else None,
                2 if monetary else None,
                start,
                end,
                sorted(own),
                status,
                horizon(start, end).value,
                NOW + timedelta(seconds=i),
            )
        )
        purposes += [(cid, p) for p in own]
    return actor_rows, commitments, purposes


COMMITMENT_COLUMNS = (
    "id, donor, actor_id, instrument, amount_minor, currency, minor_units, period_start, "
    "period_end, purposes, status, horizon, disbursed_minor, version, created_at, updated_at"
)


def load_sqlite(path: Path, data: Any) -> None:
    actors, commitments, purposes = data
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO known_actors (actor_id, version, kind, host_country, custodian_state,"
            " erased, updated_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00.000000')",
            actors,
        )
        db.executemany(
            f"INSERT INTO commitments ({COMMITMENT_COLUMNS}) VALUES"  # noqa: S608 (constant)
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)",
            [
                (
                    *c[:7],
                    c[7].isoformat(),
                    c[8].isoformat(),
                    json.dumps(c[9]),
                    c[10],
                    c[11],
                    c[12].strftime("%Y-%m-%d %H:%M:%S.%f"),
                    c[12].strftime("%Y-%m-%d %H:%M:%S.%f"),
                )
                for c in commitments
            ],
        )
        db.executemany("INSERT INTO commitment_purposes VALUES (?, ?)", purposes)
        db.execute("ANALYZE")


async def load_postgres(url: str, data: Any) -> None:
    actors, commitments, purposes = data
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.copy_records_to_table(
            "known_actors",
            records=[(*a, NOW) for a in actors],
            columns=[
                "actor_id",
                "version",
                "kind",
                "host_country",
                "custodian_state",
                "erased",
                "updated_at",
            ],
        )
        await conn.copy_records_to_table(
            "commitments",
            records=[
                (*c[:9], json.dumps(c[9]), c[10], c[11], 0, 1, c[12], c[12]) for c in commitments
            ],
            columns=[c.strip() for c in COMMITMENT_COLUMNS.split(",")],
        )
        await conn.copy_records_to_table(
            "commitment_purposes", records=purposes, columns=["commitment_id", "purpose"]
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def measure(
    url: str, commitments: list[tuple[Any, ...]], probes: int, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed + 1)
    counts: dict[str, int] = {}
    for c in commitments:
        counts[c[2]] = counts.get(c[2], 0) + 1
    busiest = max(counts, key=lambda a: counts[a])
    db = Database(url)
    async with db.transaction() as session:
        for currency, rate in (("USD", "0.9"), ("GBP", "1.15")):
            await session.execute(
                text("INSERT INTO fx_rates VALUES (:c, :d, :r, :t)"),
                {
                    "c": currency,
                    "d": date(2022, 1, 1),
                    "r": rate if "sqlite" in url else Decimal(rate),
                    "t": NOW,
                },
            )
    timings: list[float] = []
    found = 0
    try:

        async def check(actor_id: str) -> float:
            nonlocal found
            start = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 365))
            async with db.transaction(readonly=True) as session:
                t0 = time.perf_counter()
                rows = await repository.overlapping_commitments(
                    session,
                    actor_id=actor_id,
                    donor="ZZ",
                    purposes=rng.sample(PURPOSES, 2),
                    start=start,
                    end=start + timedelta(days=730),
                )
                elapsed = time.perf_counter() - t0
            found += len(rows)
            return elapsed

        for _ in range(20):  # warm the connection pool and caches
            await check(rng.choice(commitments)[2])
        funded = sorted(counts)
        for _ in range(probes):
            timings.append(await check(rng.choice(funded)))
        weighted = [await check(rng.choice(commitments)[2]) for _ in range(probes)]
        busiest_timings = [await check(busiest) for _ in range(50)]

        typical = sorted(funded, key=lambda a: counts[a])[len(funded) // 2]
        plans = {}
        for label, actor_id in (("typical_actor", typical), ("busiest_actor", busiest)):
            explain = "EXPLAIN QUERY PLAN " if db.url.startswith("sqlite") else "EXPLAIN "
            async with db.transaction(readonly=True) as session:
                rows = await session.execute(text(explain + _overlap_sql(db.url, actor_id)))
                plans[label] = [str(r[-1]) for r in rows.all()]
        async with db.transaction(readonly=True) as session:
            t0 = time.perf_counter()
            report = await concentration_report(
                session, as_of=date(2026, 6, 1), thin_grant_eur=Decimal(10000)
            )  # type: ignore[arg-type]
            report_seconds = time.perf_counter() - t0
    finally:
        await db.dispose()
    timings.sort()
    return {
        "probes": probes,
        "overlap_check_ms": {
            "median": round(statistics.median(timings) * 1000, 3),
            "p95": round(timings[int(len(timings) * 0.95) - 1] * 1000, 3),
            "max": round(timings[-1] * 1000, 3),
        },
        "overlap_check_ms_actor_weighted_by_commitments": {
            "median": round(statistics.median(weighted) * 1000, 3),
            "p95": round(sorted(weighted)[int(len(weighted) * 0.95) - 1] * 1000, 3),
        },
        "busiest_actor": {
            "commitments": counts[busiest],
            "median_ms": round(statistics.median(busiest_timings) * 1000, 3),
        },
        "overlapping_found_total": found,
        "plans": plans,
        "concentration_report_ms": round(report_seconds * 1000, 1),
        "report_sample": {
            "total_committed_eur": report.total_committed_eur,
            "actors_funded": report.actors_funded,
            "hhi": report.hhi,
        },
    }


def _overlap_sql(url: str, actor_id: str) -> str:
    """The overlap query as the repository builds it, with literal values, for EXPLAIN."""
    from funding.commitments.models import Commitment, CommitmentPurpose
    from sqlalchemy import select

    query = (
        select(Commitment.id, CommitmentPurpose.purpose)
        .join(CommitmentPurpose, CommitmentPurpose.commitment_id == Commitment.id)
        .where(
            Commitment.actor_id == actor_id,
            Commitment.donor != "ZZ",
            Commitment.status != "cancelled",
            Commitment.period_start <= date(2027, 6, 1),
            Commitment.period_end >= date(2026, 6, 1),
            CommitmentPurpose.purpose.in_(["anti_war", "public_debate"]),
        )
    )
    dialect = sqlite.dialect() if url.startswith("sqlite") else postgresql.dialect()
    return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=15_000)
    parser.add_argument("--probes", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()

    t0 = time.perf_counter()
    data = dataset(args.commitments, args.actors, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        admin = None
        name = f"agora_bench_funding_{uuid.uuid4().hex[:8]}"
        if args.backend == "sqlite":
            path = Path(tmp) / "funding.db"
            url = f"sqlite+aiosqlite:///{path}"
            await asyncio.to_thread(upgrade, SERVICE_DIR, url)
            await asyncio.to_thread(load_sqlite, path, data)
        else:
            admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
            await admin.execute(f'CREATE DATABASE "{name}"')
            base = POSTGRES_ADMIN_URL.rpartition("/")[0].replace(
                "postgresql://", "postgresql+asyncpg://"
            )
            url = f"{base}/{name}"
            await asyncio.to_thread(upgrade, SERVICE_DIR, url)
            await load_postgres(url, data)
        loaded = time.perf_counter() - t0
        try:
            result = await measure(url, data[1], args.probes, args.seed)
        finally:
            if admin is not None:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.close()
    result = {
        "backend": args.backend,
        "commitments": args.commitments,
        "actors": args.actors,
        "load_seconds": round(loaded, 1),
        **result,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
