"""One soak mode: start its NATS and databases and the platform, run the load and the faults,
verify, and say what happened (the mode's entry of the results JSON)."""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agora_common.nats_server import free_port

from agora_platform.soak.faults import Faults, Plan, ready
from agora_platform.soak.load import CYCLE_PERIOD, STATES, Caller, Ledger, Load
from agora_platform.soak.nats import NatsCluster, count_events, single_server, stream_replicas
from agora_platform.soak.postgres import PgServer, create_databases, server_root, service_urls
from agora_platform.soak.verify import (
    STREAMS,
    check_events,
    check_writes,
    database_query,
    judge_answers,
)
from agora_platform.supervisor import Platform
from agora_platform.testing.e2e import ADMIN_ID, ADMIN_SECRET, TOKENS_PER_MINUTE, Agora

CONVERGENCE_SECONDS = 120.0  # after the load: for the read models to catch up
DRAIN_SECONDS = (
    150.0  # after the load: for writes still retrying (a stale idempotency claim: 2 min)
)


@dataclass
class Mode:
    name: str
    plan: Plan
    database: str = "sqlite"  # sqlite, postgres, pg_failover
    nats: str = "single"  # single, cluster


def modes(short: bool = False) -> dict[str, Mode]:
    """The four modes; ``short``: fewer faults, for the test in ``make test``."""
    if short:
        return {
            # The gateway too: a write it held when killed is refused by its service when
            # retried (agora_common.applied), after the key's claim went stale (2 min).
            "sqlite": Mode("sqlite", Plan(nats_restarts=3, kills_per_process=1)),
        }
    return {
        "sqlite": Mode("sqlite", Plan(nats_restarts=20, kills_per_process=3)),
        "postgres": Mode(
            "postgres",
            Plan(nats_restarts=20, kills_per_process=3, postgres_restarts=3),
            database="postgres",
        ),
        "nats_cluster": Mode(
            "nats_cluster", Plan(nats_node_kills=6, nats_node_hangs=3), nats="cluster"
        ),
        "pg_failover": Mode("pg_failover", Plan(failovers=1), database="pg_failover"),
    }


