"""``python -m bench reports``: time evaluation's reports and assessment checks at the platform's
full size, on the evaluation service's database alone.

Builds a fresh database with the service's real migrations (a SQLite file in a temporary
directory, or a PostgreSQL database on ``AGORA_BENCH_POSTGRES_URL``, dropped afterwards),
bulk-loads 15,000 actors, N commitments, one cycle with 3 assessments each for 5,000 actors and
20,000 activities, all from ``bench/dataset.py``, then times the service's own functions through
its async session and prints the timings as JSON.
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from agora_common.db import Database
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
from evaluation.funding_view.models import FundedCommitment
from evaluation.reports.service import portfolio_report, representation_report
from sqlalchemy import insert

from bench import dataset
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


async def bench(url: str, actors: int, commitments: int, seed: int) -> list[dict[str, Any]]:
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
                report = await portfolio_report(session, cycle=cycle)
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

        results.append(await timed("portfolio report", 3, portfolio))
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
    args = parser.parse_args(argv)
    backend = Backend.from_env(args.backend)
    with tempfile.TemporaryDirectory(prefix="agora-bench-reports-") as tmp:
        try:
            url = backend.database("evaluation", Path(tmp))
            upgrade(project_dir("evaluation"), url)
            results = asyncio.run(bench(url, args.actors, args.commitments, args.seed))
        finally:
            backend.drop()
    print(json.dumps({"backend": backend.kind, "results": results}, indent=1))
