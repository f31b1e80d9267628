"""``python -m bench overlap``: time funding's overlap check, the commitment POST's service call
and the concentration report at 100,000 commitments, on the funding service's database alone.

Builds a fresh database with the service's real migrations (a SQLite file in a temporary
directory, or a PostgreSQL database on ``AGORA_BENCH_POSTGRES_URL``, dropped afterwards), bulk-loads
15,000 actors and N commitments from ``bench/dataset.py`` (its donors, instruments, currencies and
Zipf skew of actors; a few cancelled or disbursed), then runs the service's own overlap query
through its async session for random actors and for the most-funded one, and prints the query
plan and the timings as JSON. Then, through the same session factory the service uses: the
concentration report for today (kept totals) and for 2025-06-30 (commitments and status
history), ``--report-runs`` times each, computed (no kept report: the first read after a
change) and kept (a repeated read: versions unchanged), and ``--posts`` commitments made with
``make_commitment`` (validation, actor lock, overlap check, inserts, outbox, warnings: what the
POST route runs, without HTTP), each in its own write transaction. ``--profile FILE`` writes a
pyinstrument profile of the commitments made.

The loaded commitments get their status history (one period each) and the report totals are
rebuilt for today, as migration 0007 does for existing rows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
from agora_common.db import Database
from agora_common.identity import Identity
from agora_common.migrations import upgrade
from agora_platform import project_dir
from funding.commitments import repository
from funding.commitments import service as commitment_service
from funding.commitments.rules import Purpose, horizon
from funding.commitments.schemas import CommitmentCreate
from funding.money import minor_units, to_minor
from funding.reports.service import concentration_report, today
from funding.reports.snapshots import ReportSnapshots
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

from bench import dataset
from bench.platform import Backend

PURPOSES = [p.value for p in Purpose]
NOW = datetime(2026, 1, 1, tzinfo=UTC)

Rows = list[tuple[Any, ...]]


def rows(n: int, actors: int, seed: int) -> tuple[Rows, Rows, Rows]:
    """known_actors, commitments and commitment_purposes rows for ``n`` commitments."""
    rng = random.Random(seed)
    actor_ids = [f"act_{i:06d}" for i in range(actors)]
    actor_rows = []
    for actor_id in actor_ids:
        body = dataset.actor(rng, dataset.donor(rng))
        actor_rows.append((actor_id, 1, body["kind"], body["host_country"], "DE", False))
    commitments: Rows = []
    purposes: Rows = []
    for i, (donor, body) in enumerate(dataset.portfolio(rng, actor_ids, n)):
        start = date.fromisoformat(body["period"]["start"])
        end = date.fromisoformat(body["period"]["end"])
        currency = body.get("currency")
        cid = f"cmt_{i:022d}"
        commitments.append(
            (
                cid,
                donor,
                body["actor_id"],
                body["instrument"],
                to_minor(body["amount"], currency) if currency else None,
                currency,
                minor_units(currency) if currency else None,
                start,
                end,
                sorted(body["purposes"]),
                dataset.settled(rng, body["status"]),
                horizon(start, end).value,
                NOW + timedelta(seconds=i),
            )
        )
        purposes += [(cid, p) for p in body["purposes"]]
    return actor_rows, commitments, purposes


COMMITMENT_COLUMNS = (
    "id, donor, actor_id, instrument, amount_minor, currency, minor_units, period_start, "
    "period_end, purposes, status, horizon, disbursed_minor, version, created_at, updated_at"
)


def load_sqlite(path: Path, data: tuple[Rows, Rows, Rows]) -> None:
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


async def load_postgres(url: str, data: tuple[Rows, Rows, Rows]) -> None:
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


def _percentiles(samples: list[float], cpu: list[float]) -> dict[str, float]:
    """Median, p99 (nearest rank) and max, in ms, and the median CPU time of the process per
    run (all threads: aiosqlite's too), which other work on the machine does not inflate much."""
    ordered = sorted(samples)
    p99 = ordered[max(math.ceil(len(ordered) * 0.99) - 1, 0)]
    return {
        "runs": len(ordered),
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p99": round(p99 * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
        "cpu_p50": round(statistics.median(cpu) * 1000, 2),
    }


async def prepare_reports(db: Database) -> None:
    """The loaded rows' status history (one period each) and today's totals, as 0007 does."""
    async with db.transaction() as session:
        await session.execute(
            text(
                "INSERT INTO commitment_status_history"
                " (commitment_id, version, status, valid_from, valid_to)"
                " SELECT id, version, status, created_at, NULL FROM commitments"
            )
        )
        await session.execute(text("DELETE FROM funding_totals_day"))
        try:
            from funding.reports import totals
        except ImportError:  # before 0007: measuring the old code
            return
        await totals.roll_totals(session, today())


async def time_reports(db: Database, runs: int) -> dict[str, Any]:
    """The concentration report for today and for a past day, ``runs`` times each (+1 warm-up),
    twice: ``computed`` with no kept report (what the first read after a change pays: the
    versions read, then the report computed), ``kept`` with the process's kept reports (what a
    repeated read with no change in between pays)."""
    found: dict[str, Any] = {}
    kept = ReportSnapshots()
    for label, as_of in (("today", today()), ("2025-06-30", date(2025, 6, 30))):
        for mode in ("computed", "kept"):
            samples: list[float] = []
            cpu: list[float] = []
            for _ in range(runs + 1):
                snapshots = kept if mode == "kept" else ReportSnapshots()
                t0, c0 = time.perf_counter(), time.process_time()
                async with db.transaction(readonly=True) as session:
                    report = await concentration_report(
                        session, as_of=as_of, thin_grant_eur=Decimal(10000), snapshots=snapshots
                    )
                samples.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            found[f"{label}_{mode}"] = {
                **_percentiles(samples[1:], cpu[1:]),
                "commitments": report.commitments,
                "actors_funded": report.actors_funded,
                "total_committed_eur": report.total_committed_eur,
                "hhi": report.hhi,
            }
    return found


async def time_posts(
    db: Database, commitments: Rows, posts: int, seed: int, profile: Path | None
) -> dict[str, Any]:
    """``posts`` commitments made through the service, to actors drawn with the data's skew."""
    rng = random.Random(seed + 2)
    samples: list[float] = []
    cpu: list[float] = []
    profiler = None
    if profile is not None:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005, async_mode="enabled")
    bodies = [
        CommitmentCreate.model_validate(dataset.commitment(rng, rng.choice(commitments)[2]))
        for _ in range(posts + 20)
    ]
    for n, body in enumerate(bodies):
        caller = Identity("bench", "agency", dataset.donor(rng), f"r{n}")
        if profiler is not None and n == 20:
            profiler.start()
        t0, c0 = time.perf_counter(), time.process_time()
        async with db.transaction() as session:
            await commitment_service.make_commitment(session, caller=caller, data=body)
        if n >= 20:  # the first 20 warm the pool and caches
            samples.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    if profiler is not None and profile is not None:
        profiler.stop()
        await asyncio.to_thread(profile.write_text, profiler.output_text(unicode=True))
    return _percentiles(samples, cpu)