def say(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


async def run_mode(mode: Mode, minutes: float, workdir: Path) -> dict[str, Any]:
    """Run ``mode`` for ``minutes`` of load in ``workdir``; its results."""
    data_dir = workdir / mode.name
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(mode=0o700, parents=True)
    pg_root: Path | None = None
    servers: list[PgServer] = []
    cluster: NatsCluster | None = None
    env = {
        "AGORA_ADMIN_CLIENT_ID": ADMIN_ID,
        "AGORA_ADMIN_CLIENT_SECRET": ADMIN_SECRET,
        "AGORA_GATEWAY_TOKEN_REQUESTS_PER_ADDRESS_PER_MINUTE": str(TOKENS_PER_MINUTE),
        "AGORA_GATEWAY_ANONYMOUS_REQUESTS_PER_ADDRESS_PER_MINUTE": "6000",
    }
    platform = Platform(
        data_dir=data_dir,
        gateway_port=free_port(),
        env=env,
        log_dir=data_dir / "logs",
        ready_timeout=300,  # a shared, busy machine starts five Python processes slowly
    )
    try:
        if mode.database != "sqlite":
            pg_root = server_root()
            servers.append(PgServer(pg_root / "primary").init())
            if mode.database == "pg_failover":
                servers[0].settings["synchronous_standby_names"] = "standby"
            servers[0].start()
            if mode.database == "pg_failover":
                servers.append(PgServer(pg_root / "standby", "standby").base_backup_of(servers[0]))
                servers[1].start()
            await create_databases(servers[0])
            for part, url in service_urls(servers).items():
                env[f"AGORA_{part.upper()}_DATABASE_URL"] = url
        if mode.nats == "cluster":
            cluster = NatsCluster(data_dir).start()
            platform.nats_url = cluster.url
            platform.nats_dev_users = True
            env["AGORA_NATS_STREAM_REPLICAS"] = "3"
        else:
            platform.nats = single_server(data_dir).start()
            platform.nats_url = platform.nats.url
        say(f"{mode.name}: starting the platform")
        await asyncio.to_thread(platform.start)
        return await _soak(mode, minutes, platform, cluster, servers)
    finally:
        await asyncio.to_thread(platform.stop)
        if cluster is not None:
            cluster.stop()
        for server in servers:
            server.remove()
        if pg_root is not None:
            shutil.rmtree(pg_root, ignore_errors=True)


async def _callers(platform: Platform) -> tuple[Agora, list[Caller], list[Caller], str]:
    agora = Agora(platform)
    await agora.start()
    agencies, evaluators = [], []
    for state in STATES:
        created = await agora.register_client("agency", state)
        agencies.append(
            Caller(
                platform.gateway_url,
                created["client_id"],
                created["client_secret"],
                role="agency",
                state=state,
            )
        )
    for n in range(2):
        created = await agora.register_client("evaluator", name=f"soak evaluator {n}")
        evaluators.append(
            Caller(
                platform.gateway_url,
                created["client_id"],
                created["client_secret"],
                role="evaluator",
                state=None,
            )
        )
    cycle = await agora.admin.post(
        "/v1/evaluation/cycles",
        json={"name": f"Soak {uuid.uuid4().hex[:6]}", "period": CYCLE_PERIOD},
    )
    assert cycle.status_code == 201, cycle.text
    return agora, agencies, evaluators, str(cycle.json()["id"])


async def _soak(
    mode: Mode,
    minutes: float,
    platform: Platform,
    cluster: NatsCluster | None,
    servers: list[PgServer],
) -> dict[str, Any]:
    agora, agencies, evaluators, cycle_id = await _callers(platform)
    seconds = minutes * 60
    ledger = Ledger()
    load = Load(ledger, agencies, evaluators, cycle_id)
    faults = Faults(platform, mode.plan, cluster=cluster, postgres=list(servers), log=say)
    supervisor = faults.start_supervising()
    say(f"{mode.name}: load for {seconds:.0f} s, {len(mode.plan.faults())} faults")
    started = time.monotonic()
    loading = asyncio.create_task(load.run(pause=0.05))
    try:
        # Faults over the first 85 % of the run; the rest is load on a platform at peace.
        await faults.run(seconds * 0.85)
        await asyncio.sleep(max(0.0, started + seconds - time.monotonic()))
        load.give_up_at = time.monotonic() + DRAIN_SECONDS
        load.stop.set()
        await loading
    finally:
        if not loading.done():
            loading.cancel()
        faults.stop_supervising()
        await asyncio.to_thread(supervisor.join)
    loaded = time.monotonic() - started
    say(f"{mode.name}: load ended after {loaded:.0f} s; {ledger.writes_acknowledged} writes")

    ready_at_end = await asyncio.to_thread(ready, platform.gateway_url)
    urls = {p: platform.database_url(p) for p in ("actors", "funding", "evaluation")}
    primary: Callable[[], str] | None = None
    if servers:
        primary = lambda: faults.postgres[0].admin_dsn  # noqa: E731 (the primary after failover)
    query = database_query(urls, primary)
    deadline = time.monotonic() + CONVERGENCE_SECONDS
    while True:
        writes = await check_writes(ledger, query)
        counts = await count_events(
            platform.nats_url or "", platform.data_dir, list(STREAMS.values())
        )
        events = await check_events(query, counts)
        settled = not (writes["lost"] or events["lost"] or events["unpublished"])
        if settled or time.monotonic() > deadline:
            break
        await asyncio.sleep(2)
    streams = await stream_replicas(
        platform.nats_url or "", platform.data_dir, list(STREAMS.values())
    )
    converged = CONVERGENCE_SECONDS - max(0.0, deadline - time.monotonic())
    for caller in (*agencies, *evaluators):
        await caller.close()
    await agora.close()

    windows = faults.windows
    recoveries = [w.ready - w.acted for w in windows if w.ready is not None]
    last = windows[-1] if windows else None
    answers = judge_answers(ledger, windows)
    ready_after_last = (
        round(last.ready - last.acted, 2) if last is not None and last.ready is not None else None
    )
    result: dict[str, Any] = {
        "minutes": round(loaded / 60, 2),
        "writes_acknowledged": ledger.writes_acknowledged,
        "writes_by_kind": {
            "registrations": len(ledger.actors),
            "patches": sum(ledger.patches.values()),
            "commitments": len(ledger.commitments),
            "disbursements": sum(ledger.disbursements.values()),
            "assessments": len(ledger.assessments),
            # Retries the service refused as already applied: the first answer was lost.
            "applied_unanswered": dict(ledger.applied_unanswered),
        },
        "lost": writes["lost"] + events["lost"],
        "duplicated": writes["duplicated"] + events["duplicated"],
        "faults": faults.counts,
        "answers_by_status": ledger.by_status(),
        "ready_after_last_fault_s": ready_after_last,
        "recovery_s": {
            "median": round(statistics.median(recoveries), 2) if recoveries else None,
            "max": round(max(recoveries), 2) if recoveries else None,
            "not_ready_within_90_s": sum(1 for w in windows if w.ready is None),
        },
        "requests": len(ledger.answers),
        "writes_abandoned": dict(ledger.abandoned),
        "final_4xx": dict(ledger.refused),
        "writes_retried": dict(ledger.retried),
        "writes": writes,
        "events": events,
        "streams": streams,
        "answers": answers,
        "converged_after_load_s": round(converged, 1),
        "ready_at_end": ready_at_end,
        "supervisor_restarts": {n: r.count for n, r in platform.restarts.items() if r.count},
    }
    result["passed"] = bool(
        result["lost"] == 0
        and result["duplicated"] == 0
        and events["unpublished"] == 0
        and not answers["unexpected_5xx"]
        and not answers["retryable_without_retry_after"]
        and ready_after_last is not None
        and ready_after_last <= 60
        and ready_at_end
    )
    return result


def default_workdir() -> Path:
    return Path(os.environ.get("AGORA_SOAK_DIR", "var/soak"))
