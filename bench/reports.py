"""``python -m bench reports``: time evaluation's reports and assessment checks at the platform's
full size, on the evaluation service's database alone.

Builds a fresh database with the service's real migrations (a SQLite file in a temporary
directory, or a PostgreSQL database on ``AGORA_BENCH_POSTGRES_URL``, dropped afterwards),
bulk-loads 15,000 actors, N commitments, one cycle with 3 assessments each for 5,000 actors and
20,000 activities, all from ``bench/dataset.py``, then times the service's own functions through
its async session and prints the timings as JSON.

The portfolio is measured three ways: ``portfolio recomputed in full`` (the whole cycle gathered
and computed, what every read cost before the kept portfolio); ``portfolio warm`` (the kept
portfolio is current: pages read from it, walking the cursor; p50 and p99 over ``--warm-reads``);
``portfolio cold`` (one change of the report inputs — an FX rate applied through the consumer's
handler — then the first read, which recomputes and keeps the portfolio again, ``--cold-runs``
times).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from agora_common.db import Database
from agora_common.events import CloudEvent
from agora_common.identity import Identity
from agora_common.migrations import upgrade
from agora_platform import project_dir
from evaluation.activities.models import Activity
from evaluation.actors_view.models import KnownActor
from evaluation.assessments import service as assessments
from evaluation.assessments.models import Assessment
from evaluation.cycles import repository as cycle_rows
from evaluation.cycles import service as cycles
from evaluation.cycles.models import Cycle
from evaluation.events import handlers
from evaluation.funding_view.models import FundedCommitment
from evaluation.reports import portfolio as recomputed
from evaluation.reports.inputs import tracked_handler
from evaluation.reports.service import portfolio_report, representation_report
from sqlalchemy import insert

from bench import dataset
from bench.loadgen import percentile
from bench.platform import Backend

YEAR = 2026


async def load(
    db: Database, rng: random.Random, actors: int, commitments: int
) -> tuple[str, list[str]]:
    now = datetime.now(UTC)
    actor_ids = [f"act_{i:06d}" for i in range(actors)]
    cycle_id = "cyc_bench"
    async with db.transaction() as session:
        known = []
        for actor_id in actor_ids:
            custodian = dataset.donor(rng)
            body = dataset.actor(rng, custodian)
            known.append(
                {
                    "actor_id": actor_id,
                    "version": 1,
                    "kind": body["kind"],
                    "sectors": body["sectors"],
                    "host_country": body["host_country"],
                    "origin_region": body["origin_region"],
                    "custodian_state": custodian,
                    "erased": False,
                    "updated_at": now,
                }
            )
        await session.execute(insert(KnownActor), known)
        await session.execute(
            insert(Cycle),
            [
                {
                    "id": cycle_id,
                    "name": dataset.cycle(YEAR)["name"],
                    "period_start": date(YEAR, 1, 1),
                    "period_end": date(YEAR, 12, 31),
                    "status": "open",
                    "created_at": now,
                    "closed_at": None,
                }
            ],
        )
        funded = [
            {
                "commitment_id": f"cmt_{i:022d}",
                "version": 1,
                "donor": donor,
                "actor_id": body["actor_id"],
                "instrument": body["instrument"],
                "amount": body.get("amount"),
                "currency": body.get("currency"),
                "period_start": date.fromisoformat(body["period"]["start"]),
                "period_end": date.fromisoformat(body["period"]["end"]),
                "status": dataset.settled(rng, body["status"]),
                "disbursed_total": None,
                "updated_at": now,
            }
            for i, (donor, body) in enumerate(dataset.portfolio(rng, actor_ids, commitments))
        ]
        for chunk in range(0, len(funded), 5_000):
            await session.execute(insert(FundedCommitment), funded[chunk : chunk + 5_000])
        assessments = []
        for i, actor_id in enumerate(actor_ids[: actors // 3]):
            for n in range(3):
                body = dataset.assessment(rng, actor_id)
                assessments.append(
                    {
                        "id": f"asm_{i:08d}_{n}",
                        "cycle_id": cycle_id,
                        "actor_id": actor_id,
                        "evaluator_id": f"evaluator-{n}",
                        "evaluator_state": None,
                        **body["scores"],
                        "rationale": body["rationale"],
                        "submitted_at": now,
                    }
                )
        await session.execute(insert(Assessment), assessments)
        activities = []
        for i in range(actors * 4 // 3):
            body = dataset.activity(rng, rng.choice(actor_ids), cycle_id, YEAR)
            participants = body["participants"]
            activities.append(
                {
                    "id": f"acy_{i:08d}",
                    "cycle_id": cycle_id,
                    "actor_id": body["actor_id"],
                    "kind": body["kind"],
                    "title": body["title"],
                    "held_on": date.fromisoformat(body["date"]),
                    "participants_total": participants["total"],
                    "participants_women": participants["women"],
                    "participants_non_russian": participants["non_russian_ethnic_origin"],
                    "audience_inside_russia": None,
                    "reported_by": dataset.donor(rng),
                    "recorded_at": now,
                }
            )
        await session.execute(insert(Activity), activities)
    return cycle_id, actor_ids


async def timed(label: str, runs: int, work: Callable[[], Awaitable[None]]) -> dict[str, Any]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - started) * 1000)
    return {"what": label, "runs": runs, "median_ms": round(statistics.median(samples), 1)}


FX_RATE_SET = "agora.funding.fx_rate_set.v1"
# As the consumer applies it: the handler as registered, noting the change of the report inputs.
apply_rate = tracked_handler(FX_RATE_SET, handlers.on_fx_rate_set)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


async def portfolio_figures(
    db: Database, cycle_id: str, *, warm_reads: int, cold_runs: int
) -> list[dict[str, Any]]:
    """The kept portfolio: pages read while it is current, and the first read after a change."""

    async def read(cursor: str | None) -> dict[str, Any]:
        async with db.transaction(readonly=True) as session:
            cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
            return await portfolio_report(session, cycle=cycle, cursor=cursor, limit=50)

    async def change(n: int) -> None:
        data = {"currency": "PLN", "eur_per_unit": f"0.23{n}", "as_of": f"{YEAR}-06-30"}
        at = datetime.now(UTC) + timedelta(seconds=n)  # each a later correction
        event = CloudEvent(FX_RATE_SET, "agora/funding", "PLN", data, time=at)
        async with db.transaction() as session:
            await apply_rate(session, event)

    # Wall time and this process's CPU time (its threads too: aiosqlite's; not PostgreSQL's).
    cold: list[float] = []
    cold_cpu: list[float] = []
    for n in range(cold_runs):
        await change(n)
        started, cpu = time.perf_counter(), time.process_time()
        first = await read(None)
        cold.append(time.perf_counter() - started)
        cold_cpu.append(time.process_time() - cpu)
    warm: list[float] = []
    warm_cpu: list[float] = []
    cursor = first["next_cursor"]
    for _ in range(warm_reads):
        started, cpu = time.perf_counter(), time.process_time()
        answer = await read(cursor)
        warm.append(time.perf_counter() - started)
        warm_cpu.append(time.process_time() - cpu)
        cursor = answer["next_cursor"]  # the next page; after the last, the first again
    return [
        {
            "what": "portfolio cold: the first read after a change (recomputed and kept)",
            "runs": cold_runs,
            "median_ms": _ms(statistics.median(cold)),
            "max_ms": _ms(max(cold)),
            "cpu_median_ms": _ms(statistics.median(cold_cpu)),
        },
        {
            "what": "portfolio warm: a page of 50 from the kept portfolio",
            "runs": warm_reads,
            "p50_ms": _ms(percentile(warm, 50) or 0),
            "p99_ms": _ms(percentile(warm, 99) or 0),
            "cpu_p50_ms": _ms(percentile(warm_cpu, 50) or 0),
            "cpu_p99_ms": _ms(percentile(warm_cpu, 99) or 0),
            "actors": first["totals"]["actors"],
        },
    ]


async def bench(
    url: str, actors: int, commitments: int, seed: int, warm_reads: int = 30, cold_runs: int = 3
) -> list[dict[str, Any]]:
    db = Database(url)
    rng = random.Random(seed)
    try:
        started = time.perf_counter()
        cycle_id, actor_ids = await load(db, rng, actors, commitments)
        loaded = round(time.perf_counter() - started, 1)
        results: list[dict[str, Any]] = [{"what": "bulk load", "seconds": loaded}]

        async def portfolio() -> None:
            async with db.transaction(readonly=True) as session:
                cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
                report = await recomputed.portfolio_report(session, cycle=cycle)
            assert report["actors"]

        async def representation() -> None:
            async with db.transaction(readonly=True) as session:
                cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
                await representation_report(session, cycle=cycle)

        async def refusal_check() -> None:
            async with db.transaction(readonly=True) as session:
                cycle = await cycles.get_cycle(session, cycle_id=cycle_id)
                caller = Identity("bench", "evaluator", dataset.donor(rng), "r")
                await assessments.refusal_for(
                    session, cycle=cycle, caller=caller, actor_id=rng.choice(actor_ids)
                )

        async def progress() -> None:
            async with db.transaction(readonly=True) as session:
                await cycle_rows.progress(session, [cycle_id])

        results.append(await timed("portfolio recomputed in full", cold_runs, portfolio))
        results += await portfolio_figures(db, cycle_id, warm_reads=warm_reads, cold_runs=cold_runs)
        results.append(await timed("representation report", 3, representation))
        results.append(await timed("assessment refusal checks", 200, refusal_check))
        results.append(await timed("cycle progress", 20, progress))
        return results
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench reports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", choices=["sqlite", "postgres"], help="default: AGORA_BENCH_DB, else sqlite"
    )
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument(
        "--actors",
        type=int,
        default=15_000,
        help="a third of them assessed (3 each); 4/3 as many activities",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--warm-reads", type=int, default=30, help="pages read from the kept portfolio"
    )
    parser.add_argument(
        "--cold-runs", type=int, default=3, help="changes, each followed by the first read"
    )
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    with tempfile.TemporaryDirectory(prefix="agora-bench-reports-") as tmp:
        try:
            url = backend.database("evaluation", Path(tmp))
            upgrade(project_dir("evaluation"), url)
            results = asyncio.run(
                bench(
                    url,
                    args.actors,
                    args.commitments,
                    args.seed,
                    warm_reads=args.warm_reads,
                    cold_runs=args.cold_runs,
                )
            )
        finally:
            backend.drop()
    print(json.dumps({"backend": backend.kind, "results": results}, indent=1))