async def measure(url: str, commitments: Rows, probes: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed + 1)
    counts: dict[str, int] = {}
    for c in commitments:
        counts[c[2]] = counts.get(c[2], 0) + 1
    busiest = max(counts, key=lambda a: counts[a])
    db = Database(url)
    async with db.transaction() as session:
        for currency, rate in dataset.fx_rates().items():
            await session.execute(
                text("INSERT INTO fx_rates VALUES (:c, :d, :r, :t)"),
                {
                    "c": currency,
                    "d": date(2016, 1, 1),
                    "r": str(rate) if "sqlite" in url else rate,
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
                found_rows = await repository.overlapping_commitments(
                    session,
                    actor_id=actor_id,
                    donor="ZZ",
                    purposes=rng.sample(PURPOSES, 2),
                    start=start,
                    end=start + timedelta(days=730),
                )
                elapsed = time.perf_counter() - t0
            found += len(found_rows)
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
                plan = await session.execute(text(explain + _overlap_sql(db.url, actor_id)))
                plans[label] = [str(r[-1]) for r in plan.all()]
        async with db.transaction(readonly=True) as session:
            t0 = time.perf_counter()
            report = await concentration_report(
                session,
                as_of=date(2025, 6, 30),
                thin_grant_eur=Decimal(10000),
                snapshots=ReportSnapshots(),
            )
            report_seconds = time.perf_counter() - t0
    finally:
        await db.dispose()
    timings.sort()
    return {
        "probes": probes,
        "overlap_check_ms": {
            "median": round(statistics.median(timings) * 1000, 3),
            "p95": round(timings[max(int(len(timings) * 0.95) - 1, 0)] * 1000, 3),
            "max": round(timings[-1] * 1000, 3),
        },
        "overlap_check_ms_actor_weighted_by_commitments": {
            "median": round(statistics.median(weighted) * 1000, 3),
            "p95": round(sorted(weighted)[max(int(len(weighted) * 0.95) - 1, 0)] * 1000, 3),
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


async def service_timings(
    url: str, commitments: Rows, report_runs: int, posts: int, seed: int, profile: Path | None
) -> dict[str, Any]:
    db = Database(url)
    try:
        await prepare_reports(db)
        reports_ms = await time_reports(db, report_runs)
        posts_ms = await time_posts(db, commitments, posts, seed, profile)
        after_posts = await time_reports(db, max(report_runs // 3, 1))
    finally:
        await db.dispose()
    return {
        "concentration_ms": reports_ms,
        "commitment_post_ms": posts_ms,
        "concentration_ms_after_posts": after_posts,
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench overlap",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=15_000)
    parser.add_argument("--probes", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--report-runs", type=int, default=30)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--profile", type=Path, help="a pyinstrument profile of the POSTs")
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)

    t0 = time.perf_counter()
    data = rows(args.commitments, args.actors, args.seed)
    with tempfile.TemporaryDirectory(prefix="agora-bench-overlap-") as tmp:
        try:
            url = backend.database("funding", Path(tmp))
            upgrade(project_dir("funding"), url)
            if backend.kind == "sqlite":
                load_sqlite(Path(tmp) / "funding.db", data)
            else:
                asyncio.run(load_postgres(url, data))
            loaded = time.perf_counter() - t0
            result = asyncio.run(measure(url, data[1], args.probes, args.seed))
            result |= asyncio.run(
                service_timings(url, data[1], args.report_runs, args.posts, args.seed, args.profile)
            )
        finally:
            backend.drop()
    print(
        json.dumps(
            {
                "backend": backend.kind,
                "commitments": args.commitments,
                "actors": args.actors,
                "load_seconds": round(loaded, 1),
                **result,
            },
            indent=2,
        )
    )
